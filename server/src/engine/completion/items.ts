// Completion items for flag names, flag values and config fields, from the engine's flag and setting knowledge.
import { appendTo } from '../multiMap';
import { escapeForScalar } from '../carriers/argv';
import { CHANNELS } from '../docs/channels';
import { allFlags, fieldValueSource, firstSentence, isListFlag, removedBy, type FlagKnowledge } from '../docs/flagKnowledge';
import { flagValueChoices } from '../docs/flagValues';
import { SETTINGS, type Setting } from '../docs/settings';
import { stringScalar } from '../fix/yamlEdits';
import type { ComponentName } from '../flags/catalog';
import type { FlagCarrier } from '../parse/component';
import type { OffsetRange } from '../types';
import type { KubeVersion } from '../version';

/** A completion item with its replace range still in offsets. */
export interface Item {
  label: string;
  kind: 'flag' | 'value' | 'field';
  insertText: string;
  detail?: string;
  documentation?: string;
  replace: OffsetRange;
  sortText?: string;
  snippet?: boolean;
}

/**
 * The YAML scalar style the inserted text lands in (it is escaped for it); `FLOW_PLAIN` is a plain item of a flow
 * sequence, where a comma or bracket would end the item; undefined when the text is not inside a scalar.
 */
export type InsertStyle = 'PLAIN' | 'FLOW_PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED' | undefined;

/** Values the user must replace with their own (a certificate path, a URL) become snippet placeholders. */
function isOwnedValue(value: string): boolean {
  return /^(\/|https?:\/\/)/.test(value);
}

function snippetEscape(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function escaped(text: string, style: InsertStyle): string | undefined {
  if (style === 'FLOW_PLAIN') return /[,[\]{}]|: | #/.test(text) ? JSON.stringify(text) : text;
  return style === undefined ? text : escapeForScalar(text, style);
}

/** `text` followed by `value`, the value as a snippet placeholder when the user must supply their own. */
function withValue(text: string, value: string, style: InsertStyle): { insertText: string; snippet?: boolean } | undefined {
  if (!isOwnedValue(value)) {
    const whole = escaped(`${text}${value}`, style);
    return whole === undefined ? undefined : { insertText: whole };
  }
  const head = escaped(text, style);
  const tail = escaped(value, style);
  if (head === undefined || tail === undefined || head.startsWith('"') || tail.startsWith('"')) return undefined;
  return { insertText: `${snippetEscape(head)}\${1:${snippetEscape(tail)}}`, snippet: true };
}

function flagDocumentation(k: FlagKnowledge, written: string | undefined): string | undefined {
  const lines: string[] = [];
  if (k.summary) lines.push(k.summary);
  const facts: string[] = [];
  if (written) facts.push(`Secure value: \`${written}\``);
  if (k.default !== undefined && k.default !== '') facts.push(`Default: \`${k.default}\``);
  if (k.channel) facts.push(`Channel: ${CHANNELS[k.channel].title}`);
  if (facts.length > 0) lines.push(facts.join(' · '));
  return lines.length > 0 ? lines.join('\n\n') : undefined;
}

export interface FlagNameSite {
  component: ComponentName;
  carrier: FlagCarrier['kind'];
  version: KubeVersion;
  /** Flags written elsewhere in the component (not the one being typed). */
  present: ReadonlySet<string>;
  replace: OffsetRange;
  style: InsertStyle;
  /** A value follows already (`--na|me=value`, `name|: value`): insert only the name. */
  nameOnly: boolean;
}

/** The flag names a component takes, with the secure value filled in; scalar flags already given are left out, list flags come last. */
export function flagNameItems(site: FlagNameSite): Item[] {
  const items: Item[] = [];
  for (const k of allFlags(site.component)) {
    if (removedBy(k, site.version)) continue;
    const list = isListFlag(k);
    const given = site.present.has(k.name);
    if (given && !list) continue;
    const label = site.carrier === 'argv' ? `--${k.name}` : k.name;
    const separator = site.carrier === 'kubeadm' ? ': ' : '=';
    const secure = k.secure === undefined ? undefined : site.carrier === 'kubeadm' ? stringScalar(k.secure) : k.secure;
    const insert = site.nameOnly
      ? { insertText: escaped(label, site.style) }
      : secure !== undefined
        ? withValue(`${label}${separator}`, secure, site.style)
        : { insertText: escaped(`${label}${separator}`, site.style) };
    if (insert?.insertText === undefined) continue;
    items.push({
      label,
      kind: 'flag',
      insertText: insert.insertText,
      snippet: 'snippet' in insert ? insert.snippet : undefined,
      detail: k.summary ? firstSentence(k.summary) : undefined,
      documentation: flagDocumentation(k, secure !== undefined ? `${label}${separator}${secure}` : undefined),
      replace: site.replace,
      sortText: `${given ? 2 : k.summary ? 0 : 1}_${k.name}`,
    });
  }
  return items;
}

export interface ValueSite {
  component: ComponentName;
  flag: string;
  type: FlagKnowledge['type'];
  secure?: string;
  /** The whole value as written, and the cursor's index in it. */
  value: string;
  cursor: number;
  /** The source range of characters [from, to) of the value. */
  range(from: number, to: number): OffsetRange;
  style: InsertStyle;
  /** kubeadm extraArgs values are strings: a bare `false` there needs quotes. */
  quoteScalars: boolean;
}

/** The values of an enumerated flag or field; for a list, of the element under the cursor, without the elements already given. */
export function valueItems(site: ValueSite): Item[] {
  const choices = flagValueChoices(site.component, site.flag, site.type, site.secure);
  if (!choices) return [];
  let from = 0;
  let to = site.value.length;
  let given = new Set<string>();
  if (choices.list) {
    from = site.value.lastIndexOf(',', site.cursor - 1) + 1;
    const comma = site.value.indexOf(',', site.cursor);
    to = comma < 0 ? site.value.length : comma;
    given = new Set(site.value.split(',').map((v) => v.trim()));
    given.delete(site.value.slice(from, to).trim());
  }
  const replace = site.range(from, to);
  return choices.choices
    .filter((c) => !given.has(c.value))
    .flatMap((c, i) => {
      const text = site.quoteScalars && !choices.list ? stringScalar(c.value) : c.value;
      const insertText = escaped(text, site.style);
      if (insertText === undefined) return [];
      return [{ label: c.value, kind: 'value' as const, insertText, detail: c.note || undefined, replace, sortText: String(i).padStart(2, '0') }];
    });
}

export interface FieldSite {
  component: ComponentName;
  /** The path of the mapping the key goes in, from the config's root. */
  path: readonly string[];
  /** Keys already in that mapping (not the one being typed). */
  present: ReadonlySet<string>;
  replace: OffsetRange;
  /** A value follows already: insert only the key. */
  nameOnly: boolean;
}

function childSettings(component: ComponentName, path: readonly string[]): Setting[] {
  return SETTINGS.filter((s) => s.component === component && s.field && s.field.length > path.length && path.every((p, i) => s.field?.[i] === p));
}

/** The next keys of the config fields the engine knows under a mapping; a leaf comes with its secure value. */
export function fieldItems(site: FieldSite): Item[] {
  const byKey = new Map<string, Setting[]>();
  for (const s of childSettings(site.component, site.path)) {
    const key = (s.field as readonly string[])[site.path.length];
    appendTo(byKey, key, s);
  }
  const items: Item[] = [];
  for (const [key, settings] of [...byKey].sort(([a], [b]) => a.localeCompare(b))) {
    if (site.present.has(key)) continue;
    const leaf = settings.find((s) => s.field?.length === site.path.length + 1);
    if (leaf) {
      const secure = leaf.secure !== undefined ? fieldValueSource(leaf, leaf.secure) : undefined;
      const insert = site.nameOnly ? { insertText: key } : secure !== undefined ? withValue(`${key}: `, secure, undefined) : { insertText: `${key}: ` };
      if (!insert) continue;
      const facts = [secure !== undefined ? `Secure value: \`${key}: ${secure}\`` : '', leaf.configDefault !== undefined ? `Default in a config file: \`${leaf.configDefault}\`` : '', `Flag: \`--${leaf.flag}\``, `Channel: ${CHANNELS[leaf.channel].title}`].filter((f) => f !== '');
      items.push({
        label: key,
        kind: 'field',
        insertText: insert.insertText,
        snippet: 'snippet' in insert ? insert.snippet : undefined,
        detail: firstSentence(leaf.summary),
        documentation: `${leaf.summary}\n\n${facts.join(' · ')}`,
        replace: site.replace,
        sortText: `0_${key}`,
      });
      continue;
    }
    const below = [...new Set(settings.map((s) => (s.field as readonly string[])[site.path.length + 1]))];
    items.push({
      label: key,
      kind: 'field',
      insertText: site.nameOnly ? key : `${key}:`,
      detail: `Holds ${below.join(', ')}`,
      documentation: settings.map((s) => `\`${(s.field as readonly string[]).join('.')}\`: ${firstSentence(s.summary)}`).join('\n\n'),
      replace: site.replace,
      sortText: `0_${key}`,
    });
  }
  return items;
}

/** The setting a config field path names, for value completion. */
export function fieldSetting(component: ComponentName, path: readonly string[]): Setting | undefined {
  const joined = path.join('.');
  return SETTINGS.find((s) => s.component === component && s.field?.join('.') === joined);
}
