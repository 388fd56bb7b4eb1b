// Reads where the cursor is in a YAML block structure from the text itself, since the line being typed rarely parses.
import type { SourceText } from '../text';

/** The line holding an offset, split at the cursor. */
export interface CursorLine {
  /** Offset of the line's first character. */
  start: number;
  /** The text from the line start to the cursor, and from the cursor to the line end. */
  before: string;
  after: string;
}

export function cursorLine(source: SourceText, offset: number): CursorLine {
  const start = source.lineStart(offset);
  const end = source.lineEnd(offset);
  return { start, before: source.text.slice(start, offset), after: source.text.slice(offset, end) };
}

/** A mapping key or sequence item (`[]`) that encloses the cursor, outermost first. */
export interface Enclosing {
  /** The key, or `[]` for a sequence item. */
  key: string;
  /** Offset of the key's first character (its quote, if quoted), or of the item's dash. */
  offset: number;
}

/** `key:` with nothing after it but a comment; `- key:` when it opens a sequence item. */
const KEY_LINE = /^( *)(?:(-) +)?("[^"]*"|'[^']*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^:#]*?|-[^\s:#][^:#]*?)[ \t]*:(?:[ \t]+(.*?))?[ \t]*$/;

interface ParsedLine {
  indent: number;
  /** Column of the dash, for a line that starts a sequence item. */
  dash?: number;
  key?: { name: string; column: number; hasValue: boolean };
}

function parseLine(text: string): ParsedLine {
  const indent = text.length - text.trimStart().length;
  const m = KEY_LINE.exec(text);
  if (m) {
    const rawKey = m[3];
    const column = text.indexOf(rawKey, m[1].length + (m[2] ? 1 : 0));
    const value = (m[4] ?? '').replace(/(^|\s)#.*$/, '').trim();
    const name = rawKey.startsWith('"') || rawKey.startsWith("'") ? rawKey.slice(1, -1) : rawKey;
    return { indent, dash: m[2] ? indent : undefined, key: { name, column, hasValue: value !== '' } };
  }
  const dash = /^( *)-( |$)/.exec(text);
  return { indent, dash: dash ? indent : undefined };
}

function isBlank(text: string): boolean {
  const t = text.trim();
  return t === '' || t.startsWith('#');
}

/**
 * The keys and sequence items that enclose a node starting at `column` on the line at `lineStart`, read upwards by
 * indentation as YAML block structure does. `item` says the node is itself a sequence item (its line starts with
 * `- ` at `column`). Undefined when the structure above is not plain block mappings and sequences (a block scalar,
 * a flow collection), where nothing can be completed.
 */
export function enclosingKeys(source: SourceText, lineStart: number, column: number, item: boolean): Enclosing[] | undefined {
  const chain: Enclosing[] = [];
  let limit = column;
  // Looking for the parent of a sequence item at `limit`, or of a mapping key at `limit`.
  let inSequence = item;
  if (item) chain.push({ key: '[]', offset: lineStart + column });
  let next = lineStart;
  while (next > 0 && !(limit === 0 && !inSequence)) {
    const start = source.lineStart(next - 1);
    const text = source.text.slice(start, source.lineEnd(start));
    next = start;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) break;
    if (isBlank(text)) continue;
    const line = parseLine(text);
    if (inSequence) {
      if (line.indent > limit || (line.indent === limit && line.dash !== undefined)) continue;
      if (!line.key || line.key.hasValue || line.key.column > limit) return undefined;
      chain.push({ key: line.key.name, offset: start + line.key.column });
      limit = line.key.column;
      inSequence = false;
      if (line.dash !== undefined) {
        chain.push({ key: '[]', offset: start + line.dash });
        limit = line.dash;
        inSequence = true;
      }
      continue;
    }
    if (line.indent >= limit) continue;
    if (line.dash !== undefined) {
      // A sequence item whose mapping holds our key, either beside its first key or under it.
      const content = line.key?.column ?? line.indent + 2;
      if (content === limit) {
        chain.push({ key: '[]', offset: start + line.dash });
      } else if (line.key && !line.key.hasValue && line.key.column < limit) {
        chain.push({ key: line.key.name, offset: start + line.key.column }, { key: '[]', offset: start + line.dash });
      } else {
        return undefined;
      }
      limit = line.dash;
      inSequence = true;
      continue;
    }
    if (!line.key || line.key.hasValue) return undefined;
    chain.push({ key: line.key.name, offset: start + line.key.column });
    limit = line.key.column;
  }
  // Lines ran out above an indented node: not a structure we can read.
  if (limit > 0) return undefined;
  return chain.reverse();
}
