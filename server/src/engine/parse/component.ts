// A control-plane component as the engine sees it: its flags, wherever they are written, and how to edit them there.
import type { ComponentName } from '../flags/catalog';
import type { FlagOccurrence, FlagSet } from '../flags/flagset';
import type { OffsetEdit } from '../fix/yamlEdits';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import type { ParsedDocument } from './documents';

/**
 * Where a component's flags are written: a container's command line, kubeadm `extraArgs`, a k3s
 * `*-arg` list. Each carrier knows how to add, change and remove a flag in its own syntax.
 */
export interface FlagCarrier {
  readonly kind: 'argv' | 'kubeadm' | 'k3s';
  /** The key a missing flag is reported on: the list or map it belongs in, or its nearest parent. */
  homeRange(): OffsetRange | undefined;
  /** Keys that, hovered, summarise the component's channels. */
  anchors(): OffsetRange[];
  addFlag(source: SourceText, name: string, value: string): OffsetEdit[] | undefined;
  setFlag(source: SourceText, occurrence: FlagOccurrence, value: string): OffsetEdit[] | undefined;
  removeFlags(source: SourceText, occurrences: readonly FlagOccurrence[]): OffsetEdit[] | undefined;
}

export interface Component {
  component: ComponentName;
  document: ParsedDocument;
  /** The YAML node that holds the component (a container, a kubeadm section), for summaries. */
  node: unknown;
  /** How the user would name it: `container kube-apiserver`, `apiServer.extraArgs`. */
  label?: string;
  flags: FlagSet;
  carrier: FlagCarrier;
}
