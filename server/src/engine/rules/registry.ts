// Every rule of the engine, in id order. An id, once released, never changes meaning.
import { APISERVER_TO_KUBELET_RULES } from './apiserver-to-kubelet';
import { APISERVER_TO_NODES_PODS_SERVICES_RULES } from './apiserver-to-nodes-pods-services';
import { CONTROL_PLANE_INTERNAL_RULES } from './control-plane-internal';
import { GENERAL_RULES } from './general';
import { NODE_TO_APISERVER_RULES } from './node-to-apiserver';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  ...GENERAL_RULES,
  ...NODE_TO_APISERVER_RULES,
  ...APISERVER_TO_KUBELET_RULES,
  ...APISERVER_TO_NODES_PODS_SERVICES_RULES,
  ...CONTROL_PLANE_INTERNAL_RULES,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
