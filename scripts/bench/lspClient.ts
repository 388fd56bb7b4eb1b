// A minimal LSP client over stdio for the benchmark: JSON-RPC framing, requests both ways, and timestamped diagnostics.
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { NETWORK_MARKER, NO_NETWORK_PRELOAD } from './paths';
import { startTracked } from './processes';

/** One textDocument/publishDiagnostics as it arrived: its order, when, for which document and version. */
export interface Publish {
  seq: number;
  at: number;
  uri: string;
  version: number | undefined;
  diagnostics: number;
}

/** Answers a request the server sends to the client (workspace/configuration and the like). */
export type RequestHandler = (method: string, params: unknown) => unknown;

/** USER_HZ, the unit of /proc/<pid>/stat times: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

interface JsonRpcMessage {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Waiter {
  check: (p: Publish) => boolean;
  resolve: (p: Publish) => void;
}

export class LspClient {
  private readonly process: ChildProcess;
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiters = new Set<Waiter>();
  private seq = 0;
  private exited = false;
  /** Every publish so far; small records, so that a wait can look back at what already arrived. */
  readonly publishes: Publish[] = [];
  /** Requests the server sent that the handler did not know, by method; a long list means the client is missing something. */
  readonly unknownRequests = new Map<string, number>();
  readonly networkAttempts: string[] = [];
  /** Whether any publish carried a document version: yaml-language-server's do not. */
  sendsVersions = false;
  stderr = '';

  constructor(
    readonly name: string,
    script: string,
    args: readonly string[],
    private readonly onRequest: RequestHandler,
    nodeOptions: readonly string[] = [],
  ) {
    this.process = startTracked(process.execPath, ['--require', NO_NETWORK_PRELOAD, ...nodeOptions, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      this.stderr = (this.stderr + text).slice(-20_000);
      for (const line of text.split('\n')) if (line.includes(NETWORK_MARKER)) this.networkAttempts.push(line.trim());
    });
    this.process.on('exit', (code, signal) => {
      this.exited = true;
      const error = new Error(`${this.name} exited (code ${code}, signal ${signal}); stderr: ${this.stderr.slice(-2000)}`);
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
    });
    // A server that dies mid-write must not crash the benchmark with EPIPE; the exit handler reports it instead.
    this.process.stdin?.on('error', () => undefined);
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** The sequence number of the last publish received: waits can ask for publishes after it. */
  get lastSeq(): number {
    return this.seq;
  }

  private write(message: JsonRpcMessage): number {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    const header = Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii');
    // The clock starts once the message is serialised: what the client spends building it is not the server's time.
    const sentAt = performance.now();
    this.process.stdin?.write(Buffer.concat([header, body]));
    return sentAt;
  }

  /** Sends a notification and returns when it was handed to the pipe. */
  notify(method: string, params: unknown): number {
    return this.write({ jsonrpc: '2.0', method, params });
  }

  request(method: string, params: unknown, timeoutMs = 60_000): Promise<unknown> {
    if (this.exited) return Promise.reject(new Error(`${this.name} is not running`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: no answer to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  /**
   * Waits for the first publish for `uri` after publish number `afterSeq`. When the server sends versions, a publish for
   * another version (a stale one) does not count; when it does not, the first publish after the change is taken.
   */
  waitForDiagnostics(uri: string, afterSeq: number, version: number | undefined, timeoutMs: number): Promise<Publish> {
    const check = (p: Publish): boolean => p.seq > afterSeq && p.uri === uri && (version === undefined || p.version === undefined || p.version === version);
    const already = this.publishes.find(check);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        check,
        resolve: (p) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(p);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.name}: no diagnostics for ${uri}${version === undefined ? '' : ` version ${version}`} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Publishes for `uri` received after `afterSeq` up to and including `untilSeq`. */
  publishesBetween(uri: string, afterSeq: number, untilSeq: number): Publish[] {
    return this.publishes.filter((p) => p.uri === uri && p.seq > afterSeq && p.seq <= untilSeq);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const match = /Content-Length:\s*(\d+)/i.exec(header);
      if (!match) throw new Error(`${this.name}: message without Content-Length: ${header}`);
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = this.buffer.subarray(start, start + length).toString('utf8');
      this.buffer = this.buffer.subarray(start + length);
      this.dispatch(JSON.parse(body) as JsonRpcMessage, performance.now());
    }
  }

  private dispatch(message: JsonRpcMessage, at: number): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      this.answer(message.id, message.method, message.params);
    } else if (message.method === 'textDocument/publishDiagnostics') {
      const params = message.params as { uri: string; version?: number | null; diagnostics: unknown[] };
      const version = typeof params.version === 'number' ? params.version : undefined;
      if (version !== undefined) this.sendsVersions = true;
      const publish: Publish = { seq: ++this.seq, at, uri: params.uri, version, diagnostics: params.diagnostics.length };
      this.publishes.push(publish);
      for (const w of [...this.waiters]) if (w.check(publish)) w.resolve(publish);
    } else if (message.method === undefined && typeof message.id === 'number') {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${this.name}: ${message.error.message}`));
      else pending.resolve(message.result);
    }
  }

  private answer(id: number | string, method: string, params: unknown): void {
    let result: unknown = null;
    try {
      result = this.onRequest(method, params);
    } catch {
      result = null;
    }
    if (result === undefined) {
      this.unknownRequests.set(method, (this.unknownRequests.get(method) ?? 0) + 1);
      result = null;
    }
    this.write({ jsonrpc: '2.0', id, result });
  }

  /** Forgets old publishes, so that a long run does not keep every record; sequence numbers keep counting. */
  forgetPublishes(): void {
    this.publishes.length = 0;
  }

  /** Peak and current resident memory of the server process, from /proc (Linux), in bytes. */
  memory(): { peak: number; current: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
      return { peak: kib('VmHWM'), current: kib('VmRSS') };
    } catch {
      return undefined;
    }
  }

  /**
   * CPU time the server process has used so far (user + system, all threads), in milliseconds, from /proc (Linux): unlike
   * latency, it hardly grows when other work shares the cores. Its resolution is one clock tick (10 ms).
   */
  cpuMs(): number {
    try {
      const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may itself hold spaces: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
    } catch {
      return Number.NaN;
    }
  }

  /** Shuts the server down politely (so that a CPU profile is written), then kills it if it lingers. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, graceMs);
      this.notify('exit', null);
    } catch {
      // A server that does not answer is killed below.
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}
