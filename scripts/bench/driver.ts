// The measurement on one file and one server: open -> first diagnostics, then single-character edits -> diagnostics.
import type { LspClient } from './lspClient';

/** Where one single-character edit goes: a line and the UTF-16 column to insert at. */
export interface EditPoint {
  line: number;
  character: number;
}

export interface FileTiming {
  openMs: number;
  /** Diagnostics the server published on open. */
  openDiagnostics: number;
  editMs: number[];
  /** CPU time the server used for the open, and on average per edit (see LspClient.cpuMs). */
  openCpuMs: number;
  editCpuMs: number;
  /** Publishes for the document that no change accounts for: with servers that send no version, they would skew the timings. */
  strayPublishes: number;
}

/** Keys whose value names the document's type: editing them turns a Deployment into something else, which no one types. */
const IDENTITY_KEYS = new Set(['apiVersion', 'kind']);

/**
 * The column at which a character can be inserted inside a scalar value or a comment on this line, or -1 when the line
 * has neither: a comment (after its `#`), a `key: value` whose value starts with a letter or digit (after the value's first
 * character), or a `--flag=value` list item (after the value's first character).
 */
export function insertionColumn(line: string): number {
  const comment = /^\s*#/.exec(line);
  if (comment) return comment[0].length;
  const flag = /^\s*- ["']?--[A-Za-z0-9-]+=(?=[^\s"'])/.exec(line);
  if (flag) return flag[0].length + 1;
  const pair = /^(\s*(?:- )*)(["']?)([A-Za-z0-9_./-]+)\2:\s+(?=[A-Za-z0-9])/.exec(line);
  if (pair && !IDENTITY_KEYS.has(pair[3])) return pair[0].length + 1;
  return -1;
}

/**
 * `count` insertion points on distinct lines, spread evenly over the file: the i-th is the first suitable line at or
 * after i/count of the way through (or before it, near the end). Inserting on distinct lines keeps every point valid
 * while the earlier edits accumulate.
 */
export function editPlan(text: string, count: number): EditPoint[] {
  const lines = text.split('\n');
  const used = new Set<number>();
  const points: EditPoint[] = [];
  const tryLine = (l: number): boolean => {
    if (used.has(l)) return false;
    const column = insertionColumn(lines[l]);
    if (column < 0 || column > lines[l].replace(/\r$/, '').length) return false;
    used.add(l);
    points.push({ line: l, character: column });
    return true;
  };
  for (let i = 0; i < count; i++) {
    const target = Math.floor(((i + 0.5) * lines.length) / count);
    let found = false;
    for (let l = target; l < lines.length && !found; l++) found = tryLine(l);
    for (let l = target - 1; l >= 0 && !found; l--) found = tryLine(l);
    if (!found) break;
  }
  return points.sort((a, b) => a.line - b.line);
}

/** Applies the plan's first `n` insertions to the text, as the servers see it after `n` edits. */
export function applyPlan(text: string, plan: readonly EditPoint[], n: number, char = 'x'): string {
  const lines = text.split('\n');
  for (const p of plan.slice(0, n)) lines[p.line] = lines[p.line].slice(0, p.character) + char + lines[p.line].slice(p.character);
  return lines.join('\n');
}

export interface MeasureOptions {
  uri: string;
  text: string;
  plan: readonly EditPoint[];
  timeoutMs: number;
  /** A pause after each answer, as between keystrokes, so that work a server does after publishing does not pile up. */
  gapMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens the document, times the first diagnostics and each edit's diagnostics, then closes it. */
export async function measureFile(client: LspClient, options: MeasureOptions): Promise<FileTiming> {
  const { uri, text, plan, timeoutMs } = options;
  const gapMs = options.gapMs ?? 20;
  const firstSeq = client.lastSeq;
  let before = client.lastSeq;
  const cpuBeforeOpen = client.cpuMs();
  const openedAt = client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const opened = await client.waitForDiagnostics(uri, before, 1, timeoutMs);
  const timing: FileTiming = {
    openMs: opened.at - openedAt,
    openDiagnostics: opened.diagnostics,
    editMs: [],
    openCpuMs: client.cpuMs() - cpuBeforeOpen,
    editCpuMs: Number.NaN,
    strayPublishes: 0,
  };
  let accounted = 1;
  let cpuBeforeEdits = Number.NaN;
  try {
    for (let i = 0; i < plan.length; i++) {
      await sleep(gapMs);
      if (i === 0) cpuBeforeEdits = client.cpuMs();
      const version = i + 2;
      const { line, character } = plan[i];
      before = client.lastSeq;
      const sentAt = client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, rangeLength: 0, text: 'x' }],
      });
      const published = await client.waitForDiagnostics(uri, before, version, timeoutMs);
      timing.editMs.push(published.at - sentAt);
      accounted++;
    }
    if (plan.length > 0) timing.editCpuMs = (client.cpuMs() - cpuBeforeEdits) / plan.length;
    // A short quiet spell: any publish arriving now was not caused by a change we timed.
    await sleep(Math.max(gapMs, 50));
  } finally {
    const closeSeq = client.lastSeq;
    timing.strayPublishes = Math.max(0, client.publishesBetween(uri, firstSeq, closeSeq).length - accounted);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    // Both servers clear a closed document's diagnostics; waiting for that leaves them idle before the next measurement.
    await client.waitForDiagnostics(uri, closeSeq, undefined, timeoutMs).catch(() => undefined);
    client.forgetPublishes();
  }
  return timing;
}
