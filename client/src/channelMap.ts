// The channel map panel: asks the server for the workspace's channel map, shows it in a webview, refreshes it as diagnostics
// change, and opens the source of a finding the user selects in it.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ChannelMap } from '../../server/src/engine/workspace/channelMap';
import { escapeHtml, renderChannelMapHtml } from '../../server/src/report/channelMapHtml';

export const SHOW_CHANNEL_MAP = 'kubeChannelGuard.showChannelMap';
/** The server's request (server/src/lsp/channelMap.ts): no parameters, a ChannelMap back. */
const CHANNEL_MAP_REQUEST = 'kubeChannelGuard/channelMap';
const VIEW_TYPE = 'kubeChannelGuard.channelMap';
/** Diagnostics arrive file by file while the user types or a scan runs: one refresh once they settle. */
const REFRESH_DELAY_MS = 400;

interface Position {
  line: number;
  character: number;
}
interface OpenMessage {
  type: 'open';
  uri: string;
  range: { start: Position; end: Position };
}
interface RefreshMessage {
  type: 'refresh';
}

function isPosition(value: unknown): value is Position {
  const p = value as Partial<Position> | null;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

/** The webview is ours, but what it sends is still checked before it opens anything. */
function parseMessage(message: unknown): OpenMessage | RefreshMessage | undefined {
  const m = message as { type?: unknown; uri?: unknown; range?: { start?: unknown; end?: unknown } } | null;
  if (typeof m !== 'object' || m === null) return undefined;
  if (m.type === 'refresh') return { type: 'refresh' };
  if (m.type === 'open' && typeof m.uri === 'string' && isPosition(m.range?.start) && isPosition(m.range?.end)) {
    return { type: 'open', uri: m.uri, range: { start: m.range.start, end: m.range.end } };
  }
  return undefined;
}

/** Every file the map names, findings' other ends included: the only files the panel opens. */
function urisOf(map: ChannelMap): Set<string> {
  const uris = new Set(map.files);
  for (const f of [...map.edges.flatMap((e) => e.findings), ...map.other]) {
    uris.add(f.uri);
    for (const r of f.related ?? []) uris.add(r.uri);
  }
  return uris;
}

export class ChannelMapPanel {
  private static current: ChannelMapPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private allowed = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Diagnostics changed while the panel was hidden: refresh when it shows again. */
  private stale = false;
  private generation = 0;
  /** The map on screen, as JSON. */
  private shown: string | undefined;

  /** Shows the panel (creating it, or revealing the one already open) and loads the current map. */
  static show(client: LanguageClient, ready: Promise<void>): void {
    if (ChannelMapPanel.current) {
      ChannelMapPanel.current.panel.reveal();
      void ChannelMapPanel.current.refresh();
      return;
    }
    // Beside the editor the user is in, so that the map and the source it opens are seen together.
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Channel Map', column, {
      enableScripts: true,
      enableCommandUris: false,
      // The page is one self-contained document: it loads nothing, not even from the extension.
      localResourceRoots: [],
    });
    ChannelMapPanel.current = new ChannelMapPanel(panel, client, ready);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly client: LanguageClient,
    private readonly ready: Promise<void>,
  ) {
    panel.webview.html = this.page('<p>Loading the channel map…</p>');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) void this.refresh();
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleRefresh()),
    );
    void this.refresh();
  }

  private scheduleRefresh(): void {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  async refresh(): Promise<void> {
    this.stale = false;
    const generation = ++this.generation;
    try {
      await this.ready;
      const map = await this.client.sendRequest<ChannelMap>(CHANNEL_MAP_REQUEST);
      // A slower, older answer must not replace a newer one.
      if (generation !== this.generation) return;
      // Diagnostics change often without changing the map (a scan publishing other files): a new page would only flicker.
      const json = JSON.stringify(map);
      if (json === this.shown) return;
      this.shown = json;
      this.allowed = urisOf(map);
      const nonce = randomBytes(16).toString('base64');
      this.panel.webview.html = renderChannelMapHtml(map, { title: 'Channel map', webview: { cspSource: this.panel.webview.cspSource, nonce } });
    } catch (error) {
      if (generation !== this.generation) return;
      this.shown = undefined;
      this.panel.webview.html = this.page(`<p>The channel map could not be built: ${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`);
    }
  }

  /** A page with a message only, for before the map comes and when it cannot. */
  private page(body: string): string {
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none';"><title>Channel Map</title></head><body>${body}</body></html>`;
  }

  private async receive(message: unknown): Promise<void> {
    const parsed = parseMessage(message);
    if (parsed?.type === 'refresh') return this.refresh();
    if (parsed?.type !== 'open' || !this.allowed.has(parsed.uri)) return;
    const { start, end } = parsed.range;
    const selection = new vscode.Range(start.line, start.character, end.line, end.character);
    // The source opens next to the map, not in its place.
    const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(parsed.uri), { selection, viewColumn: column, preview: true });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    if (ChannelMapPanel.current === this) ChannelMapPanel.current = undefined;
  }
}
