// Rules of the control plane internal (KCG4xx) channel.
import type { Rule } from '../types';

export const CONTROL_PLANE_INTERNAL_RULES: readonly Rule[] = [];
