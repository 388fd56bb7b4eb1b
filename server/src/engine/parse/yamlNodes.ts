// Small typed helpers over the `yaml` package's node tree: look-ups by key and source ranges.
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { OffsetRange } from '../types';

export type YamlNode = Node;
export type YamlPair = Pair<unknown, unknown>;

export function asMap(node: unknown): YAMLMap<unknown, unknown> | undefined {
  return isMap(node) ? node : undefined;
}

export function asSeq(node: unknown): YAMLSeq<unknown> | undefined {
  return isSeq(node) ? node : undefined;
}

export function asScalar(node: unknown): Scalar | undefined {
  return isScalar(node) ? node : undefined;
}

/** The key of a pair as a string, whatever its YAML type. */
export function keyName(pair: YamlPair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value === null ? undefined : String(k.value);
  return typeof k === 'string' ? k : undefined;
}

export function mapPair(map: unknown, key: string): YamlPair | undefined {
  const m = asMap(map);
  if (!m) return undefined;
  // The last pair wins, as in Kubernetes' decoders when a key is repeated.
  for (let i = m.items.length - 1; i >= 0; i--) {
    if (keyName(m.items[i]) === key) return m.items[i];
  }
  return undefined;
}

export function mapValue(map: unknown, key: string): unknown {
  return mapPair(map, key)?.value ?? undefined;
}

/** Follows a path of keys through nested mappings. */
export function mapPathPair(map: unknown, path: readonly string[]): YamlPair | undefined {
  let node: unknown = map;
  let pair: YamlPair | undefined;
  for (const key of path) {
    pair = mapPair(node, key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

/** A scalar's value as a string (numbers and booleans as written in YAML 1.2 core), or undefined. */
export function scalarText(node: unknown): string | undefined {
  const s = asScalar(node);
  if (!s || s.value === null || s.value === undefined) return undefined;
  if (typeof s.value === 'object') return undefined;
  return String(s.value);
}

export function nodeRange(node: unknown): OffsetRange | undefined {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

/** The range of a pair's key, falling back to its value. */
export function keyRange(pair: YamlPair): OffsetRange | undefined {
  return nodeRange(pair.key) ?? nodeRange(pair.value);
}
