// Text edits this channel's fixes need beyond fix/yamlEdits: removing one key of a block mapping, and reading YAML 1.1 booleans as Kubernetes does.
import { isScalar, type Pair, type YAMLMap } from 'yaml';
import type { OffsetEdit } from '../../fix/yamlEdits';
import type { SourceText } from '../../text';

/**
 * Removes a `key: value` line from a block mapping, with its line break, when the pair sits alone
 * on its line and its value is a one-line scalar. Anything else (flow mappings, multi-line values,
 * the only key of its mapping) gets undefined, and the caller falls back to changing the value.
 */
export function removePairLine(source: SourceText, map: YAMLMap<unknown, unknown>, pair: Pair<unknown, unknown>): OffsetEdit | undefined {
  if (map.flow || map.items.length < 2 || !isScalar(pair.key) || !isScalar(pair.value)) return undefined;
  const keyRange = pair.key.range;
  const valueRange = pair.value.range;
  if (!keyRange || !valueRange) return undefined;
  const start = source.lineStart(keyRange[0]);
  if (source.text.slice(start, keyRange[0]).trim() !== '') return undefined;
  const lineEnd = source.lineEnd(keyRange[0]);
  if (valueRange[1] > lineEnd) return undefined;
  const rest = source.text.slice(valueRange[1], lineEnd).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  const end = Math.min(source.text.length, lineEnd + (source.text[lineEnd] === '\r' ? 2 : 1));
  return { start, end, newText: '' };
}
