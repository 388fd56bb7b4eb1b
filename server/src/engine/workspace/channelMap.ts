// The channel map of a workspace: the API server as the hub, the endpoints around it, and each channel between them as an edge with its state and findings.
import { fileMapIndex } from '../incremental/ends';
import type { Analysis } from '../analyze';
import { CHANNELS } from '../docs/channels';
import { RULE_STATES, ruleState } from '../docs/ruleStates';
import type { ComponentName } from '../flags/catalog';
import { outerRange } from '../parse/embedded';
import type { FileModel } from '../parse/model';
import { asMap, mapPathPair, mapValue, nodeRange, scalarText } from '../parse/yamlNodes';
import type { ChannelId, Finding, OffsetRange, Position, Range, RelatedLocation, Severity } from '../types';
import type { WorkspaceFileResult, WorkspaceResult } from './analyzeWorkspace';

/** The four channels a map draws; `general` findings (how a command line is read, suppressions) are on no channel. */
export type MapChannelId = Exclude<ChannelId, 'general'>;

/** The endpoints around the hub. */
export type SpokeId = 'clients' | 'etcd' | 'controllers' | 'nodes' | 'webhooks' | 'aggregated-apis' | 'pods';

export type EdgeId =
  | 'clients-to-apiserver'
  | 'kubelets-to-apiserver'
  | 'pods-to-apiserver'
  | 'apiserver-to-kubelets'
  | 'apiserver-to-nodes'
  | 'apiserver-to-webhooks'
  | 'apiserver-to-aggregated-apis'
  | 'apiserver-to-etcd'
  | 'controllers-and-apiserver';

/**
 * `open`: an error finding; `weak`: a warning and no error; `ok`: configured in the workspace with no error or warning
 * (infos may remain); `unknown`: nothing in the workspace configures it, so nothing can be said.
 */
export type EdgeState = 'open' | 'weak' | 'ok' | 'unknown';

/** A place in the workspace: a file as the caller named it and a range in it. */
export interface MapLocation {
  uri: string;
  range: Range;
}

/** Where something in the workspace configures an end of an edge: a component, a config document, an API object. */
export interface MapEnd extends MapLocation {
  /** How the user would name it: `kube-apiserver (container kube-apiserver)`, `KubeletConfiguration`, `APIService v1beta1.metrics.k8s.io`. */
  label: string;
  /** The hub's end (the API server's own settings) or the spoke's. */
  side: 'hub' | 'spoke';
  /** The file shows only part of it (a Helm template, a patch): settings it leaves out say nothing. */
  partial: boolean;
}

export interface MapFinding extends MapLocation {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  /** The rule's state word (`unverified`, `anonymous`), for short labels. */
  state: string;
  /** The other end of the channel, for findings only both ends reveal. */
  related?: RelatedLocation[];
}

export interface MapSpoke {
  id: SpokeId;
  title: string;
  /** What the endpoint is, in a few words. */
  detail: string;
  /** What in the workspace configures this endpoint itself (not the API server's side of its edges). */
  ends: MapEnd[];
}

export interface MapEdge {
  id: EdgeId;
  spoke: SpokeId;
  channel: MapChannelId;
  /** Who opens the connection: the spoke calls the hub, the hub calls the spoke, or both call each other. */
  direction: 'to-hub' | 'from-hub' | 'both';
  title: string;
  /** A few words on what travels on it, short enough for a label on the diagram. */
  short: string;
  /** One sentence on what travels on it and which settings guard it. */
  carries: string;
  state: EdgeState;
  /** Most telling first: errors, then warnings, then by rule id and place. */
  findings: MapFinding[];
  ends: MapEnd[];
}

export interface MapChannel {
  id: MapChannelId;
  title: string;
  description: string;
  /** The worst state of its edges. */
  state: EdgeState;
  edges: EdgeId[];
  findingCount: number;
}

export interface ChannelMap {
  /** The files the map was built from, as the caller named them. */
  files: string[];
  hub: { title: string; detail: string; ends: MapEnd[] };
  spokes: MapSpoke[];
  edges: MapEdge[];
  channels: MapChannel[];
  /** Findings on no channel: a command line the component misreads, suppression comments that silence nothing. */
  other: MapFinding[];
}

interface EdgeSpec {
  id: EdgeId;
  spoke: SpokeId;
  channel: MapChannelId;
  direction: MapEdge['direction'];
  title: string;
  short: string;
  carries: string;
}

export const MAP_SPOKES: ReadonlyArray<Omit<MapSpoke, 'ends'>> = [
  { id: 'clients', title: 'Clients', detail: 'kubeconfigs, users, CI' },
  { id: 'etcd', title: 'etcd', detail: "the cluster's store" },
  { id: 'controllers', title: 'Controllers', detail: 'controller manager, scheduler' },
  { id: 'nodes', title: 'Nodes', detail: 'kubelets' },
  { id: 'webhooks', title: 'Webhooks', detail: 'admission and conversion' },
  { id: 'aggregated-apis', title: 'Aggregated APIs', detail: 'APIService backends' },
  { id: 'pods', title: 'Pods', detail: 'service-account tokens' },
];

export const MAP_EDGES: readonly EdgeSpec[] = [
  {
    id: 'clients-to-apiserver',
    spoke: 'clients',
    channel: 'node-to-apiserver',
    direction: 'to-hub',
    title: 'Clients → API server',
    short: 'authn, authz, TLS',
    carries: "Every call to the API server's port: kubeconfigs, and how the API server authenticates, authorizes and encrypts its callers.",
  },
  {
    id: 'kubelets-to-apiserver',
    spoke: 'nodes',
    channel: 'node-to-apiserver',
    direction: 'to-hub',
    title: 'Kubelets → API server',
    short: 'node credentials',
    carries: "The kubelets' own calls: their client certificates and TLS bootstrap, kubeadm join discovery, the Node authorizer and NodeRestriction.",
  },
  {
    id: 'pods-to-apiserver',
    spoke: 'pods',
    channel: 'node-to-apiserver',
    direction: 'to-hub',
    title: 'Pods → API server',
    short: 'service-account tokens',
    carries: 'In-cluster clients with service-account tokens: how tokens are issued, signed, looked up and stored.',
  },
  {
    id: 'apiserver-to-kubelets',
    spoke: 'nodes',
    channel: 'apiserver-to-kubelet',
    direction: 'from-hub',
    title: 'API server → kubelets',
    short: 'logs, exec, port-forward',
    carries: "Logs, exec, attach and port-forward on each kubelet's port 10250: whether the API server verifies the kubelet, and whether the kubelet authenticates and authorizes the API server.",
  },
  {
    id: 'apiserver-to-nodes',
    spoke: 'nodes',
    channel: 'apiserver-to-nodes-pods-services',
    direction: 'from-hub',
    title: 'API server → nodes, pods, services',
    short: 'proxy, tunnels',
    carries: "The API server's proxy to nodes, pods and services: Konnectivity and SSH tunnels, the egress selector, nodes/proxy grants.",
  },
  {
    id: 'apiserver-to-webhooks',
    spoke: 'webhooks',
    channel: 'apiserver-to-nodes-pods-services',
    direction: 'from-hub',
    title: 'API server → webhooks',
    short: 'webhook calls',
    carries: 'Admission and CRD conversion webhook calls: HTTPS URLs and the CA bundle the API server verifies them with.',
  },
  {
    id: 'apiserver-to-aggregated-apis',
    spoke: 'aggregated-apis',
    channel: 'apiserver-to-nodes-pods-services',
    direction: 'from-hub',
    title: 'API server → aggregated APIs',
    short: 'APIService, front proxy',
    carries: "Calls to aggregated API servers: each APIService's CA bundle, and the front-proxy identity the API server presents to them.",
  },
  {
    id: 'apiserver-to-etcd',
    spoke: 'etcd',
    channel: 'control-plane-internal',
    direction: 'from-hub',
    title: 'API server → etcd',
    short: 'storage, peers',
    carries: "The cluster's storage over mutual TLS, and etcd members' traffic with each other.",
  },
  {
    id: 'controllers-and-apiserver',
    spoke: 'controllers',
    channel: 'control-plane-internal',
    direction: 'both',
    title: 'Controllers ↔ API server',
    short: 'component endpoints',
    carries: "The controller manager's, scheduler's and kube-proxy's own endpoints (bind address, insecure ports, profiling) and the credentials the controllers use.",
  },
];

const EDGE_BY_ID = new Map(MAP_EDGES.map((e) => [e.id, e]));

const MAP_CHANNELS: readonly MapChannelId[] = ['node-to-apiserver', 'apiserver-to-kubelet', 'apiserver-to-nodes-pods-services', 'control-plane-internal'];

/** The edges each component configures, in the order its findings look for their channel's edge. */
const COMPONENT_EDGES: Readonly<Record<ComponentName, readonly EdgeId[]>> = {
  'kube-apiserver': [
    'clients-to-apiserver',
    'kubelets-to-apiserver',
    'pods-to-apiserver',
    'apiserver-to-kubelets',
    'apiserver-to-nodes',
    'apiserver-to-aggregated-apis',
    'apiserver-to-etcd',
  ],
  kubelet: ['kubelets-to-apiserver', 'apiserver-to-kubelets'],
  'kube-controller-manager': ['controllers-and-apiserver', 'pods-to-apiserver'],
  'kube-scheduler': ['controllers-and-apiserver'],
  'kube-proxy': ['controllers-and-apiserver'],
  etcd: ['apiserver-to-etcd'],
  'konnectivity-server': ['apiserver-to-nodes'],
  'konnectivity-agent': ['apiserver-to-nodes'],
};

/**
 * API objects and config files that belong to no component, by kind: the edges they configure. `end: false` kinds only
 * place their findings (a ClusterRole does not configure the proxy, but one granting nodes/proxy weakens it).
 */
const DOCUMENT_EDGES: Readonly<Record<string, { edges: readonly EdgeId[]; end: boolean }>> = {
  Config: { edges: ['clients-to-apiserver'], end: true },
  AuthenticationConfiguration: { edges: ['clients-to-apiserver'], end: true },
  AuthorizationConfiguration: { edges: ['clients-to-apiserver'], end: true },
  ClusterConfig: { edges: ['clients-to-apiserver'], end: true },
  JoinConfiguration: { edges: ['kubelets-to-apiserver'], end: true },
  Secret: { edges: ['pods-to-apiserver'], end: false },
  APIService: { edges: ['apiserver-to-aggregated-apis'], end: true },
  ValidatingWebhookConfiguration: { edges: ['apiserver-to-webhooks'], end: true },
  MutatingWebhookConfiguration: { edges: ['apiserver-to-webhooks'], end: true },
  CustomResourceDefinition: { edges: ['apiserver-to-webhooks'], end: false },
  EgressSelectorConfiguration: { edges: ['apiserver-to-nodes'], end: true },
  ClusterRole: { edges: ['apiserver-to-nodes'], end: false },
  Role: { edges: ['apiserver-to-nodes'], end: false },
};

/**
 * Rules whose findings sit on the API server (or a controller) but concern another endpoint than their component's
 * first edge on the channel: the Node authorizer guards the kubelets' calls, service-account settings the pods' calls.
 */
const RULE_EDGES: Readonly<Record<string, EdgeId>> = {
  KCG105: 'kubelets-to-apiserver',
  KCG107: 'kubelets-to-apiserver',
  KCG108: 'pods-to-apiserver',
  KCG109: 'pods-to-apiserver',
  KCG110: 'pods-to-apiserver',
  KCG111: 'pods-to-apiserver',
  KCG129: 'pods-to-apiserver',
  KCG130: 'pods-to-apiserver',
  KCG132: 'pods-to-apiserver',
  KCG311: 'apiserver-to-aggregated-apis',
  KCG312: 'apiserver-to-aggregated-apis',
  KCG418: 'controllers-and-apiserver',
};

/** Where a finding of a channel goes when nothing says better: the channel's broadest edge. */
const CHANNEL_DEFAULT_EDGES: Readonly<Record<MapChannelId, EdgeId>> = {
  'node-to-apiserver': 'clients-to-apiserver',
  'apiserver-to-kubelet': 'apiserver-to-kubelets',
  'apiserver-to-nodes-pods-services': 'apiserver-to-nodes',
  'control-plane-internal': 'apiserver-to-etcd',
};

/** What a place in a file belongs to: a component (with its config documents) or an API object of some kind. */
interface Subject {
  component?: ComponentName;
  kind?: string;
}

/** A file's model with the mapping of its ranges to the outer file, for YAML embedded in block scalars. */
interface ModelPlace {
  model: FileModel;
  toOuter: (r: OffsetRange) => OffsetRange;
}

function modelPlaces(analysis: Analysis): ModelPlace[] {
  const places: ModelPlace[] = [{ model: analysis.model, toOuter: (r) => r }];
  const walk = (model: FileModel, toOuter: (r: OffsetRange) => OffsetRange): void => {
    for (const { yaml, model: inner } of model.embedded) {
      const map = (r: OffsetRange): OffsetRange => toOuter(outerRange(yaml, r));
      places.push({ model: inner, toOuter: map });
      walk(inner, map);
    }
  };
  walk(analysis.model, (r) => r);
  return places;
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function containsPosition(range: Range, at: Position): boolean {
  return comparePositions(range.start, at) <= 0 && comparePositions(at, range.end) <= 0;
}

/** Of ranges that all hold one position, the innermost: it starts last, and of those starting together it ends first. */
function innermost<T extends { range: Range }>(candidates: readonly T[]): T | undefined {
  return [...candidates].sort((a, b) => comparePositions(b.range.start, a.range.start) || comparePositions(a.range.end, b.range.end))[0];
}

/** The component a rule's findings belong to when the rule names exactly one, else what sits where the finding is. */
function subjectOf(index: ChannelMapIndex, finding: Finding): Subject {
  const components = RULE_STATES[finding.ruleId]?.components;
  if (components?.length === 1) return { component: components[0] };
  const at = finding.range.start;
  const here = index.places.filter((p) => containsPosition(p.range, at));
  // Rules on API objects name no component: only the object's kind says where the finding goes.
  const component = components?.length === 0 ? undefined : innermost(here.filter((p) => p.component !== undefined && (components === undefined || components.includes(p.component))));
  if (component) return { component: component.component };
  return { kind: innermost(here.filter((p) => p.kind !== undefined))?.kind };
}

function edgeOf(index: ChannelMapIndex, finding: Finding): EdgeId | undefined {
  if (finding.channel === 'general') return undefined;
  const channel = finding.channel;
  const override = RULE_EDGES[finding.ruleId];
  if (override && EDGE_BY_ID.get(override)?.channel === channel) return override;
  const subject = subjectOf(index, finding);
  const candidates = subject.component ? COMPONENT_EDGES[subject.component] : subject.kind ? (DOCUMENT_EDGES[subject.kind]?.edges ?? []) : [];
  return candidates.find((id) => EDGE_BY_ID.get(id)?.channel === channel) ?? CHANNEL_DEFAULT_EDGES[channel];
}

function mapFinding(uri: string, f: Finding): MapFinding {
  return {
    uri,
    range: f.range,
    ruleId: f.ruleId,
    ruleName: f.ruleName,
    severity: f.severity,
    message: f.message,
    state: ruleState(f.ruleId),
    ...(f.related && f.related.length > 0 ? { related: f.related } : {}),
  };
}

function documentName(root: unknown, kind: string): string {
  const name = scalarText(mapPathPair(root, ['metadata', 'name'])?.value);
  return name ? `${kind} ${name}` : kind;
}

/** Whether an object of a kind that only sometimes configures an edge does here (a Secret holding a service-account token, a CRD with a conversion webhook). */
function isEnd(kind: string, root: unknown): boolean {
  if (kind === 'Secret') return scalarText(mapValue(root, 'type')) === 'kubernetes.io/service-account-token';
  if (kind === 'CustomResourceDefinition') return mapPathPair(root, ['spec', 'conversion', 'webhook']) !== undefined || scalarText(mapPathPair(root, ['spec', 'conversion', 'strategy'])?.value) === 'Webhook';
  return DOCUMENT_EDGES[kind]?.end === true;
}

/**
 * What the map needs of a file's model, without the model: what the file configures, and what each place in it belongs
 * to. Small and plain, so that a caller that analyses files one at a time and cannot keep their syntax trees (the
 * language server's workspace scan) can keep this, and place the file's findings later, cross-file ones included.
 */
export interface ChannelMapIndex {
  uri: string;
  /** Every component, config document and API object in the file that configures an edge, with the edges it configures. */
  ends: Array<{ end: MapEnd; edges: readonly EdgeId[] }>;
  /** The ranges of the file's components, config documents and documents, in the file's coordinates. */
  places: Array<{ range: Range } & Subject>;
}

export function channelMapIndex(uri: string, analysis: Analysis): ChannelMapIndex {
  const ends: ChannelMapIndex['ends'] = [];
  const places: ChannelMapIndex['places'] = [];
  const { source } = analysis.model;
  for (const { model, toOuter } of modelPlaces(analysis)) {
    const outer = (r: OffsetRange): Range => source.range(toOuter(r));
    const add = (r: OffsetRange | undefined, label: string, side: MapEnd['side'], partial: boolean, edges: readonly EdgeId[]): void => {
      if (r && edges.length > 0) ends.push({ end: { uri, range: outer({ start: r.start, end: r.start }), label, side, partial }, edges });
    };
    for (const c of model.components) {
      const label = c.label && c.label !== c.component ? `${c.component} (${c.label})` : c.component;
      add(c.carrier.homeRange() ?? nodeRange(c.node), label, c.component === 'kube-apiserver' ? 'hub' : 'spoke', c.partial, COMPONENT_EDGES[c.component]);
      const range = nodeRange(c.node);
      if (range) places.push({ range: outer(range), component: c.component });
    }
    for (const c of model.configs) {
      add(nodeRange(c.root), c.label, 'spoke', c.partial, COMPONENT_EDGES[c.component]);
      const range = nodeRange(c.root);
      if (range) places.push({ range: outer(range), component: c.component });
    }
    for (const d of model.documents) {
      const kind = d.kind;
      if (!kind) continue;
      places.push({ range: outer({ start: d.start, end: d.end }), kind });
      if (!DOCUMENT_EDGES[kind] || !isEnd(kind, d.doc.contents)) continue;
      const root = asMap(d.doc.contents);
      add(nodeRange(root), documentName(root, kind), 'spoke', model.partial, DOCUMENT_EDGES[kind].edges);
    }
  }
  return { uri, ends, places };
}

const STATE_RANK: Readonly<Record<EdgeState, number>> = { open: 3, weak: 2, ok: 1, unknown: 0 };

function stateOf(findings: readonly MapFinding[], configured: boolean): EdgeState {
  if (findings.some((f) => f.severity === 'error')) return 'open';
  if (findings.some((f) => f.severity === 'warning')) return 'weak';
  return configured || findings.length > 0 ? 'ok' : 'unknown';
}

/** The worst of several states; `unknown` only when all are. */
export function worstState(states: readonly EdgeState[]): EdgeState {
  return states.reduce<EdgeState>((worst, s) => (STATE_RANK[s] > STATE_RANK[worst] ? s : worst), 'unknown');
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

function byPlace(a: MapLocation, b: MapLocation): number {
  return a.uri.localeCompare(b.uri) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** Errors before warnings before infos, then by rule id, then by place: the first finding says most about the edge. */
function telling(a: MapFinding, b: MapFinding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.ruleId.localeCompare(b.ruleId) || byPlace(a, b);
}

function sameEnd(a: MapEnd, b: MapEnd): boolean {
  return a.uri === b.uri && a.label === b.label && a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

function uniqueEnds(ends: readonly MapEnd[]): MapEnd[] {
  return ends.filter((e, i) => ends.findIndex((o) => sameEnd(o, e)) === i).sort(byPlace);
}

/** What one file adds to the map: its findings with their edges, and what it configures. */
export interface ChannelMapPart {
  uri: string;
  findings: Array<{ edge?: EdgeId; finding: MapFinding }>;
  ends: Array<{ end: MapEnd; edges: readonly EdgeId[] }>;
}

/** Places a file's findings (its own and the cross-file ones located in it) on the edges, with what the file configures. */
export function channelMapPartOf(index: ChannelMapIndex, findings: readonly Finding[]): ChannelMapPart {
  return { uri: index.uri, findings: findings.map((f) => ({ edge: edgeOf(index, f), finding: mapFinding(index.uri, f) })), ends: index.ends };
}

export function channelMapPart(file: WorkspaceFileResult): ChannelMapPart {
  return channelMapPartOf(fileMapIndex(file.uri, file.analysis), file.findings);
}

export function assembleChannelMap(parts: readonly ChannelMapPart[]): ChannelMap {
  const findings = new Map<EdgeId, MapFinding[]>(MAP_EDGES.map((e) => [e.id, []]));
  const ends = new Map<EdgeId, MapEnd[]>(MAP_EDGES.map((e) => [e.id, []]));
  const other: MapFinding[] = [];
  for (const part of parts) {
    for (const { edge, finding } of part.findings) (edge ? findings.get(edge) : other)?.push(finding);
    for (const { end, edges } of part.ends) {
      for (const id of edges) ends.get(id)?.push(end);
    }
  }
  const edges: MapEdge[] = MAP_EDGES.map((spec) => {
    const edgeFindings = (findings.get(spec.id) ?? []).sort(telling);
    const edgeEnds = uniqueEnds(ends.get(spec.id) ?? []);
    return { ...spec, state: stateOf(edgeFindings, edgeEnds.length > 0), findings: edgeFindings, ends: edgeEnds };
  });
  const spokes: MapSpoke[] = MAP_SPOKES.map((spoke) => ({
    ...spoke,
    ends: uniqueEnds(edges.filter((e) => e.spoke === spoke.id).flatMap((e) => e.ends.filter((end) => end.side === 'spoke'))),
  }));
  const channels: MapChannel[] = MAP_CHANNELS.map((id) => {
    const own = edges.filter((e) => e.channel === id);
    return {
      id,
      title: CHANNELS[id].title,
      description: CHANNELS[id].description,
      state: worstState(own.map((e) => e.state)),
      edges: own.map((e) => e.id),
      findingCount: own.reduce((n, e) => n + e.findings.length, 0),
    };
  });
  const hubEnds = uniqueEnds(edges.flatMap((e) => e.ends.filter((end) => end.side === 'hub')));
  return {
    files: parts.map((p) => p.uri),
    hub: { title: 'API server', detail: 'kube-apiserver', ends: hubEnds },
    spokes,
    edges,
    channels,
    other: other.sort(telling),
  };
}

/** The map of files analysed together: the CLI's HTML report and the editor's channel map. */
export function channelMapOf(result: WorkspaceResult): ChannelMap {
  return assembleChannelMap(result.files.map(channelMapPart));
}
