// Renders a channel map as one self-contained HTML document (inline SVG, CSS and script), for the CLI's HTML report and the editor's webview.
import type { ChannelMap, EdgeState, MapChannel, MapEdge, MapEnd, MapFinding, MapLocation, MapSpoke, SpokeId } from '../engine/workspace/channelMap';

export interface ChannelMapHtmlOptions {
  title?: string;
  /**
   * Set inside a VS Code webview: the page then allows only its own nonce-tagged style and script, and a click on a
   * finding posts `{ type: 'open', uri, range }` to the extension instead of following a link.
   */
  webview?: { cspSource: string; nonce: string };
}

// --- Text. ---

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values alike: manifests are untrusted input. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const STATE_GLYPHS: Readonly<Record<EdgeState, string>> = { open: '✕', weak: '!', ok: '✓', unknown: '?' };
const STATE_WORDS: Readonly<Record<EdgeState, string>> = {
  open: 'open',
  weak: 'weak',
  ok: 'ok',
  unknown: 'unknown',
};
const STATE_MEANINGS: Readonly<Record<EdgeState, string>> = {
  open: 'an error finding leaves it open',
  weak: 'warnings, no error',
  ok: 'configured, no error or warning',
  unknown: 'nothing in the workspace configures it',
};

/** `✕ open · 3`: the glyph and word say the state without colour; an `ok` link's findings can only be infos and hints. */
function stateText(state: EdgeState, count: number): string {
  const head = `${STATE_GLYPHS[state]} ${STATE_WORDS[state]}`;
  if (count === 0) return head;
  return state === 'ok' ? `${head} · ${count} info` : `${head} · ${count}`;
}

// --- File names and links. ---

/** A URI or path as a path: `file:` and remote URIs lose their scheme and host and are decoded. */
function pathOf(uri: string): string {
  const m = /^[a-z][a-z0-9+.-]+:\/\/[^/]*(\/.*)?$/i.exec(uri);
  if (!m) return uri.replace(/\\/g, '/');
  try {
    return decodeURIComponent(m[1] ?? '/');
  } catch {
    return m[1] ?? '/';
  }
}

/** Short names for the files of a map: paths relative to the folder all its files share. */
function displayNamer(map: ChannelMap): (uri: string) => string {
  const dirs = map.files.map((u) => pathOf(u).split('/').slice(0, -1));
  let common = dirs[0] ?? [];
  for (const d of dirs.slice(1)) {
    let i = 0;
    while (i < common.length && i < d.length && common[i] === d[i]) i++;
    common = common.slice(0, i);
  }
  const prefix = common.length > 0 ? `${common.join('/')}/` : '';
  return (uri) => {
    const p = pathOf(uri);
    return prefix !== '' && p.startsWith(prefix) ? p.slice(prefix.length) : p;
  };
}

/**
 * The standalone report's link to a line of a file: the path relative to the report for a relative path (as the CLI
 * names files), a `file:` URL for an absolute one. Other schemes get no link: the report never points at the network.
 */
function fileHref(uri: string, line: number): string | undefined {
  const anchor = `#L${line + 1}`;
  if (/^file:\/\//i.test(uri)) return `${uri.replace(/#.*$/, '')}${anchor}`;
  // Any other URI (`vscode-remote://`, `https://`) names no file here; a name without `//` (`untitled:1`) is taken as a path.
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(uri)) return undefined;
  const path = uri.replace(/\\/g, '/');
  const encoded = path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (/^[a-z]:\//i.test(path)) return `file:///${path.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}${anchor}`;
  if (path.startsWith('/')) return `file://${encoded}${anchor}`;
  return `./${encoded.replace(/^\.\//, '')}${anchor}`;
}

interface Context {
  name: (uri: string) => string;
  webview: boolean;
}

/** A link to a place in a file: a file link in the report, a message to the extension in the webview. */
function locationLink(ctx: Context, at: MapLocation, body: string, className: string): string {
  const range = escapeHtml(JSON.stringify(at.range));
  const data = `data-uri="${escapeHtml(at.uri)}" data-range="${range}"`;
  if (ctx.webview) return `<a class="${className}" href="#" ${data}>${body}</a>`;
  const href = fileHref(at.uri, at.range.start.line);
  return href ? `<a class="${className}" href="${escapeHtml(href)}" ${data}>${body}</a>` : `<span class="${className}">${body}</span>`;
}

function placeText(ctx: Context, at: MapLocation): string {
  return `${ctx.name(at.uri)}:${at.range.start.line + 1}`;
}

// --- Details panel. ---

/** How many items a list shows before it says how many more there are: a big workspace has hundreds of files. */
const LIST_LIMIT = 50;

function limited<T>(items: readonly T[], render: (item: T) => string): string {
  const shown = items.slice(0, LIST_LIMIT).map(render).join('');
  const more = items.length - LIST_LIMIT;
  return more > 0 ? `${shown}<li class="more">and ${more} more</li>` : shown;
}

function findingItem(ctx: Context, f: MapFinding): string {
  const body =
    `<span class="sev sev-${f.severity}">${escapeHtml(f.severity)}</span> ` +
    `<code class="rule">${escapeHtml(f.ruleId)}</code> ` +
    `<span class="msg">${escapeHtml(f.message)}</span> ` +
    `<span class="loc">${escapeHtml(placeText(ctx, f))}</span>`;
  const related = (f.related ?? [])
    .map((r) => `<li>other end: ${locationLink(ctx, r, escapeHtml(placeText(ctx, r)), 'related-link')} <span class="msg">${escapeHtml(r.message)}</span></li>`)
    .join('');
  return `<li class="finding">${locationLink(ctx, f, body, 'finding-link')}${related ? `<ul class="related">${related}</ul>` : ''}</li>`;
}

function findingList(ctx: Context, findings: readonly MapFinding[]): string {
  return findings.length === 0 ? '' : `<ul class="findings">${limited(findings, (f) => findingItem(ctx, f))}</ul>`;
}

function endList(ctx: Context, ends: readonly MapEnd[]): string {
  const item = (e: MapEnd): string =>
    `<li>${locationLink(ctx, e, `${escapeHtml(e.label)} <span class="loc">${escapeHtml(placeText(ctx, e))}</span>`, 'end-link')}${e.partial ? ' <span class="partial">(partial)</span>' : ''}</li>`;
  return `<ul class="ends">${limited(ends, item)}</ul>`;
}

function badge(state: EdgeState, count: number): string {
  return `<span class="badge state-${state}">${escapeHtml(stateText(state, count))}</span>`;
}

function severityCounts(findings: readonly MapFinding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return ['error', 'warning', 'info', 'hint']
    .filter((s) => counts.has(s))
    .map((s) => plural(counts.get(s) ?? 0, s))
    .join(', ');
}

function edgeSection(ctx: Context, map: ChannelMap, edge: MapEdge): string {
  const channel = map.channels.find((c) => c.id === edge.channel);
  const findings =
    edge.findings.length > 0
      ? `<h3>${plural(edge.findings.length, 'finding')} (${escapeHtml(severityCounts(edge.findings))})</h3>${findingList(ctx, edge.findings)}`
      : edge.state === 'unknown'
        ? '<p class="empty">Nothing in the workspace configures this link, so nothing can be said about it.</p>'
        : '<p class="empty">No findings.</p>';
  const ends = edge.ends.length > 0 ? `<h3>Configured in</h3>${endList(ctx, edge.ends)}` : '';
  return (
    `<section id="details-edge-${edge.id}" hidden>` +
    `<h2>${escapeHtml(edge.title)} ${badge(edge.state, edge.findings.length)}</h2>` +
    `<p class="channel-name">Channel: <button type="button" class="inline" data-select="channel-${edge.channel}">${escapeHtml(channel?.title ?? edge.channel)}</button></p>` +
    `<p>${escapeHtml(edge.carries)}</p>${findings}${ends}</section>`
  );
}

function channelSection(ctx: Context, map: ChannelMap, channel: MapChannel): string {
  const edges = map.edges.filter((e) => e.channel === channel.id);
  const parts = edges
    .map(
      (e) =>
        `<h3><button type="button" class="inline" data-select="edge-${e.id}">${escapeHtml(e.title)}</button> ${badge(e.state, e.findings.length)}</h3>` +
        (e.findings.length > 0 ? findingList(ctx, e.findings) : `<p class="empty">${e.state === 'unknown' ? 'Not configured in the workspace.' : 'No findings.'}</p>`),
    )
    .join('');
  return (
    `<section id="details-channel-${channel.id}" hidden>` +
    `<h2>${escapeHtml(channel.title)} ${badge(channel.state, channel.findingCount)}</h2>` +
    `<p>${escapeHtml(channel.description)}</p>${parts}</section>`
  );
}

function nodeSection(ctx: Context, id: string, title: string, detail: string, ends: readonly MapEnd[], edges: readonly MapEdge[]): string {
  const edgeItems = edges
    .map((e) => `<li><button type="button" class="inline" data-select="edge-${e.id}">${escapeHtml(e.title)}</button> ${badge(e.state, e.findings.length)}</li>`)
    .join('');
  return (
    `<section id="details-${id}" hidden><h2>${escapeHtml(title)}</h2><p>${escapeHtml(detail)}</p>` +
    (ends.length > 0 ? `<h3>In the workspace</h3>${endList(ctx, ends)}` : '<p class="empty">Not in the workspace.</p>') +
    `<h3>Links</h3><ul class="links">${edgeItems}</ul></section>`
  );
}

function overviewSection(map: ChannelMap): string {
  const rows = map.edges
    .map((e) => {
      const channel = map.channels.find((c) => c.id === e.channel);
      return `<tr><td><button type="button" class="inline" data-select="edge-${e.id}">${escapeHtml(e.title)}</button></td><td>${escapeHtml(channel?.title ?? e.channel)}</td><td>${badge(e.state, e.findings.length)}</td></tr>`;
    })
    .join('');
  return (
    '<section id="details-overview">' +
    '<h2>Every link</h2><p>Select a link on the map, or a channel above, to list its findings; select a finding to go to its source.</p>' +
    `<table><thead><tr><th scope="col">link</th><th scope="col">channel</th><th scope="col">state</th></tr></thead><tbody>${rows}</tbody></table>` +
    (map.other.length > 0 ? `<p><button type="button" class="inline" data-select="other">${plural(map.other.length, 'finding')} on no channel</button></p>` : '') +
    '</section>'
  );
}

function otherSection(ctx: Context, map: ChannelMap): string {
  if (map.other.length === 0) return '';
  return (
    '<section id="details-other" hidden><h2>On no channel</h2>' +
    '<p>How a component reads its own command line, and suppression comments: these change what the channel settings mean.</p>' +
    `${findingList(ctx, map.other)}</section>`
  );
}

// --- The diagram. ---

interface Point {
  x: number;
  y: number;
}
interface Box extends Point {
  w: number;
  h: number;
}

const VIEW = { width: 1000, height: 640 };
const HUB: Box = { x: 500, y: 320, w: 210, h: 104 };
const SPOKE_W = 196;
const SPOKE_H = 72;
/** Where each endpoint sits: the control plane above, the nodes' side to the left and below, the API server's callees to the right. */
const SPOKE_AT: Readonly<Record<SpokeId, Point>> = {
  clients: { x: 150, y: 84 },
  etcd: { x: 500, y: 62 },
  controllers: { x: 850, y: 84 },
  nodes: { x: 100, y: 320 },
  webhooks: { x: 896, y: 240 },
  'aggregated-apis': { x: 896, y: 420 },
  pods: { x: 500, y: 584 },
};
/** How far apart parallel links between the same two boxes run, at the boxes. */
const LANE = 26;
/** How much further apart they bend in the middle, so that their labels do not overlap. */
const BEND = 4;

/** Where the line from a box's centre towards a point leaves the box. */
function boundary(box: Box, toward: Point): Point {
  const dx = toward.x - box.x;
  const dy = toward.y - box.y;
  const scale = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy));
  return { x: box.x + dx * scale, y: box.y + dy * scale };
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

interface EdgeGeometry {
  path: string;
  label: Point;
}

function edgeGeometry(spoke: Box, lane: number): EdgeGeometry {
  const a = boundary(spoke, HUB);
  const b = boundary(HUB, spoke);
  const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const n = { x: -(b.y - a.y) / length, y: (b.x - a.x) / length };
  const o = lane * LANE;
  const start = { x: a.x + n.x * o, y: a.y + n.y * o };
  const end = { x: b.x + n.x * o, y: b.y + n.y * o };
  const control = { x: (a.x + b.x) / 2 + n.x * o * BEND, y: (a.y + b.y) / 2 + n.y * o * BEND };
  const label = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
  return { path: `M ${round(start.x)} ${round(start.y)} Q ${round(control.x)} ${round(control.y)} ${round(end.x)} ${round(end.y)}`, label };
}

/** Reverses a one-segment quadratic path, so that edges the hub opens are drawn from the hub. */
function reversed(path: string): string {
  const [, x1, y1, cx, cy, x2, y2] = /^M (\S+) (\S+) Q (\S+) (\S+) (\S+) (\S+)$/.exec(path) ?? [];
  return `M ${x2} ${y2} Q ${cx} ${cy} ${x1} ${y1}`;
}

function textWidth(text: string, size: number): number {
  return text.length * size * 0.58;
}

function edgeSvg(map: ChannelMap, edge: MapEdge, lane: number): string {
  const spoke = { ...SPOKE_AT[edge.spoke], w: SPOKE_W, h: SPOKE_H };
  const geometry = edgeGeometry(spoke, lane);
  const path = edge.direction === 'from-hub' ? reversed(geometry.path) : geometry.path;
  const channel = map.channels.find((c) => c.id === edge.channel);
  const state = stateText(edge.state, edge.findings.length);
  const width = Math.max(textWidth(edge.short, 12), textWidth(state, 13.5)) + 18;
  const { x, y } = geometry.label;
  const count = edge.findings.length;
  const label = `${edge.title}, ${channel?.title ?? edge.channel} channel: ${STATE_WORDS[edge.state]}, ${plural(count, 'finding')}`;
  const markers = `marker-end="url(#arrow-${edge.state})"${edge.direction === 'both' ? ` marker-start="url(#arrow-${edge.state})"` : ''}`;
  return (
    `<g class="edge state-${edge.state}" id="edge-${edge.id}" data-select="edge-${edge.id}" data-channel="${edge.channel}" data-state="${edge.state}" data-count="${count}" tabindex="0" role="button" aria-pressed="false" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>` +
    `<path class="hit" d="${path}"/>` +
    `<path class="line" d="${path}" ${markers}/>` +
    `<g class="pill"><rect x="${round(x - width / 2)}" y="${round(y - 20)}" width="${round(width)}" height="40" rx="8"/>` +
    `<text x="${round(x)}" y="${round(y - 4)}" class="pill-what">${escapeHtml(edge.short)}</text>` +
    `<text x="${round(x)}" y="${round(y + 13)}" class="pill-state">${escapeHtml(state)}</text></g></g>`
  );
}

function boxSvg(select: string, box: Box, title: string, detail: string, footer: string, className: string, label: string): string {
  return (
    `<g class="box ${className}" data-select="${select}" tabindex="0" role="button" aria-pressed="false" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>` +
    `<rect x="${round(box.x - box.w / 2)}" y="${round(box.y - box.h / 2)}" width="${box.w}" height="${box.h}" rx="10"/>` +
    `<text x="${box.x}" y="${round(box.y - box.h / 2 + 25)}" class="box-title">${escapeHtml(title)}</text>` +
    `<text x="${box.x}" y="${round(box.y - box.h / 2 + 45)}" class="box-detail">${escapeHtml(detail)}</text>` +
    `<text x="${box.x}" y="${round(box.y - box.h / 2 + 63)}" class="box-footer">${escapeHtml(footer)}</text></g>`
  );
}

function inWorkspace(ends: readonly MapEnd[]): string {
  if (ends.length === 0) return 'not in the workspace';
  const files = new Set(ends.map((e) => e.uri)).size;
  return `${plural(ends.length, 'definition')} in ${plural(files, 'file')}`;
}

function spokeSvg(spoke: MapSpoke): string {
  const box = { ...SPOKE_AT[spoke.id], w: SPOKE_W, h: SPOKE_H };
  const footer = inWorkspace(spoke.ends);
  return boxSvg(`spoke-${spoke.id}`, box, spoke.title, spoke.detail, footer, `spoke${spoke.ends.length === 0 ? ' absent' : ''}`, `${spoke.title}: ${spoke.detail}; ${footer}`);
}

function markerSvg(state: EdgeState): string {
  return `<marker id="arrow-${state}" class="arrow-${state}" viewBox="0 0 10 10" refX="8.5" refY="5" markerWidth="11" markerHeight="11" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z"/></marker>`;
}

function diagramSvg(map: ChannelMap): string {
  const edges = map.edges
    .map((edge) => {
      const siblings = map.edges.filter((e) => e.spoke === edge.spoke);
      const index = siblings.indexOf(edge);
      return edgeSvg(map, edge, index - (siblings.length - 1) / 2);
    })
    .join('');
  const hubFooter = inWorkspace(map.hub.ends);
  const hub = boxSvg('hub', HUB, map.hub.title, map.hub.detail, hubFooter, 'hub', `${map.hub.title} (${map.hub.detail}), the hub: ${hubFooter}`);
  const states: EdgeState[] = ['open', 'weak', 'ok', 'unknown'];
  return (
    `<svg class="diagram" viewBox="0 0 ${VIEW.width} ${VIEW.height}" role="group" aria-label="Channel map: the API server in the middle, the endpoints around it, one link per channel and endpoint">` +
    `<defs>${states.map(markerSvg).join('')}</defs>` +
    `<g class="edges">${edges}</g>${hub}${map.spokes.map(spokeSvg).join('')}</svg>`
  );
}

function legend(): string {
  const states: EdgeState[] = ['open', 'weak', 'ok', 'unknown'];
  return (
    '<ul class="legend" aria-label="What the links\' colours and lines mean">' +
    states
      .map(
        (s) =>
          `<li class="state-${s}"><svg viewBox="0 0 40 10" aria-hidden="true"><line class="line" x1="2" y1="5" x2="38" y2="5"/></svg>` +
          `<strong>${escapeHtml(`${STATE_GLYPHS[s]} ${STATE_WORDS[s]}`)}</strong> ${escapeHtml(STATE_MEANINGS[s])}</li>`,
      )
      .join('') +
    '</ul>'
  );
}

function channelButtons(map: ChannelMap): string {
  return (
    '<nav class="channels" aria-label="Channels">' +
    map.channels
      .map(
        (c) =>
          `<button type="button" class="channel state-${c.state}" data-select="channel-${c.id}" data-state="${c.state}" aria-pressed="false">` +
          `<span class="channel-title">${escapeHtml(c.title)}</span> <span class="channel-state">${escapeHtml(stateText(c.state, c.findingCount))}</span></button>`,
      )
      .join('') +
    '</nav>'
  );
}

// --- Style and behaviour. ---

const STYLE = `
:root {
  --bg: var(--vscode-editor-background, #ffffff);
  --fg: var(--vscode-editor-foreground, #1f2328);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --panel: var(--vscode-sideBar-background, #f6f8fa);
  --border: var(--vscode-panel-border, #d0d7de);
  --focus: var(--vscode-focusBorder, #0969da);
  --link: var(--vscode-textLink-foreground, #0969da);
  --button-bg: var(--vscode-button-secondaryBackground, #eaeef2);
  --button-fg: var(--vscode-button-secondaryForeground, #1f2328);
  --open: #cf222e; --weak: #9a6700; --ok: #1a7f37; --unknown: #6e7781;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  body:not(.vscode-light) { --bg: var(--vscode-editor-background, #0d1117); --fg: var(--vscode-editor-foreground, #e6edf3); --muted: var(--vscode-descriptionForeground, #8d96a0);
    --panel: var(--vscode-sideBar-background, #161b22); --border: var(--vscode-panel-border, #30363d); --link: var(--vscode-textLink-foreground, #4493f8);
    --button-bg: var(--vscode-button-secondaryBackground, #21262d); --button-fg: var(--vscode-button-secondaryForeground, #e6edf3);
    --open: #f85149; --weak: #d29922; --ok: #3fb950; --unknown: #8b949e; }
}
body.vscode-dark, body.vscode-high-contrast { --open: #f85149; --weak: #d29922; --ok: #3fb950; --unknown: #8b949e; }
body { margin: 0; padding: 12px 16px; background: var(--bg); color: var(--fg); font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: 13px; }
header { display: flex; align-items: baseline; gap: 12px; flex-wrap: wrap; }
h1 { font-size: 18px; margin: 0 0 8px; }
h2 { font-size: 15px; margin: 4px 0 8px; }
h3 { font-size: 13px; margin: 12px 0 6px; }
.summary { color: var(--muted); margin: 0; }
button { font: inherit; color: var(--button-fg); background: var(--button-bg); border: 1px solid var(--border); border-radius: 4px; padding: 3px 8px; cursor: pointer; }
button.inline { background: none; border: none; padding: 0; color: var(--link); text-decoration: underline; }
#refresh { margin-left: auto; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.channels { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 8px; }
.channel { display: inline-flex; gap: 6px; align-items: baseline; border-left-width: 6px; }
.channel.state-open { border-left-color: var(--open); } .channel.state-weak { border-left-color: var(--weak); }
.channel.state-ok { border-left-color: var(--ok); } .channel.state-unknown { border-left-color: var(--unknown); border-left-style: dotted; }
.channel[aria-pressed="true"] { outline: 2px solid var(--focus); }
.channel-state { font-weight: 600; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 0 0 8px; color: var(--muted); }
.legend li { display: inline-flex; align-items: center; gap: 6px; }
.legend svg { width: 40px; height: 10px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) minmax(280px, 400px); gap: 16px; align-items: start; }
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); } }
.map { margin: 0; overflow-x: auto; }
/* Below this width the labels would be too small to read: the map scrolls instead of shrinking further. */
.diagram { width: 100%; min-width: 640px; height: auto; display: block; }
.box rect { fill: var(--panel); stroke: var(--border); stroke-width: 1.5; }
.box.hub rect { stroke: var(--focus); stroke-width: 2.5; }
.box.absent rect { stroke-dasharray: 4 4; }
.box text { text-anchor: middle; fill: var(--fg); }
.box-title { font-size: 18px; font-weight: 600; }
.box.hub .box-title { font-size: 21px; }
.box-detail, .box-footer { font-size: 13px; fill: var(--muted) !important; }
.box { cursor: pointer; }
.box:focus { outline: none; }
.box:focus-visible rect, .box.selected rect { stroke: var(--focus); stroke-width: 3.5; }
.edge { cursor: pointer; }
.edge:focus { outline: none; }
.edge .hit { fill: none; stroke: transparent; stroke-width: 22; }
.line { fill: none; }
.state-open .line { stroke: var(--open); stroke-width: 5; }
.state-weak .line { stroke: var(--weak); stroke-width: 4; stroke-dasharray: 12 6; }
.state-ok .line { stroke: var(--ok); stroke-width: 3; }
.state-unknown .line { stroke: var(--unknown); stroke-width: 2; stroke-dasharray: 2 6; }
.arrow-open path { fill: var(--open); } .arrow-weak path { fill: var(--weak); } .arrow-ok path { fill: var(--ok); } .arrow-unknown path { fill: var(--unknown); }
.pill rect { fill: var(--bg); stroke-width: 1.5; }
.state-open .pill rect { stroke: var(--open); } .state-weak .pill rect { stroke: var(--weak); }
.state-ok .pill rect { stroke: var(--ok); } .state-unknown .pill rect { stroke: var(--unknown); stroke-dasharray: 2 3; }
.pill text { text-anchor: middle; fill: var(--fg); }
.pill-what { font-size: 12px; fill: var(--muted) !important; }
.pill-state { font-size: 13.5px; font-weight: 700; }
.edge:hover .line, .edge:focus-visible .line, .edge.selected .line { stroke-width: 7; }
.edge:focus-visible .pill rect, .edge.selected .pill rect { stroke: var(--focus); stroke-width: 3; stroke-dasharray: none; }
.details { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 8px 12px; min-width: 0; }
.details p { margin: 6px 0; }
.empty { color: var(--muted); }
.badge { display: inline-block; font-size: 12px; font-weight: 700; border: 1.5px solid; border-radius: 10px; padding: 0 7px; margin-left: 4px; white-space: nowrap; }
.badge.state-open { color: var(--open); } .badge.state-weak { color: var(--weak); } .badge.state-ok { color: var(--ok); } .badge.state-unknown { color: var(--unknown); border-style: dotted; }
ul.findings, ul.ends, ul.links { list-style: none; padding: 0; margin: 0; }
.finding { border-top: 1px solid var(--border); padding: 6px 0; }
a { color: var(--link); }
.finding-link { display: block; color: var(--fg); text-decoration: none; border-radius: 4px; padding: 2px 4px; }
.finding-link:hover { background: var(--button-bg); }
.finding-link .loc { color: var(--link); text-decoration: underline; white-space: nowrap; }
.rule { font-weight: 600; }
.sev { font-size: 11px; font-weight: 700; text-transform: uppercase; }
.sev-error { color: var(--open); } .sev-warning { color: var(--weak); } .sev-info, .sev-hint { color: var(--muted); }
.related { list-style: none; margin: 2px 0 0 16px; padding: 0; color: var(--muted); font-size: 12px; }
.ends li, .links li { padding: 2px 0; }
.loc, .partial { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 6px 4px 0; border-top: 1px solid var(--border); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
`;

/** The page's behaviour: selecting a link, a channel or a box shows its details; in a webview, findings open the file. */
const SCRIPT = `
(function () {
  'use strict';
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var sections = Array.prototype.slice.call(document.querySelectorAll('.details > section'));
  var selectable = Array.prototype.slice.call(document.querySelectorAll('[data-select]'));
  function select(target) {
    if (!document.getElementById('details-' + target)) target = 'overview';
    var channel = target.indexOf('channel-') === 0 ? target.slice(8) : undefined;
    sections.forEach(function (s) { s.hidden = s.id !== 'details-' + target; });
    selectable.forEach(function (el) {
      var on = el.getAttribute('data-select') === target || (channel !== undefined && el.getAttribute('data-channel') === channel);
      if (el.classList.contains('inline')) return;
      el.classList.toggle('selected', on);
      el.setAttribute('aria-pressed', on ? 'true' : 'false');
    });
    document.body.setAttribute('data-selected', target);
    if (vscode) vscode.setState({ selected: target });
  }
  document.addEventListener('click', function (event) {
    var el = event.target instanceof Element ? event.target : null;
    if (!el) return;
    var link = el.closest('a[data-uri]');
    if (link && vscode) {
      event.preventDefault();
      vscode.postMessage({ type: 'open', uri: link.getAttribute('data-uri'), range: JSON.parse(link.getAttribute('data-range')) });
      return;
    }
    if (el.closest('#refresh') && vscode) { vscode.postMessage({ type: 'refresh' }); return; }
    var selector = el.closest('[data-select]');
    if (selector) select(selector.getAttribute('data-select'));
  });
  document.addEventListener('keydown', function (event) {
    var el = event.target instanceof Element ? event.target : null;
    if (!el || el.tagName === 'BUTTON' || !el.hasAttribute('data-select')) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(el.getAttribute('data-select'));
    }
  });
  var state = vscode && vscode.getState();
  select((state && state.selected) || (location.hash ? location.hash.slice(1) : 'overview'));
})();
`;

function csp(options: ChannelMapHtmlOptions): string {
  // Nothing may load from anywhere: the report must work offline and must not call home when opened.
  if (options.webview) {
    const { cspSource, nonce } = options.webview;
    return `default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  }
  return "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline';";
}

export function renderChannelMapHtml(map: ChannelMap, options: ChannelMapHtmlOptions = {}): string {
  const ctx: Context = { name: displayNamer(map), webview: options.webview !== undefined };
  const nonce = options.webview ? ` nonce="${escapeHtml(options.webview.nonce)}"` : '';
  const title = options.title ?? 'Kube Channel Guard: channel map';
  const findingCount = map.edges.reduce((n, e) => n + e.findings.length, 0) + map.other.length;
  const open = map.channels.filter((c) => c.state === 'open').length;
  const summary = `${plural(map.files.length, 'file')} · ${plural(findingCount, 'finding')} · ${open === 0 ? 'no channel open' : `${plural(open, 'channel')} open`}`;
  const details = [
    overviewSection(map),
    ...map.edges.map((e) => edgeSection(ctx, map, e)),
    ...map.channels.map((c) => channelSection(ctx, map, c)),
    nodeSection(ctx, 'hub', `${map.hub.title} (${map.hub.detail})`, 'The hub: every node, pod and component calls it, and it calls kubelets, webhooks, aggregated APIs and etcd.', map.hub.ends, map.edges),
    ...map.spokes.map((s) => nodeSection(ctx, `spoke-${s.id}`, s.title, s.detail, s.ends, map.edges.filter((e) => e.spoke === s.id))),
    otherSection(ctx, map),
  ].join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp(options))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style${nonce}>${STYLE}</style>
${options.webview ? '' : '<noscript><style>.details > section[hidden] { display: block; }</style></noscript>'}
</head>
<body data-host="${options.webview ? 'webview' : 'report'}">
<header><h1>${escapeHtml(title)}</h1><p class="summary">${escapeHtml(summary)}</p>${options.webview ? '<button type="button" id="refresh">Refresh</button>' : ''}</header>
${channelButtons(map)}
${legend()}
<main class="layout">
<figure class="map" aria-label="The map">${diagramSvg(map)}</figure>
<aside class="details" aria-live="polite">${details}</aside>
</main>
<script${nonce}>${SCRIPT}</script>
</body>
</html>
`;
}
