// Every rule of the engine, in id order. An id, once released, never changes meaning.
import { APISERVER_TO_KUBELET_RULES } from './apiserver-to-kubelet';
import kubeletClientCaMismatch from './apiserver-to-kubelet/kubeletClientCaMismatch';
import kubeletServingCertificateUnverifiable from './apiserver-to-kubelet/kubeletServingCertificateUnverifiable';
import { APISERVER_TO_NODES_PODS_SERVICES_RULES } from './apiserver-to-nodes-pods-services';
import webhookInjectedCaMismatch from './apiserver-to-nodes-pods-services/webhookInjectedCaMismatch';
import { CONTROL_PLANE_INTERNAL_RULES } from './control-plane-internal';
import { GENERAL_RULES } from './general';
import { NODE_TO_APISERVER_RULES } from './node-to-apiserver';
import kubeconfigServerMismatch from './node-to-apiserver/kubeconfigServerMismatch';
import type { Rule, WorkspaceRule } from './types';

/** The single-file rules: analyzeText runs them on each file (or group of documents) alone. */
export const RULES: readonly Rule[] = [
  ...GENERAL_RULES,
  ...NODE_TO_APISERVER_RULES,
  ...APISERVER_TO_KUBELET_RULES,
  ...APISERVER_TO_NODES_PODS_SERVICES_RULES,
  ...CONTROL_PLANE_INTERNAL_RULES,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** The workspace rules: they need both ends of a channel, so they run over the channel ends of every file (workspace/crossFile.ts). */
export const WORKSPACE_RULES: readonly WorkspaceRule[] = [
  kubeconfigServerMismatch,
  kubeletServingCertificateUnverifiable,
  kubeletClientCaMismatch,
  webhookInjectedCaMismatch,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Every rule, single-file and workspace, in id order: for docs, settings and the CLI's `explain`. */
export const ALL_RULES: readonly Rule[] = [...RULES, ...WORKSPACE_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** Finds single-file and workspace rules alike, so suppression comments and settings naming a workspace rule are valid. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id) ?? WORKSPACE_RULES.find((r) => r.meta.id === id);
}
