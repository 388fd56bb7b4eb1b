// Builders for the small manifests used as rule examples (and so as tests and docs).

/** A static pod running one control-plane component with the given flags; the image tag names its Kubernetes version. */
export function componentPod(component: string, flags: readonly string[], version = '1.31.0'): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${component}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    `  - name: ${component}`,
    `    image: registry.k8s.io/${component}:v${version}`,
    '    command:',
    `    - ${component}`,
    ...flags.map((f) => `    - ${f}`),
    '',
  ].join('\n');
}

export function apiserverPod(flags: readonly string[]): string {
  return componentPod('kube-apiserver', flags);
}

export function kubeletDaemonSet(flags: readonly string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: kubelet',
    '  namespace: kube-system',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: kubelet',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: kubelet',
    '    spec:',
    '      containers:',
    '      - name: kubelet',
    '        image: registry.k8s.io/kubelet:v1.31.0',
    '        command:',
    '        - /usr/local/bin/kubelet',
    '        args:',
    ...flags.map((f) => `        - ${f}`),
    '',
  ].join('\n');
}

export function kubeletConfig(lines: readonly string[]): string {
  return ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', ...lines, ''].join('\n');
}

/** The kubelet flags of a well-secured kubelet run from flags alone, minus the ones an example leaves out. */
export const SECURE_KUBELET_FLAGS: readonly string[] = [
  '--anonymous-auth=false',
  '--authentication-token-webhook=true',
  '--authorization-mode=Webhook',
  '--read-only-port=0',
  '--client-ca-file=/etc/kubernetes/pki/ca.crt',
  '--rotate-server-certificates=true',
];

export function secureKubeletFlagsExcept(...flags: string[]): string[] {
  return SECURE_KUBELET_FLAGS.filter((f) => !flags.some((name) => f.startsWith(`--${name}=`)));
}

/** The fields of a well-secured KubeletConfiguration. */
export const SECURE_KUBELET_FIELDS: readonly string[] = [
  'authentication:',
  '  anonymous:',
  '    enabled: false',
  '  webhook:',
  '    enabled: true',
  '  x509:',
  '    clientCAFile: /etc/kubernetes/pki/ca.crt',
  'authorization:',
  '  mode: Webhook',
  'readOnlyPort: 0',
  'serverTLSBootstrap: true',
];
