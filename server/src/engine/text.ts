// Conversion between offsets and line/character positions, and the text's line-ending style.
import type { OffsetRange, Position, Range } from './types';

/**
 * What code that edits a file needs from its text without holding it as one string: a file analysed in pieces
 * (server/src/engine/incremental/) answers these from its pieces.
 */
export interface TextSource {
  /** The line ending the file mostly uses. */
  readonly eol: '\n' | '\r\n';
  readonly length: number;
  readonly lineCount: number;
  positionAt(offset: number): Position;
  range(r: OffsetRange): Range;
  /** Offset of the first character of a 0-based line (the text's length past the last line). */
  offsetOfLine(line: number): number;
  /** Offset of the first character of the line holding `offset`. */
  lineStart(offset: number): number;
  /** Offset just before the line break (or end of text) of the line holding `offset`. */
  lineEnd(offset: number): number;
  slice(start: number, end: number): string;
}

/** How the file a text is part of writes lines, so that fixes inserted into one of its documents match the whole file. */
export interface FileConventions {
  eol: '\n' | '\r\n';
  /** The indentation step of mapping keys (fix/yamlEdits.ts). */
  indentUnit: number;
}

/** The indentation step of a text: the first indentation of a mapping key line, at most 8. */
export function indentUnitOf(text: string): number | undefined {
  const match = /\n( +)[^\s-]/.exec(text);
  return match ? Math.min(match[1].length, 8) : undefined;
}

export class SourceText implements TextSource {
  readonly lineStarts: number[] = [0];
  /** The line ending the file mostly uses, so inserted lines match it. */
  readonly eol: '\n' | '\r\n';
  /** How many of the line breaks are CRLF. */
  readonly crlf: number;

  /** `file`: the conventions of the whole file, when this text is one of its documents. */
  constructor(
    readonly text: string,
    readonly file?: FileConventions,
  ) {
    // indexOf finds line breaks natively: several times faster than a character loop on the large documents checked per keystroke.
    let crlf = 0;
    if (!text.includes('\r')) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    } else {
      // Editors (and LSP positions) count a lone CR as a line break too, so a CR without its LF ends a line here as well.
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) {
          this.lineStarts.push(i + 1);
          if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
        } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
          this.lineStarts.push(i + 1);
        }
      }
    }
    this.crlf = crlf;
    this.eol = file?.eol ?? eolOf(crlf, this.lineStarts.length - 1);
  }

  /** The indentation step fixes use: the file's, else this text's, else 2. */
  get indentUnit(): number {
    return this.file?.indentUnit ?? indentUnitOf(this.text) ?? 2;
  }

  get length(): number {
    return this.text.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetOfLine(line: number): number {
    return line < this.lineStarts.length ? this.lineStarts[Math.max(0, line)] : this.text.length;
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.lineStarts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, position.line)];
    return Math.min(start + position.character, this.lineEnd(start));
  }

  range(r: OffsetRange): Range {
    return { start: this.positionAt(r.start), end: this.positionAt(r.end) };
  }

  /** Offset of the first character of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.lineStarts[this.positionAt(offset).line];
  }

  /** Offset just before the line break (or end of text) of the line holding `offset`. */
  lineEnd(offset: number): number {
    const line = this.positionAt(offset).line;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.lineStarts[line] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Leading spaces of the line holding `offset`. */
  indentOf(offset: number): string {
    const start = this.lineStart(offset);
    let i = start;
    while (this.text[i] === ' ') i++;
    return this.text.slice(start, i);
  }
}

/** CRLF when most line breaks are CRLF. */
export function eolOf(crlf: number, breaks: number): '\n' | '\r\n' {
  return crlf * 2 > breaks ? '\r\n' : '\n';
}
