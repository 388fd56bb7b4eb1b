// Fields of API objects and client files that the rules read (APIService, webhooks, kubeconfig, ...): what each does to its channel, for hover.
import type { ChannelId } from '../types';

export interface ObjectField {
  /** The kinds the field belongs to. */
  kinds: readonly string[];
  /** API groups of those kinds: `""` the core group, undefined a document without apiVersion. */
  groups: ReadonlyArray<string | undefined>;
  /** The field's path from the document root; `*` stands for any item of a sequence. */
  path: readonly string[];
  channel: ChannelId;
  summary: string;
  /** The secure value, as written after `field: `, when one can be written without knowing the cluster. */
  secure?: string;
  /** The value is a credential: hover does not repeat it. */
  secret?: boolean;
}

const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'];
const ADMISSION = ['admissionregistration.k8s.io'];
const CRD = ['apiextensions.k8s.io'];
const KUBECONFIG_GROUPS = ['', undefined];
const PROXY: ChannelId = 'apiserver-to-nodes-pods-services';
const NODE: ChannelId = 'node-to-apiserver';

/** The client side of a webhook call, wherever a `clientConfig` sits. */
function clientConfigFields(kinds: readonly string[], groups: readonly string[], at: readonly string[], what: string): ObjectField[] {
  return [
    {
      kinds,
      groups,
      path: [...at, 'url'],
      channel: PROXY,
      summary: `URL the API server calls the ${what} at, sending it every object it matches; only \`https://\` without user credentials is accepted.`,
    },
    {
      kinds,
      groups,
      path: [...at, 'caBundle'],
      channel: PROXY,
      summary: `Base64 PEM of the CA the API server verifies the ${what}'s serving certificate with; without it, only the system trust roots of the API server's host are used.`,
    },
    {
      kinds,
      groups,
      path: [...at, 'service'],
      channel: PROXY,
      summary: `The in-cluster service the API server calls the ${what} through, over HTTPS to \`<name>.<namespace>.svc\`; preferred over a URL.`,
    },
  ];
}

export const OBJECT_FIELDS: readonly ObjectField[] = [
  {
    kinds: ['APIService'],
    groups: ['apiregistration.k8s.io'],
    path: ['spec', 'insecureSkipTLSVerify'],
    channel: PROXY,
    summary: "Whether the aggregator skips verifying the serving certificate of the extension API server it proxies this group to; the API reference calls it strongly discouraged, and it may not be true next to a `caBundle`.",
    secure: 'false',
  },
  {
    kinds: ['APIService'],
    groups: ['apiregistration.k8s.io'],
    path: ['spec', 'caBundle'],
    channel: PROXY,
    summary: "Base64 PEM of the CA that signed the extension API server's serving certificate; the aggregator verifies `<service>.<namespace>.svc` with it.",
  },
  {
    kinds: ['APIService'],
    groups: ['apiregistration.k8s.io'],
    path: ['spec', 'service'],
    channel: PROXY,
    summary: 'The service the aggregator proxies this API group to, with the caller\'s identity in `X-Remote-User` headers; without it, kube-apiserver serves the group itself.',
  },
  ...clientConfigFields(WEBHOOK_KINDS, ADMISSION, ['webhooks', '*', 'clientConfig'], 'webhook'),
  ...clientConfigFields(['CustomResourceDefinition'], CRD, ['spec', 'conversion', 'webhook', 'clientConfig'], 'conversion webhook'),
  ...clientConfigFields(['CustomResourceDefinition'], CRD, ['spec', 'conversion', 'webhookClientConfig'], 'conversion webhook'),
  {
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['clusters', '*', 'cluster', 'server'],
    channel: NODE,
    summary: "Address of the API server this cluster entry reaches; an `http://` URL sends every request and credential in clear text.",
  },
  {
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['clusters', '*', 'cluster', 'insecure-skip-tls-verify'],
    channel: NODE,
    summary: "Whether the client skips verifying the API server's certificate, so anyone who intercepts the connection receives its credentials; client-go refuses it next to a CA.",
    secure: 'false',
  },
  {
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['clusters', '*', 'cluster', 'certificate-authority'],
    channel: NODE,
    summary: "Path of the CA file the client verifies the API server's certificate with.",
  },
  {
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['clusters', '*', 'cluster', 'certificate-authority-data'],
    channel: NODE,
    summary: "Base64 PEM of the CA the client verifies the API server's certificate with, embedded in the file (as kubeadm writes it).",
  },
  {
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['clusters', '*', 'cluster', 'tls-server-name'],
    channel: NODE,
    summary: "Name the client checks the API server's certificate against, when it differs from the host in `server`.",
  },
  ...(['token', 'tokenFile'] as const).map((key) => ({
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['users', '*', 'user', key],
    channel: NODE,
    summary: key === 'token' ? 'A bearer token written into the file: it is sent with every request and, if static, never expires.' : 'File holding the bearer token sent with every request; projected service-account tokens there expire and are refreshed.',
    secret: key === 'token',
  })),
  ...(['username', 'password'] as const).map((key) => ({
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['users', '*', 'user', key],
    channel: NODE,
    summary: 'HTTP basic authentication, which kube-apiserver no longer supports (removed in 1.19).',
    secret: key === 'password',
  })),
  ...(['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data'] as const).map((key) => ({
    kinds: ['Config'],
    groups: KUBECONFIG_GROUPS,
    path: ['users', '*', 'user', key],
    channel: NODE,
    summary: key.startsWith('client-certificate')
      ? 'Client certificate the client authenticates to the API server with (`-data`: embedded base64 PEM).'
      : 'Private key of the client certificate (`-data`: embedded base64 PEM).',
    secret: key === 'client-key-data',
  })),
  {
    kinds: ['JoinConfiguration'],
    groups: ['kubeadm.k8s.io'],
    path: ['discovery', 'bootstrapToken', 'unsafeSkipCAVerification'],
    channel: NODE,
    summary: 'Whether a joining node trusts the cluster CA it fetches with a bootstrap token without pinning it to `caCertHashes`.',
    secure: 'false',
  },
  {
    kinds: ['JoinConfiguration'],
    groups: ['kubeadm.k8s.io'],
    path: ['discovery', 'bootstrapToken', 'caCertHashes'],
    channel: NODE,
    summary: "`sha256:` hashes of the cluster CA's public key that pin it for a joining node (what `kubeadm init` prints as `--discovery-token-ca-cert-hash`).",
  },
  {
    kinds: ['ClusterConfig'],
    groups: ['eksctl.io'],
    path: ['vpc', 'clusterEndpoints', 'privateAccess'],
    channel: NODE,
    summary: "Whether nodes and pods reach the EKS API server through an endpoint inside the VPC instead of over the Internet.",
    secure: 'true',
  },
  {
    kinds: ['ClusterConfig'],
    groups: ['eksctl.io'],
    path: ['vpc', 'clusterEndpoints', 'publicAccess'],
    channel: NODE,
    summary: 'Whether the EKS API server has an endpoint on the Internet (eksctl and EKS default: true).',
  },
  {
    kinds: ['ClusterConfig'],
    groups: ['eksctl.io'],
    path: ['vpc', 'publicAccessCIDRs'],
    channel: NODE,
    summary: "Networks allowed to reach the EKS API server's public endpoint; unset means `0.0.0.0/0`.",
  },
  {
    kinds: ['AuthenticationConfiguration'],
    groups: ['apiserver.config.k8s.io'],
    path: ['anonymous', 'enabled'],
    channel: NODE,
    summary: 'Whether requests without credentials are served as `system:anonymous`; mutually exclusive with `--anonymous-auth`.',
  },
  {
    kinds: ['AuthenticationConfiguration'],
    groups: ['apiserver.config.k8s.io'],
    path: ['anonymous', 'conditions'],
    channel: NODE,
    summary: 'The paths anonymous requests are accepted for (typically `/livez`, `/readyz`, `/healthz`); without conditions, every path.',
  },
  {
    kinds: ['AuthorizationConfiguration'],
    groups: ['apiserver.config.k8s.io'],
    path: ['authorizers', '*', 'type'],
    channel: NODE,
    summary: 'An authorizer of the chain: `Node`, `RBAC`, `Webhook`, `AlwaysAllow` or `AlwaysDeny`; `AlwaysAllow` lets every authenticated caller do anything.',
  },
  {
    kinds: ['EgressSelectorConfiguration'],
    groups: ['apiserver.k8s.io', 'apiserver.config.k8s.io'],
    path: ['egressSelections', '*', 'connection', 'proxyProtocol'],
    channel: PROXY,
    summary: 'How the API server talks to its egress proxy (Konnectivity): `GRPC` (over `uds`), `HTTPConnect`, or `Direct` (no proxy).',
  },
  {
    kinds: ['EgressSelectorConfiguration'],
    groups: ['apiserver.k8s.io', 'apiserver.config.k8s.io'],
    path: ['egressSelections', '*', 'connection', 'transport', 'tcp', 'url'],
    channel: PROXY,
    summary: 'URL of the egress proxy over TCP; `http://` sends the CONNECT requests in clear text without a client certificate.',
  },
  {
    kinds: ['EgressSelectorConfiguration'],
    groups: ['apiserver.k8s.io', 'apiserver.config.k8s.io'],
    path: ['egressSelections', '*', 'connection', 'transport', 'tcp', 'tlsConfig'],
    channel: PROXY,
    summary: "TLS to the egress proxy: `caBundle` verifies the proxy, `clientCert` and `clientKey` authenticate the API server to it; required for an `https://` URL.",
  },
  {
    kinds: ['EgressSelectorConfiguration'],
    groups: ['apiserver.k8s.io', 'apiserver.config.k8s.io'],
    path: ['egressSelections', '*', 'connection', 'transport', 'uds', 'udsName'],
    channel: PROXY,
    summary: 'Unix socket of konnectivity-server on the same machine; nothing crosses the network between the API server and the proxy.',
  },
];

/** The field knowledge for a document of this kind and group at this path (`*` for sequence items), if any. */
export function objectField(kind: string, group: string | undefined, path: readonly string[]): ObjectField | undefined {
  return OBJECT_FIELDS.find(
    (f) => f.kinds.includes(kind) && f.groups.includes(group) && f.path.length === path.length && f.path.every((p, i) => p === path[i]),
  );
}
