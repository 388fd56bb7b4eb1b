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

/** A value written as a YAML scalar in the given style, quoting only when the plain form would change its meaning. */
export function scalarSource(value: string, style?: Scalar['type']): string {
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE' || PLAIN_UNSAFE.test(value)) return JSON.stringify(value);
  return value;
}

/** Appends an item to a sequence: after the last item in a block sequence, before `]` in a flow one. */
export function appendSeqItem(source: SourceText, seq: YAMLSeq<unknown>, value: string): OffsetEdit | undefined {
  const last = seq.items[seq.items.length - 1] as Scalar | undefined;
  const style = isScalar(last) ? last.type : undefined;
  const text = scalarSource(value, style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED' ? undefined : style);
  if (seq.flow) {
    if (!seq.range) return undefined;
    if (!last?.range) return { start: seq.range[0] + 1, end: seq.range[0] + 1, newText: text };
    return { start: last.range[1], end: last.range[1], newText: `, ${text}` };
  }
  if (!last?.range) return undefined;
  const dash = dashBefore(source, last.range[0]);
  if (dash === undefined) return undefined;
  const indent = ' '.repeat(dash - source.lineStart(dash));
  const at = source.lineEnd(Math.max(last.range[0], last.range[1] - 1));
  return { start: at, end: at, newText: `${source.eol}${indent}- ${text}` };
}

/** Removes an item from a sequence together with its line (block) or its separating comma (flow). */
export function removeSeqItem(source: SourceText, seq: YAMLSeq<unknown>, item: Scalar): OffsetEdit | undefined {
  if (!item.range) return undefined;
  const index = seq.items.indexOf(item);
  if (index < 0) return undefined;
  if (seq.flow) {
    const prev = seq.items[index - 1] as Scalar | undefined;
    const next = seq.items[index + 1] as Scalar | undefined;
    if (prev?.range) return { start: prev.range[1], end: item.range[1], newText: '' };
    if (next?.range) return { start: item.range[0], end: next.range[0], newText: '' };
    return { start: item.range[0], end: item.range[1], newText: '' };
  }
  const dash = dashBefore(source, item.range[0]);
  if (dash === undefined || seq.items.length === 1) return undefined;
  const start = source.lineStart(dash);
  const lastLineEnd = source.lineEnd(Math.max(item.range[0], item.range[1] - 1));
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
export function setMapPath(source: SourceText, root: YAMLMap<unknown, unknown>, path: readonly string[], valueText: string): OffsetEdit | undefined {
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
  const at = source.lineEnd(Math.max(0, lastEnd - 1));
  return { start: at, end: at, newText: nestedLines(source, path.slice(depth), valueText, indent) };
}

function nestedLines(source: SourceText, keys: readonly string[], valueText: string, indent: number): string {
  const unit = indentUnit(source);
  return keys
    .map((key, i) => `${source.eol}${' '.repeat(indent + i * unit)}${key}:${i === keys.length - 1 ? ` ${valueText}` : ''}`)
    .join('');
}

/** The file's indentation step: the smallest positive indentation of a mapping key line, or 2. */
function indentUnit(source: SourceText): number {
  const match = /\n( +)[^\s-]/.exec(source.text);
  return match ? Math.min(match[1].length, 8) : 2;
}

function endOf(node: unknown): number | undefined {
  if (isScalar(node) || isMap(node) || isSeq(node)) return node.range?.[1];
  return undefined;
}

/** The offset of the `- ` indicator before an item, if the item is in a block sequence. */
function dashBefore(source: SourceText, itemStart: number): number | undefined {
  let i = itemStart - 1;
  while (i >= 0 && (source.text[i] === ' ' || source.text[i] === '\t')) i--;
  return source.text[i] === '-' ? i : undefined;
}
