// One summary line above each control-plane component and config document: the state of each channel it sits on.
import type { Pair } from 'yaml';
import type { Analysis } from './analyze';
import { ArgvCarrier } from './carriers/argv';
import { channelStates, componentFindings, configFindings, shortState, type ChannelState } from './channelSummary';
import { SHORT_CHANNEL_TITLES } from './docs/components';
import { ruleState } from './docs/ruleStates';
import type { Component, ConfigSource } from './parse/component';
import type { ParsedDocument } from './parse/documents';
import { outerRange } from './parse/embedded';
import { asMap, keyName, keyRange, mapPair } from './parse/yamlNodes';
import type { ChannelId, Finding, OffsetRange, Range } from './types';
import { holdingPairs } from './yamlFind';

export interface ComponentLens {
  range: Range;
  title: string;
  component: string;
}

/** Titles longer than this are shortened: a lens is one glance, not a report. */
const MAX_TITLE = 100;

/** kubeadm keys that hold one component's settings; the lens of that component sits on them. */
const KUBEADM_SECTIONS = new Set(['apiServer', 'controllerManager', 'scheduler', 'etcd', 'nodeRegistration']);

interface LensPlace {
  range: OffsetRange;
  /** False when the place is shared with other components (a kubeadm document without the component's section): the title then names it. */
  own: boolean;
}

function keyPlace(pair: Pair<unknown, unknown> | undefined, own: boolean): LensPlace | undefined {
  const range = pair && keyRange(pair);
  return range ? { range, own } : undefined;
}

/** The line the document is named on: its `kind:` key, else its first key. */
function documentPlace(document: ParsedDocument, own: boolean): LensPlace | undefined {
  const root = asMap(document.doc.contents);
  return keyPlace(mapPair(root, 'kind') ?? root?.items[0], own);
}

function componentPlace(c: Component): LensPlace | undefined {
  if (c.carrier instanceof ArgvCarrier) return keyPlace(asMap(c.node)?.items[0], true);
  if (c.carrier.kind === 'k3s') {
    const home = c.carrier.homeRange();
    return home ? { range: home, own: true } : undefined;
  }
  // kubeadm: the section key (`apiServer:`, `etcd:` for `etcd.local`, `nodeRegistration:`), else the mapping that would hold it.
  if (c.node === c.document.doc.contents) return documentPlace(c.document, false);
  const pairs = holdingPairs(c.document, c.node) ?? [];
  const section = [...pairs].reverse().find((p) => KUBEADM_SECTIONS.has(keyName(p) ?? ''));
  if (section && pairs.indexOf(section) >= pairs.length - 2) return keyPlace(section, true);
  return keyPlace(pairs[pairs.length - 1], false) ?? documentPlace(c.document, false);
}

function configPlace(config: ConfigSource): LensPlace | undefined {
  if (config.root === config.document.doc.contents) return documentPlace(config.document, true);
  const pairs = holdingPairs(config.document, config.root);
  return keyPlace(pairs?.[pairs.length - 1], true);
}

/** Channel names for titles that do not fit with the usual ones. */
const COMPACT_CHANNEL_TITLES: Readonly<Record<ChannelId, string>> = {
  'node-to-apiserver': 'node→API',
  'apiserver-to-kubelet': 'API→kubelet',
  'apiserver-to-nodes-pods-services': 'API→pods',
  'control-plane-internal': 'control plane',
  general: 'command line',
};

/**
 * `node → API server: anonymous +1 · API server → kubelet: ok`. Too long, it is shortened step by step: channels
 * without findings fold into `others ok`, then channel names get compact, then only the most telling state stays.
 */
export function lensTitle(states: readonly ChannelState[], prefix = '', partial = false): string {
  const suffix = partial ? ' · partial' : '';
  const open = states.filter((s) => s.findings.length > 0);
  const ok = states.length - open.length;
  // Folding channels without findings into `others ok` only pays off for two or more of them.
  const kept = ok >= 2 ? open : states;
  const others = ok >= 2 ? ['others ok'] : [];
  const attempts: string[][] = [
    states.map((s) => `${SHORT_CHANNEL_TITLES[s.channel]}: ${shortState(s)}`),
    // Every channel ok: say it once.
    ...(open.length === 0 ? [[`ok: ${states.map((s) => SHORT_CHANNEL_TITLES[s.channel]).join(' · ')}`]] : []),
    [...kept.map((s) => `${SHORT_CHANNEL_TITLES[s.channel]}: ${shortState(s)}`), ...others],
    [...kept.map((s) => `${COMPACT_CHANNEL_TITLES[s.channel]}: ${shortState(s)}`), ...others],
    [...open.map((s) => `${COMPACT_CHANNEL_TITLES[s.channel]}: ${ruleState(s.findings[0].ruleId)}`), ...(ok > 0 ? ['others ok'] : [])],
  ];
  for (const segments of attempts) {
    const title = `${prefix}${segments.join(' · ')}${suffix}`;
    if (title.length <= MAX_TITLE) return title;
  }
  const last = `${prefix}${attempts[attempts.length - 1].join(' · ')}${suffix}`;
  return `${last.slice(0, MAX_TITLE - 1)}…`;
}

/**
 * The analysis narrowed to the findings that overlap one document's stretch of the file (from its start to the next
 * document's). A component's findings all lie in its own document, so each component filters only those: filtering the
 * whole file's findings for every component made a file of a thousand components take ten seconds.
 */
function perDocument(analysis: Analysis): (document: ParsedDocument) => Analysis {
  const { source, documents } = analysis.model;
  if (documents.length === 0) return () => analysis;
  const buckets = documents.map((): Finding[] => []);
  for (const f of analysis.findings) {
    const start = source.offsetAt(f.range.start);
    const end = source.offsetAt(f.range.end);
    // The last document starting at or before the finding's end, then back over those the finding still reaches.
    let lo = 0;
    let hi = documents.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (documents[mid].start <= end) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo; i >= 0; i--) {
      buckets[i].push(f);
      if (documents[i].start <= start) break;
    }
  }
  const index = new Map(documents.map((d, i) => [d, i]));
  return (document) => {
    const i = index.get(document);
    return i === undefined ? analysis : { ...analysis, findings: buckets[i] };
  };
}

function lensesOf(analysis: Analysis): Array<{ range: OffsetRange; title: string; component: string }> {
  const lenses: Array<{ range: OffsetRange; title: string; component: string }> = [];
  const narrowed = perDocument(analysis);
  for (const c of analysis.model.components) {
    const place = componentPlace(c);
    if (!place) continue;
    const states = channelStates(c.component, componentFindings(narrowed(c.document), c));
    lenses.push({ range: place.range, title: lensTitle(states, place.own ? '' : `${c.component}: `, c.partial), component: c.component });
  }
  for (const config of analysis.model.configs) {
    const place = configPlace(config);
    if (!place) continue;
    const states = channelStates(config.component, configFindings(narrowed(config.document), config));
    lenses.push({ range: place.range, title: lensTitle(states, '', config.partial), component: config.component });
  }
  for (const { yaml, analysis: inner } of analysis.embedded) {
    for (const lens of lensesOf(inner)) lenses.push({ ...lens, range: outerRange(yaml, lens.range) });
  }
  return lenses.sort((a, b) => a.range.start - b.range.start);
}

export function componentLenses(analysis: Analysis): ComponentLens[] {
  const { source } = analysis.model;
  return lensesOf(analysis).map((l) => ({ range: source.range(l.range), title: l.title, component: l.component }));
}
