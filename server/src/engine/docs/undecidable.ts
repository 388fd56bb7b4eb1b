// Settings of the research catalogue (shared/RULES.md) that YAML alone cannot decide, with the reason; listed in docs/rules.md.

export interface Undecidable {
  /** The row of shared/RULES.md. */
  row: number;
  setting: string;
  reason: string;
}

export const UNDECIDABLE: readonly Undecidable[] = [
  { row: 16, setting: 'bootstrap tokens used beyond kubelet TLS bootstrap, or long-lived', reason: 'Bootstrap tokens are Secrets created at run time (kubeadm token create); their use and expiry are not in the manifests.' },
  { row: 31, setting: 'kube-apiserver `--kubelet-preferred-address-types` order', reason: 'Whether an order is wrong depends on the names in each kubelet serving certificate, which live on the nodes.' },
  { row: 40, setting: 'kubelet `--bootstrap-kubeconfig` / `--kubeconfig` contents', reason: 'The flags name files on the node. When those kubeconfig files are in the workspace, the kubeconfig rules (KCG120–KCG123) check them.' },
  { row: 45, setting: 'kubelet `address`, `port`, `healthzBindAddress`', reason: 'Serving on all addresses is normal; it matters only together with anonymous auth or AlwaysAllow, which KCG204 and KCG205 report.' },
  { row: 58, setting: 'file permissions and ownership of kubeconfigs, PKI and manifests', reason: 'Permissions are properties of files on the hosts, not of their YAML content.' },
  { row: 64, setting: 'kube-controller-manager cluster signing CA and duration', reason: 'Which CA signs kubelet certificates and for how long is a policy choice with no secure value to check against.' },
  { row: 81, setting: 'pods mounting service-account tokens they do not use', reason: 'Whether a pod calls the API server is a property of the program it runs, not of its manifest.' },
];
