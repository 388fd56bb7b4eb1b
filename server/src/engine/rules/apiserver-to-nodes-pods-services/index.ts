// Rules of the API server → nodes, pods and services (KCG3xx) channel.
import type { Rule } from '../types';

export const APISERVER_TO_NODES_PODS_SERVICES_RULES: readonly Rule[] = [];
