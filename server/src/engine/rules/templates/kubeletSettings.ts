// Rule template for a kubelet setting read from a kubelet's flags or from a KubeletConfiguration document.
import type { Pair, YAMLMap } from 'yaml';
import { replaceScalar, setMapPath, type OffsetEdit } from '../../fix/yamlEdits';
import type { FlagOccurrence } from '../../flags/flagset';
import type { KubeletSetting } from '../../docs/kubeletSettings';
import type { Component } from '../../parse/component';
import type { ParsedDocument } from '../../parse/documents';
import { asMap, asScalar, keyRange, mapPair, mapPathPair, nodeRange, scalarText } from '../../parse/yamlNodes';
import type { OffsetRange } from '../../types';
import type { Rule, RuleContext, RuleMeta } from '../types';
import { componentsOf } from './apiserverFlags';
import { isSet } from './values';

/**
 * Where a kubelet setting's value comes from. A flag overrides the config file; a flag left unset
 * takes the (often insecure) flag default only when no `--config` file is given, since we cannot
 * see what a file elsewhere sets; a field left unset takes the (usually secure) config default.
 */
export type Resolved =
  | { source: 'flag'; value: string; spelled: string; occurrence: FlagOccurrence }
  | { source: 'flag-default'; value: string | undefined; spelled: string }
  | { source: 'field'; value: string | undefined; spelled: string; pair: Pair<unknown, unknown> }
  | { source: 'config-default'; value: string | undefined; spelled: string }
  | { source: 'unknown' };

export function resolveFlag(component: Component, setting: KubeletSetting): Resolved {
  const occurrence = component.flags.last(setting.flag);
  const spelled = `--${setting.flag}`;
  if (occurrence) return occurrence.unresolved ? { source: 'unknown' } : { source: 'flag', value: occurrence.value, spelled, occurrence };
  if (isSet(component.flags.last('config')?.value)) return { source: 'unknown' };
  return { source: 'flag-default', value: setting.flagDefault, spelled };
}

export function resolveField(document: ParsedDocument, setting: KubeletSetting): Resolved {
  const pair = mapPathPair(document.doc.contents, setting.field);
  const spelled = setting.field.join('.');
  if (pair) return { source: 'field', value: scalarText(pair.value), spelled, pair };
  return { source: 'config-default', value: setting.configDefault, spelled };
}

export interface KubeletSettingRuleOptions {
  meta: RuleMeta;
  setting: KubeletSetting;
  /** The value to write when fixing; omit when only the user can know it. */
  fixValue?: string;
  insecure: (value: string | undefined) => boolean;
  /** Another setting that makes this one moot when set (a serving certificate file instead of TLS bootstrap). */
  satisfiedBy?: KubeletSetting;
  message: (resolved: Exclude<Resolved, { source: 'unknown' }>) => string;
}

export function kubeletSettingRule(options: KubeletSettingRuleOptions): Rule {
  const { meta, setting, insecure, satisfiedBy, fixValue } = options;
  const check = (context: RuleContext, resolved: Resolved, alternative: Resolved, where: () => OffsetRange | undefined, fix: () => OffsetEdit[] | undefined): void => {
    if (resolved.source === 'unknown' || !insecure(resolved.value)) return;
    // A setting that makes this one moot, set or hidden in a file we cannot see, means no finding.
    if (satisfiedBy && (alternative.source === 'unknown' || isSet(alternative.value))) return;
    const range = where();
    if (!range) return;
    const edits = fixValue === undefined ? undefined : fix();
    const title = resolved.source === 'flag' || resolved.source === 'flag-default' ? `Set --${setting.flag}=${fixValue}` : `Set ${setting.field.join('.')}: ${fixValue}`;
    context.report({ range, message: options.message(resolved), fixes: edits ? [{ title, edits }] : [] });
  };
  return {
    meta,
    check(context) {
      const { source } = context.model;
      for (const c of componentsOf(context, 'kubelet')) {
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
        );
      }
      for (const document of context.model.kubeletConfigs) {
        const root = asMap(document.doc.contents);
        if (!root) continue;
        const resolved = resolveField(document, setting);
        const alternative = satisfiedBy ? resolveField(document, satisfiedBy) : resolved;
        check(
          context,
          resolved,
          alternative,
          () => (resolved.source === 'field' ? pairRange(resolved.pair) : nearestAncestorKey(root, setting.field)),
          () => {
            if (resolved.source !== 'field') return wrap(setMapPath(source, root, setting.field, fixValue as string));
            const scalar = asScalar(resolved.pair.value);
            return wrap(scalar && replaceScalar(scalar, fixValue as string, setting.type !== 'string'));
          },
        );
      }
    },
  };
}

function wrap(edit: OffsetEdit | undefined): OffsetEdit[] | undefined {
  return edit ? [edit] : undefined;
}

function pairRange(pair: Pair<unknown, unknown>): OffsetRange | undefined {
  const key = keyRange(pair);
  const value = nodeRange(pair.value);
  if (!key) return value;
  return { start: key.start, end: value && value.end > key.end ? value.end : key.end };
}

/** For a field left unset: the deepest key of its path that is present, else the document's `kind`. */
function nearestAncestorKey(root: YAMLMap<unknown, unknown>, path: readonly string[]): OffsetRange | undefined {
  for (let depth = path.length - 1; depth > 0; depth--) {
    const pair = mapPathPair(root, path.slice(0, depth));
    if (pair) return keyRange(pair);
  }
  const kind = mapPair(root, 'kind');
  return kind ? nodeRange(kind.value) : undefined;
}
