// Entry point of the bundled CLI: `kube-channel-guard [--format text|json] <files or folders>`.
import { analyzeText } from '../engine/analyze';
import { renderRulePage } from '../engine/docs/ruleDocs';
import { ruleById } from '../engine/rules/registry';
import { parseArgs, USAGE, UsageError, type Request } from './args';
import { collectFiles, readFile, UnreadablePathError } from './files';
import { formatJson, formatText, type FileResult } from './format';
import { isKustomizePatch } from '../workspace/kustomize';
import { lineColumn, loadProjectConfig, projectFileIn } from '../settings/loadProjectConfig';
import type { Settings } from '../settings/schema';

declare const PACKAGE_VERSION: string | undefined;

function run(request: Request): number {
  switch (request.kind) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'version':
      process.stdout.write(`${typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev'}\n`);
      return 0;
    case 'explain': {
      const rule = ruleById(request.ruleId.toUpperCase());
      if (!rule) throw new UsageError(`unknown rule id ${request.ruleId}`);
      process.stdout.write(renderRulePage(rule));
      return 0;
    }
    case 'check': {
      const settings = projectSettings(request.config);
      const kubernetesVersion = request.kubernetesVersion ?? (settings.kubernetesVersion || undefined);
      const files = settings.enable === false ? [] : collectFiles(request.paths);
      const results: FileResult[] = files.map((path) => ({
        path,
        findings: analyzeText(readFile(path), { kubernetesVersion, partial: isKustomizePatch(path), severity: (id) => settings.rules?.[id] }).findings,
      }));
      process.stdout.write(request.format === 'json' ? formatJson(results) : formatText(results));
      return results.some((r) => r.findings.length > 0) ? 1 : 0;
    }
  }
}

/** An invalid project file: one line naming the file, the place and the problem. */
class ConfigError extends Error {}

/** The project file's settings: the one named by --config, else `.kube-channel-guard.yaml` here; invalid files stop the run. */
function projectSettings(explicit: string | undefined): Partial<Settings> {
  const file = explicit ?? projectFileIn('.');
  if (!file) return {};
  let config: ReturnType<typeof loadProjectConfig>;
  try {
    config = loadProjectConfig(file);
  } catch (error) {
    throw new UnreadablePathError(`cannot read project file ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const [problem] = config.problems;
  if (problem) throw new ConfigError(`${file}:${lineColumn(config.text, problem.start)}: ${problem.message}`);
  return config.settings;
}

function main(): void {
  try {
    process.exitCode = run(parseArgs(process.argv.slice(2)));
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnreadablePathError || error instanceof ConfigError) {
      process.stderr.write(`kube-channel-guard: ${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write('Run kube-channel-guard --help for usage.\n');
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

main();
