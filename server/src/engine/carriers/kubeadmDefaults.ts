// The flags kubeadm writes into each control-plane component's command line before it adds `extraArgs`
// (as in the static pods `kubeadm init` generates under /etc/kubernetes/manifests). Paths are kubeadm's defaults.
import type { ComponentName } from '../flags/catalog';
import { atLeast, type KubeVersion } from '../version';

const PKI = '/etc/kubernetes/pki';

export const KUBEADM_DEFAULT_FLAGS: Partial<Record<ComponentName, Readonly<Record<string, string>>>> = {
  'kube-apiserver': {
    'allow-privileged': 'true',
    'authorization-mode': 'Node,RBAC',
    'client-ca-file': `${PKI}/ca.crt`,
    'enable-admission-plugins': 'NodeRestriction',
    'enable-bootstrap-token-auth': 'true',
    'etcd-cafile': `${PKI}/etcd/ca.crt`,
    'etcd-certfile': `${PKI}/apiserver-etcd-client.crt`,
    'etcd-keyfile': `${PKI}/apiserver-etcd-client.key`,
    'etcd-servers': 'https://127.0.0.1:2379',
    'kubelet-client-certificate': `${PKI}/apiserver-kubelet-client.crt`,
    'kubelet-client-key': `${PKI}/apiserver-kubelet-client.key`,
    'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
    'proxy-client-cert-file': `${PKI}/front-proxy-client.crt`,
    'proxy-client-key-file': `${PKI}/front-proxy-client.key`,
    'requestheader-allowed-names': 'front-proxy-client',
    'requestheader-client-ca-file': `${PKI}/front-proxy-ca.crt`,
    'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
    'requestheader-group-headers': 'X-Remote-Group',
    'requestheader-username-headers': 'X-Remote-User',
    'secure-port': '6443',
    'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
    'service-account-key-file': `${PKI}/sa.pub`,
    'service-account-signing-key-file': `${PKI}/sa.key`,
    'tls-cert-file': `${PKI}/apiserver.crt`,
    'tls-private-key-file': `${PKI}/apiserver.key`,
  },
  'kube-controller-manager': {
    'authentication-kubeconfig': '/etc/kubernetes/controller-manager.conf',
    'authorization-kubeconfig': '/etc/kubernetes/controller-manager.conf',
    'bind-address': '127.0.0.1',
    'client-ca-file': `${PKI}/ca.crt`,
    'cluster-signing-cert-file': `${PKI}/ca.crt`,
    'cluster-signing-key-file': `${PKI}/ca.key`,
    controllers: '*,bootstrapsigner,tokencleaner',
    kubeconfig: '/etc/kubernetes/controller-manager.conf',
    'leader-elect': 'true',
    'requestheader-client-ca-file': `${PKI}/front-proxy-ca.crt`,
    'root-ca-file': `${PKI}/ca.crt`,
    'service-account-private-key-file': `${PKI}/sa.key`,
    'use-service-account-credentials': 'true',
  },
  'kube-scheduler': {
    'authentication-kubeconfig': '/etc/kubernetes/scheduler.conf',
    'authorization-kubeconfig': '/etc/kubernetes/scheduler.conf',
    'bind-address': '127.0.0.1',
    kubeconfig: '/etc/kubernetes/scheduler.conf',
    'leader-elect': 'true',
  },
  etcd: {
    'cert-file': `${PKI}/etcd/server.crt`,
    'client-cert-auth': 'true',
    'data-dir': '/var/lib/etcd',
    'key-file': `${PKI}/etcd/server.key`,
    'listen-client-urls': 'https://127.0.0.1:2379',
    'listen-metrics-urls': 'http://127.0.0.1:2381',
    'peer-cert-file': `${PKI}/etcd/peer.crt`,
    'peer-client-cert-auth': 'true',
    'peer-key-file': `${PKI}/etcd/peer.key`,
    'peer-trusted-ca-file': `${PKI}/etcd/ca.crt`,
    'snapshot-count': '10000',
    'trusted-ca-file': `${PKI}/etcd/ca.crt`,
  },
  // kubeadm always starts the kubelet with the config file it writes from the KubeletConfiguration.
  kubelet: {
    config: '/var/lib/kubelet/config.yaml',
    kubeconfig: '/etc/kubernetes/kubelet.conf',
    'bootstrap-kubeconfig': '/etc/kubernetes/bootstrap-kubelet.conf',
  },
};

/**
 * kubeadm's defaults for the Kubernetes version it installs: before 1.24 it also wrote `--insecure-port=0`;
 * from 1.16 (patch releases of mid 2020) to 1.23 `--port=0` for the controller manager and scheduler, and up to
 * 1.13 `--address=127.0.0.1` instead; before 1.20 it wrote no service-account issuer or signing key.
 */
export function kubeadmDefaultFlags(component: ComponentName, version: KubeVersion | undefined): Readonly<Record<string, string>> {
  const flags: Record<string, string> = { ...(KUBEADM_DEFAULT_FLAGS[component] ?? {}) };
  if (!version) return flags;
  if (!atLeast(version, '1.24')) {
    if (component === 'kube-apiserver') flags['insecure-port'] = '0';
    if (component === 'kube-controller-manager' || component === 'kube-scheduler') {
      if (atLeast(version, '1.16')) flags.port = '0';
      if (!atLeast(version, '1.14')) flags.address = '127.0.0.1';
    }
  }
  if (!atLeast(version, '1.20') && component === 'kube-apiserver') {
    delete flags['service-account-issuer'];
    delete flags['service-account-signing-key-file'];
  }
  return flags;
}
