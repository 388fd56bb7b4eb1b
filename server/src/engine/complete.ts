// Completion: flag names and values in a recognised component's command line, kubeadm extraArgs and k3s arg lists,
// and the config fields the engine knows in component config documents. Nowhere else: other YAML gets nothing.
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { Analysis } from './analyze';
import { ArgvCarrier } from './carriers/argv';
import { flagKnowledge } from './docs/flagKnowledge';
import { cursorLine, enclosingKeys, type CursorLine, type Enclosing } from './completion/yamlLines';
import { fieldItems, fieldSetting, flagNameItems, valueItems, type InsertStyle, type Item } from './completion/items';
import type { FlagCarrier, Component, ConfigSource } from './parse/component';
import { innerOffset, outerRange, type EmbeddedYaml } from './parse/embedded';
import { buildModel, type FileModel } from './parse/model';
import { scalarValueOffsets } from './parse/scalarSource';
import { keyName, keyRange, mapPathPair, mapValue, nodeRange, scalarText } from './parse/yamlNodes';
import type { OffsetRange, Range } from './types';
import { NEWEST_KNOWN_VERSION, type KubeVersion } from './version';
import { holdingPairs, pairWithKeyAt } from './yamlFind';

export interface CompletionItemInfo {
  label: string;
  kind: 'flag' | 'value' | 'field';
  insertText: string;
  detail?: string;
  documentation?: string;
  replace: Range;
  sortText?: string;
  snippet?: boolean;
}

/** The first character index whose source offset is at or after the cursor. */
function indexAt(offsets: readonly number[], offset: number): number {
  let i = 0;
  while (i < offsets.length - 1 && offsets[i] < offset) i++;
  return i;
}

/** The source range of characters [from, to) of a word with per-character offsets. */
function subRange(offsets: readonly number[], from: number, to: number): OffsetRange {
  return { start: offsets[from], end: to > from ? offsets[to - 1] + 1 : offsets[from] };
}

/** How text inserted into an existing scalar must be escaped. */
function styleOf(type: string | undefined, inFlowSequence: boolean): InsertStyle {
  if (type === 'PLAIN' || type === undefined) return inFlowSequence ? 'FLOW_PLAIN' : 'PLAIN';
  return type as InsertStyle;
}

function quoteStyle(quote: string | undefined): InsertStyle {
  return quote === '"' ? 'QUOTE_DOUBLE' : quote === "'" ? 'QUOTE_SINGLE' : 'PLAIN';
}

function versionOf(model: FileModel, c: Component): KubeVersion {
  return c.version ?? model.components.find((o) => o.version)?.version ?? NEWEST_KNOWN_VERSION;
}

/** The flags the component's file already gives, except the one under the cursor; kubeadm's own defaults do not count. */
function presentFlags(c: Component, offset: number): Set<string> {
  return new Set(c.flags.occurrences.filter((o) => o.form !== 'implied' && !(offset >= o.range.start && offset <= o.range.end)).map((o) => o.name));
}

/** Ends with a sequence item of the list whose key starts at `keyStart`. */
function isItemOf(chain: readonly Enclosing[] | undefined, keyStart: number | undefined): boolean {
  return chain !== undefined && chain.length >= 2 && chain[chain.length - 1].key === '[]' && chain[chain.length - 2].offset === keyStart;
}

function endsAt(chain: readonly Enclosing[] | undefined, keyStart: number | undefined): boolean {
  return chain !== undefined && chain.length >= 1 && chain[chain.length - 1].offset === keyStart;
}

/** A word of a command line or k3s item with its source offsets: its flag name, or the value after `=`. */
function wordItems(model: FileModel, c: Component, carrier: FlagCarrier['kind'], text: string, offsets: readonly number[], offset: number, style: InsertStyle): Item[] {
  const i = indexAt(offsets, offset);
  const eq = text.indexOf('=');
  const dashes = carrier === 'argv' ? (text.startsWith('--') ? 2 : text.startsWith('-') ? 1 : 0) : 0;
  if (eq >= 0 && i > eq) {
    if (carrier === 'argv' && dashes === 0) return [];
    const name = text.slice(dashes, eq);
    const k = flagKnowledge(c.component, name);
    const start = eq + 1;
    return valueItems({
      component: c.component,
      flag: name,
      type: k?.type,
      secure: k?.secure,
      value: text.slice(start),
      cursor: i - start,
      range: (from, to) => subRange(offsets, start + from, start + to),
      style,
      quoteScalars: false,
    });
  }
  const nameEnd = eq >= 0 ? eq : text.length;
  const name = text.slice(0, nameEnd);
  const flagLike = carrier === 'argv' ? name === '' || name.startsWith('-') : /^[A-Za-z0-9-]*$/.test(name);
  if (!flagLike) return [];
  return flagNameItems({
    component: c.component,
    carrier,
    version: versionOf(model, c),
    present: presentFlags(c, offset),
    replace: subRange(offsets, 0, nameEnd),
    style,
    nameOnly: eq >= 0,
  });
}

/** A new `- ` item being typed in a block sequence, and the word typed so far. */
const NEW_ITEM = /^( *)- +(["']?)(-*[A-Za-z0-9-]*)$/;

function argvItems(model: FileModel, c: Component, carrier: ArgvCarrier, offset: number, line: CursorLine): Item[] | undefined {
  const { parts } = carrier;
  for (const token of parts.argv) {
    if (!token.offsets || offset < token.range.start || offset > token.range.end) continue;
    return wordItems(model, c, 'argv', token.text, token.offsets, offset, styleOf(token.item.type, !token.inShell && token.list?.flow === true));
  }
  // In a script, new words are typed inside the script: only words already begun (above) are completed.
  if (parts.shell) return undefined;
  const m = NEW_ITEM.exec(line.before);
  if (!m) return undefined;
  const chain = enclosingKeys(model.source, line.start, m[1].length, true);
  const listKey = (['command', 'args'] as const).find((k) => {
    const pair = k === 'command' ? parts.commandPair : parts.argsPair;
    return pair !== undefined && isItemOf(chain, keyRange(pair)?.start);
  });
  if (!listKey) return undefined;
  // Words before the binary are the launcher's, not the component's.
  if (parts.binary.list) {
    if (listKey === parts.binary.listKey && offset <= parts.binary.range.end) return undefined;
    if (listKey === 'command' && parts.binary.listKey === 'args') return undefined;
  }
  const rest = /^[^\s"']*/.exec(line.after)?.[0] ?? '';
  return flagNameItems({
    component: c.component,
    carrier: 'argv',
    version: versionOf(model, c),
    present: presentFlags(c, offset),
    replace: { start: offset - m[3].length, end: offset + rest.length },
    style: quoteStyle(m[2]),
    nameOnly: false,
  });
}

function k3sItems(model: FileModel, c: Component, offset: number, line: CursorLine): Item[] | undefined {
  const items = isSeq(c.node) ? c.node.items : [c.node];
  for (const item of items) {
    if (!isScalar(item) || typeof item.value !== 'string') continue;
    const offsets = scalarValueOffsets(item, model.source.text);
    if (!offsets || offset < offsets[0] || offset > offsets[offsets.length - 1]) continue;
    return wordItems(model, c, 'k3s', item.value, offsets, offset, styleOf(item.type, isSeq(c.node) && c.node.flow === true));
  }
  const m = /^( *)- +(["']?)([A-Za-z0-9-]*)$/.exec(line.before);
  if (!m || !isItemOf(enclosingKeys(model.source, line.start, m[1].length, true), c.carrier.homeRange()?.start)) return undefined;
  const rest = /^[^\s"'=]*/.exec(line.after)?.[0] ?? '';
  return flagNameItems({
    component: c.component,
    carrier: 'k3s',
    version: versionOf(model, c),
    present: presentFlags(c, offset),
    replace: { start: offset - m[3].length, end: offset + rest.length },
    style: quoteStyle(m[2]),
    nameOnly: false,
  });
}

/** The `{name, value}` item of a list-form extraArgs that holds the cursor: the last one starting before it. */
function listItemAt(args: unknown, offset: number): YAMLMap<unknown, unknown> | undefined {
  if (!isSeq(args)) return undefined;
  let found: YAMLMap<unknown, unknown> | undefined;
  for (const item of args.items) if (isMap(item) && (nodeRange(item)?.start ?? Infinity) <= offset) found = item;
  return found;
}

function kubeadmItems(model: FileModel, c: Component, offset: number, line: CursorLine): Item[] | undefined {
  const home = c.carrier.homeRange();
  const pair = home && pairWithKeyAt(c.document, home.start);
  const key = pair && keyName(pair);
  if (!pair || (key !== 'extraArgs' && key !== 'kubeletExtraArgs')) return undefined;
  const base = { component: c.component, carrier: 'kubeadm' as const, version: versionOf(model, c), present: presentFlags(c, offset) };
  // List form (v1beta4): `- name: <flag>` and `value: <value>`.
  const entry = /^( *)(?:(-) +)?(name|value):[ \t]*(["']?)([^"'#\s]*)$/.exec(line.before);
  if (entry && isItemOf(enclosingKeys(model.source, line.start, entry[1].length, entry[2] !== undefined), home.start)) {
    const typed = entry[5];
    const start = offset - typed.length;
    if (entry[3] === 'name') {
      if (!/^[A-Za-z0-9-]*$/.test(typed)) return [];
      const rest = /^[A-Za-z0-9-]*/.exec(line.after)?.[0] ?? '';
      return flagNameItems({ ...base, replace: { start, end: offset + rest.length }, style: quoteStyle(entry[4]), nameOnly: true });
    }
    const name = scalarText(mapValue(listItemAt(pair.value, offset), 'name'));
    if (name === undefined) return [];
    const rest = /^[^"'#\s]*/.exec(line.after)?.[0] ?? '';
    const k = flagKnowledge(c.component, name);
    return valueItems({
      component: c.component, flag: name, type: k?.type, secure: k?.secure, value: typed + rest, cursor: typed.length,
      range: (from, to) => ({ start: start + from, end: start + to }), style: quoteStyle(entry[4]), quoteScalars: entry[4] === '',
    });
  }
  if (isSeq(pair.value)) return undefined;
  // Map form (v1beta3): `<flag>: <value>`.
  const keyAt = /^( *)([A-Za-z0-9-]*)$/.exec(line.before);
  if (keyAt && endsAt(enclosingKeys(model.source, line.start, keyAt[1].length, false), home.start)) {
    const rest = /^[A-Za-z0-9-]*/.exec(line.after)?.[0] ?? '';
    const nameOnly = /^[A-Za-z0-9-]*[ \t]*:/.test(line.after);
    return flagNameItems({ ...base, replace: { start: offset - keyAt[2].length, end: offset + rest.length }, style: undefined, nameOnly });
  }
  const valueAt = /^( *)([A-Za-z0-9-]+):[ \t]+(["']?)([^"'#\s]*)$/.exec(line.before);
  if (valueAt && endsAt(enclosingKeys(model.source, line.start, valueAt[1].length, false), home.start)) {
    const typed = valueAt[4];
    const start = offset - typed.length;
    const rest = /^[^"'#\s]*/.exec(line.after)?.[0] ?? '';
    const k = flagKnowledge(c.component, valueAt[2]);
    return valueItems({
      component: c.component, flag: valueAt[2], type: k?.type, secure: k?.secure, value: typed + rest, cursor: typed.length,
      range: (from, to) => ({ start: start + from, end: start + to }), style: quoteStyle(valueAt[3]), quoteScalars: valueAt[3] === '',
    });
  }
  return undefined;
}

function componentItems(model: FileModel, offset: number): Item[] | undefined {
  const line = cursorLine(model.source, offset);
  for (const c of model.components) {
    const found =
      c.carrier instanceof ArgvCarrier ? argvItems(model, c, c.carrier, offset, line) : c.carrier.kind === 'k3s' ? k3sItems(model, c, offset, line) : kubeadmItems(model, c, offset, line);
    if (found) return found;
  }
  return undefined;
}

/** The path from a config's root to the mapping the cursor's key is in, from the keys that enclose it. */
function pathInConfig(config: ConfigSource, chain: readonly Enclosing[]): string[] | undefined {
  let rest = chain;
  if (config.root !== config.document.doc.contents) {
    const pairs = holdingPairs(config.document, config.root);
    const holder = pairs?.[pairs.length - 1];
    const at = holder ? chain.findIndex((e) => e.offset === keyRange(holder)?.start) : -1;
    if (at < 0) return undefined;
    rest = chain.slice(at + 1);
  }
  return rest.some((e) => e.key === '[]') ? undefined : rest.map((e) => e.key);
}

function configItems(model: FileModel, offset: number): Item[] | undefined {
  const line = cursorLine(model.source, offset);
  const keyAt = /^( *)([A-Za-z][A-Za-z0-9_-]*)?$/.exec(line.before);
  const valueAt = /^( *)([A-Za-z][A-Za-z0-9_-]*):[ \t]+(["']?)([^"'#\s]*)$/.exec(line.before);
  const indent = (keyAt ?? valueAt)?.[1].length;
  if (indent === undefined) return undefined;
  for (const config of model.configs) {
    // A document's range ends with its last node; blank lines typed below it still belong to it.
    const next = model.documents.find((d) => d.index === config.document.index + 1);
    if (offset < config.document.start || offset > (next?.start ?? model.source.text.length)) continue;
    const chain = enclosingKeys(model.source, line.start, indent, false);
    const path = chain && pathInConfig(config, chain);
    if (!path) continue;
    if (keyAt) {
      const parent = path.length === 0 ? config.root : mapPathPair(config.root, path)?.value;
      const present = new Set(
        (isMap(parent) ? parent.items : []).filter((p) => !(offset >= (keyRange(p)?.start ?? -1) && offset <= (keyRange(p)?.end ?? -1))).map((p) => keyName(p) ?? ''),
      );
      const typed = keyAt[2] ?? '';
      const rest = /^[A-Za-z0-9_-]*/.exec(line.after)?.[0] ?? '';
      return fieldItems({
        component: config.component,
        path,
        present,
        replace: { start: offset - typed.length, end: offset + rest.length },
        nameOnly: /^[A-Za-z0-9_-]*[ \t]*:/.test(line.after),
      });
    }
    if (!valueAt) continue;
    const setting = fieldSetting(config.component, [...path, valueAt[2]]);
    // kubelet list fields are YAML sequences: their elements are not completed on the key's line.
    if (!setting || (setting.type === 'list' && setting.component !== 'etcd')) return [];
    const typed = valueAt[4];
    const start = offset - typed.length;
    const rest = /^[^"'#\s]*/.exec(line.after)?.[0] ?? '';
    return valueItems({
      component: config.component, flag: setting.flag, type: setting.type, secure: setting.secure, value: typed + rest, cursor: typed.length,
      range: (from, to) => ({ start: start + from, end: start + to }), style: valueAt[3] === '' ? undefined : quoteStyle(valueAt[3]), quoteScalars: false,
    });
  }
  return undefined;
}

/**
 * The cursor on a blank line of YAML embedded in a block scalar. Blanks map to the block's text ambiguously (and a
 * trailing blank line is not part of it at all), so the line is rebuilt inside the embedded text with the cursor's
 * column counted from the block's indentation, and completed there.
 */
function completeBlankEmbeddedLine(analysis: Analysis, yaml: EmbeddedYaml, offset: number): CompletionItemInfo[] | undefined {
  const { source } = analysis.model;
  const lineStart = source.lineStart(offset);
  const indent = yaml.lineBreak.replace(/^\r?\n/, '').length;
  if (lineStart === 0 || source.text.slice(lineStart, offset).trim() !== '' || offset - lineStart < indent) return undefined;
  const lineBreak = yaml.offsets.findIndex((o, i) => i < yaml.text.length && yaml.text[i] === '\n' && o === lineStart - 1);
  if (lineBreak < 0) return undefined;
  const innerLineStart = lineBreak + 1;
  const nextBreak = yaml.text.indexOf('\n', innerLineStart);
  const head = ' '.repeat(offset - lineStart - indent);
  const rest = source.text.slice(offset, source.lineEnd(offset));
  const text = yaml.text.slice(0, innerLineStart) + head + rest + (nextBreak < 0 ? '' : yaml.text.slice(nextBreak));
  const cursor = innerLineStart + head.length;
  const model = buildModel(text, { partial: yaml.partial || analysis.model.partial });
  // Every range completion returns here is on the cursor's line, whose characters from the cursor on are the outer line's.
  return completeAt({ model, findings: [], embedded: [] }, cursor).map((item) => {
    const at = (p: Range['start']) => offset + model.source.offsetAt(p) - cursor;
    return { ...item, replace: source.range({ start: at(item.replace.start), end: at(item.replace.end) }) };
  });
}

export function completeAt(analysis: Analysis, offset: number): CompletionItemInfo[] {
  const { model } = analysis;
  for (const { yaml, analysis: inner } of analysis.embedded) {
    const blank = completeBlankEmbeddedLine(analysis, yaml, offset);
    if (blank) return blank;
    const at = innerOffset(yaml, offset);
    if (at === undefined) continue;
    const { source } = inner.model;
    return completeAt(inner, at).map((item) => ({ ...item, replace: model.source.range(outerRange(yaml, { start: source.offsetAt(item.replace.start), end: source.offsetAt(item.replace.end) })) }));
  }
  const items = componentItems(model, offset) ?? configItems(model, offset) ?? [];
  return items.map((item) => ({ ...item, replace: model.source.range(item.replace) }));
}
