// Runs the workspace rules over every file's channel ends, and places their findings in files: suppressions, then merging.
import { WORKSPACE_RULES } from '../rules/registry';
import type { WorkspaceReport, WorkspaceRule } from '../rules/types';
import type { FileSuppressions } from '../suppress';
import type { Finding, Severity } from '../types';
import { parseVersion } from '../version';
import type { ChannelEnds } from './channelEnds';

export interface CrossFileOptions {
  /**
   * Overrides a rule's default severity; `off` drops its findings. `uri` is the file a finding is in, for callers whose
   * settings differ per file or folder (the language server); a function of the rule id alone applies everywhere.
   */
  severity?: (ruleId: string, uri: string) => Severity | 'off' | undefined;
  /** The Kubernetes version to check against (`1.31`); by default what each file says. */
  kubernetesVersion?: string;
  /** The workspace rules to run (all of them by default). */
  rules?: readonly WorkspaceRule[];
  /** Called when a rule throws; the other rules' findings are still returned. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface CrossFileFinding {
  /** The file the finding is in. */
  uri: string;
  /** Its `suppressions` are empty until finishCrossFileFindings has seen the file's comments. */
  finding: Finding;
}

export interface FileEnds {
  uri: string;
  ends: ChannelEnds;
}

/** The findings only both ends of a channel reveal, each with related locations at the other end(s). Pure and cheap: no parsing. */
export function crossFileFindings(files: readonly FileEnds[], options: CrossFileOptions = {}): CrossFileFinding[] {
  const found: CrossFileFinding[] = [];
  const kubernetesVersion = parseVersion(options.kubernetesVersion);
  for (const rule of options.rules ?? WORKSPACE_RULES) {
    const { meta } = rule;
    const reports: WorkspaceReport[] = [];
    try {
      rule.checkWorkspace({ files, kubernetesVersion, report: (r) => reports.push(r) });
    } catch (error) {
      options.onRuleError?.(meta.id, error);
      continue;
    }
    for (const r of reports) {
      const severity = options.severity?.(meta.id, r.uri) ?? meta.severity;
      if (severity === 'off') continue;
      found.push({
        uri: r.uri,
        finding: { ruleId: meta.id, ruleName: meta.name, channel: meta.channel, severity, message: r.message, range: r.range, fixes: r.fixes ?? [], suppressions: [], related: r.related },
      });
    }
  }
  return found;
}

/** The cross-file findings located in one file, from a list for the whole workspace. */
export function crossFileFindingsIn(uri: string, found: readonly CrossFileFinding[]): Finding[] {
  return found.filter((f) => f.uri === uri).map((f) => f.finding);
}

/** What the file's suppression comments give: the findings they silence, and the "Disable for this line/file" edits. */
export type SuppressionView = Pick<FileSuppressions, 'apply' | 'fixesFor'>;

/**
 * Applies the file's suppression comments to the cross-file findings located in it (a `disable-next-line` above the
 * finding's line, or a `disable-file`, naming the rule) and gives the survivors their suppression edits. The hints about
 * comments (KCG002, KCG003) are the single-file analysis's: none are added here.
 */
export function finishCrossFileFindings(found: readonly Finding[], suppressions: SuppressionView): Finding[] {
  if (found.length === 0) return [];
  const kept = suppressions.apply([...found], { ran: () => false, severity: () => undefined });
  return kept.map((f) => ({ ...f, suppressions: suppressions.fixesFor(f.ruleId, f.range) }));
}

/** A file's own findings and its cross-file findings, in the order the single-file analysis uses. */
export function mergeFindings(fileFindings: readonly Finding[], crossFile: readonly Finding[]): Finding[] {
  return [...fileFindings, ...crossFile].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId),
  );
}
