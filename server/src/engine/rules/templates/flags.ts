// Rule templates for component flags: a flag that must be set, a value that must not be used, a flag a version removed.
import type { FlagOccurrence } from '../../flags/flagset';
import type { ComponentName } from '../../flags/catalog';
import type { Component } from '../../parse/component';
import type { Rule, RuleContext, RuleMeta } from '../types';
import { flagFormats } from '../../docs/formats';
import { atLeast, formatVersion } from '../../version';
import { isSet } from './values';

export function componentsOf(context: RuleContext, name: ComponentName): Component[] {
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
    meta: { ...meta, formats: meta.formats ?? flagFormats(component) },
    check(context) {
      for (const c of componentsOf(context, component)) {
        // A partial file may get the flag from what we cannot see.
        if (c.partial) continue;
        for (const flag of flags) {
          const last = c.flags.last(flag.name);
          if (last && isSet(last.value)) continue;
          const range = last && last.form !== 'implied' ? last.range : c.carrier.homeRange();
          if (!range) continue;
          const { source } = context.model;
          const edits = last && last.form !== 'implied' ? c.carrier.setFlag(source, last, flag.value) : c.carrier.addFlag(source, flag.name, flag.value);
          context.report({
            range,
            message: message(c.carrier.spell(flag.name)),
            fixes: edits ? [{ title: `${last ? 'Set' : 'Add'} ${c.carrier.spellSetting(flag.name, flag.value)}`, edits }] : [],
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
  /** `written` is the flag and its value as this file writes them (`--kubelet-https=false`, `kubelet-https: "false" in ...`). */
  message: (occurrence: FlagOccurrence, written: string) => string,
): Rule {
  return {
    meta: { ...meta, formats: meta.formats ?? flagFormats(component) },
    check(context) {
      for (const c of componentsOf(context, component)) {
        const last = c.flags.last(flag);
        if (!last || !insecure(last.value)) continue;
        const all = c.flags.all(flag);
        const edits = c.carrier.removeFlags(context.model.source, all);
        context.report({
          range: last.range,
          message: message(last, c.carrier.kind === 'argv' ? `--${flag}=${last.value}` : c.carrier.spellSetting(flag, last.value)),
          fixes: edits ? [{ title: `Remove ${c.carrier.spell(flag)}`, edits }] : [],
        });
      }
    },
  };
}

/**
 * A flag that a Kubernetes version removed: from that version on the component refuses to start
 * with it, so it is reported as removed (never demanded), with a fix that removes it. Before that
 * version, `olderInsecure` may say the value itself is insecure there.
 */
export function flagRemoved(
  meta: RuleMeta,
  component: ComponentName,
  flag: string,
  removedIn: string,
  /** The message for an older version, given the value and the flag as this file spells it; undefined when harmless there. */
  olderInsecure: (value: string, spelled: string) => string | undefined,
): Rule {
  return {
    meta: { ...meta, formats: meta.formats ?? flagFormats(component) },
    check(context) {
      for (const c of componentsOf(context, component)) {
        const all = c.flags.all(flag).filter((o) => o.form !== 'implied');
        const last = all[all.length - 1];
        if (!last) continue;
        const version = context.versionOf(c);
        const removed = atLeast(version, removedIn);
        const message = removed
          ? `${c.carrier.spell(flag)} was removed in Kubernetes ${removedIn}: ${component} ${formatVersion(version)} will not start with it`
          : olderInsecure(last.value, c.carrier.spell(flag));
        if (!message) continue;
        const edits = c.carrier.removeFlags(context.model.source, all);
        context.report({ range: last.range, message, fixes: edits ? [{ title: `Remove ${c.carrier.spell(flag)}`, edits }] : [] });
      }
    },
  };
}
