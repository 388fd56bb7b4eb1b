// eksctl ClusterConfig: each self-managed node group's `kubeletExtraConfig` is merged over the kubelet config of the EKS AMI.
import { isMap } from 'yaml';
import type { ConfigSource } from '../parse/component';
import type { ParsedDocument } from '../parse/documents';
import { asSeq, mapValue } from '../parse/yamlNodes';

export function findEksctlKubeletConfigs(document: ParsedDocument): ConfigSource[] {
  if (document.kind !== 'ClusterConfig' || !document.apiVersion?.startsWith('eksctl.io/')) return [];
  const found: ConfigSource[] = [];
  for (const key of ['nodeGroups', 'managedNodeGroups']) {
    asSeq(mapValue(document.doc.contents, key))?.items.forEach((group, index) => {
      const extra = mapValue(group, 'kubeletExtraConfig');
      if (!isMap(extra)) return;
      // Fields left out keep the AMI's values, which we cannot see: only what the file sets is known.
      found.push({ component: 'kubelet', document, root: extra, label: `${key}[${index}].kubeletExtraConfig`, partial: true });
    });
  }
  return found;
}
