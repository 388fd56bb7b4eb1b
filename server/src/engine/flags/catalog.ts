// The flags the engine knows for each control-plane component: their pflag type, default and meaning.
import type { ChannelId } from '../types';

export type ComponentName = 'kube-apiserver' | 'kubelet' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd';

export const COMPONENT_NAMES: readonly ComponentName[] = [
  'kube-apiserver',
  'kubelet',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
];

/** pflag value kinds that change how a command line is read: bools take a value only after `=`; slices append. */
export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'map';

export interface FlagSpec {
  type: FlagType;
  /** The value the component uses when the flag is absent, as it would be written after `=`. */
  default?: string;
  channel?: ChannelId;
  /** One sentence on what the flag does for its channel; flags without one are known only for parsing. */
  summary?: string;
  /** The secure value, as written after `=`. */
  secure?: string;
  /** The Kubernetes minor version that removed the flag; setting it there stops the component. */
  removedIn?: string;
}

type Catalog = Readonly<Record<string, FlagSpec>>;

const KUBE_APISERVER: Catalog = {
  'kubelet-certificate-authority': {
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: "CA bundle the API server uses to verify each kubelet's serving certificate before it sends logs, exec, attach and port-forward traffic.",
    secure: '/etc/kubernetes/pki/ca.crt',
  },
  'kubelet-client-certificate': {
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: 'Client certificate the API server presents to kubelets, so that kubelets can authenticate it.',
    secure: '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  },
  'kubelet-client-key': {
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: 'Private key of the client certificate the API server presents to kubelets.',
    secure: '/etc/kubernetes/pki/apiserver-kubelet-client.key',
  },
  'kubelet-https': {
    type: 'bool',
    default: 'true',
    channel: 'apiserver-to-kubelet',
    summary: 'Whether the API server uses HTTPS to reach kubelets; `false` sends exec, logs and port-forward traffic in clear text.',
    secure: 'true',
    removedIn: '1.22',
  },
  'kubelet-preferred-address-types': {
    type: 'stringSlice',
    channel: 'apiserver-to-kubelet',
    summary: 'Order of node address types the API server tries when it connects to a kubelet; it must match the names in the kubelet serving certificates.',
  },
  'anonymous-auth': {
    type: 'bool',
    default: 'true',
    channel: 'node-to-apiserver',
    summary: 'Whether requests without credentials are served as `system:anonymous`.',
    secure: 'false',
  },
  'authorization-mode': {
    type: 'stringSlice',
    default: 'AlwaysAllow',
    channel: 'node-to-apiserver',
    summary: 'Ordered list of authorizers for requests to the API server.',
    secure: 'Node,RBAC',
  },
  'client-ca-file': {
    type: 'string',
    channel: 'node-to-apiserver',
    summary: 'CA bundle that verifies client certificates of kubelets, controllers and users.',
    secure: '/etc/kubernetes/pki/ca.crt',
  },
  'enable-admission-plugins': { type: 'stringSlice' },
  'disable-admission-plugins': { type: 'stringSlice' },
  'etcd-servers': { type: 'stringSlice' },
  'tls-cipher-suites': { type: 'stringSlice' },
  'api-audiences': { type: 'stringSlice' },
  'service-account-issuer': { type: 'stringSlice' },
  'service-account-key-file': { type: 'stringSlice' },
  'feature-gates': { type: 'map' },
  'allow-privileged': { type: 'bool', default: 'false' },
  'enable-bootstrap-token-auth': { type: 'bool', default: 'false' },
  'enable-aggregator-routing': { type: 'bool', default: 'false' },
  'enable-priority-and-fairness': { type: 'bool', default: 'true' },
  'profiling': { type: 'bool', default: 'true' },
  'service-account-lookup': { type: 'bool', default: 'true' },
  'service-account-extend-token-expiration': { type: 'bool', default: 'true' },
  'enable-garbage-collector': { type: 'bool', default: 'true' },
  'enable-logs-handler': { type: 'bool', default: 'true' },
  'endpoint-reconciler-type': { type: 'string' },
  'event-ttl': { type: 'string' },
  'storage-backend': { type: 'string' },
  'logtostderr': { type: 'bool', default: 'true' },
  'alsologtostderr': { type: 'bool', default: 'false' },
};

const KUBELET: Catalog = {
  'anonymous-auth': { type: 'bool', default: 'true' },
  'authentication-token-webhook': { type: 'bool', default: 'false' },
  'authorization-mode': { type: 'string', default: 'AlwaysAllow' },
  'read-only-port': { type: 'int', default: '10255' },
  'client-ca-file': { type: 'string' },
  'rotate-server-certificates': { type: 'bool', default: 'false' },
  'tls-cert-file': { type: 'string' },
  'tls-private-key-file': { type: 'string' },
  config: {
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: 'Path of the KubeletConfiguration file; flags given on the command line override its fields.',
  },
  'rotate-certificates': { type: 'bool', default: 'false' },
  'register-node': { type: 'bool', default: 'true' },
  'fail-swap-on': { type: 'bool', default: 'true' },
  'protect-kernel-defaults': { type: 'bool', default: 'false' },
  'make-iptables-util-chains': { type: 'bool', default: 'true' },
  'cgroups-per-qos': { type: 'bool', default: 'true' },
  'enable-server': { type: 'bool', default: 'true' },
  'enable-debugging-handlers': { type: 'bool', default: 'true' },
  'exit-on-lock-contention': { type: 'bool', default: 'false' },
  'allow-privileged': { type: 'bool', default: 'false' },
  'containerized': { type: 'bool', default: 'false' },
  'logtostderr': { type: 'bool', default: 'true' },
  'alsologtostderr': { type: 'bool', default: 'false' },
  'tls-cipher-suites': { type: 'stringSlice' },
  'cluster-dns': { type: 'stringSlice' },
  'node-labels': { type: 'map' },
  'feature-gates': { type: 'map' },
};

const KUBE_CONTROLLER_MANAGER: Catalog = {
  controllers: { type: 'stringSlice' },
  'feature-gates': { type: 'map' },
  'use-service-account-credentials': { type: 'bool', default: 'false' },
  'leader-elect': { type: 'bool', default: 'true' },
  'allocate-node-cidrs': { type: 'bool', default: 'false' },
  'configure-cloud-routes': { type: 'bool', default: 'true' },
  'profiling': { type: 'bool', default: 'true' },
  'logtostderr': { type: 'bool', default: 'true' },
};

const KUBE_SCHEDULER: Catalog = {
  'feature-gates': { type: 'map' },
  'leader-elect': { type: 'bool', default: 'true' },
  'profiling': { type: 'bool', default: 'true' },
  'logtostderr': { type: 'bool', default: 'true' },
};

const ETCD: Catalog = {
  'client-cert-auth': { type: 'bool', default: 'false' },
  'peer-client-cert-auth': { type: 'bool', default: 'false' },
  'auto-tls': { type: 'bool', default: 'false' },
  'peer-auto-tls': { type: 'bool', default: 'false' },
  'strict-reconfig-check': { type: 'bool', default: 'true' },
  'enable-v2': { type: 'bool', default: 'false' },
  'enable-pprof': { type: 'bool', default: 'false' },
  'debug': { type: 'bool', default: 'false' },
  'force-new-cluster': { type: 'bool', default: 'false' },
  'experimental-initial-corrupt-check': { type: 'bool', default: 'false' },
};

const CATALOGS: Readonly<Record<ComponentName, Catalog>> = {
  'kube-apiserver': KUBE_APISERVER,
  kubelet: KUBELET,
  'kube-controller-manager': KUBE_CONTROLLER_MANAGER,
  'kube-scheduler': KUBE_SCHEDULER,
  etcd: ETCD,
};

export function flagSpec(component: ComponentName, name: string): FlagSpec | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOGS[component], name) ? CATALOGS[component][name] : undefined;
}
