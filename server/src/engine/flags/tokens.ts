// One word of a component's command line, with where it came from in the YAML source.
import type { Scalar, YAMLSeq } from 'yaml';
import type { OffsetRange } from '../types';

export interface ArgToken {
  /** The word as the process receives it (quotes removed, before `$(VAR)` expansion). */
  text: string;
  /** Source offset of each character of `text`, plus one past the end; undefined when not exactly known. */
  offsets?: number[];
  /** The source range of the whole word (the whole YAML item when offsets are unknown). */
  range: OffsetRange;
  /** The scalar that holds the word, and the sequence it is an item of (none for an image name standing in for the binary). */
  item: Scalar;
  list?: YAMLSeq<unknown>;
  /** Which list the item is in. */
  listKey: 'command' | 'args';
  /** True when the word was cut out of a shell script (`sh -c "..."`). */
  inShell: boolean;
}

/** The source range of characters [from, to) of a token, or the token's whole range when inexact. */
export function tokenSubRange(token: ArgToken, from: number, to: number): OffsetRange {
  const o = token.offsets;
  if (!o || to <= from) return token.range;
  return { start: o[from], end: o[to - 1] + 1 };
}
