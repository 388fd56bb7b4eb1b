// At most 1,000 diagnostics per file, the most severe first, plus one that says how many more there are. VS Code's
// extension host keeps no more than that per file anyway (its `_maxDiagnosticsPerFile`); sending 100,000 of them
// (a generated file with thousands of insecure components) cost seconds of JSON encoding per keystroke and hundreds of
// megabytes in the server and the editor. The CLI reports them all.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { mostSevere } from '../engine/incremental/analyzer';
import type { Finding } from '../engine/types';
import { SOURCE } from './diagnostics';

export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/**
 * The findings to publish: all of them when there are at most `max`, else the `max` most severe (earlier ones first
 * within a severity), in their original order. `omitted` says how many were left out of `total` (by default, all given).
 */
export function capFindings(findings: readonly Finding[], max = MAX_DIAGNOSTICS_PER_FILE, total = findings.length): { kept: Finding[]; omitted: number } {
  const kept = mostSevere(findings, max);
  return { kept, omitted: total - kept.length };
}

/** The diagnostic that stands for the findings left out, on the file's first line. */
export function omittedDiagnostic(omitted: number, max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic {
  return atFileStart(`${omitted.toLocaleString('en-US')} more findings in this file are not shown (at most ${max.toLocaleString('en-US')} per file, the most severe first); the CLI lists them all`);
}

/**
 * The first `max` of a list in file order as diagnostics, plus one that counts the others: the project file's own
 * problems (a line of stray quotes in it made 144,000 YAML errors).
 */
export function firstDiagnostics<T>(items: readonly T[], convert: (item: T) => Diagnostic, what: string, max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const diagnostics = items.slice(0, max).map(convert);
  if (items.length > max) diagnostics.push(atFileStart(`${(items.length - max).toLocaleString('en-US')} more ${what} in this file are not shown (at most ${max.toLocaleString('en-US')} per file)`));
  return diagnostics;
}

function atFileStart(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, message };
}

/** Findings as diagnostics, capped: converting only those kept, plus the count of the others (out of `total`). */
export function cappedDiagnostics(findings: readonly Finding[], convert: (f: Finding) => Diagnostic, total = findings.length, max = MAX_DIAGNOSTICS_PER_FILE): Diagnostic[] {
  const { kept, omitted } = capFindings(findings, max, total);
  const diagnostics = kept.map(convert);
  if (omitted > 0) diagnostics.push(omittedDiagnostic(omitted, max));
  return diagnostics;
}
