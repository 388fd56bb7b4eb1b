// Builders for the small manifests used as examples (and so as tests and docs) by this channel's rules.

/** A short, valid-looking base64 PEM bundle: its content does not matter to the rules. */
export const CA_BUNDLE = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUM1ekNDQWMrZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=';

function metadata(name: string, annotations: readonly string[]): string[] {
  return ['metadata:', `  name: ${name}`, ...(annotations.length > 0 ? ['  annotations:', ...annotations.map((a) => `    ${a}`)] : [])];
}

/** An APIService for metrics.k8s.io served by metrics-server, with the given extra `spec` lines. */
export function apiService(specLines: readonly string[], annotations: readonly string[] = []): string {
  return [
    'apiVersion: apiregistration.k8s.io/v1',
    'kind: APIService',
    ...metadata('v1beta1.metrics.k8s.io', annotations),
    'spec:',
    '  group: metrics.k8s.io',
    '  version: v1beta1',
    '  groupPriorityMinimum: 100',
    '  versionPriority: 100',
    '  service:',
    '    name: metrics-server',
    '    namespace: kube-system',
    ...specLines.map((l) => `  ${l}`),
    '',
  ].join('\n');
}

/** A ValidatingWebhookConfiguration with one webhook whose `clientConfig` holds the given lines. */
export function validatingWebhook(clientConfigLines: readonly string[], annotations: readonly string[] = [], name = 'policy-webhook'): string {
  return [
    'apiVersion: admissionregistration.k8s.io/v1',
    'kind: ValidatingWebhookConfiguration',
    ...metadata(name, annotations),
    'webhooks:',
    '- name: validate.policy.example.com',
    '  admissionReviewVersions: ["v1"]',
    '  sideEffects: None',
    '  failurePolicy: Fail',
    '  clientConfig:',
    ...clientConfigLines.map((l) => `    ${l}`),
    '  rules:',
    '  - apiGroups: [""]',
    '    apiVersions: ["v1"]',
    '    operations: ["CREATE", "UPDATE"]',
    '    resources: ["pods"]',
    '',
  ].join('\n');
}

export const WEBHOOK_SERVICE = ['service:', '  name: policy-webhook', '  namespace: policy-system', '  path: /validate'];

/** A kube-webhook-certgen Job (ingress-nginx, kube-prometheus-stack) run with the given arguments. */
export function certgenJob(args: readonly string[]): string {
  return [
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: admission-patch',
    'spec:',
    '  template:',
    '    spec:',
    '      restartPolicy: OnFailure',
    '      containers:',
    '      - name: patch',
    '        image: registry.k8s.io/ingress-nginx/kube-webhook-certgen:v1.4.4',
    '        args:',
    ...args.map((a) => `        - ${a}`),
    '',
  ].join('\n');
}

/** An apiextensions.k8s.io/v1 CRD whose conversion webhook `clientConfig` holds the given lines. */
export function conversionCrd(clientConfigLines: readonly string[], annotations: readonly string[] = []): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    ...metadata('widgets.example.com', annotations),
    'spec:',
    '  group: example.com',
    '  names:',
    '    kind: Widget',
    '    plural: widgets',
    '  scope: Namespaced',
    '  conversion:',
    '    strategy: Webhook',
    '    webhook:',
    '      conversionReviewVersions: ["v1"]',
    '      clientConfig:',
    ...clientConfigLines.map((l) => `        ${l}`),
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '',
  ].join('\n');
}

/** A ClusterRole with the given `rules:` items (already indented as sequence items). */
export function clusterRole(name: string, ruleLines: readonly string[]): string {
  return ['apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', `  name: ${name}`, 'rules:', ...ruleLines, ''].join('\n');
}

export function egressSelector(selectionLines: readonly string[]): string {
  return ['apiVersion: apiserver.k8s.io/v1beta1', 'kind: EgressSelectorConfiguration', 'egressSelections:', ...selectionLines, ''].join('\n');
}

/** The konnectivity-agent DaemonSet of the upstream setup guide, with the given arguments. */
export function konnectivityAgent(args: readonly string[]): string {
  return [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: konnectivity-agent',
    '  namespace: kube-system',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      k8s-app: konnectivity-agent',
    '  template:',
    '    metadata:',
    '      labels:',
    '        k8s-app: konnectivity-agent',
    '    spec:',
    '      serviceAccountName: konnectivity-agent',
    '      containers:',
    '      - name: konnectivity-agent',
    '        image: registry.k8s.io/kas-network-proxy/proxy-agent:v0.33.0',
    '        command: ["/proxy-agent"]',
    '        args:',
    ...args.map((a) => `        - ${a}`),
    '',
  ].join('\n');
}

export const AGENT_ARGS: readonly string[] = [
  '--logtostderr=true',
  '--proxy-server-host=konnectivity.example.com',
  '--proxy-server-port=8132',
  '--admin-server-port=8133',
  '--health-server-port=8134',
  '--service-account-token-path=/var/run/secrets/tokens/konnectivity-agent-token',
];

/** The konnectivity-server static pod of the upstream setup guide, with the given arguments. */
export function konnectivityServer(args: readonly string[]): string {
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: konnectivity-server',
    '  namespace: kube-system',
    'spec:',
    '  hostNetwork: true',
    '  containers:',
    '  - name: konnectivity-server-container',
    '    image: registry.k8s.io/kas-network-proxy/proxy-server:v0.33.0',
    '    command: ["/proxy-server"]',
    '    args:',
    ...args.map((a) => `    - ${a}`),
    '',
  ].join('\n');
}

export const SERVER_ARGS: readonly string[] = [
  '--uds-name=/etc/kubernetes/konnectivity-server/konnectivity-server.socket',
  '--delete-existing-uds-file',
  '--cluster-cert=/etc/kubernetes/pki/apiserver.crt',
  '--cluster-key=/etc/kubernetes/pki/apiserver.key',
  '--mode=grpc',
  '--server-port=0',
  '--agent-port=8132',
  '--admin-port=8133',
  '--health-port=8134',
];

export const SERVER_TOKEN_AUTH: readonly string[] = [
  '--agent-namespace=kube-system',
  '--agent-service-account=konnectivity-agent',
  '--kubeconfig=/etc/kubernetes/konnectivity-server.conf',
  '--authentication-audience=system:konnectivity-server',
];

/** kubeadm's front-proxy flags of kube-apiserver. */
export const FRONT_PROXY = {
  ca: '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
  names: '--requestheader-allowed-names=front-proxy-client',
  cert: '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
  key: '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
  headers: ['--requestheader-extra-headers-prefix=X-Remote-Extra-', '--requestheader-group-headers=X-Remote-Group', '--requestheader-username-headers=X-Remote-User'],
};
