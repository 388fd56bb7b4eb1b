// Parses the CLI's command line into a request, or a usage error.
export type Format = 'text' | 'json';

export type Request =
  | { kind: 'check'; format: Format; paths: string[]; kubernetesVersion?: string; config?: string }
  | { kind: 'explain'; ruleId: string }
  | { kind: 'help' }
  | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = [
  'usage: kube-channel-guard [--format text|json] [--kubernetes-version 1.31] [--config file] <file or folder>...',
  '       kube-channel-guard explain <rule id>',
  '',
  'Checks Kubernetes YAML for insecure control-plane channel settings.',
  'Folders are searched for *.yaml and *.yml files (skipping .git and node_modules).',
  '--kubernetes-version checks against that release; by default the version the file names',
  '(image tag, kubeadm kubernetesVersion, Cluster API version), else the newest the rules know.',
  '--config reads a project file; by default .kube-channel-guard.yaml in the current folder, if there is one.',
  'Exit status: 0 no findings, 1 findings, 2 usage error, unreadable file or invalid project file.',
].join('\n');

export function parseArgs(argv: readonly string[]): Request {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  if (argv[0] === 'explain') {
    if (argv.length !== 2) throw new UsageError('explain takes one rule id, for example: kube-channel-guard explain KCG201');
    return { kind: 'explain', ruleId: argv[1] };
  }
  let format: Format = 'text';
  let kubernetesVersion: string | undefined;
  let config: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format takes text or json, not ${value ?? 'nothing'}`);
      format = value;
    } else if (a === '--kubernetes-version' || a.startsWith('--kubernetes-version=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!value || !/^v?\d+\.\d+(\.\d+)?$/.test(value)) throw new UsageError(`--kubernetes-version takes a version like 1.31, not ${value ?? 'nothing'}`);
      kubernetesVersion = value;
    } else if (a === '--config' || a.startsWith('--config=')) {
      config = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (!config) throw new UsageError('--config takes the path of a project file');
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else {
      paths.push(a);
    }
  }
  if (paths.length === 0) throw new UsageError('no files or folders given');
  return { kind: 'check', format, paths, kubernetesVersion, config };
}
