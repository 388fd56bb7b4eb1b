// Rules about how a component reads its own command line, and about suppression comments (KCG0xx).
import boolFlagSplitValue from './boolFlagSplitValue';
import suppressionUnknownRule from './suppressionUnknownRule';
import suppressionUnused from './suppressionUnused';
import type { Rule } from '../types';

export const GENERAL_RULES: readonly Rule[] = [boolFlagSplitValue, suppressionUnused, suppressionUnknownRule];
