// Rule templates for kube-apiserver flags: a flag that must be set, and a value that must not be used.
import { addFlag, flagHome, removeTokens, setFlagValue } from '../../fix/flagEdits';
import type { FlagOccurrence } from '../../flags/flagset';
import type { ComponentName } from '../../flags/catalog';
import type { ComponentInvocation } from '../../parse/components';
import type { Rule, RuleContext, RuleMeta } from '../types';
import { isSet } from './values';

export function componentsOf(context: RuleContext, name: ComponentName): ComponentInvocation[] {
  return context.model.components.filter((c) => c.component === name);
}

/** One finding per flag of `flags` that the component lacks (or sets to an empty value), with a fix that adds it. */
export function flagRequired(
  meta: RuleMeta,
  component: ComponentName,
  flags: ReadonlyArray<{ name: string; value: string }>,
  message: (flag: string) => string,
): Rule {
  return {
    meta,
    check(context) {
      for (const c of componentsOf(context, component)) {
        for (const flag of flags) {
          const last = c.flags.last(flag.name);
          if (last && isSet(last.value)) continue;
          const home = flagHome(c);
          const range = last ? last.range : home?.keyRange;
          if (!range) continue;
          const edits = last ? setFlagValue(last, flag.value) : addFlag(context.model.source, c, flag.name, flag.value);
          context.report({
            range,
            message: message(`--${flag.name}`),
            fixes: edits ? [{ title: `${last ? 'Set' : 'Add'} --${flag.name}=${flag.value}`, edits }] : [],
          });
        }
      }
    },
  };
}

/** A finding when the flag's effective (last) value is insecure, with a fix that removes every occurrence. */
export function flagValueForbidden(
  meta: RuleMeta,
  component: ComponentName,
  flag: string,
  insecure: (value: string) => boolean,
  message: (occurrence: FlagOccurrence) => string,
): Rule {
  return {
    meta,
    check(context) {
      for (const c of componentsOf(context, component)) {
        const last = c.flags.last(flag);
        if (!last || !insecure(last.value)) continue;
        const all = c.flags.all(flag);
        const edits = removeTokens(context.model.source, all.flatMap((o) => (o.valueToken ? [o.token, o.valueToken] : [o.token])));
        context.report({
          range: last.range,
          message: message(last),
          fixes: edits ? [{ title: `Remove --${flag}`, edits }] : [],
        });
      }
    },
  };
}
