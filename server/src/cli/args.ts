// Parses the CLI's command line into a request, or a usage error of one line.
import type { Severity } from '../engine/types';
import { didYouMean } from './suggest';

export const FORMATS = ['text', 'json', 'sarif', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** The lowest severity that fails the run, or `never`. */
export const FAIL_ON = ['error', 'warning', 'info', 'hint', 'never'] as const;
export type FailOn = Severity | 'never';

export interface CheckRequest {
  kind: 'check';
  format: Format;
  paths: string[];
  kubernetesVersion?: string;
  config?: string;
  exclude: string[];
  failOn: FailOn;
  /** How standard input (`-`) is named in the output. */
  stdinFilename?: string;
  output?: string;
  /** Base URL of the rule pages for SARIF `helpUri`; by default the pages shipped with the CLI. */
  helpUriBase?: string;
  /** Title of the HTML report. */
  title?: string;
}

export type Request = CheckRequest | { kind: 'explain'; ruleId: string } | { kind: 'help' } | { kind: 'version' };

export class UsageError extends Error {}

export const USAGE = [
  'usage: kube-channel-guard [options] <file, folder or -> ...',
  '       kube-channel-guard explain <rule id or name>',
  '',
  'Checks Kubernetes YAML for insecure control-plane channel settings.',
  'Folders are searched recursively for *.yaml and *.yml files (skipping .git and node_modules); - reads standard input.',
  '',
  'options:',
  '  --format text|json|sarif|html  output format (default text); html writes the channel map as one page',
  '  --output <file>                write the output to a file instead of standard output',
  '  --fail-on <severity>           exit 1 only for findings at or above error, warning, info or hint (default hint),',
  '                                 or never',
  '  --exclude <glob>               skip matching paths; repeatable. With a slash the glob matches paths relative',
  '                                 to the folder given (charts/**), without one base names (*.tmpl.yaml);',
  '                                 * and ? stay within a folder name, ** spans folders',
  '  --stdin-filename <name>        the name shown for standard input (default <stdin>)',
  '  --kubernetes-version <1.31>    check against that release; by default the version the file names',
  '                                 (image tag, kubeadm kubernetesVersion, Cluster API version), else the newest known',
  '  --config <file>                the project file; by default .kube-channel-guard.yaml in the current folder',
  '  --help-uri-base <url>          SARIF helpUri base for the rule pages (default: the pages shipped with the CLI)',
  '  --title <text>                 title of the html report',
  '  --version, --help',
  '',
  'Exit status: 0 no finding at or above --fail-on, 1 such findings, 2 usage error, unreadable path,',
  'invalid project file or internal error. Files over maxFileSizeKiB and binary files are skipped with a message.',
].join('\n');

/** Options that take a value, by name. */
const VALUE_OPTIONS = ['--format', '--output', '--fail-on', '--exclude', '--stdin-filename', '--kubernetes-version', '--config', '--help-uri-base', '--title'] as const;
type ValueOption = (typeof VALUE_OPTIONS)[number];
const ALL_OPTIONS = [...VALUE_OPTIONS, '--help', '--version'];

export function parseArgs(argv: readonly string[]): Request {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version')) return { kind: 'version' };
  if (argv[0] === 'explain') {
    if (argv.length !== 2) throw new UsageError('explain takes one rule id, for example: kube-channel-guard explain KCG201');
    return { kind: 'explain', ruleId: argv[1] };
  }
  const request: CheckRequest = { kind: 'check', format: 'text', paths: [], exclude: [], failOn: 'hint' };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (onlyPaths || !a.startsWith('-') || a === '-') {
      request.paths.push(a);
      continue;
    }
    if (a === '--') {
      onlyPaths = true;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (!(VALUE_OPTIONS as readonly string[]).includes(name)) {
      throw new UsageError(`unknown option ${name}${didYouMean(name, ALL_OPTIONS)}; see kube-channel-guard --help`);
    }
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${name} needs a value`);
    setOption(request, name as ValueOption, value);
  }
  if (request.paths.length === 0) throw new UsageError('no files or folders given; see kube-channel-guard --help');
  if (request.paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given only once');
  if (request.stdinFilename !== undefined && !request.paths.includes('-')) throw new UsageError('--stdin-filename names standard input, so it needs - among the paths');
  return request;
}

function setOption(request: CheckRequest, name: ValueOption, value: string): void {
  switch (name) {
    case '--format':
      if (!(FORMATS as readonly string[]).includes(value)) throw new UsageError(`--format takes ${oneOf(FORMATS)}, not ${value}${didYouMean(value, FORMATS)}`);
      request.format = value as Format;
      return;
    case '--fail-on':
      if (!(FAIL_ON as readonly string[]).includes(value)) throw new UsageError(`--fail-on takes ${oneOf(FAIL_ON)}, not ${value}${didYouMean(value, FAIL_ON)}`);
      request.failOn = value as FailOn;
      return;
    case '--kubernetes-version':
      if (!/^v?\d+\.\d+(\.\d+)?$/.test(value)) throw new UsageError(`--kubernetes-version takes a version like 1.31, not ${value}`);
      request.kubernetesVersion = value;
      return;
    case '--exclude':
      if (value === '') throw new UsageError('--exclude takes a glob such as charts/** or *.tmpl.yaml');
      request.exclude.push(value);
      return;
    case '--help-uri-base':
      if (!isAbsoluteUrl(value)) throw new UsageError(`--help-uri-base takes an absolute URL such as https://example.com/docs/rules, not ${value}`);
      request.helpUriBase = value.replace(/\/+$/, '');
      return;
    case '--config':
    case '--output':
    case '--stdin-filename':
    case '--title':
      if (value === '') throw new UsageError(`${name} needs a value`);
      if (name === '--config') request.config = value;
      else if (name === '--output') request.output = value;
      else if (name === '--stdin-filename') request.stdinFilename = value;
      else request.title = value;
      return;
  }
}

/** `a, b, c or d`. */
function oneOf(values: readonly string[]): string {
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function isAbsoluteUrl(value: string): boolean {
  try {
    return new URL(value).protocol.length > 1 && /^[a-z][a-z0-9+.-]*:/i.test(value);
  } catch {
    return false;
  }
}
