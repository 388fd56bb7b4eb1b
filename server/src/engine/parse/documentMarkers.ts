// Document marker lines (`---`), where a YAML stream splits into documents that each parse on their own: YAML ends any
// scalar or collection at such a line.

/** Whether a line starting at `at` is a document marker line: `---` then a blank, a line break or the end. */
export function isMarkerAt(text: string, at: number): boolean {
  if (!text.startsWith('---', at)) return false;
  const c = text.charCodeAt(at + 3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13;
}

/** Splits a text at its document marker lines. */
export function splitDocuments(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let at = text.indexOf('\n---'); at >= 0; at = text.indexOf('\n---', at + 1)) {
    if (!isMarkerAt(text, at + 1)) continue;
    pieces.push(text.slice(start, at + 1));
    start = at + 1;
  }
  pieces.push(text.slice(start));
  return pieces;
}
