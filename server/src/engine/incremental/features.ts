// Hover, completion and code lenses over a file analysed in units: each asks the unit holding the place and moves the
// answer's ranges back into the file.
import { completeAt, type CompletionItemInfo } from '../complete';
import { hoverAt, type HoverInfo } from '../hover';
import { componentLenses, type ComponentLens } from '../lens';
import type { Position } from '../types';
import { unitAt, type FileAnalysis } from './analyzer';

export function hoverInFile(file: FileAnalysis, position: Position): HoverInfo | undefined {
  const at = unitAt(file, position);
  if (!at) return undefined;
  const { analysis, map } = at.unit;
  const info = hoverAt(analysis, analysis.model.source.offsetAt(at.position));
  if (!info) return undefined;
  return {
    ...info,
    range: map.rangeToFile(info.range),
    findings: info.findings.flatMap((f) => {
      const inFile = file.fileFindingOf.get(f);
      return inFile ? [inFile] : [];
    }),
  };
}

export function completeInFile(file: FileAnalysis, position: Position): CompletionItemInfo[] {
  const at = unitAt(file, position);
  if (!at) return [];
  const { analysis, map } = at.unit;
  return completeAt(analysis, analysis.model.source.offsetAt(at.position)).map((item) => ({ ...item, replace: map.rangeToFile(item.replace) }));
}

export function lensesInFile(file: FileAnalysis): ComponentLens[] {
  const lenses: ComponentLens[] = [];
  for (const unit of new Set(file.unitOfChunk)) {
    // Documents the cheap check skipped hold no component.
    if (!file.checkedUnits.has(unit)) continue;
    for (const lens of componentLenses(unit.analysis)) lenses.push({ ...lens, range: unit.map.rangeToFile(lens.range) });
  }
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
