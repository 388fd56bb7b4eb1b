// Reading one setting of a component (a flag, a config field) into a SettingState with ranges, for the channel-end index.
import type { Pair } from 'yaml';
import type { Setting } from '../../docs/settings';
import type { Component, ConfigSource } from '../../parse/component';
import type { FileModel } from '../../parse/model';
import { asScalar, nodeRange } from '../../parse/yamlNodes';
import { pairRange } from '../../rules/templates/fields';
import { resolveField, resolveFlag } from '../../rules/templates/settings';
import type { OffsetRange, Range } from '../../types';
import type { SettingState } from '../channelEnds';

const UNKNOWN: SettingState = { state: 'unknown' };

/** Values a template or a variable fills in later: what they become is not in the file. */
export function isPlaceholder(value: string): boolean {
  return value.includes('{{') || value.includes('$(') || value.includes('${');
}

/** The characters of a value without the quotes around it, so a fix can replace them and keep the quoting. */
export function innerRange(model: FileModel, r: OffsetRange): Range {
  const { text } = model.source;
  const first = text[r.start];
  const quoted = r.end - r.start >= 2 && (first === '"' || first === "'") && text[r.end - 1] === first;
  return model.source.range(quoted ? { start: r.start + 1, end: r.end - 1 } : r);
}

/** Where a component is named, for findings and related locations about it as a whole. */
export function componentRange(model: FileModel, c: Component): Range {
  const home = c.carrier.homeRange();
  return model.source.range(home ?? { start: c.document.start, end: c.document.start });
}

/**
 * The last occurrence of any of `names` (aliases such as `--insecure-port` and `--port`), as pflag decides; a flag the
 * tool that writes the real command line adds (kubeadm's defaults) is `implied` and points at the component.
 */
export function flagState(model: FileModel, c: Component, names: readonly string[], flagDefault?: string): SettingState {
  const spelled = c.carrier.spell(names[0]);
  const occurrence = [...c.flags.occurrences].reverse().find((o) => names.includes(o.name));
  if (occurrence) {
    // A value flag without a value stops the component ("flag needs an argument"); a variable we cannot expand is unknown.
    if (occurrence.unresolved || (occurrence.form === 'bare' && occurrence.spec?.type !== 'bool') || isPlaceholder(occurrence.value)) return UNKNOWN;
    const named = c.carrier.spell(occurrence.name);
    if (occurrence.form === 'implied') return { state: 'set', value: occurrence.value, range: componentRange(model, c), spelled: named, implied: true };
    return { state: 'set', value: occurrence.value, range: model.source.range(occurrence.range), valueRange: innerRange(model, occurrence.valueRange), spelled: named };
  }
  if (c.partial) return UNKNOWN;
  return { state: 'default', value: flagDefault, spelled };
}

/** A kubelet setting read as the kubelet reads it: the flag over the config file, each with its own default. */
export function componentSetting(model: FileModel, c: Component, setting: Setting): SettingState {
  const resolved = resolveFlag(c, setting);
  switch (resolved.source) {
    case 'flag': {
      const o = resolved.occurrence;
      if (isPlaceholder(resolved.value)) return UNKNOWN;
      return { state: 'set', value: resolved.value, range: model.source.range(o.range), valueRange: innerRange(model, o.valueRange), spelled: resolved.spelled };
    }
    case 'flag-default':
      return { state: 'default', value: resolved.value, spelled: resolved.spelled };
    default:
      return UNKNOWN;
  }
}

export function configSetting(model: FileModel, config: ConfigSource, setting: Setting): SettingState {
  const resolved = resolveField(config, setting);
  switch (resolved.source) {
    case 'field':
      return fieldState(model, resolved.pair, resolved.value, resolved.spelled);
    case 'config-default':
      return { state: 'default', value: resolved.value, spelled: resolved.spelled };
    default:
      return UNKNOWN;
  }
}

/** A YAML field that is written: its value, if it is a scalar we can read, with ranges. */
export function fieldState(model: FileModel, pair: Pair<unknown, unknown>, value: string | undefined, spelled: string): SettingState {
  const range = pairRange(pair);
  if (value === undefined || !range || isPlaceholder(value)) return UNKNOWN;
  const scalar = asScalar(pair.value);
  const valueNode = scalar && scalar.type !== 'BLOCK_LITERAL' && scalar.type !== 'BLOCK_FOLDED' ? nodeRange(scalar) : undefined;
  return { state: 'set', value, range: model.source.range(range), valueRange: valueNode && innerRange(model, valueNode), spelled };
}
