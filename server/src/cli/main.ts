// Entry point of the bundled CLI: `kube-channel-guard [options] <files, folders or ->` and `kube-channel-guard explain <rule>`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderRulePage } from '../engine/docs/ruleDocs';
import { ALL_RULES, ruleById } from '../engine/rules/registry';
import type { Rule } from '../engine/rules/types';
import { analyzeWorkspace, type WorkspaceInput, type WorkspaceResult } from '../engine/workspace/analyzeWorkspace';
import { lineColumn, loadProjectConfig, projectFileIn } from '../settings/loadProjectConfig';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { isKustomizePatch } from '../workspace/kustomize';
import { parseArgs, USAGE, UsageError, type CheckRequest, type Request } from './args';
import { collectFiles, describeError, PathError } from './files';
import { atLeast, formatJson, formatText, type RunResult, type SkippedFile } from './format';
import { ExcludeMatcher } from './glob';
import { formatHtml } from './html';
import { readSource } from './input';
import { writeFileAtomically, writeStdout } from './output';
import { formatSarif } from './sarif';
import { didYouMean } from './suggest';

declare const PACKAGE_VERSION: string | undefined;

const NAME = 'kube-channel-guard';
const version = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : undefined;

function run(request: Request): number {
  switch (request.kind) {
    case 'help':
      writeStdout(`${USAGE}\n`);
      return 0;
    case 'version':
      writeStdout(`${version ?? 'dev'}\n`);
      return 0;
    case 'explain':
      writeStdout(renderRulePage(ruleNamed(request.ruleId)));
      return 0;
    case 'check':
      return check(request);
  }
}

/** A rule by id (any case) or by name, or a usage error that suggests the closest id or name. */
function ruleNamed(idOrName: string): Rule {
  const rule = ruleById(idOrName.toUpperCase()) ?? ALL_RULES.find((r) => r.meta.name === idOrName.toLowerCase());
  if (rule) return rule;
  // Ids are numbers, so only a misread digit (O for 0, I or l for 1) earns a suggestion; names are matched by spelling.
  const digits = idOrName.toUpperCase().replace(/(?<=^KCG.*)O/g, '0').replace(/(?<=^KCG.*)[IL]/g, '1');
  const hint = ruleById(digits) ? ` (did you mean ${digits}?)` : /^kcg/i.test(idOrName) ? '' : didYouMean(idOrName, ALL_RULES.map((r) => r.meta.name));
  throw new UsageError(`unknown rule id ${idOrName}${hint}; the rules are listed in docs/rules.md`);
}

function check(request: CheckRequest): number {
  const settings = projectSettings(request.config);
  const maxFileSizeKiB = settings.maxFileSizeKiB ?? DEFAULT_SETTINGS.maxFileSizeKiB;
  const sources = settings.enable === false ? [] : collectFiles(request.paths, new ExcludeMatcher(request.exclude), request.stdinFilename ?? '<stdin>');
  const inputs: WorkspaceInput[] = [];
  const skipped: SkippedFile[] = [];
  for (const source of sources) {
    const read = readSource(source, maxFileSizeKiB);
    if (read.kind === 'skipped') {
      process.stderr.write(`${NAME}: skipped ${source.path}: ${read.reason}\n`);
      skipped.push({ path: source.path, reason: read.reason });
      continue;
    }
    if (read.warning) process.stderr.write(`${NAME}: ${source.path}: ${read.warning}\n`);
    // Standard input is a patch only when --stdin-filename names a file its kustomization lists.
    const partial = source.kind === 'file' || request.stdinFilename !== undefined ? isKustomizePatch(source.path) : false;
    inputs.push({ uri: uriFor(request, source.path, source.kind === 'stdin' && request.stdinFilename === undefined), text: read.text, partial });
  }
  const ruleErrors: Array<{ ruleId: string; message: string }> = [];
  const workspace = analyzeWorkspace(inputs, {
    kubernetesVersion: request.kubernetesVersion ?? (settings.kubernetesVersion || undefined),
    severity: (id) => settings.rules?.[id],
    onRuleError: (ruleId, error) => {
      // A rule that throws is a bug of ours: say so once per rule, and keep the other rules' findings.
      if (ruleErrors.some((e) => e.ruleId === ruleId)) return;
      const message = error instanceof Error ? error.message : String(error);
      ruleErrors.push({ ruleId, message });
      process.stderr.write(`${NAME}: rule ${ruleId} failed, so its findings may be missing (please report it): ${message}\n`);
    },
  });
  const result: RunResult = { files: workspace.files.map((f) => ({ path: f.uri, findings: f.findings })), skipped };
  const output = render(request, result, workspace, ruleErrors);
  if (request.output !== undefined) writeFileAtomically(request.output, output);
  else writeStdout(output);
  if (request.failOn === 'never') return 0;
  const threshold = request.failOn;
  return result.files.some((f) => f.findings.some((finding) => atLeast(finding.severity, threshold))) ? 1 : 0;
}

/**
 * How a file is named in the analysis, and so in the output: as the user named it, except in an HTML report written
 * with --output, whose links to the files must be relative to the report's own folder.
 */
function uriFor(request: CheckRequest, displayPath: string, unnamedStdin: boolean): string {
  if (request.format !== 'html' || request.output === undefined || unnamedStdin || path.isAbsolute(displayPath)) return displayPath;
  return path.relative(path.dirname(path.resolve(request.output)), path.resolve(displayPath)) || displayPath;
}

function render(request: CheckRequest, result: RunResult, workspace: WorkspaceResult, ruleErrors: ReadonlyArray<{ ruleId: string; message: string }>): string {
  switch (request.format) {
    case 'text':
      return formatText(result);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, { cwd: process.cwd(), version, helpUriBase: request.helpUriBase, rulePagesDir: rulePagesDir(), ruleErrors });
    case 'html':
      return formatHtml(workspace, request.title);
  }
}

/**
 * The folder of the rule pages shipped with the CLI: `docs/rules` next to `dist/` in the package. The compiled (not
 * bundled) CLI sits deeper, under `out/server/src/cli`, so the folders above are searched too.
 */
function rulePagesDir(): string {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, '..', 'docs', 'rules');
    if (fs.existsSync(path.join(candidate, 'KCG001.md'))) return path.resolve(candidate);
  }
  return path.resolve(__dirname, '..', 'docs', 'rules');
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
    throw new PathError(`cannot read project file ${file}: ${describeError(error)}`);
  }
  const [problem] = config.problems;
  if (problem) {
    const more = config.problems.length > 1 ? ` (and ${config.problems.length - 1} more problem${config.problems.length > 2 ? 's' : ''})` : '';
    throw new ConfigError(`${file}:${lineColumn(config.text, problem.start)}: ${problem.message}${more}`);
  }
  return config.settings;
}

function main(): void {
  try {
    process.exitCode = run(parseArgs(process.argv.slice(2)));
  } catch (error) {
    process.exitCode = 2;
    if (error instanceof UsageError || error instanceof PathError || error instanceof ConfigError) {
      process.stderr.write(`${NAME}: ${error.message}\n`);
      return;
    }
    // Anything else is a bug of ours: one line to read, then the stack for the report.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${NAME}: internal error (please report it): ${message}\n${error instanceof Error ? error.stack ?? '' : ''}\n`);
  }
}

main();
