// What the engine knows about the place under the cursor: a flag, a KubeletConfiguration field, or a component's command line.
import { isMap } from 'yaml';
import type { Analysis } from './analyze';
import { CHANNELS, type ChannelInfo } from './docs/channels';
import { settingByField, settingByFlag } from './docs/settings';
import type { ComponentName } from './flags/catalog';
import type { FlagOccurrence } from './flags/flagset';
import type { Component, ConfigSource } from './parse/component';
import { keyName, keyRange, nodeRange, scalarText } from './parse/yamlNodes';
import { RULES } from './rules/registry';
import { innerOffset, outerRange } from './parse/embedded';
import type { ChannelId, Finding, OffsetRange, Range } from './types';

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

const COMPONENT_CHANNELS: Readonly<Record<ComponentName, readonly ChannelId[]>> = {
  'kube-apiserver': ['node-to-apiserver', 'apiserver-to-kubelet', 'apiserver-to-nodes-pods-services', 'control-plane-internal'],
  kubelet: ['node-to-apiserver', 'apiserver-to-kubelet'],
  'kube-controller-manager': ['node-to-apiserver', 'control-plane-internal'],
  'kube-scheduler': ['node-to-apiserver', 'control-plane-internal'],
  'kube-proxy': ['node-to-apiserver'],
  etcd: ['control-plane-internal'],
  'konnectivity-server': ['apiserver-to-nodes-pods-services'],
  'konnectivity-agent': ['apiserver-to-nodes-pods-services', 'node-to-apiserver'],
};

const COMPONENT_SUMMARIES: Readonly<Record<ComponentName, string>> = {
  'kube-apiserver': 'The hub: every node, pod and component calls it, and it calls kubelets, webhooks, aggregated APIs and etcd.',
  kubelet: "The node agent: it calls the API server with its node credentials and serves the API server's logs, exec, attach and port-forward calls on port 10250.",
  'kube-controller-manager': 'Runs the controllers; a client of the API server with its own serving endpoint (port 10257).',
  'kube-scheduler': 'Assigns pods to nodes; a client of the API server with its own serving endpoint (port 10259).',
  'kube-proxy': 'Programs service routing on each node; a client of the API server with a metrics endpoint of its own.',
  etcd: "The cluster's store: only the API server should reach it, over mutually authenticated TLS.",
  'konnectivity-server': 'Runs next to the API server and carries its traffic to nodes, pods and services through tunnels the agents open.',
  'konnectivity-agent': 'Runs on the nodes and opens the tunnels the API server uses to reach nodes, pods and services.',
};

function contains(range: OffsetRange | undefined, offset: number): boolean {
  return range !== undefined && offset >= range.start && offset <= range.end;
}

function findingsAt(analysis: Analysis, range: OffsetRange): Finding[] {
  const { source } = analysis.model;
  return analysis.findings.filter((f) => {
    const start = source.offsetAt(f.range.start);
    const end = source.offsetAt(f.range.end);
    return start <= range.end && end >= range.start;
  });
}

function flagHover(analysis: Analysis, c: Component, occurrence: FlagOccurrence): HoverInfo | undefined {
  const setting = settingByFlag(c.component, occurrence.name);
  const spec = occurrence.spec;
  const summary = setting?.summary ?? spec?.summary;
  if (!summary) return undefined;
  const channelId = setting?.channel ?? spec?.channel;
  const last = c.flags.last(occurrence.name);
  const list = spec?.type === 'stringSlice' || spec?.type === 'stringArray';
  const current = list
    ? `This file sets ${c.flags.list(occurrence.name).join(',') || '(empty)'} (every occurrence appends).`
    : last === occurrence
      ? `This file sets \`--${occurrence.name}=${occurrence.value}\`.`
      : `Overridden by a later \`--${occurrence.name}=${last?.value ?? ''}\`: the last occurrence wins.`;
  const secure = setting?.secure ?? spec?.secure;
  return {
    range: analysis.model.source.range(occurrence.range),
    title: `--${occurrence.name} (${c.component})`,
    channel: channelId ? CHANNELS[channelId] : undefined,
    summary,
    secure: secure !== undefined ? `--${occurrence.name}=${secure}` : undefined,
    current,
    findings: findingsAt(analysis, occurrence.range),
  };
}

function componentHover(analysis: Analysis, c: Component, range: OffsetRange): HoverInfo {
  const containerRange = nodeRange(c.node) ?? range;
  const inContainer = findingsAt(analysis, containerRange);
  const channels = COMPONENT_CHANNELS[c.component].map((id) => {
    const own = inContainer.filter((f) => f.channel === id);
    const checked = RULES.some((r) => r.meta.channel === id);
    const state = own.length > 0 ? `${own.length} finding${own.length > 1 ? 's' : ''}: ${[...new Set(own.map((f) => f.ruleId))].join(', ')}` : checked ? 'no findings' : 'not checked yet';
    return { channel: CHANNELS[id], state };
  });
  return {
    range: analysis.model.source.range(range),
    title: c.label ? `${c.component} (${c.label})` : c.component,
    summary: COMPONENT_SUMMARIES[c.component],
    findings: [],
    channels,
  };
}

function fieldHover(analysis: Analysis, config: ConfigSource, offset: number): HoverInfo | undefined {
  let map: unknown = config.root;
  const path: string[] = [];
  while (isMap(map)) {
    const pair = map.items.find((p) => contains({ start: keyRange(p)?.start ?? -1, end: nodeRange(p.value)?.end ?? keyRange(p)?.end ?? -1 }, offset));
    const name = pair && keyName(pair);
    if (!pair || name === undefined) return undefined;
    path.push(name);
    const key = keyRange(pair);
    if (contains(key, offset) || !isMap(pair.value)) {
      const setting = settingByField(config.component, path);
      if (!setting || !key) return undefined;
      const value = scalarText(pair.value);
      const spelled = path.join('.');
      return {
        range: analysis.model.source.range(key),
        title: `${spelled} (${config.label})`,
        channel: CHANNELS[setting.channel],
        summary: setting.summary,
        secure: setting.secure !== undefined ? `${path[path.length - 1]}: ${setting.secure}` : undefined,
        current:
          value !== undefined
            ? `This file sets \`${value}\`. Left out, it defaults to ${setting.configDefault ?? 'nothing'} in a config file (the flag \`--${setting.flag}\` defaults to ${setting.flagDefault ?? 'nothing'}).`
            : undefined,
        findings: findingsAt(analysis, { start: key.start, end: nodeRange(pair.value)?.end ?? key.end }),
      };
    }
    map = pair.value;
  }
  return undefined;
}

export function hoverAt(analysis: Analysis, offset: number): HoverInfo | undefined {
  const { model } = analysis;
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
    if (contains(nodeRange(config.root), offset)) return fieldHover(analysis, config, offset);
  }
  return undefined;
}
