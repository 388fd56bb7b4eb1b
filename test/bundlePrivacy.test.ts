// Nothing phones home: the shipped bundles load no network or process module beyond a short, explained list, and the
// server and CLI, run for real with those modules watched, make no such call.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from './helpers';

/** Node modules that reach the network, start processes or threads, or open a debugger port. */
const FORBIDDEN_MODULES = ['child_process', 'net', 'http', 'https', 'http2', 'dgram', 'tls', 'dns', 'worker_threads', 'cluster', 'inspector'];

/** Web and runtime APIs that do the same without a require. */
const FORBIDDEN_APIS: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'fetch(', pattern: /(?<![\w$.])fetch\s*\(|\.fetch\s*\(/g },
  { name: 'XMLHttpRequest', pattern: /\bXMLHttpRequest\b/g },
  { name: 'WebSocket', pattern: /\bWebSocket\b/g },
  { name: 'EventSource', pattern: /\bEventSource\b/g },
  { name: 'sendBeacon', pattern: /\bsendBeacon\b/g },
  { name: 'new Worker(', pattern: /\bnew\s+Worker\s*\(/g },
  { name: 'process.binding(', pattern: /\bprocess\.(?:binding|_linkedBinding|dlopen)\s*\(/g },
  { name: 'createRequire', pattern: /\bcreateRequire\b/g },
  // A require or import whose argument is not a string literal could load any module, unseen by the scan above.
  { name: 'dynamic require(', pattern: /(?<![\w$.])require\s*\(\s*(?!["'`]|\))/g },
  { name: 'dynamic import(', pattern: /(?<![\w$.])import\s*\(\s*(?!["'])/g },
  { name: 'telemetry API', pattern: /\b(?:createTelemetryLogger|telemetryLevel|isTelemetryEnabled|applicationinsights)\b/g },
];

interface Use {
  /** The forbidden module or API. */
  what: string;
  /** The bundled file it is in, from esbuild's `// path` comment above each module. */
  source: string;
}

/** The module each offset of a bundle belongs to: esbuild writes `// node_modules/x/y.js` or `// server/src/z.ts` above each. */
function sourceAt(bundle: string): (offset: number) => string {
  const starts = [...bundle.matchAll(/^\/\/ ((?:node_modules|server|client|scripts)\/[^\s]+\.(?:[cm]?js|ts|json))$/gm)].map((m) => ({ offset: m.index ?? 0, source: m[1] }));
  return (offset) => {
    let found = '(bundle preamble)';
    for (const s of starts) {
      if (s.offset > offset) break;
      found = s.source;
    }
    return found;
  };
}

/** Every load of a forbidden module (require, import, import()) and every use of a forbidden API, with where it is. */
function forbiddenUses(bundle: string): Use[] {
  const at = sourceAt(bundle);
  const modules = FORBIDDEN_MODULES.join('|');
  const loads = new RegExp(`(?:\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*|\\bfrom\\s*|\\bimport\\s+)(["'\`])(?:node:)?(${modules})(?:/[\\w/]*)?\\1`, 'g');
  const uses: Use[] = [...bundle.matchAll(loads)].map((m) => ({ what: m[2], source: at(m.index ?? 0) }));
  for (const api of FORBIDDEN_APIS) for (const m of bundle.matchAll(api.pattern)) uses.push({ what: api.name, source: at(m.index ?? 0) });
  return sorted([...new Map(uses.map((u) => [`${u.what} ${u.source}`, u])).values()]);
}

/** Uses in a stable order (by code unit, so that the expected lists below read the same everywhere). */
function sorted(uses: readonly Use[]): Use[] {
  const key = (u: Use) => `${u.what} ${u.source}`;
  return [...uses].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * The exceptions, each exact (bundle, module, bundled file) and each explained: none of them can reach another machine.
 * Any other use fails the test, and so does an exception that is no longer there (the list must stay exact).
 */
const ALLOWED: ReadonlyArray<Use & { bundle: string; why: string }> = [
  {
    bundle: 'client.js',
    what: 'child_process',
    source: 'node_modules/vscode-languageclient/lib/node/main.js',
    why: 'the language client forks the bundled server (dist/server.js) with VS Code own Node runtime and talks to it over IPC: the one process the extension starts',
  },
  {
    bundle: 'client.js',
    what: 'child_process',
    source: 'node_modules/vscode-languageclient/lib/node/processes.js',
    why: 'terminate(): kills that server process tree (`kill` in /bin/sh, or taskkill) when it has not exited 2 s after VS Code stopped it',
  },
  {
    bundle: 'client.js',
    what: 'net',
    source: 'node_modules/vscode-jsonrpc/lib/node/main.js',
    why: "JSON-RPC's pipe and socket transports, which the client does not use (it uses IPC); their sockets listen on a local pipe or 127.0.0.1 only",
  },
  {
    bundle: 'server.js',
    what: 'child_process',
    source: 'node_modules/vscode-languageserver/lib/node/files.js',
    why: "the library's Files helpers that ask npm or yarn for their global folders; nothing calls them (asserted below)",
  },
  {
    bundle: 'server.js',
    what: 'net',
    source: 'node_modules/vscode-jsonrpc/lib/node/main.js',
    why: 'the --socket=<port> and --pipe=<name> transports an editor may ask for: they connect to 127.0.0.1 or a local named pipe only (asserted below)',
  },
];

const BUNDLES = ['client.js', 'server.js', 'cli.js'];
const read = (name: string): string => fs.readFileSync(path.join(ROOT, 'dist', name), 'utf8');

describe('bundle privacy: what the shipped bundles can load', () => {
  for (const bundle of BUNDLES) {
    it(`dist/${bundle} loads no network or process module and uses no network API, except the listed exceptions`, () => {
      const found = forbiddenUses(read(bundle));
      const allowed = ALLOWED.filter((a) => a.bundle === bundle).map(({ what, source }) => ({ what, source }));
      assert.deepEqual(found, sorted(allowed));
    });
  }

  it('the CLI bundle loads no network module at all, and no process module', () => {
    assert.deepEqual(forbiddenUses(read('cli.js')), []);
  });

  it("the server never calls the library's Files helpers, the only code in it that starts a process", () => {
    const bundle = read('server.js');
    const at = sourceAt(bundle);
    const calls = [...bundle.matchAll(/\b(resolveGlobalNodePath|resolveGlobalYarnPath|resolveModulePath)\s*\(|\bFiles\d*\.resolve\w*\s*\(|\bfm\.resolve\w*\s*\(/g)]
      .filter((m) => !/function\s+$/.test(bundle.slice(Math.max(0, (m.index ?? 0) - 9), m.index)))
      .map((m) => `${m[0]} in ${at(m.index ?? 0)}`);
    // The helpers call one another inside files.js; no call comes from anywhere else.
    assert.ok(calls.every((c) => c.endsWith('node_modules/vscode-languageserver/lib/node/files.js')), calls.join('\n'));
    for (const file of walk(path.join(ROOT, 'server', 'src'))) {
      assert.doesNotMatch(fs.readFileSync(file, 'utf8'), /\bFiles\b[\s\S]*from\s+'vscode-languageserver|\bFiles\.\w+\(/, `${file} uses the Files helpers`);
    }
  });

  for (const bundle of ['server.js', 'client.js']) {
    it(`the sockets of dist/${bundle} connect or listen to 127.0.0.1 or a local pipe, never to a host they were given`, () => {
      const text = read(bundle);
      const at = sourceAt(text);
      const calls = [...text.matchAll(/(?:net_\d+\.(createConnection|connect)\)?|\.(listen))\(\s*([\w$]+)\s*(?:,\s*([^,)]+?)\s*)?[,)]/g)].filter(
        (m) => at(m.index ?? 0) === 'node_modules/vscode-jsonrpc/lib/node/main.js',
      );
      assert.ok(calls.length >= 4, 'the transport code was found');
      for (const m of calls) {
        const [, connect, listen, first, second] = m;
        // One name argument is a pipe; a port comes with a host, which must be the loopback address (a callback may follow a pipe).
        assert.ok(second === undefined || second === '"127.0.0.1"' || second.startsWith('('), `${connect ?? listen}(${first}, ${second}) in dist/${bundle}`);
      }
    });
  }

  it('the scan catches what someone might add: a require of https, a node: import, fetch, a dynamic require', () => {
    const synthetic = [
      '// server/src/lsp/telemetry.ts',
      'const https = require("https");',
      "const net = require('node:net');",
      'import("node:dgram");',
      'const dns = require(`dns`);',
      'await fetch("https://example.invalid/collect", { method: "POST" });',
      'globalThis.fetch(url);',
      'const ws = new WebSocket(url);',
      'const m = require(name);',
      'new Worker("./w.js");',
      '// node_modules/innocent/index.js',
      'const fetcher = prefetch(1); const text = "fetch pod specs"; require("node:path");',
    ].join('\n');
    assert.deepEqual(
      forbiddenUses(synthetic).map((u) => `${u.what} @ ${u.source}`).sort(),
      [
        'WebSocket @ server/src/lsp/telemetry.ts',
        'dgram @ server/src/lsp/telemetry.ts',
        'dns @ server/src/lsp/telemetry.ts',
        'dynamic require( @ server/src/lsp/telemetry.ts',
        'fetch( @ server/src/lsp/telemetry.ts',
        'https @ server/src/lsp/telemetry.ts',
        'net @ server/src/lsp/telemetry.ts',
        'new Worker( @ server/src/lsp/telemetry.ts',
      ].sort(),
    );
  });

  it('a bundle with one more require of a forbidden module fails the comparison', () => {
    const bundle = `${read('server.js')}\n// server/src/lsp/update.ts\nconst https = require("https");\n`;
    const found = forbiddenUses(bundle);
    assert.ok(found.some((u) => u.what === 'https' && u.source === 'server/src/lsp/update.ts'));
    assert.notDeepEqual(
      found,
      ALLOWED.filter((a) => a.bundle === 'server.js').map(({ what, source }) => ({ what, source })),
    );
  });
});

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/**
 * A preload that wraps every function that reaches the network or starts a process, and writes a line to a log
 * file when one is called. Process stdio sockets are created without these functions, so they do not show.
 */
const WATCH = `
const fs = require('fs');
const log = process.env.KCG_PRIVACY_LOG;
const watched = {
  child_process: ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'],
  net: ['connect', 'createConnection', 'createServer'],
  http: ['request', 'get', 'createServer'],
  https: ['request', 'get', 'createServer'],
  http2: ['connect', 'createServer', 'createSecureServer'],
  dgram: ['createSocket'],
  tls: ['connect', 'createServer'],
  dns: ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'reverse'],
  worker_threads: [],
};
const note = (what) => fs.appendFileSync(log, what + '\\n');
for (const [name, fns] of Object.entries(watched)) {
  const m = require(name);
  for (const fn of fns) {
    const original = m[fn];
    m[fn] = function (...args) { note(name + '.' + fn); return original.apply(this, args); };
  }
}
const connect = require('net').Socket.prototype.connect;
require('net').Socket.prototype.connect = function (...args) { note('net.Socket.connect'); return connect.apply(this, args); };
const Worker = require('worker_threads').Worker;
require('worker_threads').Worker = class extends Worker { constructor(...a) { note('worker_threads.Worker'); super(...a); } };
if (typeof globalThis.fetch === 'function') { const f = globalThis.fetch; globalThis.fetch = (...a) => { note('fetch'); return f(...a); }; }
`;

describe('bundle privacy: what the server and the CLI do when they run', () => {
  let dir: string;
  let preload: string;
  let logFile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-privacy-'));
    preload = path.join(dir, 'watch.js');
    logFile = path.join(dir, 'calls.log');
    fs.writeFileSync(preload, WATCH);
    fs.writeFileSync(logFile, '');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const STATIC_POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: kube-apiserver\nspec:\n  containers:\n  - name: kube-apiserver\n    image: registry.k8s.io/kube-apiserver:v1.30.0\n    command:\n    - kube-apiserver\n    - --anonymous-auth=true\n';

  it('the watch itself notices a call (so that silence below means something)', () => {
    const probe = spawnSync(process.execPath, ['--require', preload, '-e', "require('child_process').spawnSync(process.execPath, ['-e', '0']); require('net').createServer()"], {
      env: { ...process.env, KCG_PRIVACY_LOG: logFile },
    });
    assert.equal(probe.status, 0, probe.stderr.toString());
    assert.deepEqual(fs.readFileSync(logFile, 'utf8').trim().split('\n'), ['child_process.spawnSync', 'net.createServer']);
    fs.writeFileSync(logFile, '');
  });

  it('a language-server session over stdio (open, change, hover, completion, code actions, lenses, fix all, shutdown) makes no such call', async () => {
    const workspace = path.join(dir, 'workspace');
    fs.mkdirSync(workspace);
    const file = path.join(workspace, 'pod.yaml');
    fs.writeFileSync(file, STATIC_POD);
    fs.writeFileSync(path.join(workspace, 'kustomization.yaml'), 'patches:\n  - path: other.yaml\n');
    const uri = `file://${file}`;
    const child = spawn(process.execPath, ['--require', preload, path.join(ROOT, 'dist', 'server.js'), '--stdio'], { env: { ...process.env, KCG_PRIVACY_LOG: logFile }, stdio: ['pipe', 'pipe', 'pipe'] });
    const responses = new Map<number, unknown>();
    let buffer = Buffer.alloc(0);
    child.stdout.on('data', (d: Buffer) => {
      buffer = Buffer.concat([buffer, d]);
      for (;;) {
        const header = buffer.indexOf('\r\n\r\n');
        if (header < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, header).toString())?.[1]);
        if (buffer.length < header + 4 + length) return;
        const message = JSON.parse(buffer.subarray(header + 4, header + 4 + length).toString()) as { id?: number; method?: string; result?: unknown; params?: { items?: unknown[] } };
        buffer = buffer.subarray(header + 4 + length);
        if (message.method === 'workspace/configuration' && message.id !== undefined) send({ id: message.id, result: (message.params?.items ?? []).map(() => ({ enable: true })) });
        else if (message.id !== undefined && !message.method) responses.set(message.id, message.result);
      }
    });
    function send(message: Record<string, unknown>): void {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }
    async function request(id: number, method: string, params: unknown): Promise<unknown> {
      send({ id, method, params });
      for (let waited = 0; !responses.has(id); waited += 20) {
        if (waited > 10_000) throw new Error(`no answer to ${method}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return responses.get(id);
    }
    try {
      await request(1, 'initialize', { processId: process.pid, rootUri: `file://${workspace}`, workspaceFolders: [{ uri: `file://${workspace}`, name: 'w' }], capabilities: { workspace: { configuration: true } } });
      send({ method: 'initialized', params: {} });
      send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text: STATIC_POD } } });
      send({ method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 }, contentChanges: [{ text: STATIC_POD.replace('true', 'false') }] } });
      const position = { line: 10, character: 8 };
      await request(2, 'textDocument/hover', { textDocument: { uri }, position });
      await request(3, 'textDocument/completion', { textDocument: { uri }, position });
      await request(4, 'textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll.kube-channel-guard'] } });
      await request(5, 'textDocument/codeLens', { textDocument: { uri } });
      await request(6, 'shutdown', null);
      send({ method: 'exit' });
      await new Promise((resolve) => child.once('exit', resolve));
    } finally {
      if (child.exitCode === null) child.kill();
    }
    assert.equal(fs.readFileSync(logFile, 'utf8'), '');
  });

  it('the CLI checking a folder (text and JSON) makes no such call', () => {
    for (const format of ['text', 'json']) {
      const run = spawnSync(process.execPath, ['--require', preload, path.join(ROOT, 'dist', 'cli.js'), '--format', format, path.join(ROOT, 'examples')], { env: { ...process.env, KCG_PRIVACY_LOG: logFile } });
      assert.ok(run.status === 0 || run.status === 1, run.stderr.toString());
    }
    assert.equal(fs.readFileSync(logFile, 'utf8'), '');
  });
});
