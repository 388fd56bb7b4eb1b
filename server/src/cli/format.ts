// Prints findings as compiler-style text lines or as one JSON object.
import type { Finding } from '../engine/types';

export interface FileResult {
  path: string;
  findings: Finding[];
}

export function formatText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      lines.push(`${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }
  const count = results.reduce((n, r) => n + r.findings.length, 0);
  const files = results.filter((r) => r.findings.length > 0).length;
  lines.push(count === 0 ? `No findings in ${results.length} file${results.length === 1 ? '' : 's'}.` : `${count} finding${count === 1 ? '' : 's'} in ${files} of ${results.length} file${results.length === 1 ? '' : 's'}.`);
  return lines.join('\n') + '\n';
}

export function formatJson(results: readonly FileResult[]): string {
  const files = results.map((r) => ({
    path: r.path,
    findings: r.findings.map((f) => ({
      rule: f.ruleId,
      name: f.ruleName,
      channel: f.channel,
      severity: f.severity,
      message: f.message,
      range: f.range,
      fixable: f.fixes.length > 0,
    })),
  }));
  return JSON.stringify({ files }, null, 2) + '\n';
}
