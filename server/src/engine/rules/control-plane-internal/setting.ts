// Where a control-plane component takes one setting from (a flag, an ETCD_* variable, a config document) and a rule template over it.
import { isSeq, type Pair } from 'yaml';
import { joinEdits, replaceScalar, setMapPath, stringScalar, type OffsetEdit } from '../../fix/yamlEdits';
import type { FlagOccurrence } from '../../flags/flagset';
import { settingFormats } from '../../docs/formats';
import { CONFIG_FLAGS, type Setting } from '../../docs/settings';
import type { Component, ConfigSource } from '../../parse/component';
import { asMap, asScalar, asSeq, mapPair, mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';
import type { OffsetRange } from '../../types';
import { nearestPresentKey, pairRange } from '../templates/fields';
import { componentsOf } from '../templates/flags';
import { isSet } from '../templates/values';
import { atLeast } from '../../version';
import type { FixSpec, Rule, RuleContext, RuleMeta } from '../types';

/**
 * Where a setting's value comes from. `flag-default` is also kubeadm's implied value of a flag it
 * writes itself. `unknown` (a `$(VAR)` from a `valueFrom`, a config file we cannot see, a Helm
 * template) says nothing.
 */
export type Found =
  /** `written` is the flag with its value as this file writes it (`--auto-tls=true`, `auto-tls: "true" in etcd.local.extraArgs`). */
  | { source: 'flag'; value: string; spelled: string; written: string; occurrence: FlagOccurrence }
  | { source: 'env'; value: string; spelled: string; pair: Pair<unknown, unknown> }
  | { source: 'flag-default'; value: string | undefined; spelled: string }
  | { source: 'field'; value: string | undefined; spelled: string; pair: Pair<unknown, unknown> }
  | { source: 'config-default'; value: string | undefined; spelled: string }
  | { source: 'unknown' };

export type Known = Exclude<Found, { source: 'unknown' }>;

const UNKNOWN: Found = { source: 'unknown' };

/**
 * What a component does with a flag when its config file is given. `flag-wins`: the flag overrides
 * the file (and a flag left out may be set in the file, when the setting has a field). `flag-ignored`:
 * the component reads the file only (kube-proxy, the scheduler's deprecated flags). etcd ignores
 * every flag and variable once it has a config file, whatever this says.
 */
export type WithConfig = 'flag-wins' | 'flag-ignored';

interface EnvVar {
  name: string;
  /** The `value:` pair, when the value is written literally. */
  pair?: Pair<unknown, unknown>;
  value?: string;
  /** `valueFrom`: only known at run time. */
  fromRef: boolean;
}

/** A container's environment, for components written as a container command line; later entries win, as in Kubernetes. */
export function containerEnv(component: Component): Map<string, EnvVar> {
  const env = new Map<string, EnvVar>();
  if (component.carrier.kind !== 'argv') return env;
  for (const item of asSeq(mapValue(component.node, 'env'))?.items ?? []) {
    const map = asMap(item);
    const name = scalarText(mapValue(map, 'name'));
    if (!map || name === undefined) continue;
    const pair = mapPair(map, 'value');
    env.set(name, { name, pair, value: pair ? scalarText(pair.value) ?? '' : undefined, fromRef: mapPair(map, 'valueFrom') !== undefined });
  }
  return env;
}

/** True when the container takes variables from a ConfigMap or Secret (`envFrom`), whose names the file does not show. */
function hasEnvFrom(component: Component): boolean {
  return component.carrier.kind === 'argv' && (asSeq(mapValue(component.node, 'envFrom'))?.items.length ?? 0) > 0;
}

/** etcd reads `--some-flag` from `ETCD_SOME_FLAG` when the command line does not set it. */
export function etcdEnvName(flag: string): string {
  return `ETCD_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** Whether the component is pointed at a config file (for etcd, also through `ETCD_CONFIG_FILE`). */
export function configFileGiven(component: Component): boolean {
  const flag = CONFIG_FLAGS[component.component];
  if (!flag) return false;
  const occurrence = component.flags.last(flag);
  if (occurrence && (occurrence.unresolved || isSet(occurrence.value))) return true;
  if (component.component !== 'etcd') return false;
  const env = containerEnv(component).get(etcdEnvName(flag));
  return env !== undefined && (env.fromRef || isSet(env.value));
}

export function resolveComponent(component: Component, setting: Setting, withConfig: WithConfig = 'flag-wins'): Found {
  const configGiven = configFileGiven(component);
  if (configGiven && (component.component === 'etcd' || withConfig === 'flag-ignored')) return UNKNOWN;
  const spelled = component.carrier.spell(setting.flag);
  const occurrence = component.flags.last(setting.flag);
  if (occurrence && occurrence.form !== 'implied') {
    // `--bool-flag value` is the command-line rule's finding (KCG001), with its own fix.
    if (occurrence.unresolved || component.flags.strays.some((s) => s.afterBoolFlag === occurrence)) return UNKNOWN;
    const written = occurrence.form === 'bare' ? spelled : component.carrier.spellSetting(setting.flag, occurrence.value);
    return { source: 'flag', value: occurrence.value, spelled, written, occurrence };
  }
  if (component.component === 'etcd') {
    const env = containerEnv(component).get(etcdEnvName(setting.flag));
    if (env?.fromRef) return UNKNOWN;
    // etcd ignores an empty variable.
    if (env?.pair && isSet(env.value)) return { source: 'env', value: env.value, spelled: env.name, pair: env.pair };
    if (hasEnvFrom(component)) return UNKNOWN;
  }
  if (occurrence) return { source: 'flag-default', value: occurrence.value, spelled };
  // A config file we cannot see may set what the command line leaves out.
  if ((configGiven && setting.field !== undefined) || component.partial) return UNKNOWN;
  return { source: 'flag-default', value: setting.flagDefault, spelled };
}

/** A field's value as text; a sequence (etcd's `cipher-suites`) is joined with commas, as the flag would be written. */
function fieldText(node: unknown): string | undefined {
  if (isSeq(node)) return node.items.map((i) => scalarText(i) ?? '').join(',');
  return scalarText(node);
}

export function resolveConfig(config: ConfigSource, setting: Setting): Found {
  if (!setting.field) return UNKNOWN;
  const pair = mapPathPair(config.root, setting.field);
  const spelled = setting.field.join('.');
  if (pair) return { source: 'field', value: fieldText(pair.value), spelled, pair };
  if (config.partial) return UNKNOWN;
  return { source: 'config-default', value: setting.configDefault, spelled };
}

/** The setting with its value as the file writes it, or, when it is not written, its name. */
export function writtenOf(found: Known): string {
  switch (found.source) {
    case 'flag':
      return found.written;
    case 'env':
      return `${found.spelled}=${found.value}`;
    case 'field':
      return `${found.spelled}: ${found.value ?? 'null'}`;
    default:
      return found.spelled;
  }
}

/** Where a setting lives: a component's command line (and environment), or a config document. */
export type Target = { component: Component } | { config: ConfigSource };

export function resolveAt(target: Target, setting: Setting, withConfig: WithConfig = 'flag-wins'): Found {
  return 'component' in target ? resolveComponent(target.component, setting, withConfig) : resolveConfig(target.config, setting);
}

/** Every place in the file that configures `component`. */
export function targetsOf(context: RuleContext, component: Component['component']): Target[] {
  return [
    ...componentsOf(context, component).map((c) => ({ component: c })),
    ...context.model.configs.filter((c) => c.component === component).map((c) => ({ config: c })),
  ];
}

/** The narrowest range for a finding about `found`: the flag, the variable or the field, else where it belongs. */
export function rangeOf(target: Target, found: Known): OffsetRange | undefined {
  switch (found.source) {
    case 'flag':
      return found.occurrence.range;
    case 'env':
    case 'field':
      return pairRange(found.pair);
    case 'flag-default':
      return 'component' in target ? target.component.carrier.homeRange() : undefined;
    case 'config-default':
      return 'config' in target ? nearestPresentKey(target.config.root, found.spelled.split('.')) : undefined;
  }
}

/** A fix that writes `value` where `found` is, or adds it where it belongs. */
export function fixOf(context: RuleContext, target: Target, setting: Setting, found: Known, value: string): FixSpec | undefined {
  const { source } = context.model;
  let edits: OffsetEdit[] | undefined;
  let title: string;
  const yamlValue = setting.type === 'string' || setting.type === 'list' ? stringScalar(value) : value;
  if (found.source === 'flag' || found.source === 'flag-default') {
    if (!('component' in target)) return undefined;
    const { carrier } = target.component;
    edits = found.source === 'flag' ? carrier.setFlag(source, found.occurrence, value) : carrier.addFlag(source, setting.flag, value);
    title = `${found.source === 'flag' ? 'Set' : 'Add'} ${carrier.spellSetting(setting.flag, value)}`;
  } else if (found.source === 'env') {
    const scalar = asScalar(found.pair.value);
    // Environment values are strings: a plain `true` would be a YAML bool the API server rejects.
    const edit = scalar && replaceScalar(scalar, value, false);
    if (edit && scalar && scalar.type === 'PLAIN') edit.newText = stringScalar(value);
    edits = edit ? [edit] : undefined;
    title = `Set ${found.spelled} to ${value}`;
  } else {
    if (!('config' in target) || !setting.field) return undefined;
    const scalar = found.source === 'field' ? asScalar(found.pair.value) : undefined;
    const edit = found.source === 'field' ? scalar && replaceScalar(scalar, yamlValue, true) : setMapPath(source, target.config.root, setting.field, yamlValue);
    edits = edit ? [edit] : undefined;
    title = `Set ${setting.field.join('.')}: ${yamlValue}`;
  }
  return edits ? { title, edits } : undefined;
}

export interface SettingCheckOptions {
  setting: Setting;
  withConfig?: WithConfig;
  insecure: (value: string | undefined) => boolean;
  /** The value to write when fixing, or a function of the current value; omit when only the user can know it. */
  fixValue?: string | ((current: string | undefined) => string | undefined);
  message: (found: Known) => string;
  /** Whether the check applies to this command line or config document at all, given its other settings. */
  applies?: (lookup: (setting: Setting) => Found, target: Target) => boolean;
  /** The Kubernetes minor version that introduced the flag: older components would not start with it, so they are not checked. */
  since?: string;
  /**
   * Settings the fix also writes where the file leaves them out, so that it does not trade this finding for another:
   * turning `--auto-tls` off leaves etcd without a certificate unless the fix gives it one.
   */
  alsoSet?: ReadonlyArray<{ setting: Setting; value: string }>;
}

/** The fix with the `alsoSet` settings the target lacks added to it; undefined when one of them cannot be written. */
function withAlsoSet(context: RuleContext, target: Target, fix: FixSpec, options: SettingCheckOptions): FixSpec | undefined {
  const extras: FixSpec[] = [];
  for (const { setting, value } of options.alsoSet ?? []) {
    const found = resolveAt(target, setting, options.withConfig);
    if (found.source === 'unknown' || isSet(found.value)) continue;
    const extra = fixOf(context, target, setting, found, value);
    if (!extra) return undefined;
    extras.push(extra);
  }
  if (extras.length === 0) return fix;
  const edits = joinEdits([...fix.edits, ...extras.flatMap((e) => e.edits)]);
  const titles = [fix.title, ...extras.map((e) => e.title.charAt(0).toLowerCase() + e.title.slice(1))];
  return edits && { title: `${titles.slice(0, -1).join(', ')} and ${titles[titles.length - 1]}`, edits };
}

/** Reports the setting wherever the file configures its component and the value is insecure. */
export function checkSetting(context: RuleContext, options: SettingCheckOptions): void {
  const { setting } = options;
  for (const target of targetsOf(context, setting.component)) {
    if ('config' in target && !setting.field) continue;
    if (options.since && 'component' in target && !atLeast(context.versionOf(target.component), options.since)) continue;
    const found = resolveAt(target, setting, options.withConfig);
    if (found.source === 'unknown' || !options.insecure(found.value)) continue;
    if (options.applies && !options.applies((s) => resolveAt(target, s, options.withConfig), target)) continue;
    const range = rangeOf(target, found);
    if (!range) continue;
    const value = typeof options.fixValue === 'function' ? options.fixValue(found.value) : options.fixValue;
    const single = value === undefined ? undefined : fixOf(context, target, setting, found, value);
    const fix = single && withAlsoSet(context, target, single, options);
    context.report({ range, message: options.message(found), fixes: fix ? [fix] : [] });
  }
}

/** A rule over one or more settings (see checkSetting), each checked on its own. */
export function componentSettingRule(meta: RuleMeta, ...checks: SettingCheckOptions[]): Rule {
  const formats = [...new Set(checks.flatMap((o) => settingFormats(o.setting.component, o.setting.field !== undefined)))];
  return {
    meta: { ...meta, formats: meta.formats ?? formats },
    check(context) {
      for (const options of checks) checkSetting(context, options);
    },
  };
}

/** The same rule with some components hidden from it: for conditions a template cannot express. */
export function withoutComponents(rule: Rule, skip: (component: Component, context: RuleContext) => boolean): Rule {
  return {
    meta: rule.meta,
    check(context) {
      const model = { ...context.model, components: context.model.components.filter((c) => !skip(c, context)) };
      rule.check({ model, versionOf: context.versionOf, fact: context.fact, report: context.report });
    },
  };
}
