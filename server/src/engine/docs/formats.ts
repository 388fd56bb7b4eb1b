// The file formats a rule reads, named as users know them, for the rules index and each rule's page.
import type { ComponentName } from '../flags/catalog';

/** Where a component's flags can be written, beyond YAML embedded in block scalars (which every format below may be). */
const FLAG_FORMATS: Readonly<Record<ComponentName, readonly string[]>> = {
  'kube-apiserver': ['workloads and static pods', 'kubeadm ClusterConfiguration', 'Cluster API', 'kind patches', 'k3s/RKE2 config'],
  'kube-controller-manager': ['workloads and static pods', 'kubeadm ClusterConfiguration', 'Cluster API', 'kind patches', 'k3s/RKE2 config'],
  'kube-scheduler': ['workloads and static pods', 'kubeadm ClusterConfiguration', 'Cluster API', 'kind patches', 'k3s/RKE2 config'],
  etcd: ['workloads and static pods', 'kubeadm ClusterConfiguration', 'Cluster API', 'kind patches', 'k3s/RKE2 config'],
  kubelet: ['workloads', 'kubeadm Init/JoinConfiguration', 'Cluster API', 'k3s/RKE2 config'],
  'kube-proxy': ['workloads', 'k3s/RKE2 config'],
  'konnectivity-server': ['workloads and static pods'],
  'konnectivity-agent': ['workloads'],
};

/** Where a component's config fields can be written. */
const CONFIG_FORMATS: Partial<Record<ComponentName, readonly string[]>> = {
  kubelet: ['KubeletConfiguration', 'eksctl kubeletExtraConfig'],
  'kube-scheduler': ['KubeSchedulerConfiguration'],
  'kube-proxy': ['KubeProxyConfiguration'],
  etcd: ['etcd config file'],
};

export function flagFormats(component: ComponentName): readonly string[] {
  return FLAG_FORMATS[component];
}

export function settingFormats(component: ComponentName, hasField: boolean): readonly string[] {
  return [...FLAG_FORMATS[component], ...(hasField ? CONFIG_FORMATS[component] ?? [] : [])];
}
