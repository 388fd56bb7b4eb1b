// Maps each character of a scalar's value back to its offset in the source, through quotes, escapes and block indentation.
import type { Scalar } from 'yaml';

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029',
};

/**
 * Returns `offsets` with `offsets[i]` the source offset of value character `i` and
 * `offsets[value.length]` the offset just after the last one, or undefined when the
 * value cannot be aligned with its source (an exotic escape, say). Callers then fall
 * back to the whole scalar's range, which is never wrong, only wider.
 */
export function scalarValueOffsets(scalar: Scalar, text: string): number[] | undefined {
  const value = scalar.value;
  if (typeof value !== 'string' || !scalar.range) return undefined;
  const [start, end] = scalar.range;
  let p = start;
  let limit = end;
  const type = scalar.type;
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    p = start + 1;
    limit = end - 1;
  } else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    p = text.indexOf('\n', start);
    if (p < 0 || p >= end) return undefined;
    p++;
  }
  // In a literal block, each line starts with the block's indentation, which is not part of the value: skip exactly
  // that much, so that a line's own leading blanks map to themselves (an edit at an inner line start lands after it).
  const blockIndent = type === 'BLOCK_LITERAL' ? /^( *)\S/m.exec(text.slice(p, end))?.[1].length ?? 0 : 0;
  const skipIndent = (): void => {
    for (let k = 0; k < blockIndent && text[p] === ' '; k++) p++;
  };
  skipIndent();
  const offsets: number[] = new Array(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    for (;;) {
      if (p >= limit) return undefined;
      const s = text[p];
      if (type === 'QUOTE_DOUBLE' && s === '\\') {
        const next = text[p + 1];
        if (next === '\n' || next === '\r') {
          p += 2; // An escaped line break joins lines without a character of its own.
          continue;
        }
        if (SIMPLE_ESCAPES[next] === c) {
          offsets[i] = p;
          p += 2;
          break;
        }
        return undefined;
      }
      if (type === 'QUOTE_SINGLE' && s === "'" && text[p + 1] === "'" && c === "'") {
        offsets[i] = p;
        p += 2;
        break;
      }
      if (s === c) {
        // A line break written as CRLF starts at its CR: an insertion at the end of an inner line lands before it.
        offsets[i] = c === '\n' && text[p - 1] === '\r' ? p - 1 : p;
        p++;
        if (s === '\n') skipIndent();
        break;
      }
      // Only folding and indentation may stand in the source without a value character.
      if (s === ' ' || s === '\t' || s === '\n' || s === '\r') {
        p++;
        if (s === '\n') skipIndent();
        continue;
      }
      return undefined;
    }
  }
  offsets[value.length] = p;
  return offsets;
}
