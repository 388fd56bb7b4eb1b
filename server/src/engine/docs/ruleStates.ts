// What a finding of each rule says about its channel, in a word or two, and which components its findings belong to (for code lenses).
import type { ComponentName } from '../flags/catalog';

export interface RuleState {
  /** The channel's state when this rule fires, short enough for a one-line summary: `anonymous`, `unverified`, `plaintext`. */
  state: string;
  /**
   * The components whose settings the rule reads. A finding counts for a component only when the rule names it, so that
   * findings placed on a shared anchor (a kubeadm document's `kind`) go to the right component. Undefined: any component.
   */
  components?: readonly ComponentName[];
}

const APISERVER: readonly ComponentName[] = ['kube-apiserver'];
const KUBELET: readonly ComponentName[] = ['kubelet'];
const CONTROLLER_MANAGER: readonly ComponentName[] = ['kube-controller-manager'];
const SCHEDULER: readonly ComponentName[] = ['kube-scheduler'];
const ETCD: readonly ComponentName[] = ['etcd'];
/** Rules on API objects and files that belong to no component (kubeconfigs, APIServices, webhooks). */
const NONE: readonly ComponentName[] = [];

export const RULE_STATES: Readonly<Record<string, RuleState>> = {
  KCG001: { state: 'misread flag' },
  // Hints about suppression comments say nothing about a component's channels.
  KCG002: { state: 'unused suppression', components: NONE },
  KCG003: { state: 'unknown rule id', components: NONE },
  KCG101: { state: 'anonymous', components: APISERVER },
  KCG102: { state: 'static tokens', components: APISERVER },
  KCG103: { state: 'static passwords', components: APISERVER },
  KCG104: { state: 'open', components: APISERVER },
  KCG105: { state: 'no Node authorizer', components: APISERVER },
  KCG106: { state: 'no RBAC', components: APISERVER },
  KCG107: { state: 'no NodeRestriction', components: APISERVER },
  KCG108: { state: 'no SA admission', components: APISERVER },
  KCG109: { state: 'no token lookup', components: APISERVER },
  KCG110: { state: 'no SA key', components: APISERVER },
  KCG111: { state: 'no SA issuer', components: APISERVER },
  KCG112: { state: 'no client CA', components: APISERVER },
  KCG113: { state: 'self-signed', components: APISERVER },
  KCG114: { state: 'weak ciphers', components: APISERVER },
  KCG115: { state: 'weak TLS', components: APISERVER },
  KCG116: { state: 'no HTTPS', components: APISERVER },
  KCG117: { state: 'plaintext', components: APISERVER },
  KCG118: { state: 'plaintext', components: APISERVER },
  KCG119: { state: 'no cert rotation', components: KUBELET },
  KCG120: { state: 'unverified', components: NONE },
  KCG121: { state: 'plaintext', components: NONE },
  KCG122: { state: 'no CA', components: NONE },
  KCG123: { state: 'static credentials', components: NONE },
  KCG124: { state: 'unverified', components: NONE },
  KCG125: { state: 'public', components: NONE },
  KCG126: { state: 'anonymous', components: NONE },
  KCG127: { state: 'open', components: NONE },
  KCG128: { state: 'static tokens', components: NONE },
  KCG129: { state: 'no SA signing key', components: CONTROLLER_MANAGER },
  KCG130: { state: 'no root CA', components: CONTROLLER_MANAGER },
  KCG131: { state: 'hostname override', components: KUBELET },
  KCG132: { state: 'long-lived tokens', components: APISERVER },
  KCG133: { state: 'wrong endpoint', components: NONE },
  KCG201: { state: 'unverified', components: APISERVER },
  KCG202: { state: 'no client cert', components: APISERVER },
  KCG203: { state: 'plaintext', components: APISERVER },
  KCG204: { state: 'anonymous', components: KUBELET },
  KCG205: { state: 'open', components: KUBELET },
  KCG206: { state: 'no token authn', components: KUBELET },
  KCG207: { state: 'read-only port', components: KUBELET },
  KCG208: { state: 'no client CA', components: KUBELET },
  KCG209: { state: 'self-signed', components: KUBELET },
  KCG210: { state: 'no cert rotation', components: ['kubelet', 'kube-controller-manager'] },
  KCG211: { state: 'weak ciphers', components: KUBELET },
  KCG212: { state: 'weak TLS', components: KUBELET },
  KCG213: { state: 'no idle timeout', components: KUBELET },
  KCG214: { state: 'unverifiable kubelets', components: APISERVER },
  KCG215: { state: 'client CA mismatch', components: ['kubelet', 'kube-apiserver'] },
  KCG301: { state: 'unverified', components: NONE },
  KCG302: { state: 'no CA', components: NONE },
  KCG303: { state: 'plaintext', components: NONE },
  KCG304: { state: 'no CA', components: NONE },
  KCG306: { state: 'nodes/proxy granted', components: NONE },
  KCG307: { state: 'SSH tunnels', components: APISERVER },
  KCG308: { state: 'plaintext', components: NONE },
  KCG309: { state: 'unverified', components: ['konnectivity-agent'] },
  KCG310: { state: 'unauthenticated', components: ['konnectivity-server'] },
  KCG311: { state: 'any front proxy', components: APISERVER },
  KCG312: { state: 'no proxy cert', components: APISERVER },
  KCG313: { state: 'wrong CA', components: NONE },
  KCG401: { state: 'plaintext', components: APISERVER },
  KCG402: { state: 'no client cert', components: APISERVER },
  KCG403: { state: 'unverified', components: APISERVER },
  KCG404: { state: 'plaintext', components: ETCD },
  KCG405: { state: 'unauthenticated', components: ETCD },
  KCG406: { state: 'no client CA', components: ETCD },
  KCG407: { state: 'self-signed', components: ETCD },
  KCG408: { state: 'plaintext peers', components: ETCD },
  KCG409: { state: 'unauthenticated peers', components: ETCD },
  KCG410: { state: 'self-signed peers', components: ETCD },
  KCG411: { state: 'plaintext', components: ETCD },
  KCG412: { state: 'weak TLS', components: ETCD },
  KCG413: { state: 'shared identity', components: CONTROLLER_MANAGER },
  KCG414: { state: 'exposed', components: CONTROLLER_MANAGER },
  KCG415: { state: 'exposed', components: SCHEDULER },
  KCG416: { state: 'plaintext', components: CONTROLLER_MANAGER },
  KCG417: { state: 'plaintext', components: SCHEDULER },
  KCG418: { state: 'profiling', components: ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] },
  KCG419: { state: 'exposed metrics', components: ['kube-proxy'] },
  KCG420: { state: 'insecure etcd', components: APISERVER },
  KCG421: { state: 'no delegated auth', components: CONTROLLER_MANAGER },
  KCG422: { state: 'shared CA', components: ETCD },
};

/** The state word of a rule; a rule without one is summarised by its id. */
export function ruleState(ruleId: string): string {
  return RULE_STATES[ruleId]?.state ?? ruleId;
}

/** Whether a rule's findings may belong to a component. */
export function ruleConcerns(ruleId: string, component: ComponentName): boolean {
  const components = RULE_STATES[ruleId]?.components;
  return components === undefined || components.includes(component);
}
