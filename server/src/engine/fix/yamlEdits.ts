// Minimal text edits on YAML source that keep the user's indentation, sequence style, quoting, comments and line endings.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SourceText } from '../text';
import { keyName } from '../parse/yamlNodes';

/** An edit in offsets; the engine turns it into a line/character edit at the end. */
export interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/** Plain scalars that YAML would read differently: indicators at the start, `: ` and ` #` inside, blanks at the ends. */
const PLAIN_UNSAFE = /^$|^[-?:](\s|$)|^[,[\]{}#&*!|>'"%@`]|: |\s#|^\s|\s$|:$/;

/** Characters a plain scalar cannot hold inside a flow collection (`[a, b]`, `{k: v}`), where they end or open an item. */
export const FLOW_UNSAFE = /[,[\]{}]/;

/**
 * A value written as a YAML scalar in the given style, quoting only when the plain form would change its meaning;
 * inside a flow collection (`flow`) a comma or bracket would split or nest the item, so such values are quoted too.
 */
export function scalarSource(value: string, style?: Scalar['type'], flow = false): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE' || PLAIN_UNSAFE.test(value) || (flow && FLOW_UNSAFE.test(value))) return JSON.stringify(value);
  return value;
}

/** Appends an item to a sequence: after the last item in a block sequence, before `]` in a flow one. */
export function appendSeqItem(source: SourceText, seq: YAMLSeq<unknown>, value: string): OffsetEdit | undefined {
  const last = seq.items[seq.items.length - 1] as Scalar | undefined;
  const style = isScalar(last) ? last.type : undefined;
  const text = scalarSource(value, style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? undefined : style, seq.flow === true);
  if (seq.flow) {
    if (!closedFlow(source, seq)) return undefined;
    if (!last?.range) return { start: seq.range[0] + 1, end: seq.range[0] + 1, newText: text };
    return { start: last.range[1], end: last.range[1], newText: `, ${text}` };
  }
  if (!last?.range) return undefined;
  const dash = dashBefore(source, last.range[0]);
  if (dash === undefined) return undefined;
  const indent = ' '.repeat(dash - source.lineStart(dash));
  const at = lineEndBefore(source, Math.max(last.range[0], last.range[1] - 1));
  return { start: at, end: at, newText: `${source.eol}${indent}- ${text}` };
}

/**
 * Whether a flow sequence is closed by its `]`. One left open (a YAML error) takes no edit: the parser ends it wherever
 * it gives up, perhaps inside a quote left open or just before the next document's `---`, and text put there is not an
 * item of the list.
 */
function closedFlow(source: SourceText, seq: YAMLSeq<unknown>): seq is YAMLSeq<unknown> & { range: [number, number, number] } {
  return seq.range !== undefined && seq.range !== null && source.text[seq.range[1] - 1] === ']';
}

/** Removes an item from a sequence together with its line (block) or its separating comma (flow). */
export function removeSeqItem(source: SourceText, seq: YAMLSeq<unknown>, item: unknown): OffsetEdit | undefined {
  const range = rangeOf(item);
  const index = seq.items.indexOf(item);
  if (!range || index < 0) return undefined;
  if (seq.flow) {
    if (!closedFlow(source, seq)) return undefined;
    const prev = rangeOf(seq.items[index - 1]);
    const next = rangeOf(seq.items[index + 1]);
    if (prev) return { start: prev[1], end: range[1], newText: '' };
    if (next) return { start: range[0], end: next[0], newText: '' };
    return { start: range[0], end: range[1], newText: '' };
  }
  const dash = dashBefore(source, range[0]);
  if (dash === undefined || seq.items.length === 1) return undefined;
  const start = source.lineStart(dash);
  const lastLineEnd = lineEndBefore(source, Math.max(range[0], range[1] - 1));
  const end = Math.min(source.text.length, lastLineEnd + (source.text[lastLineEnd] === '\r' ? 2 : 1));
  return { start, end, newText: '' };
}

/** Replaces a scalar's value, keeping its quotes when it had them. */
export function replaceScalar(scalar: Scalar, value: string, plain = false): OffsetEdit | undefined {
  if (!scalar.range) return undefined;
  const style = plain ? undefined : scalar.type;
  return { start: scalar.range[0], end: scalar.range[1], newText: scalarSource(value, style) };
}

/**
 * Sets `path` to `valueText` in a block mapping, creating the missing parent mappings with the
 * file's own indentation. Returns undefined where a minimal edit is not possible (flow style, a
 * scalar in the way).
 */
/** A value to write: one line of YAML source after `key: `, or block lines to put under `key:`, indented one step. */
export type NewValue = string | { block: readonly string[] };

export function setMapPath(source: SourceText, root: YAMLMap<unknown, unknown>, path: readonly string[], valueText: NewValue): OffsetEdit | undefined {
  let map = root;
  let depth = 0;
  for (; depth < path.length - 1; depth++) {
    const pair = map.items.find((p) => keyName(p) === path[depth]);
    if (!pair) break;
    if (isMap(pair.value)) {
      map = pair.value;
      continue;
    }
    const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.range?.[0] === pair.value.range?.[1]);
    if (!empty || !isScalar(pair.key) || !pair.key.range) return undefined;
    // `authentication:` with nothing after it: write the rest of the path under the key.
    const keyIndent = pair.key.range[0] - source.lineStart(pair.key.range[0]);
    const at = source.lineEnd(pair.key.range[0]);
    return { start: at, end: at, newText: nestedLines(source, path.slice(depth + 1), valueText, keyIndent + indentUnit(source)) };
  }
  if (map.flow || map.items.length === 0) return undefined;
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!isScalar(first.key) || !first.key.range) return undefined;
  const indent = first.key.range[0] - source.lineStart(first.key.range[0]);
  const lastEnd = endOf(last.value) ?? endOf(last.key);
  if (lastEnd === undefined) return undefined;
  const at = lineEndBefore(source, Math.max(0, lastEnd - 1));
  return { start: at, end: at, newText: nestedLines(source, path.slice(depth), valueText, indent) };
}

function nestedLines(source: SourceText, keys: readonly string[], valueText: NewValue, indent: number): string {
  const unit = indentUnit(source);
  const last = keys.length - 1;
  const lines = keys.map((key, i) => `${source.eol}${' '.repeat(indent + i * unit)}${key}:${i === last && typeof valueText === 'string' ? ` ${valueText}` : ''}`);
  if (typeof valueText !== 'string') lines.push(...valueText.block.map((line) => `${source.eol}${' '.repeat(indent + (last + 1) * unit)}${line}`));
  return lines.join('');
}

/** The file's indentation step (SourceText.indentUnit). */
function indentUnit(source: SourceText): number {
  return source.indentUnit;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return isScalar(node) || isMap(node) || isSeq(node) ? node.range ?? undefined : undefined;
}

function endOf(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.range?.[1];
  return undefined;
}

/**
 * The end of the line holding `offset`, before its line break. A node that ends after its own line break (the last one
 * in a file) gives the line feed of a CRLF as its last character, where `lineEnd` would answer the LF itself: an
 * insertion there would split the CRLF and leave a lone CR, which editors count as one more line.
 */
function lineEndBefore(source: SourceText, offset: number): number {
  return source.lineEnd(offset > 0 && source.text[offset] === '\n' && source.text[offset - 1] === '\r' ? offset - 1 : offset);
}

/** The offset of the `- ` indicator before an item, if the item is in a block sequence. */
function dashBefore(source: SourceText, itemStart: number): number | undefined {
  let i = itemStart - 1;
  while (i >= 0 && (source.text[i] === ' ' || source.text[i] === '\t')) i--;
  return source.text[i] === '-' ? i : undefined;
}

/** Removes a `key: value` pair from a block mapping, with its lines. */
export function removePair(source: SourceText, pair: { key: unknown; value: unknown }): OffsetEdit | undefined {
  const key = isScalar(pair.key) ? pair.key.range : undefined;
  if (!key) return undefined;
  const valueEnd = endOf(pair.value) ?? key[1];
  const start = source.lineStart(key[0]);
  if (source.text.slice(start, key[0]).trim() !== '') return undefined;
  const lastLineEnd = lineEndBefore(source, Math.max(key[0], valueEnd - 1));
  const end = Math.min(source.text.length, lastLineEnd + (source.text[lastLineEnd] === '\r' ? 2 : 1));
  return { start, end, newText: '' };
}

/** Appends a mapping item (`- name: x` / `  value: y`) to a block sequence of mappings, or `{name: x, value: y}` to a flow one. */
export function appendSeqMapItem(source: SourceText, seq: YAMLSeq<unknown>, entries: ReadonlyArray<readonly [string, string]>): OffsetEdit | undefined {
  const last = seq.items[seq.items.length - 1];
  if (seq.flow) {
    // Values come as YAML source for a block mapping: a plain one with a comma would split the flow mapping.
    const flowValue = (v: string) => (/^["']/.test(v) || !FLOW_UNSAFE.test(v) ? v : JSON.stringify(v));
    const flow = `{${entries.map(([k, v]) => `${k}: ${flowValue(v)}`).join(', ')}}`;
    if (!closedFlow(source, seq)) return undefined;
    const lastEnd = endOf(last);
    if (lastEnd === undefined) return { start: seq.range[0] + 1, end: seq.range[0] + 1, newText: flow };
    return { start: lastEnd, end: lastEnd, newText: `, ${flow}` };
  }
  const lastStart = isMap(last) ? last.range?.[0] : undefined;
  const lastEnd = endOf(last);
  if (lastStart === undefined || lastEnd === undefined) return undefined;
  const dash = dashBefore(source, lastStart);
  if (dash === undefined) return undefined;
  const indent = ' '.repeat(dash - source.lineStart(dash));
  const inner = ' '.repeat(lastStart - dash);
  const at = lineEndBefore(source, Math.max(lastStart, lastEnd - 1));
  const lines = entries.map(([k, v], i) => `${source.eol}${indent}${i === 0 ? '-' + inner.slice(1) : inner}${k}: ${v}`);
  return { start: at, end: at, newText: lines.join('') };
}

/** A string value as YAML source: quoted when plain YAML would read it as something else (a bool, a number, null). */
export function stringScalar(value: string): string {
  return /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i.test(value) ? JSON.stringify(value) : scalarSource(value);
}

/**
 * The edits of one fix made from several (one setting changed, two added), as an editor applies them: sorted, and
 * those that touch (an insertion where a replacement ends, two insertions at one point) joined into one edit in the
 * order given, so the result does not depend on how a client orders edits at one position. Overlapping edits
 * cannot be joined: undefined.
 */
export function joinEdits(edits: readonly OffsetEdit[]): OffsetEdit[] | undefined {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i).map(({ e }) => e);
  const joined: OffsetEdit[] = [];
  for (const e of sorted) {
    const last = joined[joined.length - 1];
    if (!last || e.start > last.end) {
      joined.push({ ...e });
      continue;
    }
    if (e.start < last.end) return undefined;
    last.newText += e.newText;
    last.end = e.end;
  }
  return joined;
}
