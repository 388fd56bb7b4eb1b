// k3s and RKE2 `config.yaml`: components' flags as `kube-apiserver-arg: ["name=value", ...]` lists, without dashes.
import { isScalar, isSeq, type Pair, type Scalar, type YAMLSeq } from 'yaml';
import { flagSpec, type ComponentName } from '../flags/catalog';
import { FlagSet, type FlagOccurrence } from '../flags/flagset';
import { appendSeqItem, removeSeqItem, type OffsetEdit } from '../fix/yamlEdits';
import type { Component, FlagCarrier } from '../parse/component';
import type { ParsedDocument } from '../parse/documents';
import { scalarValueOffsets } from '../parse/scalarSource';
import { asMap, keyName, keyRange } from '../parse/yamlNodes';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import { editInItem } from './argv';

const ARG_KEYS: Readonly<Record<string, ComponentName>> = {
  'kube-apiserver-arg': 'kube-apiserver',
  'kube-controller-manager-arg': 'kube-controller-manager',
  'kube-scheduler-arg': 'kube-scheduler',
  'kubelet-arg': 'kubelet',
  'kube-proxy-arg': 'kube-proxy',
  'etcd-arg': 'etcd',
};

class K3sCarrier implements FlagCarrier {
  readonly kind = 'k3s';
  readonly items = new Map<FlagOccurrence, Scalar>();

  constructor(private readonly pair: Pair<unknown, unknown>) {}

  homeRange(): OffsetRange | undefined {
    return keyRange(this.pair);
  }

  anchors(): OffsetRange[] {
    const key = keyRange(this.pair);
    return key ? [key] : [];
  }

  spell(name: string): string {
    return name;
  }

  spellSetting(name: string, value: string): string {
    return `${name}=${value}`;
  }

  addFlag(source: SourceText, name: string, value: string): OffsetEdit[] | undefined {
    const seq = isSeq(this.pair.value) ? (this.pair.value as YAMLSeq<unknown>) : undefined;
    const edit = seq && appendSeqItem(source, seq, `${name}=${value}`);
    return edit ? [edit] : undefined;
  }

  setFlag(source: SourceText, occurrence: FlagOccurrence, value: string): OffsetEdit[] | undefined {
    const item = this.items.get(occurrence);
    const flow = isSeq(this.pair.value) && this.pair.value.flow === true;
    const edit = item && editInItem(source, item, flow, occurrence.valueRange.start, occurrence.valueRange.end, value);
    return edit ? [edit] : undefined;
  }

  removeFlags(source: SourceText, occurrences: readonly FlagOccurrence[]): OffsetEdit[] | undefined {
    const seq = this.pair.value as YAMLSeq<unknown>;
    const edits = occurrences.map((o) => (isSeq(seq) && this.items.has(o) ? removeSeqItem(source, seq, this.items.get(o)) : undefined));
    return edits.every((e): e is OffsetEdit => e !== undefined) ? edits : undefined;
  }
}

function occurrences(carrier: K3sCarrier, component: ComponentName, value: unknown, text: string): FlagOccurrence[] {
  const items = isSeq(value) ? value.items : [value];
  const found: FlagOccurrence[] = [];
  for (const item of items) {
    if (!isScalar(item) || typeof item.value !== 'string' || !item.range) continue;
    const offsets = scalarValueOffsets(item, text);
    const raw = item.value;
    const dashes = raw.startsWith('--') ? 2 : 0;
    const eq = raw.indexOf('=');
    const name = raw.slice(dashes, eq < 0 ? undefined : eq);
    const at = (i: number): number => (offsets ? offsets[i] : item.range?.[0] ?? 0);
    const range = offsets ? { start: offsets[0], end: offsets[raw.length] } : { start: item.range[0], end: item.range[1] };
    const occurrence: FlagOccurrence = {
      name,
      value: eq < 0 ? 'true' : raw.slice(eq + 1),
      form: eq < 0 ? 'bare' : 'equals',
      range,
      valueRange: eq < 0 ? range : { start: at(eq + 1), end: offsets ? offsets[raw.length] : range.end },
      spec: flagSpec(component, name),
      unresolved: false,
    };
    if (offsets) carrier.items.set(occurrence, item);
    found.push(occurrence);
  }
  return found;
}

/** k3s/RKE2 config files have no kind: they are recognised by their `*-arg` keys. */
export function findK3sComponents(document: ParsedDocument, text: string): Component[] {
  const root = asMap(document.doc.contents);
  if (!root || document.kind !== undefined) return [];
  const found: Component[] = [];
  for (const pair of root.items) {
    const key = keyName(pair);
    const component = key !== undefined ? ARG_KEYS[key] : undefined;
    if (!component) continue;
    const carrier = new K3sCarrier(pair);
    found.push({
      component,
      document,
      node: pair.value,
      label: key,
      flags: new FlagSet(component, occurrences(carrier, component, pair.value, text), []),
      carrier,
      // k3s and RKE2 start every component with secure settings of their own: only what the file sets is known.
      partial: true,
    });
  }
  return found;
}
