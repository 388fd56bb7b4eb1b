// Edits to a component's command line: add, change or remove a flag wherever the component keeps its flags.
import type { Pair } from 'yaml';
import type { FlagOccurrence } from '../flags/flagset';
import type { ArgToken } from '../flags/tokens';
import type { ComponentInvocation } from '../parse/components';
import { asSeq, keyRange } from '../parse/yamlNodes';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import { appendSeqItem, removeSeqItem, type OffsetEdit } from './yamlEdits';

/** Where a flag the component lacks belongs: the `command:` or `args:` list that holds its other flags. */
export function flagHome(component: ComponentInvocation): { pair: Pair<unknown, unknown>; keyRange: OffsetRange } | undefined {
  const lastToken = component.flags.lastOccurrence()?.token ?? component.argv[component.argv.length - 1] ?? component.binary;
  let listKey = component.shell ? component.shell.listKey : lastToken.listKey;
  // With the binary alone in `command:` and an `args:` list present, new flags go to `args:`.
  if (!component.shell && component.flags.occurrences.length === 0 && asSeq(component.argsPair?.value)) listKey = 'args';
  const pair = listKey === 'args' ? component.argsPair : component.commandPair;
  const range = pair && keyRange(pair);
  return pair && range ? { pair, keyRange: range } : undefined;
}

/** Adds `--name=value` next to the component's other flags. */
export function addFlag(source: SourceText, component: ComponentInvocation, name: string, value: string): OffsetEdit[] | undefined {
  const flag = `--${name}=${value}`;
  if (component.shell) {
    const last = component.argv[component.argv.length - 1] ?? component.binary;
    if (!last.offsets) return undefined;
    const text = escapeForScalar(` ${flag}`, component.shell.item.type);
    return text === undefined ? undefined : [{ start: last.range.end, end: last.range.end, newText: text }];
  }
  const home = flagHome(component);
  const seq = asSeq(home?.pair.value);
  const edit = seq && appendSeqItem(source, seq, flag);
  return edit ? [edit] : undefined;
}

/** Makes the occurrence say `value`: changes the value in place, or turns a bare bool flag into `--name=value`. */
export function setFlagValue(occurrence: FlagOccurrence, value: string): OffsetEdit[] | undefined {
  const { token, valueToken } = occurrence;
  if (!exact(token) || (valueToken && !exact(valueToken))) return undefined;
  if (occurrence.form === 'bare') {
    const text = escapeForScalar(`=${value}`, token.item.type);
    return text === undefined ? undefined : [{ start: token.range.end, end: token.range.end, newText: text }];
  }
  const text = escapeForScalar(value, (valueToken ?? token).item.type);
  return text === undefined ? undefined : [{ start: occurrence.valueRange.start, end: occurrence.valueRange.end, newText: text }];
}

/** Removes the words of a stray argument (or of a flag with its split value). */
export function removeTokens(source: SourceText, tokens: readonly ArgToken[]): OffsetEdit[] | undefined {
  const edits: OffsetEdit[] = [];
  for (const token of tokens) {
    if (token.inShell) {
      if (!exact(token)) return undefined;
      // Take the blank before the word with it, so no double space is left behind.
      let start = token.range.start;
      while (start > 0 && (source.text[start - 1] === ' ' || source.text[start - 1] === '\t')) start--;
      edits.push({ start, end: token.range.end, newText: '' });
      continue;
    }
    const edit = removeSeqItem(source, token.list, token.item);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return edits;
}

function exact(token: ArgToken): boolean {
  return token.offsets !== undefined;
}

/** Text to insert inside a scalar of the given style, escaped for it; undefined if plain YAML cannot hold it. */
function escapeForScalar(text: string, style: string | undefined): string | undefined {
  if (style === 'QUOTE_DOUBLE') return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  if (style === 'QUOTE_SINGLE') return text.replace(/'/g, "''");
  if (style === 'PLAIN' && /: | #|^#/.test(text)) return undefined;
  return text;
}
