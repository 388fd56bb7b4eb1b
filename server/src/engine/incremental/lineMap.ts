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
    const piece = this.pieceOf(position.line, 'unitLine', isEnd && position.character === 0);
    return { line: position.line - piece.unitLine + piece.fileLine, character: position.character };
  }

  /** A position of the file in the unit, if the unit holds its line. */
  toUnit(position: Position): Position | undefined {
    for (const piece of this.pieces) {
      if (position.line >= piece.fileLine && position.line <= piece.fileLine + piece.lines) {
        return { line: position.line - piece.fileLine + piece.unitLine, character: position.character };
      }
    }
    return undefined;
  }

  rangeToFile(range: Range): Range {
    return { start: this.toFile(range.start), end: this.toFile(range.end, true) };
  }

  private pieceOf(line: number, key: 'unitLine', preferEarlier: boolean): LinePiece {
    let found = this.pieces[0];
    for (const piece of this.pieces) {
      if (piece[key] > line || (preferEarlier && piece[key] === line && piece !== this.pieces[0])) break;
      found = piece;
    }
    return found;
  }
}

/** A unit's finding in the file's coordinates. */
export function findingToFile(finding: Finding, map: LineMap): Finding {
  const fix = (f: Fix): Fix => ({ title: f.title, edits: f.edits.map((e) => ({ range: map.rangeToFile(e.range), newText: e.newText })) });
  return { ...finding, range: map.rangeToFile(finding.range), fixes: finding.fixes.map(fix), suppressions: finding.suppressions.map(fix) };
}
