// Builders for the small manifests used as examples (and so as tests and docs) of the node → API server rules.
import { componentPod } from '../examples';
export { apiserverPod, kubeletConfig, kubeletDaemonSet, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from '../examples';

/** A kube-apiserver static pod of a given Kubernetes version (the image tag says which). */
export function apiserverPodAt(version: string, flags: readonly string[]): string {
  return componentPod('kube-apiserver', flags, version);
}

export function controllerManagerPod(flags: readonly string[]): string {
  return componentPod('kube-controller-manager', flags);
}

/** A kubeconfig with one cluster, context and user; `cluster` and `user` are the lines under `cluster:` and `user:`. */
export function kubeconfig(cluster: readonly string[], user: readonly string[]): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: kubernetes',
    '  cluster:',
    ...cluster.map((l) => `    ${l}`),
    'contexts:',
    '- name: kubelet@kubernetes',
    '  context:',
    '    cluster: kubernetes',
    '    user: kubelet',
    'current-context: kubelet@kubernetes',
    'users:',
    '- name: kubelet',
    '  user:',
    ...user.map((l) => `    ${l}`),
    '',
  ].join('\n');
}

export const CA_DATA = 'certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t';
export const SERVER = 'server: https://10.0.0.10:6443';
export const CLIENT_CERT = ['client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem', 'client-key: /var/lib/kubelet/pki/kubelet-client-current.pem'];

/** The flags of a kube-apiserver whose node → API server settings are all secure, minus those an example leaves out. */
export const SECURE_APISERVER_FLAGS: readonly string[] = [
  '--anonymous-auth=false',
  '--authorization-mode=Node,RBAC',
  '--enable-admission-plugins=NodeRestriction',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
  '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
  '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
  '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
  '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
  '--service-account-extend-token-expiration=false',
];

export function secureApiserverFlagsExcept(...flags: string[]): string[] {
  return SECURE_APISERVER_FLAGS.filter((f) => !flags.some((name) => f.startsWith(`--${name}=`)));
}
