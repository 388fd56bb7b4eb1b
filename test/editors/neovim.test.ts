// Neovim's own LSP client, headless, drives the standalone server: diagnostics on open, hover, and a quick fix applied
// to the buffer. It is a client nobody on this project wrote, so it catches protocol mistakes vscode-languageclient tolerates.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ROOT } from '../helpers';

// Plain CommonJS, shared with scripts that are not compiled.
const { ensureNeovim } = require(path.join(ROOT, 'scripts', 'editors', 'neovim.js')) as { ensureNeovim: () => string };

/** What test/editors/neovim.lua writes. Fields are absent when the script stopped before reaching them. */
interface NeovimResult {
  nvim: string;
  error?: string;
  failed_step?: string;
  lsp_log: string;
  offset_encoding?: string;
  rpc_errors: string[] | Record<string, never>;
  messages: Array<{ kind: string; type: number; message: string }> | Record<string, never>;
  published: Array<{ version: number | null; codes: string[] }> | Record<string, never>;
  timings: Record<string, number>;
  first_kcg201_wire?: { range: { start: Position; end: Position }; source: string; severity: number };
  diagnostics?: Array<{ code: string; source: string; severity: number; message: string; lnum: number; col: number; end_lnum: number; end_col: number }>;
  hover?: { error: unknown; kind: string | null; value: string | null; rendered: string[] | Record<string, never> };
  code_action_request_diagnostics?: number;
  code_actions?: { error: unknown; titles: string[] | Record<string, never>; client_shows_documents: boolean; chosen?: string; chosen_has_edit?: boolean };
  changed?: boolean;
  text_after_fix?: string;
  version_after_fix?: number;
  last_published_version?: number | null;
  settled?: boolean;
  kcg201_after_fix?: number;
  diagnostics_after_fix?: number;
  exit?: { code: number; signal: number };
  no_folders_diagnostics?: boolean;
}
interface Position {
  line: number;
  character: number;
}

const TIMEOUT_MS = 20_000;
const FIX = 'Add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
const FIX_LINE = '    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
const example = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8');

function positionOf(text: string, needle: string, delta = 0): Position {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the example`);
  const lines = text.slice(0, offset + delta).split('\n');
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

/** Runs nvim in a process group of its own, so that a timeout ends it and the server it started. */
function runNeovim(nvim: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; timedOut: boolean; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(nvim, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, output });
    });
  });
}

const list = <T>(value: T[] | Record<string, never> | undefined): T[] => (Array.isArray(value) ? value : []);

/**
 * Runs test/editors/neovim.lua in headless Neovim on a temporary copy of the example, and returns what it recorded,
 * with the context (nvim's output, the tail of lsp.log, the whole result) for failure messages.
 */
async function runScenario(dir: string): Promise<{ result: NeovimResult; context: string }> {
  const nvim = ensureNeovim();
  const manifest = path.join(dir, 'kube-apiserver.yaml');
  const secondManifest = path.join(dir, 'second', 'kube-apiserver.yaml');
  fs.writeFileSync(manifest, example);
  fs.mkdirSync(path.dirname(secondManifest));
  fs.writeFileSync(secondManifest, example);
  const resultFile = path.join(dir, 'result.json');
  const params = {
    cmd: [process.execPath, path.join(ROOT, 'dist', 'server.js'), '--stdio'],
    root: dir,
    manifest,
    second_manifest: secondManifest,
    // KCG201 is a warning by default: raised to an error, it shows that the editor's settings reach the server.
    settings: { kubeChannelGuard: { rules: { KCG201: 'error' } } },
    result: resultFile,
    wait_ms: 4000,
    hover: positionOf(example, '--kubelet-client-certificate', 4),
    action_prefix: 'Add --kubelet-certificate-authority=',
  };
  fs.writeFileSync(path.join(dir, 'params.json'), JSON.stringify(params));
  // Neovim's state, cache (with lsp.log) and config go to the temporary folder, not to the user's home.
  const env: NodeJS.ProcessEnv = { ...process.env, KCG_NVIM_PARAMS: path.join(dir, 'params.json') };
  for (const xdg of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_STATE_HOME', 'XDG_CACHE_HOME']) env[xdg] = path.join(dir, xdg.toLowerCase());
  const script = path.join(ROOT, 'test', 'editors', 'neovim.lua');
  const run = await runNeovim(nvim, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], env);
  const logFile = path.join(dir, 'xdg_cache_home', 'nvim', 'lsp.log');
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
  let context = `nvim exit ${run.code}${run.timedOut ? ' (killed after timeout)' : ''}\nnvim output: ${run.output.trim()}\nlsp.log tail:\n${log}`;
  assert.ok(!run.timedOut, `nvim did not finish within ${TIMEOUT_MS} ms\n${context}`);
  assert.ok(fs.existsSync(resultFile), `the Lua script wrote no result\n${context}`);
  const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NeovimResult;
  context += `\nresult: ${JSON.stringify(result, null, 1)}`;
  assert.equal(result.error, undefined, `the Lua script failed\n${context}`);
  return { result, context };
}

describe('Neovim (headless, built-in LSP client)', () => {
  let dir: string | undefined;
  let scenario: Promise<{ result: NeovimResult; context: string }>;
  let result: NeovimResult;
  let context: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-nvim-'));
    scenario = runScenario(dir);
    // Each test awaits the scenario, so a failed run fails every test with its reason (a failed hook only cancels them).
    scenario.catch(() => undefined);
  });

  beforeEach(async () => {
    ({ result, context } = await scenario);
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs on Neovim 0.7 or later, with no protocol errors, no error messages and a clean shutdown', () => {
    const [major, minor] = result.nvim.split('.').map(Number);
    assert.ok(major > 0 || minor >= 7, `Neovim ${result.nvim}`);
    assert.deepEqual(list(result.rpc_errors), [], context);
    assert.deepEqual(list(result.messages).filter((m) => m.type <= 2), [], `no error or warning from the server\n${context}`);
    assert.equal(result.offset_encoding, 'utf-16');
    assert.deepEqual(result.exit, { code: 0, signal: 0 }, `the server exits with 0 after shutdown and exit\n${context}`);
  });

  it('shows KCG201 from kube-channel-guard on the command: key, on open, at the severity the settings give', () => {
    assert.equal(result.failed_step, undefined, context);
    const start = positionOf(example, 'command:');
    const end = positionOf(example, 'command:', 'command'.length);
    // Severity 1 (error) instead of the default warning: the settings reached the server (pulled on 0.8+, pushed on 0.7).
    assert.deepEqual(result.first_kcg201_wire, { range: { start, end }, source: 'kube-channel-guard', severity: 1 }, context);
    const kcg201 = (result.diagnostics ?? []).filter((d) => d.code === 'KCG201');
    assert.equal(kcg201.length, 1, context);
    const [d] = kcg201;
    // vim.diagnostic's own view: 0-based lines and byte columns, severity ERROR (1).
    assert.deepEqual(
      { source: d.source, severity: d.severity, lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col },
      { source: 'kube-channel-guard', severity: 1, lnum: start.line, col: start.character, end_lnum: end.line, end_col: end.character },
    );
    assert.match(d.message, /--kubelet-certificate-authority/);
  });

  it('shows the channel on hover over a flag, rendered by Neovim', () => {
    const hover = result.hover;
    assert.ok(hover, context);
    assert.equal(hover.error, null, context);
    assert.equal(hover.kind, 'markdown');
    assert.match(hover.value ?? '', /Channel: \*\*API server → kubelet\*\*/, context);
    const rendered = list(hover.rendered).join('\n');
    assert.match(rendered, /--kubelet-client-certificate \(kube-apiserver\)/, context);
    assert.match(rendered, /API server → kubelet/, context);
  });

  it('applies the quick fix: the flag line is added and KCG201 disappears after the change', () => {
    const actions = result.code_actions;
    assert.ok(actions, context);
    assert.equal(actions.error, null, context);
    // The four findings on the command: key (KCG101, KCG132, KCG201, KCG418) go back with the request, with their data.
    assert.equal(result.code_action_request_diagnostics, 4, 'the line diagnostics sent back with the request');
    assert.ok(list(actions.titles).includes(FIX), `offered: ${JSON.stringify(actions.titles)}`);
    assert.ok(list(actions.titles).includes('Disable KCG201 for this line'), `offered: ${JSON.stringify(actions.titles)}`);
    // "Show documentation" runs window/showDocument: offered only to a client that declares it (Neovim 0.7 does not).
    assert.equal(list(actions.titles).includes('Show documentation for KCG201'), actions.client_shows_documents, `offered: ${JSON.stringify(actions.titles)}`);
    assert.equal(actions.chosen, FIX);
    assert.equal(actions.chosen_has_edit, true);
    assert.equal(result.changed, true);
    assert.equal(
      result.text_after_fix,
      example.replace('    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n', `    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n${FIX_LINE}\n`),
    );
    assert.equal(result.settled, true, `diagnostics for version ${result.version_after_fix} arrived\n${context}`);
    assert.equal(result.last_published_version, result.version_after_fix);
    assert.equal(result.kcg201_after_fix, 0, context);
    // Only KCG201 went: the other findings on the key are still published for the new version.
    assert.ok((result.diagnostics_after_fix ?? 0) > 0, context);
  });

  it('serves a client that pulls settings but has no workspace folders', () => {
    assert.equal(result.no_folders_diagnostics, true, context);
  });

  it('stays well inside its time budget', () => {
    const total = Object.values(result.timings).reduce((a, b) => a + b, 0);
    assert.ok(total < 15_000, JSON.stringify(result.timings));
  });
});
