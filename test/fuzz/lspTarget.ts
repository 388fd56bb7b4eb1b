// Drives one long-lived language server (dist/server.js --stdio) with fuzzed documents: every request is timed, the
// process is watched for exits and its memory is sampled from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { summarizeStderr } from './engineTarget';
import type { Prng } from './prng';

export interface LspProblem {
  kind: 'crash' | 'hang' | 'error-response' | 'slow' | 'rule-error';
  message: string;
}

export interface LspStats {
  requests: number;
  /** Every request's latency in ms, for the maximum and percentiles. */
  latencies: number[];
  /** The most CPU time the server spent on one request (from /proc, in 10 ms ticks). */
  maxCpuMs: number;
  /** The slowest request: its method and the input it was about. */
  slowest: { ms: number; method: string; label: string };
  /** The longest wait from a change to its diagnostics, and the input it was about. */
  maxDiagnosticsMs: number;
  slowestDiagnostics: string;
  restarts: number;
  peakRssKiB: number;
  startRssKiB: number;
  lastRssKiB: number;
}

interface OpenDocument {
  document: TextDocument;
}

/** Documents kept open at once: the server holds an analysis for each. */
const SLOTS = 4;

export class LspTarget {
  private process: ChildProcess | undefined;
  private connection: ProtocolConnection | undefined;
  private readonly published: PublishDiagnosticsParams[] = [];
  private readonly waiters: Array<() => void> = [];
  private readonly open = new Map<string, OpenDocument>();
  private stderr = '';
  private exited: string | undefined;
  private stuck = false;
  private settings: Record<string, unknown> = { enable: true, codeLens: true, run: 'onType' };
  readonly stats: LspStats = { requests: 0, latencies: [], maxCpuMs: 0, slowest: { ms: 0, method: '', label: '' }, maxDiagnosticsMs: 0, slowestDiagnostics: '', restarts: 0, peakRssKiB: 0, startRssKiB: 0, lastRssKiB: 0 };

  /**
   * `timing` says what the request limit applies to: the wall time the client waits, or the CPU time the server
   * spends (which does not grow when other processes share the machine).
   */
  constructor(
    private readonly workDir: string,
    private readonly requestLimitMs: number,
    private readonly hangMs: number,
    private readonly timing: 'wall' | 'cpu' = 'wall',
  ) {}

  get pid(): number | undefined {
    return this.process?.pid;
  }

  async start(): Promise<void> {
    this.stderr = '';
    this.exited = undefined;
    this.open.clear();
    const child = spawn(process.execPath, [path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process = child;
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-20_000)));
    child.on('exit', (code, signal) => {
      // A server killed after a hang is not the one running now.
      if (this.process !== child) return;
      this.exited = `the server exited (code ${code}, signal ${signal}): ${summarizeStderr(this.stderr)}`;
      for (const w of this.waiters.splice(0)) w();
    });
    // Writes to a dead server's stdin fail; the exit handler reports the death.
    child.stdin?.on('error', () => undefined);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection = connection;
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      if (this.published.length > 200) this.published.splice(0, 100);
      for (const w of this.waiters.splice(0)) w();
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => this.settings));
    connection.onError(() => undefined);
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(this.workDir).toString(), name: 'fuzz' }],
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    this.stats.startRssKiB ||= this.memory().rss;
  }

  /** VmRSS and VmHWM (the peak) of the server process, in KiB. */
  memory(): { rss: number; peak: number } {
    if (!this.process?.pid) return { rss: 0, peak: 0 };
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      return { rss: field('VmRSS'), peak: field('VmHWM') };
    } catch {
      return { rss: 0, peak: 0 };
    }
  }

  /** User plus system CPU time of the server process so far, in ms (Linux counts it in ticks of 10 ms). */
  private cpuMs(): number {
    if (!this.process?.pid) return 0;
    try {
      const stat = fs.readFileSync(`/proc/${this.process.pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  }

  private sampleMemory(): void {
    const { rss, peak } = this.memory();
    if (rss > 0) this.stats.lastRssKiB = rss;
    this.stats.peakRssKiB = Math.max(this.stats.peakRssKiB, peak, rss);
  }

  /** Sends one request and times it; `undefined` when the server died or hung (reported in `problems`). */
  private async request<R>(method: string, send: () => Promise<R>, label: string, problems: LspProblem[]): Promise<R | undefined> {
    if (this.exited || this.stuck) return undefined;
    const started = performance.now();
    const cpuBefore = this.cpuMs();
    let timer: NodeJS.Timeout | undefined;
    const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), this.hangMs)));
    const died = new Promise<'died'>((resolve) => this.waiters.push(() => this.exited && resolve('died')));
    try {
      const result = await Promise.race([send(), hang, died]);
      const ms = performance.now() - started;
      if (result === 'hang') {
        problems.push({ kind: 'hang', message: `${method} got no answer within ${this.hangMs} ms (${label})` });
        // A server stuck on one input is started again for the next, so that one hang does not hide what follows.
        this.stuck = true;
        return undefined;
      }
      if (result === 'died') return undefined;
      const cpu = this.cpuMs() - cpuBefore;
      this.stats.requests++;
      this.stats.latencies.push(ms);
      this.stats.maxCpuMs = Math.max(this.stats.maxCpuMs, cpu);
      if (ms > this.stats.slowest.ms) this.stats.slowest = { ms, method, label };
      const measured = this.timing === 'cpu' ? cpu : ms;
      if (measured > this.requestLimitMs) problems.push({ kind: 'slow', message: `${method} took ${Math.round(ms)} ms, ${cpu} ms of server CPU (${label})` });
      return result;
    } catch (error) {
      if (!this.exited) problems.push({ kind: 'error-response', message: `${method} failed: ${(error as Error).message.split('\n')[0]} (${label})` });
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  private async diagnosticsFor(uri: string, version: number, problems: LspProblem[], label: string): Promise<Diagnostic[]> {
    const started = performance.now();
    const deadline = started + this.hangMs;
    for (;;) {
      const match = this.published.find((p) => p.uri === uri && p.version === version);
      if (match) {
        const waited = performance.now() - started;
        if (waited > this.stats.maxDiagnosticsMs) Object.assign(this.stats, { maxDiagnosticsMs: waited, slowestDiagnostics: label });
        return match.diagnostics;
      }
      if (this.exited) return [];
      const left = deadline - performance.now();
      if (left <= 0) {
        problems.push({ kind: 'hang', message: `no diagnostics for version ${version} within ${this.hangMs} ms (${label})` });
        this.stuck = true;
        return [];
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /**
   * Waits until the server has used no CPU for two samples in a row: work it does on its own (re-checking open documents
   * after a settings change, the workspace scan) must not be charged to the next request.
   */
  private async settle(): Promise<void> {
    const deadline = performance.now() + this.hangMs;
    let quiet = 0;
    let last = this.cpuMs();
    while (quiet < 2 && performance.now() < deadline && !this.exited) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const now = this.cpuMs();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  }

  /** Writes a file next to the documents (a project file, a kustomization) and tells the server, as a file watcher would. */
  async writeSideFile(name: string, text: string): Promise<void> {
    const file = path.join(this.workDir, name);
    fs.writeFileSync(file, text);
    await this.connection?.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(file).toString(), type: 2 }] });
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection?.sendNotification(DidChangeConfigurationNotification.type, { settings: { kubeChannelGuard: settings } });
  }

  /**
   * Opens or changes a document to `text` (an incremental change when it is open: the edited span only), waits for
   * its diagnostics, then asks for hovers, completions, code actions and code lenses, each on its own and timed.
   */
  async feed(label: string, text: string, rng: Prng, options: { slot?: string; queries: number }): Promise<LspProblem[]> {
    const problems: LspProblem[] = [];
    if (!this.connection || this.exited || this.stuck) await this.restart();
    const connection = this.connection!;
    const name = options.slot ?? `doc${rng.int(SLOTS)}.yaml`;
    const uri = pathToFileURL(path.join(this.workDir, name)).toString();
    const current = this.open.get(uri);
    let document: TextDocument;
    if (!current || rng.chance(0.15)) {
      if (current) await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
      document = TextDocument.create(uri, 'yaml', 1, text);
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    } else {
      const old = current.document;
      const change = diffChange(old, text);
      document = TextDocument.update(old, [change], old.version + 1);
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: document.version }, contentChanges: [change] });
    }
    this.open.set(uri, { document });
    const diagnostics = await this.diagnosticsFor(uri, document.version, problems, label);
    await this.settle();
    const positions = this.positions(document, rng, options.queries);
    for (const position of positions) {
      await this.request('textDocument/hover', () => connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), label, problems);
      await this.request('textDocument/completion', () => connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), label, problems);
    }
    const diagnostic = diagnostics.length > 0 ? rng.pick(diagnostics) : undefined;
    const range = diagnostic?.range ?? { start: positions[0], end: positions[0] };
    await this.request(
      'textDocument/codeAction',
      // VS Code asks with `only: ['quickfix']` from a diagnostic's hover, and with no kind for the light bulb.
      () => connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: diagnostic ? [diagnostic] : [], only: rng.chance(0.3) ? ['quickfix'] : undefined } }),
      label,
      problems,
    );
    // The fix-all source action: what VS Code asks on save with codeActionsOnSave.
    await this.request(
      'textDocument/codeAction (fix all)',
      () => connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.kube-channel-guard'] } }),
      label,
      problems,
    );
    await this.request('textDocument/codeLens', () => connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), label, problems);
    if (this.exited) problems.push({ kind: 'crash', message: this.exited });
    for (const m of this.stderr.matchAll(/rule (KCG\d+) failed: ([^\n]*)/g)) problems.push({ kind: 'rule-error', message: `rule ${m[1]} failed: ${m[2]}` });
    this.stderr = this.stderr.replace(/rule KCG\d+ failed:[^\n]*\n?/g, '');
    this.sampleMemory();
    return problems;
  }

  /** Closes a document (huge ones are closed at once so that the server can free their analysis). */
  async close(slot: string): Promise<void> {
    const uri = pathToFileURL(path.join(this.workDir, slot)).toString();
    if (this.open.delete(uri)) await this.connection?.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Random positions, half of them on flags, some past the end of a line or of the document (clients send those too). */
  private positions(document: TextDocument, rng: Prng, count: number): Position[] {
    const text = document.getText();
    const flags = [...text.slice(0, 200_000).matchAll(/--[a-z]/g)].map((m) => m.index ?? 0);
    return Array.from({ length: count }, (_, i) => {
      if (i % 2 === 0 && flags.length > 0) return document.positionAt(rng.pick(flags) + rng.range(0, 14));
      return { line: rng.int(document.lineCount + 2), character: rng.int(rng.chance(0.9) ? 60 : 2000) };
    });
  }

  private async restart(): Promise<void> {
    this.stuck = false;
    if (this.process) {
      this.stats.restarts++;
      this.connection?.dispose();
      if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    }
    await this.start();
  }

  /** Whether the server is still running: it must never exit on its own. */
  get alive(): boolean {
    return this.exited === undefined && !this.stuck && this.process !== undefined;
  }

  async stop(): Promise<void> {
    const connection = this.connection;
    const child = this.process;
    this.connection = undefined;
    this.process = undefined;
    if (!connection || !child) return;
    try {
      if (!this.exited) {
        await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 2000))]);
        await connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // A server that cannot shut down cleanly is killed below.
    } finally {
      connection.dispose();
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }
}

/** The one incremental change that turns the document into `text`: the span between their common prefix and suffix. */
function diffChange(old: TextDocument, text: string): { range: { start: Position; end: Position }; text: string } {
  const before = old.getText();
  let prefix = 0;
  const max = Math.min(before.length, text.length);
  while (prefix < max && before.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) suffix++;
  // A position cannot point between the CR and LF of a line break: widen the span to hold the whole break.
  if (prefix > 0 && before[prefix - 1] === '\r' && before[prefix] === '\n') prefix--;
  const end = before.length - suffix;
  if (suffix > 0 && before[end - 1] === '\r' && before[end] === '\n') suffix--;
  return { range: { start: old.positionAt(prefix), end: old.positionAt(before.length - suffix) }, text: text.slice(prefix, text.length - suffix) };
}
