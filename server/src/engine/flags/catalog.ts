// The flags the engine knows for each control-plane component: their pflag type, default and meaning.
import type { ChannelId } from '../types';
import { CHANNEL_SPECS } from './specs';

export type ComponentName =
  | 'kube-apiserver'
  | 'kubelet'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'kube-proxy'
  | 'etcd'
  | 'konnectivity-server'
  | 'konnectivity-agent';

export const COMPONENT_NAMES: readonly ComponentName[] = [
  'kube-apiserver',
  'kubelet',
  'kube-controller-manager',
  'kube-scheduler',
  'kube-proxy',
  'etcd',
  'konnectivity-server',
  'konnectivity-agent',
];

/** Binary names that run each component, where they differ from the component's name. */
export const COMPONENT_BINARIES: Readonly<Record<string, ComponentName>> = {
  ...Object.fromEntries(COMPONENT_NAMES.map((c) => [c, c])),
  'proxy-server': 'konnectivity-server',
  'proxy-agent': 'konnectivity-agent',
};

/**
 * pflag value kinds that change how a command line is read: bools take a value only after `=`;
 * `stringSlice` repeats append and commas split; `stringArray` repeats append but commas do not split.
 */
export type FlagType = 'bool' | 'string' | 'int' | 'stringSlice' | 'stringArray' | 'map';

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

export type Catalog = Readonly<Record<string, FlagSpec>>;

/** Flag knowledge contributed by one channel's rules: summaries, secure values and versions, merged over the base tables below. */
export type ChannelFlagSpecs = Partial<Record<ComponentName, Catalog>>;

const KUBE_APISERVER: Catalog = {
  'anonymous-auth': { type: 'bool', default: 'true' },
  'authorization-mode': { type: 'stringSlice', default: 'AlwaysAllow' },
  'client-ca-file': { type: 'string' },
  'kubelet-https': { type: 'bool', default: 'true' },
  'kubelet-preferred-address-types': { type: 'stringSlice' },
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

const KUBE_PROXY: Catalog = {
  'feature-gates': { type: 'map' },
  'masquerade-all': { type: 'bool', default: 'false' },
  'profiling': { type: 'bool', default: 'false' },
};

const BASE: Readonly<Record<ComponentName, Catalog>> = {
  'kube-apiserver': KUBE_APISERVER,
  kubelet: KUBELET,
  'kube-controller-manager': KUBE_CONTROLLER_MANAGER,
  'kube-scheduler': KUBE_SCHEDULER,
  'kube-proxy': KUBE_PROXY,
  etcd: ETCD,
  'konnectivity-server': {},
  'konnectivity-agent': {},
};

const CATALOGS: Readonly<Record<ComponentName, Catalog>> = Object.fromEntries(
  COMPONENT_NAMES.map((component) => {
    const merged: Record<string, FlagSpec> = { ...BASE[component] };
    for (const specs of CHANNEL_SPECS) {
      for (const [name, spec] of Object.entries(specs[component] ?? {})) merged[name] = { ...merged[name], ...spec };
    }
    return [component, merged];
  }),
) as Record<ComponentName, Catalog>;

export function flagSpec(component: ComponentName, name: string): FlagSpec | undefined {
  return Object.prototype.hasOwnProperty.call(CATALOGS[component], name) ? CATALOGS[component][name] : undefined;
}

/** Every flag the engine knows for a component, for hover and completion. */
export function knownFlags(component: ComponentName): Readonly<Record<string, FlagSpec>> {
  return CATALOGS[component];
}
