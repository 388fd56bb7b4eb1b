// Conversion between offsets and line/character positions, and the text's line-ending style.
import type { OffsetRange, Position, Range } from './types';

export class SourceText {
  readonly lineStarts: number[] = [0];
  /** The line ending the file mostly uses, so inserted lines match it. */
  readonly eol: '\n' | '\r\n';

  constructor(readonly text: string) {
    let crlf = 0;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) {
        this.lineStarts.push(i + 1);
        if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
      }
    }
    this.eol = crlf * 2 > this.lineStarts.length - 1 ? '\r\n' : '\n';
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
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n') i++;
    if (i > 0 && this.text[i - 1] === '\r' && i > offset) i--;
    return i;
  }

  /** Leading spaces of the line holding `offset`. */
  indentOf(offset: number): string {
    const start = this.lineStart(offset);
    let i = start;
    while (this.text[i] === ' ') i++;
    return this.text.slice(start, i);
  }
}
