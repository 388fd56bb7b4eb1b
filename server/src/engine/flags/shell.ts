// Splits a POSIX shell script into words and control operators, keeping each word's source offsets.

export interface ShellWord {
  kind: 'word' | 'operator';
  text: string;
  /** Index in the script of each character of `text`, plus one past the end. */
  indices: number[];
}

const OPERATOR_CHARS = new Set([';', '&', '|', '\n', '(', ')']);

/**
 * A deliberately small tokenizer: quotes, backslash escapes, comments and the operators that end a
 * simple command. Expansions (`$x`, `$(...)`) stay inside words as written, since we never run them.
 */
export function shellWords(script: string): ShellWord[] {
  const words: ShellWord[] = [];
  let text = '';
  let indices: number[] = [];
  let inWord = false;
  const flush = (): void => {
    if (inWord) words.push({ kind: 'word', text, indices: [...indices, (indices[indices.length - 1] ?? 0) + 1] });
    text = '';
    indices = [];
    inWord = false;
  };
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === '\\' && i + 1 < script.length) {
      if (script[i + 1] === '\n') {
        i += 2; // Line continuation.
        continue;
      }
      text += script[i + 1];
      indices.push(i + 1);
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = script.indexOf(c, i + 1);
      const endQuote = close < 0 ? script.length : close;
      for (let j = i + 1; j < endQuote; j++) {
        if (c === '"' && script[j] === '\\' && j + 1 < endQuote && '"\\$`'.includes(script[j + 1])) j++;
        text += script[j];
        indices.push(j);
      }
      inWord = true;
      i = endQuote + 1;
      continue;
    }
    if (c === '#' && !inWord) {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      flush();
      i++;
      continue;
    }
    if (OPERATOR_CHARS.has(c)) {
      flush();
      const two = script.slice(i, i + 2);
      const op = two === '&&' || two === '||' ? two : c;
      words.push({ kind: 'operator', text: op, indices: [i, i + op.length] });
      i += op.length;
      continue;
    }
    text += c;
    indices.push(i);
    inWord = true;
    i++;
  }
  flush();
  return words;
}
