// Builders for the manifests used as examples by the API server → kubelet rules, beyond the shared ones in ../examples.

export function controllerManagerPod(flags: readonly string[]): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: kube-controller-manager',
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - name: kube-controller-manager',
    '    image: registry.k8s.io/kube-controller-manager:v1.31.0',
    '    command:',
    '    - kube-controller-manager',
    ...flags.map((f) => `    - ${f}`),
    '',
  ].join('\n');
}
