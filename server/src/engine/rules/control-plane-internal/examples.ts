// Builders for the manifests used as examples by the control plane internal rules: etcd, controller manager, scheduler, kube-proxy.

function staticPod(name: string, image: string, flags: readonly string[], extra: readonly string[] = []): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    '  namespace: kube-system',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    `  - name: ${name}`,
    `    image: ${image}`,
    ...extra,
    '    command:',
    `    - ${name}`,
    ...flags.map((f) => `    - ${f}`),
    '',
  ].join('\n');
}

/** A manifest whose (first) pod shares the host's network, as static control-plane pods do. */
export function onHostNetwork(text: string): string {
  return text.replace('\nspec:\n', '\nspec:\n  hostNetwork: true\n');
}

/** An etcd static pod; `env` lines go under the container (already indented by four spaces). */
export function etcdPod(flags: readonly string[], env: readonly string[] = []): string {
  return staticPod('etcd', 'registry.k8s.io/etcd:3.5.16-0', flags, env.length > 0 ? ['    env:', ...env] : []);
}

/** An aggregated API server with an etcd sidecar on the pod's own network, as in Kubernetes' sample-apiserver. */
export function etcdSidecarDeployment(flags: readonly string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: wardle-server',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: wardle',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: wardle',
    '    spec:',
    '      containers:',
    '      - name: etcd',
    '        image: registry.k8s.io/etcd:3.5.16-0',
    '        command: [/usr/local/bin/etcd]',
    '        args:',
    ...flags.map((f) => `        - ${f}`),
    '',
  ].join('\n');
}

export function controllerManagerPod(flags: readonly string[], version = '1.31.0'): string {
  return staticPod('kube-controller-manager', `registry.k8s.io/kube-controller-manager:v${version}`, flags);
}

export function schedulerPod(flags: readonly string[], version = '1.31.0'): string {
  return staticPod('kube-scheduler', `registry.k8s.io/kube-scheduler:v${version}`, flags);
}

export function kubeProxyDaemonSet(flags: readonly string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: kube-proxy',
    '  namespace: kube-system',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      k8s-app: kube-proxy',
    '  template:',
    '    metadata:',
    '      labels:',
    '        k8s-app: kube-proxy',
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    '      - name: kube-proxy',
    '        image: registry.k8s.io/kube-proxy:v1.31.0',
    '        command:',
    '        - /usr/local/bin/kube-proxy',
    ...flags.map((f) => `        - ${f}`),
    '',
  ].join('\n');
}

/** An etcd `--config-file` document: no apiVersion or kind, etcd's own keys. */
export function etcdConfig(lines: readonly string[]): string {
  return [...lines, ''].join('\n');
}

export function schedulerConfig(lines: readonly string[]): string {
  return ['apiVersion: kubescheduler.config.k8s.io/v1', 'kind: KubeSchedulerConfiguration', ...lines, ''].join('\n');
}

export function proxyConfig(lines: readonly string[]): string {
  return ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', ...lines, ''].join('\n');
}

export function kubeadmClusterConfig(lines: readonly string[]): string {
  return ['apiVersion: kubeadm.k8s.io/v1beta4', 'kind: ClusterConfiguration', 'kubernetesVersion: v1.31.0', ...lines, ''].join('\n');
}

const PKI = '/etc/kubernetes/pki/etcd';

/** The flags kubeadm gives a stacked etcd member, with a non-loopback peer URL. */
export const SECURE_ETCD_FLAGS: readonly string[] = [
  '--advertise-client-urls=https://10.0.0.10:2379',
  `--cert-file=${PKI}/server.crt`,
  '--client-cert-auth=true',
  '--data-dir=/var/lib/etcd',
  '--initial-advertise-peer-urls=https://10.0.0.10:2380',
  '--initial-cluster=cp1=https://10.0.0.10:2380',
  `--key-file=${PKI}/server.key`,
  '--listen-client-urls=https://127.0.0.1:2379,https://10.0.0.10:2379',
  '--listen-metrics-urls=http://127.0.0.1:2381',
  '--listen-peer-urls=https://10.0.0.10:2380',
  '--name=cp1',
  `--peer-cert-file=${PKI}/peer.crt`,
  '--peer-client-cert-auth=true',
  `--peer-key-file=${PKI}/peer.key`,
  `--peer-trusted-ca-file=${PKI}/ca.crt`,
  `--trusted-ca-file=${PKI}/ca.crt`,
];

export function secureEtcdFlagsExcept(...names: string[]): string[] {
  return SECURE_ETCD_FLAGS.filter((f) => !names.some((name) => f.startsWith(`--${name}=`)));
}

/** The same member written as an etcd config file. */
export const SECURE_ETCD_CONFIG: readonly string[] = [
  'name: cp1',
  'data-dir: /var/lib/etcd',
  'listen-client-urls: https://127.0.0.1:2379,https://10.0.0.10:2379',
  'advertise-client-urls: https://10.0.0.10:2379',
  'listen-peer-urls: https://10.0.0.10:2380',
  'initial-advertise-peer-urls: https://10.0.0.10:2380',
  'initial-cluster: cp1=https://10.0.0.10:2380',
  'client-transport-security:',
  `  cert-file: ${PKI}/server.crt`,
  `  key-file: ${PKI}/server.key`,
  '  client-cert-auth: true',
  `  trusted-ca-file: ${PKI}/ca.crt`,
  'peer-transport-security:',
  `  cert-file: ${PKI}/peer.crt`,
  `  key-file: ${PKI}/peer.key`,
  '  client-cert-auth: true',
  `  trusted-ca-file: ${PKI}/ca.crt`,
];

/** The controller manager flags kubeadm writes, for examples about one of them. */
export const SECURE_KCM_FLAGS: readonly string[] = [
  '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--bind-address=127.0.0.1',
  '--kubeconfig=/etc/kubernetes/controller-manager.conf',
  '--profiling=false',
  '--use-service-account-credentials=true',
];

export function secureKcmFlagsExcept(...names: string[]): string[] {
  return SECURE_KCM_FLAGS.filter((f) => !names.some((name) => f.startsWith(`--${name}=`)));
}

export const SECURE_SCHEDULER_FLAGS: readonly string[] = [
  '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
  '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
  '--bind-address=127.0.0.1',
  '--kubeconfig=/etc/kubernetes/scheduler.conf',
  '--profiling=false',
];

export function secureSchedulerFlagsExcept(...names: string[]): string[] {
  return SECURE_SCHEDULER_FLAGS.filter((f) => !names.some((name) => f.startsWith(`--${name}=`)));
}

/** The etcd flags of a kubeadm API server. */
export const APISERVER_ETCD_FLAGS: readonly string[] = [
  '--etcd-servers=https://127.0.0.1:2379',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
];

export function apiserverEtcdFlagsExcept(...names: string[]): string[] {
  return APISERVER_ETCD_FLAGS.filter((f) => !names.some((name) => f.startsWith(`--${name}=`)));
}

/** `lines` with `added` after the first line equal to `anchor`. */
export function insertAfter(lines: readonly string[], anchor: string, ...added: string[]): string[] {
  const at = lines.indexOf(anchor);
  if (at < 0) throw new Error(`no line ${anchor}`);
  return [...lines.slice(0, at + 1), ...added, ...lines.slice(at + 1)];
}

/** `lines` without the first line equal to `line`. */
export function withoutLine(lines: readonly string[], line: string): string[] {
  const at = lines.indexOf(line);
  if (at < 0) throw new Error(`no line ${line}`);
  return [...lines.slice(0, at), ...lines.slice(at + 1)];
}

/** `lines` with the first line equal to `from` replaced. */
export function replaceLine(lines: readonly string[], from: string, to: string): string[] {
  const at = lines.indexOf(from);
  if (at < 0) throw new Error(`no line ${from}`);
  return [...lines.slice(0, at), to, ...lines.slice(at + 1)];
}
