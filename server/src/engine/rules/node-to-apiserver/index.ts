// Rules of the node → API server (KCG1xx) channel.
import type { Rule } from '../types';

export const NODE_TO_APISERVER_RULES: readonly Rule[] = [];
