// Runs one input through every engine entry point the editor and the CLI use, timing each and checking what comes back.
import { analyzeText, type Analysis, type AnalysisOptions } from '../../server/src/engine/analyze';
import type { FileAnalysis } from '../../server/src/engine/incremental/analyzer';
import { analyzeFileOnce } from '../../server/src/engine/incremental/ends';
import { completeInFile, hoverInFile, lensesInFile } from '../../server/src/engine/incremental/features';
import { fixAll } from '../../server/src/engine/fixAll';
import type { Range, TextEdit } from '../../server/src/engine/types';
import { Prng } from './prng';

/** Above this size fix-all is not run: it may re-analyse ten times, and the editor never runs it on files that large. */
export const FIX_ALL_MAX_CHARS = 2 * 1024 * 1024;

export interface EngineProblem {
  /** `crash`: an entry point threw; `rule-error`: a rule threw and the engine dropped its findings; `invariant`: an answer that cannot be right. */
  kind: 'crash' | 'rule-error' | 'invariant';
  where: string;
  message: string;
}

export interface EngineReport {
  chars: number;
  analyzeMs: number;
  /** The CPU time of the analysis (all threads of the process): unlike wall time, it does not grow when other work shares the machine. */
  analyzeCpuMs: number;
  /** The slowest single hover, completion or lens call. */
  queryMs: number;
  fixAllMs: number;
  findings: number;
  problems: EngineProblem[];
}

const VERSIONS = [undefined, '1.20', '1.6', '1.35', 'v1.31.2', '2.0', 'nonsense'];

/** Line lengths as an LSP client counts lines: CRLF, LF and a lone CR each end a line. */
function lspLines(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function badRange(lines: readonly number[], r: Range): string | undefined {
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `position ${JSON.stringify(p)} is not a position`;
    if (p.line >= lines.length) return `line ${p.line} is past the last line (${lines.length - 1})`;
    if (p.character > lines[p.line]) return `character ${p.character} is past the end of line ${p.line} (${lines[p.line]} characters)`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `range ends before it starts: ${JSON.stringify(r)}`;
  return undefined;
}

function offsetIn(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e) => ({ start: offsetIn(text, e.range.start.line, e.range.start.character), end: offsetIn(text, e.range.end.line, e.range.end.character), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function message(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 8).join('\n')}`;
  return String(error);
}

/**
 * Analyses `text` with options drawn from `seed`, asks for hovers and completions at random offsets (and on flags),
 * the code lenses and fix-all, and reports exceptions, rule errors and answers whose ranges fall outside the text.
 */
export function exerciseEngine(text: string, seed: string | number, queries = 24): EngineReport {
  const rng = new Prng(seed);
  const problems: EngineProblem[] = [];
  const lines = lspLines(text);
  // The engine counts lines as LSP clients do (a lone CR ends a line too), so every range is checked against that model.
  // The fix-all check below applies edits with test/helpers' LF-only line model, so it skips texts with a lone CR.
  const loneCr = /\r(?!\n)/.test(text);
  const checkRange = (where: string, r: Range): void => {
    const bad = badRange(lines, r);
    if (bad) problems.push({ kind: 'invariant', where, message: bad });
  };
  const options: AnalysisOptions = {
    kubernetesVersion: rng.pick(VERSIONS),
    partial: rng.chance(0.2),
    onRuleError: (ruleId, error) => problems.push({ kind: 'rule-error', where: `rule ${ruleId}`, message: message(error) }),
  };
  const report: EngineReport = { chars: text.length, analyzeMs: 0, analyzeCpuMs: 0, queryMs: 0, fixAllMs: 0, findings: 0, problems };
  // Timed: the analysis the server and the CLI run (document by document), which the hover, completion and lens queries
  // below use, as the server does. Then the whole-file reference, which must give the same findings.
  let start = performance.now();
  const cpu = process.cpuUsage();
  let file: FileAnalysis;
  try {
    file = analyzeFileOnce(text, options);
    report.findings = file.findings.length;
  } catch (error) {
    problems.push({ kind: 'crash', where: 'analyzeFileOnce', message: message(error) });
    return report;
  } finally {
    report.analyzeMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    report.analyzeCpuMs = (used.user + used.system) / 1000;
  }
  let analysis: Analysis;
  try {
    analysis = analyzeText(text, options);
  } catch (error) {
    problems.push({ kind: 'crash', where: 'analyzeText', message: message(error) });
    return report;
  }
  // Compared finding by finding: the JSON of a hundred thousand findings at once is longer than a string can be.
  const same = file.findings.length === analysis.findings.length && file.findings.every((f, i) => JSON.stringify(f) === JSON.stringify(analysis.findings[i]));
  if (!same) {
    problems.push({ kind: 'invariant', where: 'analyzeFileOnce', message: 'the document-by-document analysis and the whole-file one give different findings' });
  }
  for (const f of analysis.findings.slice(0, 2000)) {
    checkRange(`finding ${f.ruleId}`, f.range);
    for (const fix of [...f.fixes, ...f.suppressions]) for (const e of fix.edits) checkRange(`fix "${fix.title}" of ${f.ruleId}`, e.range);
  }
  const flagOffsets = [...text.slice(0, 200_000).matchAll(/--[a-z]/g)].map((m) => (m.index ?? 0) + 2);
  const offsets = Array.from({ length: queries }, (_, i) => (i % 2 === 0 && flagOffsets.length > 0 ? rng.pick(flagOffsets) + rng.range(-2, 12) : rng.int(text.length + 1)));
  offsets.push(0, text.length);
  const timed = <T>(where: string, run: () => T): T | undefined => {
    const t = performance.now();
    try {
      return run();
    } catch (error) {
      problems.push({ kind: 'crash', where, message: message(error) });
      return undefined;
    } finally {
      report.queryMs = Math.max(report.queryMs, performance.now() - t);
    }
  };
  for (const raw of offsets) {
    const offset = Math.max(0, Math.min(text.length, raw));
    const position = file.text.positionAt(offset);
    const at = `${position.line}:${position.character}`;
    const hover = timed(`hoverInFile(${at})`, () => hoverInFile(file, position));
    if (hover) checkRange(`hover at ${at}`, hover.range);
    const items = timed(`completeInFile(${at})`, () => completeInFile(file, position)) ?? [];
    for (const item of items.slice(0, 50)) checkRange(`completion "${item.label}" at ${at}`, item.replace);
  }
  const lenses = timed('lensesInFile', () => lensesInFile(file)) ?? [];
  for (const lens of lenses) checkRange(`lens "${lens.title}"`, lens.range);
  if (text.length <= FIX_ALL_MAX_CHARS) {
    start = performance.now();
    try {
      const fixed = fixAll(text, { kubernetesVersion: options.kubernetesVersion, partial: options.partial });
      for (const e of fixed.edits) checkRange('fixAll edit', e.range);
      if (!loneCr && applyEdits(text, fixed.edits) !== fixed.text) problems.push({ kind: 'invariant', where: 'fixAll', message: 'its edits do not turn the text into the fixed text it returns' });
    } catch (error) {
      problems.push({ kind: 'crash', where: 'fixAll', message: message(error) });
    } finally {
      report.fixAllMs = performance.now() - start;
    }
  }
  return report;
}
