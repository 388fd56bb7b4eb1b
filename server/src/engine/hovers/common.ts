// Small helpers shared by the hover providers: range tests and the findings under a place.
import type { Analysis } from '../analyze';
import type { Finding, OffsetRange } from '../types';

export function contains(range: OffsetRange | undefined, offset: number): boolean {
  return range !== undefined && offset >= range.start && offset <= range.end;
}

/** The findings whose range touches `range`, so that a hover shows what is wrong with the place. */
export function findingsAt(analysis: Analysis, range: OffsetRange): Finding[] {
  const { source } = analysis.model;
  return analysis.findings.filter((f) => {
    const start = source.offsetAt(f.range.start);
    const end = source.offsetAt(f.range.end);
    return start <= range.end && end >= range.start;
  });
}
