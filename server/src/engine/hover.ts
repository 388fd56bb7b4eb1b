// What the engine knows about the place under the cursor: a flag, a config document's field, a component's command line,
// a field of an API object the rules read, or a rule id in a suppression comment. The providers live in hovers/.
import type { Analysis } from './analyze';
import { CHANNELS, type ChannelInfo } from './docs/channels';
import { componentHover, configSummaryHover } from './hovers/componentHover';
import { configFieldHover } from './hovers/configFieldHover';
import { contains, findingsAt } from './hovers/common';
import { flagHover } from './hovers/flagHover';
import { objectFieldHover } from './hovers/objectFieldHover';
import { mapPair, nodeRange } from './parse/yamlNodes';
import { innerOffset, outerRange } from './parse/embedded';
import { suppressionIdAt } from './suppress';
import type { Finding, Range } from './types';

export interface HoverInfo {
  range: Range;
  /** The flag, field or component, as spelled in the file. */
  title: string;
  channel?: ChannelInfo;
  summary: string;
  /** The secure value, spelled as it would be written here. */
  secure?: string;
  /** What this file sets, or which default applies. */
  current?: string;
  /** The findings whose range covers the place. */
  findings: Finding[];
  /** For a component: each channel it sits on and its state in this file. */
  channels?: Array<{ channel: ChannelInfo; state: string }>;
}

/** A rule id in a suppression comment: the rule it names. */
function suppressionHover(analysis: Analysis, offset: number): HoverInfo | undefined {
  const id = suppressionIdAt(analysis.model.source, offset);
  if (!id?.rule) return undefined;
  const { meta } = id.rule;
  return {
    range: analysis.model.source.range(id.range),
    title: `${meta.id} ${meta.name}`,
    channel: CHANNELS[meta.channel],
    summary: meta.summary,
    findings: [],
  };
}

export function hoverAt(analysis: Analysis, offset: number): HoverInfo | undefined {
  const { model } = analysis;
  const suppression = suppressionHover(analysis, offset);
  if (suppression) return suppression;
  for (const { yaml, analysis: inner } of analysis.embedded) {
    const at = innerOffset(yaml, offset);
    if (at === undefined) continue;
    const info = hoverAt(inner, at);
    if (!info) return undefined;
    const range = outerRange(yaml, { start: inner.model.source.offsetAt(info.range.start), end: inner.model.source.offsetAt(info.range.end) });
    return { ...info, range: model.source.range(range), findings: findingsAt(analysis, range) };
  }
  for (const c of model.components) {
    for (const occurrence of c.flags.occurrences) {
      if (occurrence.form !== 'implied' && contains(occurrence.range, offset)) return flagHover(analysis, c, occurrence);
    }
    const anchor = c.carrier.anchors().find((r) => contains(r, offset));
    if (anchor) return componentHover(analysis, c, anchor);
  }
  for (const config of model.configs) {
    if (!contains(nodeRange(config.root), offset)) continue;
    const kind = nodeRange(mapPair(config.root, 'kind')?.value);
    return kind && contains(kind, offset) ? configSummaryHover(analysis, config, kind) : configFieldHover(analysis, config, offset);
  }
  return objectFieldHover(analysis, offset);
}
