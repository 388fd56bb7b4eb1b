// The values an enumerated flag or field takes, best first, with the insecure ones marked: for completion.
import type { ComponentName, FlagType } from '../flags/catalog';
import { STRONG_SUITES } from './tlsCipherSuites';

export interface ValueChoice {
  value: string;
  /** What the value does, in a few words. */
  note: string;
  /** The value leaves the channel open; offered last. */
  insecure?: boolean;
}

export interface ValueChoices {
  choices: readonly ValueChoice[];
  /** A comma-separated list: each element is completed on its own, and elements already given are left out. */
  list: boolean;
}

const APISERVER_AUTHORIZATION_MODES: readonly ValueChoice[] = [
  { value: 'Node', note: 'authorizes kubelets for the objects of their own node' },
  { value: 'RBAC', note: 'Roles and RoleBindings' },
  { value: 'Webhook', note: 'asks an external service (SubjectAccessReview)' },
  { value: 'ABAC', note: 'static policy file; changes need a restart' },
  { value: 'AlwaysDeny', note: 'refuses every request (testing only)' },
  { value: 'AlwaysAllow', note: 'insecure: every authenticated caller may do anything', insecure: true },
];

const KUBELET_AUTHORIZATION_MODES: readonly ValueChoice[] = [
  { value: 'Webhook', note: 'asks the API server (SubjectAccessReview)' },
  { value: 'AlwaysAllow', note: 'insecure: every caller may exec into pods and read logs', insecure: true },
];

const KUBE_TLS_VERSIONS: readonly ValueChoice[] = [
  { value: 'VersionTLS12', note: 'TLS 1.2 and later' },
  { value: 'VersionTLS13', note: 'TLS 1.3 only; every client must support it' },
  { value: 'VersionTLS10', note: 'insecure: TLS 1.0 is deprecated (RFC 8996)', insecure: true },
  { value: 'VersionTLS11', note: 'insecure: TLS 1.1 is deprecated (RFC 8996)', insecure: true },
];

/** etcd's `--tls-min-version` takes only these; anything else stops etcd at start. */
const ETCD_TLS_VERSIONS: readonly ValueChoice[] = [
  { value: 'TLS1.2', note: 'TLS 1.2 and later' },
  { value: 'TLS1.3', note: 'TLS 1.3 only' },
];

/** ECDHE with AES-GCM or ChaCha20-Poly1305 first, then the same suites by their older Go names. */
const STRONG_SUITE_CHOICES: readonly ValueChoice[] = [...STRONG_SUITES]
  .sort((a, b) => Number(!a.endsWith('_SHA256') && a.includes('CHACHA20')) - Number(!b.endsWith('_SHA256') && b.includes('CHACHA20')))
  .map((value) => ({ value, note: 'forward secrecy with an AEAD cipher' }));

/** Components whose TLS settings come from Kubernetes' component-base: Go's version and suite names. */
const KUBE_TLS_COMPONENTS = new Set<ComponentName>(['kube-apiserver', 'kubelet', 'kube-controller-manager', 'kube-scheduler']);

/** The values of an enumerated flag of a component, by the flag's name; bools get `true` and `false`, secure first. */
export function flagValueChoices(component: ComponentName, flag: string, type: FlagType | 'list' | undefined, secure: string | undefined): ValueChoices | undefined {
  if (flag === 'authorization-mode') {
    if (component === 'kube-apiserver') return { choices: APISERVER_AUTHORIZATION_MODES, list: true };
    if (component === 'kubelet') return { choices: KUBELET_AUTHORIZATION_MODES, list: false };
  }
  if (flag === 'tls-min-version') {
    if (component === 'etcd') return { choices: ETCD_TLS_VERSIONS, list: false };
    if (KUBE_TLS_COMPONENTS.has(component)) return { choices: KUBE_TLS_VERSIONS, list: false };
  }
  if ((flag === 'tls-cipher-suites' && KUBE_TLS_COMPONENTS.has(component)) || (flag === 'cipher-suites' && component === 'etcd')) {
    return { choices: STRONG_SUITE_CHOICES, list: true };
  }
  if (component === 'konnectivity-server' && flag === 'mode') {
    return {
      choices: [
        { value: 'grpc', note: 'the API server connects over gRPC (with a `uds` transport)' },
        { value: 'http-connect', note: 'the API server sends HTTP CONNECT requests' },
      ],
      list: false,
    };
  }
  if (type === 'bool') {
    const good = secure === 'false' ? 'false' : 'true';
    const bad = good === 'true' ? 'false' : 'true';
    return {
      choices: [
        { value: good, note: secure !== undefined ? 'secure' : '' },
        { value: bad, note: secure !== undefined ? 'insecure' : '', insecure: secure !== undefined },
      ],
      list: false,
    };
  }
  return undefined;
}
