// Rule template for a setting read from a component's flags or from its config document, each with its own default.
import type { Pair } from 'yaml';
import { replaceScalar, setMapPath, type OffsetEdit } from '../../fix/yamlEdits';
import type { FlagOccurrence } from '../../flags/flagset';
import { CONFIG_FLAGS, type Setting } from '../../docs/settings';
import type { Component, ConfigSource } from '../../parse/component';
import { asScalar, mapPathPair, scalarText } from '../../parse/yamlNodes';
import { nearestPresentKey, pairRange } from './fields';
import { settingFormats } from '../../docs/formats';
import type { OffsetRange } from '../../types';
import type { Rule, RuleContext, RuleMeta } from '../types';
import { componentsOf } from './flags';
import { isSet } from './values';

/**
 * Where a setting's value comes from. A flag overrides the config file; a flag left unset takes
 * the (often insecure) flag default only when no config file is given, since we cannot see what a
 * file elsewhere sets; a field left unset takes the (usually secure) config default. What the file
 * cannot tell (an unexpanded `$(VAR)`, a partial file) is `unknown`, and unknown says nothing.
 */
export type Resolved =
  | { source: 'flag'; value: string; spelled: string; occurrence: FlagOccurrence }
  | { source: 'flag-default'; value: string | undefined; spelled: string }
  | { source: 'field'; value: string | undefined; spelled: string; pair: Pair<unknown, unknown> }
  | { source: 'config-default'; value: string | undefined; spelled: string }
  | { source: 'unknown' };

export function resolveFlag(component: Component, setting: Setting): Resolved {
  const configFlag = CONFIG_FLAGS[component.component];
  const configFile = configFlag !== undefined && isSet(component.flags.last(configFlag)?.value);
  // etcd ignores every flag and ETCD_* variable once --config-file is given.
  if (configFile && component.component === 'etcd') return { source: 'unknown' };
  // Otherwise a config file can only change what it has a field for.
  const configGiven = configFile && setting.field !== undefined;
  const occurrence = component.flags.last(setting.flag);
  const spelled = component.carrier.spell(setting.flag);
  if (occurrence && occurrence.form !== 'implied') {
    if (occurrence.unresolved) return { source: 'unknown' };
    const value = setting.type === 'list' ? component.flags.list(setting.flag).join(',') : occurrence.value;
    return { source: 'flag', value, spelled, occurrence };
  }
  if (occurrence) return { source: 'flag-default', value: occurrence.value, spelled };
  if (configGiven || component.partial) return { source: 'unknown' };
  return { source: 'flag-default', value: setting.flagDefault, spelled };
}

export function resolveField(config: ConfigSource, setting: Setting): Resolved {
  if (!setting.field) return { source: 'unknown' };
  const pair = mapPathPair(config.root, setting.field);
  const spelled = setting.field.join('.');
  if (pair) return { source: 'field', value: scalarText(pair.value), spelled, pair };
  if (config.partial) return { source: 'unknown' };
  return { source: 'config-default', value: setting.configDefault, spelled };
}

export interface SettingRuleOptions {
  meta: RuleMeta;
  setting: Setting;
  /** The value to write when fixing (or a function of the current value); omit when only the user can know it. */
  fixValue?: string | ((current: string | undefined) => string | undefined);
  insecure: (value: string | undefined) => boolean;
  /** Another setting that makes this one moot when set (a serving certificate file instead of TLS bootstrap). */
  satisfiedBy?: Setting;
  message: (resolved: Exclude<Resolved, { source: 'unknown' }>) => string;
}

export function settingRule(options: SettingRuleOptions): Rule {
  const { meta, setting, insecure, satisfiedBy } = options;
  let fixValue: string | undefined;
  const check = (
    context: RuleContext,
    resolved: Resolved,
    alternative: Resolved,
    where: () => OffsetRange | undefined,
    fix: () => OffsetEdit[] | undefined,
    flagTitle: (value: string) => string,
  ): void => {
    if (resolved.source === 'unknown' || !insecure(resolved.value)) return;
    // A setting that makes this one moot, set or hidden in a file we cannot see, means no finding.
    if (satisfiedBy && (alternative.source === 'unknown' || isSet(alternative.value))) return;
    const range = where();
    if (!range) return;
    fixValue = typeof options.fixValue === 'function' ? options.fixValue(resolved.value) : options.fixValue;
    const edits = fixValue === undefined ? undefined : fix();
    const title = resolved.source === 'flag' || resolved.source === 'flag-default' ? `Set ${flagTitle(fixValue as string)}` : `Set ${(setting.field ?? []).join('.')}: ${fixValue}`;
    context.report({ range, message: options.message(resolved), fixes: edits ? [{ title, edits }] : [] });
  };
  return {
    meta: { ...meta, formats: meta.formats ?? settingFormats(setting.component, setting.field !== undefined) },
    check(context) {
      const { source } = context.model;
      for (const c of componentsOf(context, setting.component)) {
        const resolved = resolveFlag(c, setting);
        // `--flag value` on a bool flag is the command-line rule's finding (KCG001), with its own fix.
        if (resolved.source === 'flag' && c.flags.strays.some((s) => s.afterBoolFlag === resolved.occurrence)) continue;
        const alternative = satisfiedBy ? resolveFlag(c, satisfiedBy) : resolved;
        check(
          context,
          resolved,
          alternative,
          () => (resolved.source === 'flag' ? resolved.occurrence.range : c.carrier.homeRange()),
          () => (resolved.source === 'flag' ? c.carrier.setFlag(source, resolved.occurrence, fixValue as string) : c.carrier.addFlag(source, setting.flag, fixValue as string)),
          (value) => c.carrier.spellSetting(setting.flag, value),
        );
      }
      for (const config of context.model.configs) {
        if (config.component !== setting.component || !setting.field) continue;
        const { root } = config;
        const field = setting.field;
        const resolved = resolveField(config, setting);
        const alternative = satisfiedBy ? resolveField(config, satisfiedBy) : resolved;
        check(
          context,
          resolved,
          alternative,
          () => (resolved.source === 'field' ? pairRange(resolved.pair) : nearestPresentKey(root, field)),
          () => {
            if (resolved.source !== 'field') return wrap(setMapPath(source, root, field, fixValue as string));
            const scalar = asScalar(resolved.pair.value);
            return wrap(scalar && replaceScalar(scalar, fixValue as string, setting.type !== 'string'));
          },
          (value) => `${field.join('.')}: ${value}`,
        );
      }
    },
  };
}

function wrap(edit: OffsetEdit | undefined): OffsetEdit[] | undefined {
  return edit ? [edit] : undefined;
}
