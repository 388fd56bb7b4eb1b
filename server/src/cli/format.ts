// Prints a run's findings as compiler-style text lines or as one JSON object.
import type { Finding, Severity } from '../engine/types';

export interface FileResult {
  /** The path as the user named it (or the name given to standard input). */
  path: string;
  findings: Finding[];
}

/** A file the run did not analyse, and why (over the size cap, binary, not text). */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface RunResult {
  files: FileResult[];
  skipped: SkippedFile[];
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Whether a finding of `severity` is at or above `threshold`. */
export function atLeast(severity: Severity, threshold: Severity): boolean {
  return RANK[severity] <= RANK[threshold];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One `path:line:column severity rule message` line per finding, which editors and CI problem matchers recognise; the
 * other end of a cross-file finding follows on an indented `related` line that such matchers ignore.
 */
export function formatText(run: RunResult): string {
  const lines: string[] = [];
  for (const r of run.files) {
    for (const f of r.findings) {
      lines.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
      for (const rel of f.related ?? []) lines.push(`    related ${rel.uri}:${rel.range.start.line + 1}:${rel.range.start.character + 1} ${rel.message}`);
    }
  }
  const count = run.files.reduce((n, r) => n + r.findings.length, 0);
  const withFindings = run.files.filter((r) => r.findings.length > 0).length;
  const total = run.files.length;
  const summary = count === 0 ? `No findings in ${plural(total, 'file')}` : `${plural(count, 'finding')} in ${withFindings} of ${plural(total, 'file')}`;
  lines.push(run.skipped.length === 0 ? `${summary}.` : `${summary}; ${plural(run.skipped.length, 'file')} skipped.`);
  return lines.join('\n') + '\n';
}

/** The documented JSON shape: 0-based lines and UTF-16 characters, as in LSP. */
export function formatJson(run: RunResult): string {
  const files = run.files.map((r) => ({
    path: r.path,
    findings: r.findings.map((f) => ({
      rule: f.ruleId,
      name: f.ruleName,
      channel: f.channel,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixable: f.fixes.length > 0,
      fixes: f.fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) })),
      related: (f.related ?? []).map((rel) => ({ path: rel.uri, range: rel.range, message: rel.message })),
    })),
  }));
  return JSON.stringify({ files, skipped: run.skipped }, null, 2) + '\n';
}
