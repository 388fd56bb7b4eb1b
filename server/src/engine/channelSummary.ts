// Which findings belong to a component or a config document, and the state of each of its channels: for component hovers and code lenses.
import type { Analysis } from './analyze';
import { COMPONENT_CHANNELS } from './docs/components';
import { ruleConcerns, ruleState } from './docs/ruleStates';
import type { ComponentName } from './flags/catalog';
import type { Component, ConfigSource } from './parse/component';
import { mapPair, nodeRange } from './parse/yamlNodes';
import type { ChannelId, Finding, OffsetRange, Severity } from './types';

export interface ChannelState {
  channel: ChannelId;
  /** The component's findings on this channel, most telling first. */
  findings: Finding[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Errors before warnings before infos, then by rule id: the first finding says most about the channel. */
export function byTelling(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId);
}

function offsets(analysis: Analysis, f: Finding): OffsetRange {
  const { source } = analysis.model;
  return { start: source.offsetAt(f.range.start), end: source.offsetAt(f.range.end) };
}

function inside(inner: OffsetRange, outer: OffsetRange): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function touches(a: OffsetRange, b: OffsetRange): boolean {
  return a.start <= b.end && a.end >= b.start;
}

/** Findings of rules that read this component's settings, placed inside `within` or on one of `anchors`. */
function findingsOf(analysis: Analysis, component: ComponentName, within: OffsetRange | undefined, anchors: readonly OffsetRange[]): Finding[] {
  return analysis.findings.filter((f) => {
    if (!ruleConcerns(f.ruleId, component)) return false;
    const at = offsets(analysis, f);
    return (within !== undefined && inside(at, within)) || anchors.some((a) => touches(at, a));
  });
}

export function componentFindings(analysis: Analysis, c: Component): Finding[] {
  return findingsOf(analysis, c.component, nodeRange(c.node), c.carrier.anchors());
}

export function configFindings(analysis: Analysis, config: ConfigSource): Finding[] {
  const kind = mapPair(config.root, 'kind');
  const anchors = kind ? [nodeRange(kind.value)].filter((r): r is OffsetRange => r !== undefined) : [];
  return findingsOf(analysis, config.component, nodeRange(config.root), anchors);
}

/** Each channel the component sits on with its findings there, then any other channel (`general`: the command line itself) that has findings. */
export function channelStates(component: ComponentName, findings: readonly Finding[]): ChannelState[] {
  const own = COMPONENT_CHANNELS[component];
  const others = [...new Set(findings.map((f) => f.channel).filter((c) => !own.includes(c)))];
  return [...own, ...others].map((channel) => ({ channel, findings: findings.filter((f) => f.channel === channel).sort(byTelling) }));
}

/** A channel's state in a word or two: `ok`, the most telling finding's state, plus how many more findings there are. */
export function shortState(state: ChannelState): string {
  const [first, ...rest] = state.findings;
  if (!first) return 'ok';
  return rest.length === 0 ? ruleState(first.ruleId) : `${ruleState(first.ruleId)} +${rest.length}`;
}
