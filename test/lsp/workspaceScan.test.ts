// Protocol tests for the workspace scan: the bundled server over stdio checks the YAML files of a temporary workspace folder
// that are not open, respects files.exclude and the size cap, follows changes on disk, and shows its progress.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeLensRequest,
  CompletionRequest,
  ConfigurationRequest,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidCloseTextDocumentNotification,
  DiagnosticSeverity,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  WorkspaceFoldersRequest,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type PublishDiagnosticsParams,
  type Registration,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { globToRegExp, FilesExclude } from '../../server/src/lsp/filesExclude';
import { formatSize } from '../../server/src/lsp/fileSize';
import { fileUri } from '../../server/src/lsp/workspaceFiles';
import { ROOT } from '../helpers';
import { TestClient } from './testClient';

const APISERVER = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8');
/** The same static pod with the flag KCG201 asks for. */
const APISERVER_FIXED = APISERVER.replace(
  '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n',
  '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt\n',
);
const KUBELET = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nserverTLSBootstrap: true\nreadOnlyPort: 10255\n';

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

/** A client session around the bundled server that records what a user's editor would show: diagnostics and progress. */
class Session {
  readonly client = new TestClient();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: Progress[] = [];
  readonly registrations: Registration[] = [];
  /** The scopes the server asked settings for, as `section@scopeUri`. */
  readonly configurationAsked: string[] = [];
  settings: Record<string, unknown> = {};
  /** The workspace folders the client answers workspace/workspaceFolders with. */
  folders: string[] = [];
  filesExclude: Record<string, unknown> = {};
  private readonly waiters = new Set<() => void>();

  constructor() {
    const c = this.client.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.wake();
    });
    c.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationAsked.push(`${item.section}@${item.scopeUri}`);
        return item.section === 'files.exclude' ? this.filesExclude : this.settings;
      }),
    );
    c.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      c.onProgress(WorkDoneProgress.type, params.token, (value) => {
        this.progress.push(value);
        this.wake();
      });
    });
    c.onRequest(WorkspaceFoldersRequest.type, () => this.folders.map((f) => ({ uri: pathToFileURL(f).toString(), name: path.basename(f) })));
    c.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
    });
  }

  async initialize(folder: string, capabilities: ClientCapabilities): Promise<void> {
    this.folders = [folder];
    await this.client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: path.basename(folder) }],
      capabilities,
    });
    await this.client.connection.sendNotification(InitializedNotification.type, {});
  }

  private wake(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Waits until `condition` holds, re-checking whenever something arrives. */
  async until<T>(what: string, condition: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = condition();
      if (value !== undefined && value !== false) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stderr: ${this.client.stderr}`);
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(left, 200));
        this.waiters.add(wake);
      });
    }
  }

  /** The last diagnostics published for a file, or undefined when none ever were. */
  last(file: string): PublishDiagnosticsParams | undefined {
    const uri = pathToFileURL(file).toString();
    return [...this.published].reverse().find((p) => p.uri === uri);
  }

  /** Waits for the diagnostics of a file to satisfy a condition. */
  async diagnostics(file: string, what: string, condition: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return this.until(`${what} (${path.basename(file)})`, () => {
      const last = this.last(file);
      return last && condition(last.diagnostics) ? last.diagnostics : undefined;
    });
  }

  /** Waits for a whole scan: its progress ending. */
  async scanEnded(count = 1): Promise<void> {
    await this.until(`${count} scan(s) to end`, () => this.progress.filter((p) => p.kind === 'end').length >= count);
  }

  async changed(changes: FileEvent[]): Promise<void> {
    await this.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async stop(): Promise<void> {
    await this.client.stop();
  }
}

const codes = (d: Diagnostic[]): string[] => d.map((x) => String(x.code));
const uriOf = (file: string): string => pathToFileURL(file).toString();
const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
  window: { workDoneProgress: true },
};

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('workspace scan over the protocol', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-scan-'));
  const ws = path.join(tmp, 'ws');
  const outside = path.join(tmp, 'outside');
  const file = (name: string): string => path.join(ws, name);
  let s: Session;

  before(async () => {
    write(file('apiserver.yaml'), APISERVER);
    write(file('nested/deep/kubelet.yml'), KUBELET);
    write(file('moved/apiserver.yaml'), APISERVER);
    write(file('generated/apiserver.yaml'), APISERVER);
    write(file('sub/generated/kubelet.yaml'), KUBELET);
    write(file('skip-me.yaml'), APISERVER);
    write(file('tmp/kubelet.yaml'), KUBELET);
    write(file('.git/apiserver.yaml'), APISERVER);
    write(file('node_modules/pkg/apiserver.yaml'), APISERVER);
    write(file('notes.txt'), APISERVER);
    write(file('open.yaml'), APISERVER);
    // Over the 2 KiB cap the settings below set: a kubelet config padded with comments.
    write(file('big.yaml'), KUBELET + '# padding to pass the size cap\n'.repeat(100));
    write(path.join(outside, 'apiserver.yaml'), APISERVER);
    fs.symlinkSync(outside, file('linked'), 'dir');
    fs.symlinkSync(path.join(outside, 'apiserver.yaml'), file('linked-file.yaml'), 'file');
    s = new Session();
    s.settings = { enable: true, maxFileSizeKiB: 2 };
    s.filesExclude = { '**/generated': true, 'skip-*.yaml': true, '{tmp,scratch}': true, '**/.svn': true, 'nested': false };
    await s.initialize(ws, FULL_CAPABILITIES);
    // The open document's text is secure; on disk the file still lacks the flag.
    await s.client.open(uriOf(file('open.yaml')), APISERVER_FIXED, 1);
    await s.scanEnded();
  });
  after(async () => {
    await s.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('publishes diagnostics for YAML files that are not open, at any depth, .yaml and .yml', () => {
    assert.ok(codes(s.last(file('apiserver.yaml'))?.diagnostics ?? []).includes('KCG201'), 'KCG201 in apiserver.yaml');
    assert.ok(codes(s.last(file('nested/deep/kubelet.yml'))?.diagnostics ?? []).includes('KCG207'), 'KCG207 in nested/deep/kubelet.yml');
    const [d] = (s.last(file('apiserver.yaml'))?.diagnostics ?? []).filter((x) => x.code === 'KCG201');
    assert.equal(d.source, 'kube-channel-guard');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(d.message as string, /--kubelet-certificate-authority/);
  });

  it('reads nothing that files.exclude, .git or node_modules hide, nothing but YAML, and no link out of the folder', () => {
    for (const name of ['generated/apiserver.yaml', 'sub/generated/kubelet.yaml', 'skip-me.yaml', 'tmp/kubelet.yaml', '.git/apiserver.yaml', 'node_modules/pkg/apiserver.yaml', 'notes.txt', 'linked/apiserver.yaml', 'linked-file.yaml']) {
      assert.equal(s.last(file(name)), undefined, `${name} has no diagnostics`);
    }
    assert.equal(s.last(path.join(outside, 'apiserver.yaml')), undefined);
    // files.exclude was asked for the folder, as VS Code resolves it for that folder.
    assert.ok(s.configurationAsked.includes(`files.exclude@${uriOf(ws)}`), s.configurationAsked.join(', '));
  });

  it('gives a file over maxFileSizeKiB one informational diagnostic at the top instead of findings', () => {
    const diagnostics = s.last(file('big.yaml'))?.diagnostics ?? [];
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.deepEqual(diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(diagnostics[0].message as string, /^file is \d KiB, over kubeChannelGuard\.maxFileSizeKiB \(2 KiB\): not analysed$/);
  });

  it("uses the editor's text for an open document, not the disk's", () => {
    const forOpen = s.published.filter((p) => p.uri === uriOf(file('open.yaml')));
    assert.ok(forOpen.length > 0);
    assert.ok(forOpen.every((p) => p.version === 1 && !codes(p.diagnostics).includes('KCG201')), JSON.stringify(forOpen.map((p) => [p.version, codes(p.diagnostics)])));
  });

  it('shows progress from begin to end with a percentage and "N of M files"', () => {
    const kinds = s.progress.map((p) => p.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds[kinds.length - 1], 'end');
    const reports = s.progress.filter((p): p is WorkDoneProgressReport => p.kind === 'report');
    assert.ok(reports.some((r) => /^\d+ of 5 files$/.test(r.message ?? '')), JSON.stringify(reports));
    const percentages = reports.map((r) => r.percentage ?? -1);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages only grow');
    assert.equal(percentages[percentages.length - 1], 100);
  });

  it('asks the client to watch YAML files', () => {
    const watch = s.registrations.find((r) => r.method === DidChangeWatchedFilesNotification.method);
    const globs = ((watch?.registerOptions as { watchers?: Array<{ globPattern: unknown }> } | undefined)?.watchers ?? []).map((w) => w.globPattern);
    assert.ok(globs.includes('**/*.{yaml,yml}'), JSON.stringify(globs));
  });

  it('follows a file fixed on disk, a new file, a deleted file and a deleted folder, and reads no file through a link', async () => {
    write(file('apiserver.yaml'), APISERVER_FIXED);
    write(file('new.yaml'), KUBELET);
    fs.rmSync(file('nested/deep/kubelet.yml'));
    fs.rmSync(file('moved'), { recursive: true });
    await s.changed([
      // Reported by a watcher that follows links: the scan still reads nothing through them.
      { uri: uriOf(file('linked/apiserver.yaml')), type: FileChangeType.Changed },
      { uri: uriOf(file('linked-file.yaml')), type: FileChangeType.Changed },
      { uri: uriOf(file('apiserver.yaml')), type: FileChangeType.Changed },
      { uri: uriOf(file('new.yaml')), type: FileChangeType.Created },
      { uri: uriOf(file('nested/deep/kubelet.yml')), type: FileChangeType.Deleted },
      { uri: uriOf(file('moved')), type: FileChangeType.Deleted },
    ]);
    await s.diagnostics(file('apiserver.yaml'), 'KCG201 to go after the fix on disk', (d) => !codes(d).includes('KCG201'));
    await s.diagnostics(file('new.yaml'), 'KCG207 in the new file', (d) => codes(d).includes('KCG207'));
    await s.diagnostics(file('nested/deep/kubelet.yml'), 'the deleted file to be cleared', (d) => d.length === 0);
    await s.diagnostics(file('moved/apiserver.yaml'), 'the file of the deleted folder to be cleared', (d) => d.length === 0);
    assert.equal(s.last(file('linked/apiserver.yaml')), undefined);
    assert.equal(s.last(file('linked-file.yaml')), undefined);
  });

  it('finds the files of a folder created (or moved in) on disk', async () => {
    write(file('added/apiserver.yaml'), APISERVER);
    await s.changed([{ uri: uriOf(file('added')), type: FileChangeType.Created }]);
    await s.diagnostics(file('added/apiserver.yaml'), 'KCG201 in the new folder', (d) => codes(d).includes('KCG201'));
  });

  it('hands a closed document back to the scan, which publishes what is on disk', async () => {
    await s.client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(file('open.yaml')) } });
    // Diagnostics without a version are the scan's, read from the disk, where the flag is still missing.
    const fromDisk = await s.until('the disk findings after close', () => {
      const last = s.last(file('open.yaml'));
      return last?.version === undefined ? last?.diagnostics : undefined;
    });
    assert.ok(codes(fromDisk).includes('KCG201'), JSON.stringify(codes(fromDisk)));
  });

  it('gives an open document over the cap exactly one informational diagnostic, and no hover, completion or lens', async () => {
    const uri = uriOf(file('big.yaml'));
    const text = fs.readFileSync(file('big.yaml'), 'utf8');
    await s.client.open(uri, text, 3);
    const diagnostics = await s.until('the open big file diagnostics', () => s.published.find((p) => p.uri === uri && p.version === 3)?.diagnostics);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Information);
    assert.match(diagnostics[0].message as string, /over kubeChannelGuard\.maxFileSizeKiB \(2 KiB\): not analysed/);
    const position = { line: 3, character: 3 };
    assert.equal(await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }), null);
    assert.deepEqual(await s.client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position }), []);
    assert.deepEqual(await s.client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } }), []);
  });
});

describe('cross-file findings through the workspace scan', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-scan-cross-'));
  const apiserver = path.join(tmp, 'control-plane', 'kube-apiserver.yaml');
  const kubelet = path.join(tmp, 'nodes', 'kubelet-config.yaml');
  /** A kubelet that signs its own serving certificate: no serverTLSBootstrap, no tlsCertFile. */
  const selfSigned = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nreadOnlyPort: 0\n';
  let s: Session;

  before(async () => {
    write(apiserver, APISERVER_FIXED);
    write(kubelet, selfSigned);
    s = new Session();
    s.settings = { enable: true };
    await s.initialize(tmp, FULL_CAPABILITIES);
    await s.scanEnded();
  });
  after(async () => {
    await s.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports in an unopened file what only both ends reveal (KCG214: the kubelet in another file signs its own certificate)', async () => {
    await s.diagnostics(apiserver, 'KCG214 on the API server', (d) => codes(d).includes('KCG214'));
  });

  it('scans a folder added to the workspace, and clears the files of a folder removed from it', async () => {
    const second = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-scan-second-'));
    try {
      const other = path.join(second, 'kube-apiserver.yaml');
      write(other, APISERVER);
      const folder = { uri: uriOf(second), name: path.basename(second) };
      s.folders = [tmp, second];
      await s.client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder], removed: [] } });
      await s.diagnostics(other, 'KCG201 in the added folder', (d) => codes(d).includes('KCG201'));
      s.folders = [tmp];
      await s.client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder] } });
      await s.diagnostics(other, 'the removed folder cleared', (d) => d.length === 0);
    } finally {
      fs.rmSync(second, { recursive: true, force: true });
    }
  });

  it("sees an open document's text: turning on serverTLSBootstrap in the editor, unsaved, clears KCG214 in the other file", async () => {
    await s.client.open(uriOf(kubelet), `${selfSigned}serverTLSBootstrap: true\n`, 1);
    await s.diagnostics(apiserver, 'KCG214 to go', (d) => !codes(d).includes('KCG214'));
  });
});

describe('workspace scan switched off, and without progress support', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-scan-off-'));
  const apiserver = path.join(tmp, 'apiserver.yaml');
  let s: Session;

  before(async () => {
    write(apiserver, APISERVER);
    s = new Session();
    s.settings = { enable: true, scanWorkspace: false };
    // No window.workDoneProgress: the server must not create progress.
    await s.initialize(tmp, { workspace: { configuration: true, workspaceFolders: true } });
  });
  after(async () => {
    await s.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('publishes nothing for unopened files while scanWorkspace is false, then scans when it is turned on, and clears when off again', async () => {
    await s.until('the folder settings to be pulled', () => s.configurationAsked.some((c) => c.startsWith('kubeChannelGuard@')));
    // Time for a scan that should not happen; turning the setting on below shows that a scan would have been seen.
    await new Promise((resolve) => setTimeout(resolve, 700));
    assert.equal(s.last(apiserver), undefined);
    s.settings = { enable: true, scanWorkspace: true };
    await s.client.changeSettings(s.settings);
    await s.diagnostics(apiserver, 'KCG201 once the scan is on', (d) => codes(d).includes('KCG201'));
    s.settings = { enable: true, scanWorkspace: false };
    await s.client.changeSettings(s.settings);
    await s.diagnostics(apiserver, 'the diagnostics to be cleared once the scan is off', (d) => d.length === 0);
    assert.deepEqual(s.progress, [], 'no progress without window.workDoneProgress');
  });
});

describe('files.exclude patterns, URIs and sizes', () => {
  it('match VS Code globs: **/x at any depth, *.y at the top only, {a,b} alternatives, character classes', () => {
    const cases: Array<[string, string, boolean]> = [
      ['**/node', 'node', true],
      ['**/node', 'a/b/node', true],
      ['**/node', 'a/nodes', false],
      ['*.tmp.yaml', 'x.tmp.yaml', true],
      ['*.tmp.yaml', 'dir/x.tmp.yaml', false],
      ['**/*.tmp.yaml', 'dir/x.tmp.yaml', true],
      ['{build,dist}', 'dist', true],
      ['{build,dist}', 'distx', false],
      ['**/{build,out/gen}', 'a/out/gen', true],
      ['charts/**', 'charts', true],
      ['charts/**', 'charts/a/b.yaml', true],
      ['a/**/b', 'a/b', true],
      ['a/**/b', 'a/x/y/b', true],
      ['a/**/b', 'ab', false],
      ['file?.yaml', 'file1.yaml', true],
      ['file?.yaml', 'file/.yaml', false],
      ['[abc].yaml', 'b.yaml', true],
      ['[!abc].yaml', 'b.yaml', false],
      ['x.(y)+.yaml', 'x.(y)+.yaml', true],
    ];
    for (const [glob, relative, expected] of cases) assert.equal(globToRegExp(glob)?.test(relative), expected, `${glob} ~ ${relative}`);
  });

  it('honour false values and sibling conditions', () => {
    const exclude = new FilesExclude({ '**/.git': true, 'keep': false, '**/*.js': { when: '$(basename).ts' } });
    assert.equal(exclude.excludes('a/.git'), true);
    assert.equal(exclude.excludes('keep'), false);
    assert.equal(exclude.excludes('a.js', new Set(['a.js', 'a.ts'])), true);
    assert.equal(exclude.excludes('b.js', new Set(['b.js'])), false);
  });

  it('scanned files are published under the URI VS Code gives them, so that the Problems panel lists each file once', () => {
    if (path.sep !== '/') return;
    assert.equal(fileUri('/tmp/a b/c#d[1].yaml'), 'file:///tmp/a%20b/c%23d%5B1%5D.yaml');
    assert.equal(fileUri("/x/\u00fc/(a)+!'*~.yml"), 'file:///x/%C3%BC/%28a%29%2B%21%27%2A~.yml');
    assert.equal(fileUri('/x/a:b@c,d;e=f&g$h.yaml'), 'file:///x/a%3Ab%40c%2Cd%3Be%3Df%26g%24h.yaml');
  });

  it('size messages read as a user would write them', () => {
    assert.equal(formatSize(9.1 * 1024 * 1024, 8192), '9.1 MiB');
    assert.equal(formatSize(8192 * 1024 + 300, 8192), '8193 KiB');
    assert.equal(formatSize(3000, 2), '3 KiB');
  });
});
