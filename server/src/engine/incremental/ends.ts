// What a file analysed in units offers the workspace, in file coordinates: its channel ends for cross-file checks and its
// channel-map index.
import type { FileModel } from '../parse/model';
import { channelEndsOf } from '../workspace/channelEndsOf';
import { concatEnds, mapEndRanges, type ChannelEnds } from '../workspace/channelEnds';
import { ChunkedText } from './chunkedText';
import { IncrementalAnalyzer, type FileAnalysis } from './analyzer';
import type { AnalysisOptions } from '../analyze';
import type { Range } from '../types';
import { channelMapIndex, type ChannelMapIndex } from '../workspace/channelMap';

/** Each unit's ends, kept while its model (that is, its text) is unchanged: typing elsewhere in the file reuses them. */
const unitEnds = new WeakMap<FileModel, ChannelEnds>();

export function fileEnds(file: FileAnalysis): ChannelEnds {
  return concatEnds(
    [...file.checkedUnits].map((unit) => {
      const { model } = unit.analysis;
      let ends = unitEnds.get(model);
      if (!ends) unitEnds.set(model, (ends = channelEndsOf(model)));
      return mapEndRanges(ends, (r) => unit.map.rangeToFile(r));
    }),
  );
}

/** A file read once (the workspace scan, the CLI): analysed in units, so large inert documents are not parsed. */
export function analyzeFileOnce(text: string, options: AnalysisOptions): FileAnalysis {
  return new IncrementalAnalyzer().analyze(new ChunkedText(text), options, '');
}

/** The channel map's index of a file analysed in units (what it configures, and where), in file coordinates. */
export function fileMapIndex(uri: string, file: FileAnalysis): ChannelMapIndex {
  const index: ChannelMapIndex = { uri, ends: [], places: [] };
  for (const unit of file.checkedUnits) {
    const part = channelMapIndex(uri, unit.analysis);
    const toFile = (r: Range): Range => unit.map.rangeToFile(r);
    index.ends.push(...part.ends.map((e) => ({ ...e, end: { ...e.end, range: toFile(e.end.range) } })));
    index.places.push(...part.places.map((p) => ({ ...p, range: toFile(p.range) })));
  }
  return index;
}
