// Rules about how a component reads its own command line (KCG0xx).
import boolFlagSplitValue from './boolFlagSplitValue';
import type { Rule } from '../types';

export const GENERAL_RULES: readonly Rule[] = [boolFlagSplitValue];
