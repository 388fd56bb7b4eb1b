// A file held as the texts of its YAML documents, so that an edit rewrites one piece and a re-check re-reads only the
// pieces that changed, and so that a large file is never copied whole on a keystroke.
//
// A piece starts at every line that begins with the document marker `---` followed by a blank or the end of the line
// (and the first piece at the start of the file). YAML ends any scalar or collection at such a line, so each piece
// parses on its own to the same documents the whole file would give.
import { isMarkerAt, splitDocuments } from '../parse/documentMarkers';
import { eolOf, indentUnitOf, SourceText, type FileConventions, type TextSource } from '../text';
import type { OffsetRange, Position, Range } from '../types';

/** One piece: its text, with its line table built once. */
export class Chunk {
  private sourceCache?: SourceText;
  private bytesCache?: number;
  private templateCache?: boolean;
  private breaksCache?: number;
  private indentCache?: number | null;

  constructor(readonly text: string) {}

  get source(): SourceText {
    this.sourceCache ??= new SourceText(this.text);
    return this.sourceCache;
  }

  /** The piece holds a template expression (`{{`), which makes the whole file partial. */
  get template(): boolean {
    this.templateCache ??= this.text.includes('{{');
    return this.templateCache;
  }

  /** The piece's indentation step (text.ts indentUnitOf), found once: a regular expression over a large piece per keystroke adds up. */
  get indentUnit(): number | undefined {
    if (this.indentCache === undefined) this.indentCache = indentUnitOf(this.text) ?? null;
    return this.indentCache ?? undefined;
  }

  /** CRLF line breaks in the piece. */
  get crlf(): number {
    return this.sourceCache || this.text.includes('\r') ? this.source.crlf : 0;
  }

  /**
   * The offset of a position in the piece, as SourceText.offsetAt gives it. Found by a native search when the piece has
   * no CR and no line table yet: an edit to a large piece nobody reads (an inert document) then builds none.
   */
  offsetAt(position: Position): number {
    if (this.sourceCache || position.line < 0 || this.text.includes('\r')) return this.source.offsetAt(position);
    let start = 0;
    for (let line = 0; line < position.line; line++) {
      const next = this.text.indexOf('\n', start);
      if (next < 0) return this.text.length;
      start = next + 1;
    }
    const end = this.text.indexOf('\n', start);
    return Math.min(start + position.character, end < 0 ? this.text.length : end);
  }

  /** The piece's size in UTF-8 bytes, as on disk. */
  get bytes(): number {
    this.bytesCache ??= utf8Length(this.text);
    return this.bytesCache;
  }

  /**
   * Line breaks in the piece: every piece but the last ends with one. Counted natively when the piece has no CR, so
   * that a large piece nobody reads (an inert document) never needs its line table.
   */
  get breaks(): number {
    if (this.breaksCache === undefined) {
      if (this.sourceCache || this.text.includes('\r')) this.breaksCache = this.source.lineCount - 1;
      else {
        let n = 0;
        for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) n++;
        this.breaksCache = n;
      }
    }
    return this.breaksCache;
  }
}

export interface ContentChange {
  /** Absent: the whole text is replaced. */
  range?: Range;
  text: string;
}

export class ChunkedText implements TextSource {
  private chunkList: Chunk[];
  /** Offset and first line of each piece, rebuilt lazily after an edit. */
  private startsCache?: { offsets: number[]; lines: number[] };
  private textCache?: string;

  constructor(text: string) {
    this.chunkList = splitDocuments(text).map((t) => new Chunk(t));
    this.textCache = text;
  }

  get chunks(): readonly Chunk[] {
    return this.chunkList;
  }

  private get starts(): { offsets: number[]; lines: number[] } {
    if (this.startsCache) return this.startsCache;
    const offsets: number[] = [];
    const lines: number[] = [];
    let offset = 0;
    let line = 0;
    for (const chunk of this.chunkList) {
      offsets.push(offset);
      lines.push(line);
      offset += chunk.text.length;
      line += chunk.breaks;
    }
    offsets.push(offset);
    lines.push(line);
    this.startsCache = { offsets, lines };
    return this.startsCache;
  }

  /** The offset and first line of piece `index`. */
  startOf(index: number): { offset: number; line: number } {
    const { offsets, lines } = this.starts;
    return { offset: offsets[index], line: lines[index] };
  }

  /** The whole text; joined (and kept) only when someone asks for it. */
  getText(): string {
    this.textCache ??= this.chunkList.map((c) => c.text).join('');
    return this.textCache;
  }

  get length(): number {
    return this.starts.offsets[this.chunkList.length];
  }

  get lineCount(): number {
    return this.starts.lines[this.chunkList.length] + 1;
  }

  /** The text's size in UTF-8 bytes, from each piece's (kept while the piece is unchanged): no join, no copy. */
  get byteLength(): number {
    let bytes = 0;
    for (const chunk of this.chunkList) bytes += chunk.bytes;
    return bytes;
  }

  get eol(): '\n' | '\r\n' {
    let crlf = 0;
    let breaks = 0;
    for (const chunk of this.chunkList) {
      crlf += chunk.crlf;
      breaks += chunk.breaks;
    }
    return eolOf(crlf, breaks);
  }

  /** How the whole file writes lines: what fixes inserted into any one of its documents follow. */
  get conventions(): FileConventions {
    let indentUnit: number | undefined;
    for (const chunk of this.chunkList) if ((indentUnit = chunk.indentUnit) !== undefined) break;
    return { eol: this.eol, indentUnit: indentUnit ?? 2 };
  }

  /** The piece holding an offset (the last piece for the end of the text). */
  chunkAtOffset(offset: number): number {
    return lastAtOrBefore(this.starts.offsets, this.chunkList.length, offset);
  }

  /** The piece holding a line. */
  chunkAtLine(line: number): number {
    return lastAtOrBefore(this.starts.lines, this.chunkList.length, line);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.length));
    const index = this.chunkAtOffset(clamped);
    const start = this.startOf(index);
    const local = this.chunkList[index].source.positionAt(clamped - start.offset);
    return { line: local.line + start.line, character: local.character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineCount) return this.length;
    const index = this.chunkAtLine(position.line);
    const start = this.startOf(index);
    return start.offset + this.chunkList[index].offsetAt({ line: position.line - start.line, character: position.character });
  }

  range(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }

  offsetOfLine(line: number): number {
    if (line >= this.lineCount) return this.length;
    const index = this.chunkAtLine(Math.max(0, line));
    const start = this.startOf(index);
    return start.offset + this.chunkList[index].source.offsetOfLine(line - start.line);
  }

  lineStart(offset: number): number {
    return this.offsetOfLine(this.positionAt(offset).line);
  }

  lineEnd(offset: number): number {
    const index = this.chunkAtOffset(Math.max(0, Math.min(offset, this.length)));
    const start = this.startOf(index);
    return start.offset + this.chunkList[index].source.lineEnd(offset - start.offset);
  }

  /** Text between two offsets; never copies more than the pieces it spans. */
  slice(start: number, end: number): string {
    if (end <= start) return '';
    const first = this.chunkAtOffset(start);
    const last = this.chunkAtOffset(Math.max(start, end - 1));
    let out = '';
    for (let i = first; i <= last; i++) {
      const base = this.startOf(i).offset;
      out += this.chunkList[i].text.slice(Math.max(0, start - base), end - base);
    }
    return out;
  }

  /** Applies an LSP content change: only the pieces it touches are rewritten and split again. */
  update(change: ContentChange): void {
    if (!change.range) {
      this.chunkList = splitDocuments(change.text).map((t) => new Chunk(t));
      this.startsCache = undefined;
      this.textCache = change.text;
      return;
    }
    const start = this.offsetAt(change.range.start);
    const end = Math.max(start, this.offsetAt(change.range.end));
    let first = this.chunkAtOffset(start);
    // The piece starting where the edit ends is rewritten too: removing the line break before its marker joins it to the line above.
    const last = this.chunkAtOffset(end);
    let base = this.startOf(first).offset;
    let piece = this.chunkList.slice(first, last + 1).map((c) => c.text).join('');
    piece = piece.slice(0, start - base) + change.text + piece.slice(end - base);
    // A piece that no longer starts with a marker belongs to the one before it.
    while (first > 0 && !isMarkerAt(piece, 0)) {
      first--;
      base = this.startOf(first).offset;
      piece = this.chunkList[first].text + piece;
    }
    const replacement = splitDocuments(piece).map((t) => new Chunk(t));
    this.chunkList = [...this.chunkList.slice(0, first), ...replacement, ...this.chunkList.slice(last + 1)];
    this.startsCache = undefined;
    this.textCache = undefined;
  }
}

/** The last index `i < count` with `values[i] <= value` (values ascending, values[0] = 0). */
function lastAtOrBefore(values: readonly number[], count: number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (values[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** UTF-8 length of a text, as written to disk (a lone surrogate as U+FFFD): counted natively, a megabyte in a fraction of a millisecond. */
function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export { splitDocuments };
