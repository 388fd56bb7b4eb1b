// How deeply a YAML text can nest, estimated in one pass over its characters before the yaml package parses it: that
// package's parser and composer recurse once per level, and past about a thousand levels V8's stack overflows (uncaught,
// and fatal to the process when it happens inside a regular expression the parser compiles).
/** Past this estimated depth a text is not parsed: the yaml composer recurses once per level and overflows V8's stack near 1,000. */
export const MAX_NESTING = 256;

/**
 * An upper estimate of a YAML text's nesting depth: for each line, its indentation plus the compact `- `, `? ` and
 * `: ` indicators that open it (block collections nest no deeper than their indentation), plus the flow brackets open
 * at that point. Brackets in quoted scalars and comments are skipped; flow depth resets at a document marker.
 */
export function nestingDepth(text: string): number {
  let max = 0;
  let flow = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: indentation and compact indicators.
    let depth = 0;
    while (i < n) {
      const c = text[i];
      if (c === ' ' || c === '\t') {
        depth++;
        i++;
      } else if ((c === '-' || c === '?' || c === ':') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
        depth += 2;
        i += 2;
      } else break;
    }
    if (text.startsWith('---', i) || text.startsWith('...', i)) flow = 0;
    // The rest of the line: flow brackets, skipping quoted scalars and comments.
    while (i < n && text[i] !== '\n') {
      const c = text[i];
      if (c === '"' || c === "'") {
        const quote = c;
        i++;
        while (i < n && text[i] !== quote) i += text[i] === '\\' && quote === '"' ? 2 : 1;
        i++;
        continue;
      }
      if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if (c === '[' || c === '{') {
        flow++;
        if (depth + flow > max) max = depth + flow;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      i++;
    }
    if (depth + flow > max) max = depth + flow;
    i++;
  }
  return max;
}
