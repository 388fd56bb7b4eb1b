// Moves ranges between a unit of analysis (one document, or several documents joined) and the file they came from.
// Units are made of whole lines, so a position moves by a line offset per piece and keeps its character.
import type { Finding, Fix, Position, Range } from '../types';

export interface LinePiece {
  /** First line of the piece in the unit and in the file, and how many line breaks it spans. */
  unitLine: number;
  fileLine: number;
  lines: number;
}

export class LineMap {
  constructor(readonly pieces: readonly LinePiece[]) {}

  /** A position of the unit in the file. An end at the start of a piece belongs to the end of the piece before it. */
  toFile(position: Position, isEnd = false): Position {
    let index = this.last('unitLine', position.line);
    if (isEnd && position.character === 0 && index > 0 && this.pieces[index].unitLine === position.line) index--;
    const piece = this.pieces[index];
    return { line: position.line - piece.unitLine + piece.fileLine, character: position.character };
  }

  /** A position of the file in the unit, if the unit holds its line. */
  toUnit(position: Position): Position | undefined {
    const piece = this.pieces[this.last('fileLine', position.line)];
    if (position.line < piece.fileLine || position.line > piece.fileLine + piece.lines) return undefined;
    return { line: position.line - piece.fileLine + piece.unitLine, character: position.character };
  }

  rangeToFile(range: Range): Range {
    return { start: this.toFile(range.start), end: this.toFile(range.end, true) };
  }

  /**
   * The last piece starting at or before a line, by binary search (pieces ascend in both unit and file lines): every
   * finding is mapped on every check.
   */
  private last(key: 'unitLine' | 'fileLine', line: number): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.pieces[mid][key] <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** A unit's fix in the file's coordinates. */
export function fixToFile(fix: Fix, map: LineMap): Fix {
  return { title: fix.title, edits: fix.edits.map((e) => ({ range: map.rangeToFile(e.range), newText: e.newText })) };
}

/** A unit's finding in the file's coordinates. */
export function findingToFile(finding: Finding, map: LineMap): Finding {
  const fix = (f: Fix): Fix => fixToFile(f, map);
  return { ...finding, range: map.rangeToFile(finding.range), fixes: finding.fixes.map(fix), suppressions: finding.suppressions.map(fix) };
}
