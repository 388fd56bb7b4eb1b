// A small LSP client for protocol tests: starts the bundled server over stdio and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  DidSaveTextDocumentNotification,
  ShowDocumentRequest,
  type ApplyWorkspaceEditParams,
  type ShowDocumentParams,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers';

export class TestClient {
  readonly connection: ProtocolConnection;
  private readonly process: ChildProcess;
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<() => void> = [];
  settings: Record<string, unknown> = { enable: true };
  /** While set, the client holds its answers to workspace/configuration until the promise settles (a slow editor). */
  configurationGate?: Promise<void>;
  stderr = '';
  /** What the server asked the editor to do: edits to apply, documents to show. */
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly shown: ShowDocumentParams[] = [];

  constructor() {
    this.process = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const w of this.waiters.splice(0)) w();
    });
    this.connection.onRequest(ConfigurationRequest.type, async (params) => {
      await this.configurationGate;
      return params.items.map(() => this.settings);
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.applied.push(params);
      return { applied: true };
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.shown.push(params);
      return { success: true };
    });
    this.connection.listen();
  }

  /** Starts the session; `minimal` declares what a bare client such as Neovim 0.7 does: no pulled settings, no showDocument. */
  async initialize(workspaceFolder?: string, minimal = false): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: workspaceFolder ? [{ uri: workspaceFolder, name: 'workspace' }] : null,
      capabilities: minimal
        ? {}
        : { workspace: { configuration: true, applyEdit: true }, window: { showDocument: { support: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  async replaceAll(uri: string, text: string, version: number): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** An incremental change, as editors send while typing. */
  async edit(uri: string, version: number, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** Every diagnostics notification received for a document since the last clear(), in order. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  }

  async fileChanged(uri: string): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri, type: 2 }] });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { kubeChannelGuard: settings } });
  }

  /** Waits for the diagnostics of a given document version (or any version when omitted). */
  async diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = [...this.published].reverse().find((p) => p.uri === uri && (version === undefined || p.version === version));
      if (match) return match.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} version ${version}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Forgets what was published so far, so that the next wait sees only new diagnostics. */
  clear(): void {
    this.published.length = 0;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      if (this.process.exitCode === null) this.process.kill();
    }
  }
}
