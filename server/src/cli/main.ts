// Entry point of the bundled CLI: `kube-channel-guard [--format text|json] <files or folders>`.
import { analyzeText } from '../engine/analyze';
import { renderRulePage } from '../engine/docs/ruleDocs';
import { ruleById } from '../engine/rules/registry';
import { parseArgs, USAGE, UsageError, type Request } from './args';
import { collectFiles, readFile, UnreadablePathError } from './files';
import { formatJson, formatText, type FileResult } from './format';
import { isKustomizePatch } from '../workspace/kustomize';

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
      const results: FileResult[] = collectFiles(request.paths).map((path) => ({
        path,
        findings: analyzeText(readFile(path), { kubernetesVersion: request.kubernetesVersion, partial: isKustomizePatch(path) }).findings,
      }));
      process.stdout.write(request.format === 'json' ? formatJson(results) : formatText(results));
      return results.some((r) => r.findings.length > 0) ? 1 : 0;
    }
  }
}

function main(): void {
  try {
    process.exitCode = run(parseArgs(process.argv.slice(2)));
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnreadablePathError) {
      process.stderr.write(`kube-channel-guard: ${error.message}\n`);
      if (error instanceof UsageError) process.stderr.write('Run kube-channel-guard --help for usage.\n');
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

main();
