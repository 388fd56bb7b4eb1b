// Everything the engine knows about one flag or setting of one component, from the flag catalog and the settings table together: for hover and completion.
import { stringScalar } from '../fix/yamlEdits';
import { knownFlags, type ComponentName, type FlagType } from '../flags/catalog';
import type { FlagCarrier } from '../parse/component';
import type { ChannelId } from '../types';
import { atLeast, type KubeVersion } from '../version';
import { SETTINGS, settingByFlag, type Setting } from './settings';

export interface FlagKnowledge {
  component: ComponentName;
  name: string;
  type?: FlagType | 'list';
  /** What the flag does for its channel; undefined for flags known only for reading the command line. */
  summary?: string;
  channel?: ChannelId;
  /** The secure value, as written after `=`. */
  secure?: string;
  /** The value when the flag is absent. */
  default?: string;
  removedIn?: string;
}

const LIST_TYPES = new Set<FlagKnowledge['type']>(['stringSlice', 'stringArray', 'map', 'list']);

/** Repeats of a list flag append; a scalar flag given twice keeps only the last value. */
export function isListFlag(knowledge: FlagKnowledge | undefined): boolean {
  return LIST_TYPES.has(knowledge?.type);
}

export function flagKnowledge(component: ComponentName, name: string): FlagKnowledge | undefined {
  const catalog = knownFlags(component);
  const spec = Object.prototype.hasOwnProperty.call(catalog, name) ? catalog[name] : undefined;
  const setting = settingByFlag(component, name);
  if (!spec && !setting) return undefined;
  return {
    component,
    name,
    type: spec?.type ?? setting?.type,
    summary: setting?.summary ?? spec?.summary,
    channel: setting?.channel ?? spec?.channel,
    secure: setting?.secure ?? spec?.secure,
    default: spec?.default ?? setting?.flagDefault,
    removedIn: spec?.removedIn,
  };
}

/** Every flag the engine knows for a component, in name order. */
export function allFlags(component: ComponentName): FlagKnowledge[] {
  const names = new Set([...Object.keys(knownFlags(component)), ...SETTINGS.filter((s) => s.component === component).map((s) => s.flag)]);
  return [...names].sort().flatMap((name) => {
    const k = flagKnowledge(component, name);
    return k ? [k] : [];
  });
}

export function removedBy(knowledge: FlagKnowledge, version: KubeVersion): boolean {
  return knowledge.removedIn !== undefined && atLeast(version, knowledge.removedIn);
}

/** The first sentence of a summary, for one-line descriptions. */
export function firstSentence(text: string): string {
  const m = /^.*?[.!?](?=\s+[A-Z`(]|$)/s.exec(text);
  return (m ? m[0] : text).trim();
}

/** How a flag with a value is written in a carrier: `--name=value`, `name=value` (k3s), `name: "value"` (kubeadm extraArgs). */
export function writtenFlag(carrier: FlagCarrier['kind'], name: string, value: string): string {
  if (carrier === 'kubeadm') return `${name}: ${stringScalar(value)}`;
  if (carrier === 'k3s') return `${name}=${value}`;
  return `--${name}=${value}`;
}

/** A setting's value as written after `field: ` in its config document: kubelet list fields are YAML sequences, etcd's are comma-separated strings. */
export function fieldValueSource(setting: Setting, value: string): string {
  return setting.type === 'list' && setting.component !== 'etcd' ? `[${value.split(',').join(', ')}]` : value;
}
