// A control-plane component as the engine sees it: its flags, wherever they are written, and how to edit them there.
import type { YAMLMap } from 'yaml';
import type { ComponentName } from '../flags/catalog';
import type { FlagOccurrence, FlagSet } from '../flags/flagset';
import type { OffsetEdit } from '../fix/yamlEdits';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import type { KubeVersion } from '../version';
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
  /** How a flag's name is written here: `--anonymous-auth` on a command line, `anonymous-auth` in kubeadm extraArgs. */
  spell(name: string): string;
  /** How a flag with a value is written here: `--anonymous-auth=false`, `anonymous-auth: "false"`, `anonymous-auth=false`. */
  spellSetting(name: string, value: string): string;
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
  /**
   * True when the file shows only part of the component's settings (a Helm template, a Kustomize
   * patch, a `--config` file we cannot see): missing settings draw no finding, explicit ones do.
   */
  partial: boolean;
  /** The Kubernetes version the file says the component runs (image tag, kubeadm `kubernetesVersion`). */
  version?: KubeVersion;
}

/**
 * A component's configuration written as YAML fields: a KubeletConfiguration document, etcd's
 * `--config-file` format, eksctl's `kubeletExtraConfig`. Fields left out take the config defaults.
 */
export interface ConfigSource {
  component: ComponentName;
  document: ParsedDocument;
  /** The mapping the fields are read from: the document root, or a nested mapping. */
  root: YAMLMap<unknown, unknown>;
  /** How the user would name it: `KubeletConfiguration`, `nodeGroups[0].kubeletExtraConfig`. */
  label: string;
  /** True when fields left out are filled by something we cannot see (EKS's own kubelet config, a patch). */
  partial: boolean;
}
