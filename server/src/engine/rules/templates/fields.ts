// Helpers for rules on YAML fields of any document: report a field, or a field left out, with a fix that keeps the formatting.
import { isMap, type Pair, type YAMLMap } from 'yaml';
import { replaceScalar, setMapPath } from '../../fix/yamlEdits';
import { asScalar, keyRange, mapPair, mapPathPair, nodeRange } from '../../parse/yamlNodes';
import type { OffsetRange } from '../../types';
import type { RuleContext } from '../types';

/** From the start of a pair's key to the end of its value. */
export function pairRange(pair: Pair<unknown, unknown>): OffsetRange | undefined {
  const key = keyRange(pair);
  const value = nodeRange(pair.value);
  if (!key) return value;
  return { start: key.start, end: value && value.end > key.end ? value.end : key.end };
}

export interface FieldFix {
  title: string;
  /** The new value as YAML source (`false`, `0`, `"https://..."`). */
  value: string;
}

/** Reports a field that is present, with an optional fix that replaces its scalar value. */
export function reportField(context: RuleContext, pair: Pair<unknown, unknown>, message: string, fix?: FieldFix): void {
  const range = pairRange(pair);
  if (!range) return;
  const scalar = asScalar(pair.value);
  const edit = fix && scalar ? replaceScalar(scalar, fix.value, true) : undefined;
  context.report({ range, message, fixes: fix && edit ? [{ title: fix.title, edits: [edit] }] : [] });
}

/** Reports a field that is absent from `root`, pointing at its deepest present parent, with an optional fix that adds it. */
export function reportMissingField(context: RuleContext, root: YAMLMap<unknown, unknown>, path: readonly string[], message: string, fix?: FieldFix, anchor?: OffsetRange): void {
  const range = anchor ?? nearestPresentKey(root, path);
  if (!range) return;
  const edit = fix ? setMapPath(context.model.source, root, path, fix.value) : undefined;
  context.report({ range, message, fixes: fix && edit ? [{ title: fix.title, edits: [edit] }] : [] });
}

/** The key of the deepest mapping on `path` that is present, else the mapping's `kind` value, else its first key. */
export function nearestPresentKey(root: YAMLMap<unknown, unknown>, path: readonly string[]): OffsetRange | undefined {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const pair = mapPathPair(root, path.slice(0, depth));
    if (pair) return keyRange(pair);
  }
  const kind = mapPair(root, 'kind');
  if (kind) return nodeRange(kind.value);
  const first = root.items[0];
  return first ? keyRange(first) : nodeRange(root);
}

/** The mappings in a sequence at `path` (webhooks, clusters, users), skipping anything else. */
export function mapsAt(root: unknown, path: readonly string[]): Array<YAMLMap<unknown, unknown>> {
  const pair = path.length === 0 ? undefined : mapPathPair(root, path);
  const seq = pair?.value as { items?: unknown[] } | undefined;
  return (seq?.items ?? []).filter((i): i is YAMLMap<unknown, unknown> => isMap(i));
}
