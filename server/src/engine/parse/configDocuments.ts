// Recognises documents that configure a component through fields rather than flags, by content.
import { isMap } from 'yaml';
import type { ComponentName } from '../flags/catalog';
import type { ConfigSource } from './component';
import type { ParsedDocument } from './documents';
import { keyName } from './yamlNodes';

/** Component config kinds, by kind and API group. */
const CONFIG_KINDS: ReadonlyArray<{ kind: string; group: string; component: ComponentName }> = [
  { kind: 'KubeletConfiguration', group: 'kubelet.config.k8s.io', component: 'kubelet' },
  { kind: 'KubeSchedulerConfiguration', group: 'kubescheduler.config.k8s.io', component: 'kube-scheduler' },
  { kind: 'KubeProxyConfiguration', group: 'kubeproxy.config.k8s.io', component: 'kube-proxy' },
];

/** Keys that only etcd's `--config-file` YAML has; it has no apiVersion or kind. */
const ETCD_CONFIG_KEYS = new Set(['data-dir', 'listen-client-urls', 'advertise-client-urls', 'listen-peer-urls', 'initial-advertise-peer-urls', 'client-transport-security', 'peer-transport-security', 'initial-cluster']);

export function configSourceOf(document: ParsedDocument): ConfigSource | undefined {
  const root = document.doc.contents;
  if (!isMap(root)) return undefined;
  const group = document.apiVersion?.split('/')[0];
  const known = CONFIG_KINDS.find((k) => k.kind === document.kind && k.group === group);
  if (known) return { component: known.component, document, root, label: known.kind, partial: false };
  if (document.kind === undefined && document.apiVersion === undefined) {
    const etcdKeys = root.items.filter((p) => ETCD_CONFIG_KEYS.has(keyName(p) ?? '')).length;
    if (etcdKeys >= 2) return { component: 'etcd', document, root, label: 'etcd config file', partial: false };
  }
  return undefined;
}
