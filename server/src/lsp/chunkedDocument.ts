// The editor's open documents, held in pieces (one per YAML document) so that a keystroke in a large file rewrites only
// the piece it touches, and the incremental analysis can tell which documents changed.
import type { Position, Range, TextDocumentContentChangeEvent, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText } from '../engine/incremental/chunkedText';

export class ChunkedDocument implements TextDocument {
  readonly text: ChunkedText;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.text = new ChunkedText(content);
  }

  getText(range?: Range): string {
    return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text.getText();
  }

  positionAt(offset: number): Position {
    return this.text.positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.text.offsetAt(position);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = this.text.offsetOfLine(line);
    return { start: this.positionAt(start), end: this.positionAt(this.text.lineEnd(start)) };
  }

  getEOLCharacters(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const end = this.text.lineEnd(this.text.offsetOfLine(line));
    return this.text.slice(end, Math.min(this.text.length, end + 2)).replace(/[^\r\n]/g, '').replace(/^\n.*/s, '\n');
  }

  get lineCount(): number {
    return this.text.lineCount;
  }

  get length(): number {
    return this.text.length;
  }
}

/** How TextDocuments creates and updates ChunkedDocuments: updates apply in place, so callers must compare versions, not objects. */
export const chunkedDocuments: ConstructorParameters<typeof TextDocuments<ChunkedDocument>>[0] = {
  create: (uri, languageId, version, content) => new ChunkedDocument(uri, languageId, version, content),
  update: (document, changes: TextDocumentContentChangeEvent[], version) => {
    for (const change of changes) document.text.update('range' in change ? { range: change.range, text: change.text } : { text: change.text });
    document.version = version;
    return document;
  },
};
