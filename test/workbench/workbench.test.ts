// The real VS Code workbench: the packaged .vsix installed into code-server, driven through Debian's Chromium with
// playwright-core, asserting what a user sees (squiggles, Problems entries, the hover, the light-bulb menu, settings,
// the channel map). Screenshots of every step go to out/screenshots/; UPDATE_DOC_IMAGES=1 also copies those shown in the README
// to docs/images/. scripts/editors/codeServer.js installs what this needs into .cache/ on the first run.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/engine/workspace/analyzeWorkspace';
import { channelMapOf } from '../../server/src/engine/workspace/channelMap';
import { renderChannelMapHtml } from '../../server/src/report/channelMapHtml';
import { ROOT } from '../helpers';

// --- The little of playwright-core and code-server's helper this test uses (both are plain JS loaded at run time). ---

interface Locator {
  click(): Promise<void>;
  hover(): Promise<void>;
  fill(value: string): Promise<void>;
  selectOption(value: string): Promise<string[]>;
  waitFor(options: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  first(): Locator;
  count(): Promise<number>;
  focus(): Promise<void>;
  press(key: string): Promise<void>;
  innerText(): Promise<string>;
  textContent(): Promise<string | null>;
  getAttribute(name: string): Promise<string | null>;
  evaluateAll<R>(fn: (elements: DomElement[]) => R): Promise<R>;
}
/** A webview's content: code-server shows it in an iframe inside an iframe. */
interface FrameLocator {
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
}
interface Page {
  goto(url: string, options?: { timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void>; insertText(text: string): Promise<void> };
  mouse: { move(x: number, y: number): Promise<void> };
  screenshot(options: { path: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R, arg: A): Promise<R>;
  setDefaultTimeout(ms: number): void;
  frameLocator(selector: string): FrameLocator;
  url(): string;
  on(event: 'request', listener: (request: { url(): string }) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  close(): Promise<void>;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[]; timeout?: number }): Promise<Browser> };
}
interface CodeServer {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}
interface CodeServerModule {
  ensureCodeServer(): Promise<{ bin: string; chromium: string; playwright: string }>;
  startCodeServer(options: { folder: string; extensionsDir: string; userDataDir: string; port?: number; log?: string }): Promise<CodeServer>;
  installVsix(vsix: string, extensionsDir: string): void;
}

// The functions given to page.evaluate run in the browser; these are the DOM types they use.
interface DomElement {
  className: string;
  textContent: string | null;
  style: { top: string };
  parentElement: DomElement | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  hidden?: boolean;
  offsetWidth?: number;
  offsetHeight?: number;
  href?: string;
}
interface DomAnimation {
  finished: Promise<unknown>;
  effect: { getComputedTiming(): { endTime?: number | string } } | null;
}
declare const document: {
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getAnimations(): DomAnimation[];
  activeElement: DomElement | null;
};
declare function getComputedStyle(element: DomElement): { stroke: string };

const codeServer = require(path.join(ROOT, 'scripts', 'editors', 'codeServer.js')) as CodeServerModule;
const packaging = require(path.join(ROOT, 'scripts', 'package.js')) as { vsix: string };

// --- What the user types, and what the fixes should write. ---

const FILE_NAME = 'kube-apiserver-new.yaml';
/** A hardened kubeadm-style API server that only leaves the kubelet channel unverified: KCG201 is its one finding. */
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  hostNetwork: true
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.31.2
    command:
    - kube-apiserver
    - --anonymous-auth=false
    - --authorization-mode=Node,RBAC
    - --client-ca-file=/etc/kubernetes/pki/ca.crt
    - --enable-admission-plugins=NodeRestriction
    - --etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt
    - --etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt
    - --etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key
    - --etcd-servers=https://127.0.0.1:2379
    - --kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt
    - --kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key
    - --profiling=false
    - --service-account-issuer=https://kubernetes.default.svc.cluster.local
    - --service-account-key-file=/etc/kubernetes/pki/sa.pub
    - --service-account-signing-key-file=/etc/kubernetes/pki/sa.key
    - --service-account-extend-token-expiration=false
    - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
`;
const COMMAND_LINE = '    command:';
const FIX_TITLE = 'Add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
const FIX_LINE = '    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';
const DISABLE_TITLE = 'Disable KCG201 for this line';
const FIXED = POD.replace('    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n', `$&${FIX_LINE}\n`);

/** User settings the test starts with: no welcome page or network chatter, and typed text keeps its own indentation. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  // VS Code for the web saves after a delay by default; off, the test can show findings come without any save.
  'files.autoSave': 'off',
  // YAML's default `keep` would add the previous line's indentation to each typed line, which already has its own.
  '[yaml]': { 'editor.autoIndent': 'none' },
  // Screenshots read better without the scope header pinned over the first lines.
  'editor.stickyScroll.enabled': false,
  // The steps read the Problems panel for the typed file alone; the last step turns the workspace scan on.
  'kubeChannelGuard.scanWorkspace': false,
};

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = path.join(ROOT, 'out', 'screenshots');
const DOC_IMAGES: Record<string, string> = {
  '1-diagnostic.png': 'workbench-1-diagnostic.png',
  '2-hover.png': 'workbench-2-hover.png',
  '3-quickfix-menu.png': 'workbench-3-quickfix.png',
  '6-settings-error.png': 'workbench-4-settings.png',
  '7-channel-map.png': 'channel-map.png',
};
const STEP_MS = 60_000;

// --- Reading the workbench's DOM. ---

/** The editor showing our file: Monaco puts the model's URI on its root element. */
const EDITOR = `.monaco-editor[data-uri$="/${FILE_NAME}"]`;

interface EditorView {
  /** Rendered lines, top to bottom, with Monaco's non-breaking spaces turned back into spaces. */
  lines: string[];
  /** Squiggle classes (squiggly-warning, squiggly-error...) by rendered line text. */
  squiggles: Record<string, string[]>;
}
interface Problem {
  code: string;
  severity: string;
  message: string;
  position: string;
}

async function editorView(page: Page): Promise<EditorView> {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    if (!root) return { lines: [], squiggles: {} };
    const byTop = new Map<string, string>();
    const lines = Array.from(root.querySelectorAll('.view-lines .view-line'))
      .map((line) => ({ top: parseFloat(line.style.top), text: (line.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top);
    for (const line of lines) byTop.set(String(line.top), line.text);
    const squiggles: Record<string, string[]> = {};
    for (const squiggle of Array.from(root.querySelectorAll('.view-overlays [class*="squiggly-"]'))) {
      const text = byTop.get(String(parseFloat(squiggle.parentElement?.style.top ?? ''))) ?? '?';
      const kind = squiggle.className.split(' ').find((c) => c.startsWith('squiggly-')) ?? squiggle.className;
      (squiggles[text] ??= []).push(kind);
    }
    return { lines: lines.map((l) => l.text), squiggles };
  }, EDITOR);
}

/** The Problems panel's entries, as rendered (code, severity icon, message, position). */
async function problems(page: Page): Promise<Problem[]> {
  return page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'));
    return rows
      .filter((row) => row.querySelector('.marker-icon') !== null)
      .map((row) => ({
        code: row.querySelector('.marker-code')?.textContent ?? '',
        severity: (row.querySelector('.marker-icon')?.className ?? '').split(' ').filter((c) => c !== 'marker-icon' && c !== 'quickFix').join(' '),
        message: row.querySelector('.marker-message')?.textContent ?? '',
        position: row.querySelector('.marker-line')?.textContent ?? '',
      }));
  }, undefined);
}

/** An aggregated API that skips TLS verification, in a file the workspace scan finds on disk. */
const SCANNED_APISERVICE = `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics.k8s.io
spec:
  group: metrics.k8s.io
  version: v1beta1
  groupPriorityMinimum: 100
  versionPriority: 100
  insecureSkipTLSVerify: true
  service:
    name: metrics
    namespace: scan-only
`;

/** The text of the editor hover that is showing, or '' when none is. */
async function hoverText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const shown = Array.from(document.querySelectorAll('.monaco-hover')).filter((h) => !h.className.split(' ').includes('hidden'));
    return shown.map((h) => h.textContent ?? '').join('\n');
  }, undefined);
}

/** The light-bulb menu's actions, and the one that has the keyboard focus. */
async function actionMenu(page: Page): Promise<{ titles: string[]; focused: string | null }> {
  return page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('.action-widget .monaco-list-row.action'));
    return {
      titles: rows.map((row) => row.getAttribute('aria-label') ?? ''),
      focused: rows.find((row) => row.className.split(' ').includes('focused'))?.getAttribute('aria-label') ?? null,
    };
  }, undefined);
}

/** The code lenses shown in our editor. */
async function codeLenses(page: Page): Promise<string[]> {
  return page.evaluate((selector) => Array.from(document.querySelectorAll(`${selector} .codelens-decoration`)).map((lens) => (lens.textContent ?? '').replace(/\u00a0/g, ' ').trim()), EDITOR);
}

/** The status bar's text (language mode, indentation, problem counts). */
async function statusBar(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('.statusbar')?.textContent ?? '', undefined);
}

/**
 * Polls `probe` until `ok` holds; on timeout the error shows what was last seen. A webview that redraws replaces its
 * frame: a probe that lands in the old one ("Frame was detached") is simply asked again.
 */
async function waitUntil<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const attempt = async (): Promise<{ value: T } | undefined> => {
    try {
      return { value: await probe() };
    } catch (error) {
      if (error instanceof Error && /detached/i.test(error.message) && Date.now() < deadline) return undefined;
      throw error;
    }
  };
  let last = await attempt();
  while (!last || !ok(last.value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last seen: ${JSON.stringify(last?.value, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await attempt();
  }
  return last.value;
}

const squigglesOn = (view: EditorView, line: string): string[] => view.squiggles[line] ?? [];

// --- The channel map (client/src/channelMap.ts), a webview: its page is in an iframe inside code-server's webview iframe. ---

/** The example files the channel map step opens, so that the map has an API server, kubelets and their findings. */
const MAP_FILES = ['kube-apiserver.yaml', 'kube-apiserver-shell.yaml', 'kubelet-daemonset.yaml', 'kubelet-config.yaml'];
const WEBVIEW = 'iframe.webview.ready';
/** KCG204 in examples/kubelet-config.yaml: `enabled: true` under authentication.anonymous, line 7. */
const KCG204_PLACE = 'kubelet-config.yaml:7';

interface MapEdgeView {
  id: string;
  state: string;
  count: number;
  label: string;
  pill: string;
  stroke: string;
  pressed: string;
}

/** The links drawn on a channel map, by id: state, finding count, accessible name, the text on the line and its colour. */
async function mapEdges(map: FrameLocator): Promise<Record<string, MapEdgeView>> {
  const edges = await map.locator('g.edge').evaluateAll((elements) =>
    elements.map((el) => ({
      id: (el.getAttribute('id') ?? '').replace(/^edge-/, ''),
      state: el.getAttribute('data-state') ?? '',
      count: Number(el.getAttribute('data-count')),
      label: el.getAttribute('aria-label') ?? '',
      pill: el.querySelector('.pill-state')?.textContent ?? '',
      stroke: getComputedStyle(el.querySelector('.line') ?? el).stroke,
      pressed: el.getAttribute('aria-pressed') ?? '',
    })),
  );
  return Object.fromEntries(edges.map((e) => [e.id, e]));
}

/** The details the map shows: the section that is not hidden, as text. */
async function mapDetails(map: FrameLocator): Promise<{ id: string; text: string }> {
  const [shown] = await map.locator('.details > section').evaluateAll((sections) =>
    sections.filter((s) => s.hidden !== true).map((s) => ({ id: s.getAttribute('id') ?? '', text: (s.textContent ?? '').replace(/\s+/g, ' ') })),
  );
  return shown ?? { id: '', text: '' };
}

/** `rgb(207, 34, 46)` as numbers. */
function rgb(colour: string): [number, number, number] {
  const [r, g, b] = (colour.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  return [r ?? 0, g ?? 0, b ?? 0];
}

describe('the VS Code workbench (code-server + Chromium)', { timeout: 6 * 60_000 }, () => {
  let tmp = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let file = '';
  let userSettings = '';
  let failed = false;

  async function shot(name: string): Promise<void> {
    // Let fade-ins (hover, menus) finish, so the picture shows what the user reads; endless ones (the cursor) are left out.
    await page.evaluate(
      () =>
        Promise.race([
          Promise.all(
            document
              .getAnimations()
              .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
              .map((a) => a.finished.catch(() => undefined)),
          ),
          new Promise((resolve) => setTimeout(resolve, 2000)),
        ]),
      undefined,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, name) });
  }

  /** Runs one step; on failure keeps a screenshot of what the browser showed. */
  async function step(name: string, body: () => Promise<void>): Promise<void> {
    // Each step starts where the one before left the editor: after a failure, say so at once instead of timing out.
    assert.ok(!failed, 'an earlier step failed, so the editor is not in the state this step starts from');
    try {
      await body();
    } catch (error) {
      failed = true;
      await page?.screenshot({ path: path.join(SCREENSHOTS, `failed-${name}.png`) }).catch(() => undefined);
      throw error;
    }
  }

  /** Puts the cursor on the `command:` key the finding is on, and opens the light-bulb menu with Ctrl+. */
  async function openLightBulb(): Promise<string[]> {
    await page.mouse.move(1, 1);
    await page.keyboard.press('Escape');
    await page.locator(`${EDITOR} .view-line span span`, { hasText: /^command$/ }).first().click();
    // The first Ctrl+. can come before the code actions of a fresh diagnostic are known: then no menu opens. Ask again.
    let menu = { titles: [] as string[], focused: null as string | null };
    for (let attempt = 0; attempt < 5 && menu.titles.length === 0; attempt++) {
      await page.keyboard.press('Control+.');
      menu = await waitUntil('the light-bulb menu', () => actionMenu(page), (m) => m.titles.length > 0, 3000).catch(() => menu);
    }
    assert.ok(menu.titles.length > 0, 'Ctrl+. on the finding opens the light-bulb menu');
    return menu.titles;
  }

  /** Picks an action in the open light-bulb menu with the arrow keys and Enter, as a keyboard user does. */
  async function choose(title: string): Promise<void> {
    for (let i = 0; i < 10; i++) {
      const { focused } = await actionMenu(page);
      if (focused === title) {
        await page.keyboard.press('Enter');
        await waitUntil('the light-bulb menu to close', () => actionMenu(page), (m) => m.titles.length === 0, 5000);
        return;
      }
      await page.keyboard.press('ArrowDown');
    }
    assert.fail(`"${title}" is not in the light-bulb menu: ${JSON.stringify(await actionMenu(page))}`);
  }

  async function kcg201Shown(severity: 'warning' | 'error'): Promise<void> {
    await waitUntil(`a ${severity} squiggle on command: and a KCG201 ${severity} in Problems`, async () => ({ view: await editorView(page), problems: await problems(page) }), (s) =>
      squigglesOn(s.view, COMMAND_LINE).includes(`squiggly-${severity}`) && s.problems.some((p) => p.code === 'KCG201' && p.severity.includes(severity)),
    );
  }

  async function kcg201Gone(): Promise<void> {
    await waitUntil('the KCG201 squiggle and Problems entry to go', async () => ({ view: await editorView(page), problems: await problems(page) }), (s) =>
      s.view.lines.includes(COMMAND_LINE) && squigglesOn(s.view, COMMAND_LINE).length === 0 && s.problems.length === 0,
    );
  }

  before(async () => {
    // Until the workbench is up, a failure here counts as a failed step: `after` then keeps code-server's log.
    failed = true;
    const started = Date.now();
    fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const env = await codeServer.ensureCodeServer();
    // Package what `npm test` just built, so the test runs exactly what a user installs.
    const packed = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.js')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(packed.status, 0, `node scripts/package.js failed:\n${packed.stdout}${packed.stderr}`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-workbench-'));
    const extensionsDir = path.join(tmp, 'extensions');
    const userDataDir = path.join(tmp, 'user-data');
    const folder = path.join(tmp, 'examples');
    fs.cpSync(path.join(ROOT, 'examples'), folder, { recursive: true });
    file = path.join(folder, FILE_NAME);
    fs.writeFileSync(file, '');
    userSettings = path.join(userDataDir, 'User', 'settings.json');
    fs.mkdirSync(path.dirname(userSettings), { recursive: true });
    fs.writeFileSync(userSettings, `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
    codeServer.installVsix(packaging.vsix, extensionsDir);
    server = await codeServer.startCodeServer({ folder, extensionsDir, userDataDir, log: path.join(tmp, 'code-server.log') });
    // `after` stops it; this also does when the runner is interrupted before `after` can run.
    process.once('exit', () => void server?.stop());
    const { chromium } = require(env.playwright) as Playwright;
    browser = await chromium.launch({ executablePath: env.chromium, args: CHROMIUM_ARGS, timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    // Well inside a step's time, so that a stuck action fails inside the step, which then keeps a screenshot.
    page.setDefaultTimeout(15_000);
    // `payload` opens the file straight away, with focus, and no welcome page in the way.
    const payload = encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${file}`]]));
    await page.goto(`${server.url}?folder=${encodeURIComponent(folder)}&payload=${payload}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator(`${EDITOR} .view-lines`).waitFor({ timeout: 60_000 });
    // Until the YAML language is registered the file is plain text, and what is typed then is indented as plain text.
    await waitUntil('the file to be YAML, with YAML\'s indentation', () => statusBar(page), (t) => t.includes('YAML') && t.includes('Spaces: 2'), 60_000);
    failed = false;
    console.log(`# workbench ready in ${((Date.now() - started) / 1000).toFixed(1)} s (code-server ${server.url})`);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (tmp) {
      const log = path.join(tmp, 'code-server.log');
      if (failed && fs.existsSync(log)) fs.copyFileSync(log, path.join(SCREENSHOTS, 'code-server.log'));
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    if (!failed && process.env.UPDATE_DOC_IMAGES === '1') {
      const images = path.join(ROOT, 'docs', 'images');
      fs.mkdirSync(images, { recursive: true });
      // A run of some steps only (--test-name-pattern) updates the images of those steps.
      for (const [from, to] of Object.entries(DOC_IMAGES)) if (fs.existsSync(path.join(SCREENSHOTS, from))) fs.copyFileSync(path.join(SCREENSHOTS, from), path.join(images, to));
    }
  });

  it('typing a kube-apiserver static pod draws the KCG201 squiggle and a Problems entry, with no save', { timeout: STEP_MS }, () =>
    step('typing', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').waitFor({ timeout: 10_000 });
      const empty = await editorView(page);
      assert.deepEqual(empty.squiggles, {}, 'the empty file has no squiggles');
      await page.locator(`${EDITOR} .view-lines`).click();
      await page.keyboard.insertText(POD);
      await kcg201Shown('warning');
      await page.keyboard.press('Control+Home');
      const lens = await waitUntil('the code lens', () => codeLenses(page), (t) => t.length > 0, 15_000);
      assert.deepEqual(lens, ['API server → kubelet: unverified · others ok'], 'the code lens above the container sums up its channels');
      const view = await editorView(page);
      assert.equal(view.lines[0], 'apiVersion: v1');
      assert.ok(view.lines.includes('    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key'), 'the typed pod is in the editor as typed');
      assert.deepEqual(squigglesOn(view, COMMAND_LINE), ['squiggly-warning'], 'one warning squiggle, on the command: key');
      assert.deepEqual(Object.keys(view.squiggles), [COMMAND_LINE], 'no squiggle anywhere else');
      const [problem, ...others] = await problems(page);
      assert.deepEqual(others, [], 'KCG201 is the only problem');
      assert.equal(problem.code, 'KCG201');
      assert.match(problem.severity, /warning/);
      assert.match(problem.message, /^kube-apiserver has no --kubelet-certificate-authority/);
      assert.equal(problem.position, '[Ln 11, Col 5]');
      assert.equal(fs.readFileSync(file, 'utf8'), '', 'the findings came as the user typed: nothing was saved');
      await shot('1-diagnostic.png');
    }),
  );

  it('hovering a flag explains its channel, and hovering the squiggle shows the finding', { timeout: STEP_MS }, () =>
    step('hover', async () => {
      await page.locator(`${EDITOR} .view-line span span`, { hasText: /^kubelet-client-certificate$/ }).first().hover();
      const flagHover = await waitUntil('the flag hover', () => hoverText(page), (t) => t.includes('--kubelet-client-certificate (kube-apiserver)'), 15_000);
      assert.match(flagHover, /Channel: API server → kubelet\./);
      assert.match(flagHover, /This file sets\s*--kubelet-client-certificate=\/etc\/kubernetes\/pki\/apiserver-kubelet-client\.crt/);
      await shot('2-hover.png');
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      await waitUntil('the hover to close', () => hoverText(page), (t) => t === '', 5000);
      await page.locator(`${EDITOR} .view-line span span`, { hasText: /^command$/ }).first().hover();
      const findingHover = await waitUntil('the squiggle hover', () => hoverText(page), (t) => t.includes('KCG201'), 15_000);
      assert.match(findingHover, /kube-apiserver has no --kubelet-certificate-authority/);
      assert.match(findingHover, /API server → kubelet: 1 finding: KCG201/);
      await shot('2b-hover-finding.png');
    }),
  );

  it('the quick fix from the light-bulb menu adds --kubelet-certificate-authority and the problem goes', { timeout: STEP_MS }, () =>
    step('quickfix', async () => {
      const titles = await openLightBulb();
      assert.deepEqual(titles, [FIX_TITLE, DISABLE_TITLE, 'Disable KCG201 for this file', 'Show documentation for KCG201']);
      await shot('3-quickfix-menu.png');
      await choose(FIX_TITLE);
      await kcg201Gone();
      // Reveal the end of the file, where the flag was appended to the list.
      await page.keyboard.press('Control+End');
      const view = await waitUntil('the added flag on screen', () => editorView(page), (v) => v.lines.includes(FIX_LINE), 10_000);
      const added = view.lines.indexOf(FIX_LINE);
      assert.equal(view.lines[added - 1], '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key', 'appended after the last flag, indented like it');
      await shot('4-quickfix-applied.png');
      await page.keyboard.press('Control+S');
      await waitUntil('the fixed file on disk', async () => fs.readFileSync(file, 'utf8'), (t) => t !== '', 10_000);
      assert.equal(fs.readFileSync(file, 'utf8'), FIXED, 'the fix is exactly one added line');
    }),
  );

  it('"Disable KCG201 for this line" writes the suppression comment and the problem goes', { timeout: STEP_MS }, () =>
    step('disable', async () => {
      await page.keyboard.press('Control+Z');
      await kcg201Shown('warning');
      await openLightBulb();
      await choose(DISABLE_TITLE);
      await kcg201Gone();
      const view = await editorView(page);
      const command = view.lines.indexOf(COMMAND_LINE);
      assert.match(view.lines[command - 1] ?? '', /^ {4}# kube-channel-guard-disable-next-line KCG201\b/, 'the comment stands above command:, indented like it');
      assert.deepEqual(view.squiggles, {}, 'the comment itself draws nothing (no unused-suppression hint)');
      await shot('5-disabled-for-line.png');
      await page.keyboard.press('Control+Z');
      await kcg201Shown('warning');
    }),
  );

  it('setting KCG201 to "error" in the Settings UI turns the squiggle and the Problems entry into errors', { timeout: STEP_MS }, () =>
    step('settings', async () => {
      await page.keyboard.press('Control+B'); // Hide the side bar: the editor and the settings side by side need the room.
      await page.keyboard.press('Control+,');
      await page.locator('.settings-editor .suggest-input-container').waitFor({ timeout: 15_000 });
      await page.keyboard.press('Control+Alt+ArrowRight'); // Move the Settings editor to a group on the right.
      await page.keyboard.type('kubeChannelGuard.rules');
      await waitUntil('the search to find the setting', () => page.evaluate(() => document.querySelector('.settings-editor .settings-count-widget')?.textContent ?? '', undefined), (t) => t === '1 Setting Found', 15_000);
      const setting = page.locator('.settings-editor .setting-item-contents', { hasText: 'Kube Channel Guard: Rules' });
      // The list re-renders while the search settles, and an early click or key can land on the row it replaces: retry.
      const valueSelect = setting.locator('.setting-list-edit-row select');
      for (let attempt = 0; ; attempt++) {
        try {
          if ((await setting.locator('.setting-list-edit-row').count()) === 0) await setting.locator('.setting-list-addButton').click();
          await setting.locator('.setting-list-edit-row input[placeholder="Key"]').fill('KCG201');
          // Once the key matches the setting's pattern, the value becomes a drop-down of the levels.
          await valueSelect.waitFor({ timeout: 3000 });
          break;
        } catch (error) {
          if (attempt >= 4) throw error;
        }
      }
      await valueSelect.selectOption('error');
      await setting.locator('.setting-list-ok-button').click();
      await kcg201Shown('error');
      const view = await editorView(page);
      assert.deepEqual(squigglesOn(view, COMMAND_LINE), ['squiggly-error'], 'the warning squiggle became an error squiggle');
      const [problem, ...others] = await problems(page);
      assert.deepEqual(others, []);
      assert.equal(problem.code, 'KCG201');
      assert.match(problem.severity, /error/);
      const saved = JSON.parse(fs.readFileSync(userSettings, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(saved['kubeChannelGuard.rules'], { KCG201: 'error' }, 'the Settings UI wrote the user settings');
      await page.mouse.move(1, 1);
      await shot('6-settings-error.png');
    }),
  );
  /** Runs a command from the palette by its title, as a user does. */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(title);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: title.replace(/^.*: /, '') }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Opens a file of the workspace with Ctrl+P, and waits for its editor. */
  async function quickOpen(name: string): Promise<void> {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(name);
    // The best match comes first; wait until it is this very file, not one whose name only starts the same.
    await page.locator('.quick-input-widget .monaco-list-row.focused .label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator(`.monaco-editor[data-uri$="/${name}"] .view-lines`).waitFor({ timeout: 15_000 });
  }

  /** Whether a workbench part (`sidebar`, `panel`) is on screen. */
  async function partShown(part: string): Promise<boolean> {
    return page.evaluate((name) => {
      const el = document.querySelector(`.part.${name}`);
      return el !== null && (el.offsetWidth ?? 0) > 0 && (el.offsetHeight ?? 0) > 0;
    }, part);
  }

  it('"Show Channel Map" draws the API server hub with each channel coloured by its state; a channel lists its findings; a finding opens at its line', { timeout: 2 * STEP_MS }, () =>
    step('channel-map', async () => {
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
      // Whatever the steps before left on screen, the map gets the editor area: one group, no side bar, no panel.
      await runCommand('View: Single Column Editor Layout');
      if (await partShown('sidebar')) await page.keyboard.press('Control+B');
      if (await partShown('panel')) await page.keyboard.press('Control+J');
      for (const name of MAP_FILES) await quickOpen(name);
      await runCommand('Kube Channel Guard: Show Channel Map');
      const map = page.frameLocator(WEBVIEW).frameLocator('#active-frame');
      await map.locator('svg.diagram').waitFor({ timeout: 30_000 });
      // The map covers the open files once the server has them all: the kubelet config's anonymous access opens the kubelet link.
      const edges = await waitUntil('the map of the open files', () => mapEdges(map), (e) => e['apiserver-to-kubelets']?.state === 'open', 15_000);
      assert.equal(await map.locator('.box.hub .box-title').textContent(), 'API server', 'the hub is the API server');
      assert.deepEqual(Object.keys(edges).sort(), [
        'apiserver-to-aggregated-apis', 'apiserver-to-etcd', 'apiserver-to-kubelets', 'apiserver-to-nodes', 'apiserver-to-webhooks',
        'clients-to-apiserver', 'controllers-and-apiserver', 'kubelets-to-apiserver', 'pods-to-apiserver',
      ]);
      const kubelets = edges['apiserver-to-kubelets'];
      assert.ok(kubelets.count >= 9, `the examples' kubelet findings are on the kubelet link: ${kubelets.count}`);
      assert.equal(kubelets.pill, `✕ open · ${kubelets.count}`, 'the line is labelled with its state and count in text');
      assert.match(kubelets.label, /API server → kubelets, API server → kubelet channel: open, \d+ findings/);
      assert.equal(edges['apiserver-to-webhooks'].state, 'unknown', 'no webhook in these files');
      assert.equal(edges['apiserver-to-webhooks'].pill, '? unknown');
      assert.equal(edges['apiserver-to-etcd'].state, 'weak');
      // Colour says the state too: red open, amber weak, green ok, grey unknown.
      const [or, og, ob] = rgb(kubelets.stroke);
      assert.ok(or > 150 && og < 100 && ob < 100, `an open link is drawn red: ${kubelets.stroke}`);
      const [wr, wg, wb] = rgb(edges['apiserver-to-etcd'].stroke);
      assert.ok(wr > wg && wg > wb, `a weak link is drawn amber: ${edges['apiserver-to-etcd'].stroke}`);
      const ok = Object.values(edges).find((e) => e.state === 'ok');
      assert.ok(ok, 'some link is ok');
      const [kr, kg, kb] = rgb(ok.stroke);
      assert.ok(kg > kr && kg > kb, `an ok link is drawn green: ${ok.stroke}`);
      const [ur, ug, ub] = rgb(edges['apiserver-to-webhooks'].stroke);
      assert.ok(Math.max(ur, ug, ub) - Math.min(ur, ug, ub) < 30, `an unknown link is drawn grey: ${edges['apiserver-to-webhooks'].stroke}`);
      assert.match(await map.locator('button.channel[data-select="channel-apiserver-to-kubelet"]').innerText(), /API server → kubelet\s+✕ open · \d+/);

      await map.locator('#edge-apiserver-to-kubelets .pill').click();
      const details = await waitUntil('the kubelet link\'s findings', () => mapDetails(map), (d) => d.id === 'details-edge-apiserver-to-kubelets', 5000);
      assert.match(details.text, /KCG204 authentication\.anonymous\.enabled is true/);
      assert.ok(details.text.includes(KCG204_PLACE), `the finding says where it is: ${KCG204_PLACE}`);
      assert.match(details.text, /Configured in.*KubeletConfiguration kubelet-config\.yaml:3/);
      assert.equal((await mapEdges(map))['apiserver-to-kubelets'].pressed, 'true', 'the selected link says so to assistive technology');
      // The README's picture: the map alone in the editor area.
      // The command runs after its palette closes: wait for each layout, so the click below lands in the restored one.
      const visibleGroups = () => page.evaluate(() => Array.from(document.querySelectorAll('.part.editor .editor-group-container')).filter((g) => (g.offsetWidth ?? 0) > 0).length, undefined);
      await runCommand('View: Toggle Maximize Editor Group');
      await waitUntil('the map alone in the editor area', visibleGroups, (n) => n === 1, 10_000);
      await shot('7-channel-map.png');
      await runCommand('View: Toggle Maximize Editor Group');
      await waitUntil('the editor groups back', visibleGroups, (n) => n >= 2, 10_000);

      await map.locator('#details-edge-apiserver-to-kubelets a.finding-link', { hasText: 'KCG204' }).click();
      const editor = '.monaco-editor.focused[data-uri$="/kubelet-config.yaml"]';
      await page.locator(editor).waitFor({ timeout: 10_000 });
      const status = await waitUntil('the cursor on the finding', () => statusBar(page), (t) => /Ln 7, Col \d+ \(\d+ selected\)/.test(t), 10_000);
      assert.match(status, /Ln 7, Col \d+ \(\d+ selected\)/, 'the finding\'s range is selected in kubelet-config.yaml');
      await shot('8-channel-map-source.png');

      // Turning anonymous access off in the editor, with no save, refreshes the map: KCG204 leaves the kubelet link.
      await page.keyboard.press('End');
      await page.keyboard.press('Control+Shift+ArrowLeft');
      await page.keyboard.type('false');
      const refreshed = await waitUntil('the map to drop KCG204', () => mapDetails(map), (d) => d.id === 'details-edge-apiserver-to-kubelets' && !d.text.includes('KCG204'), 10_000);
      assert.ok(refreshed.text.includes('KCG205'), 'the other findings stay, and the selected link stays selected across the refresh');
      assert.equal((await mapEdges(map))['apiserver-to-kubelets'].count, kubelets.count - 1);
      await page.keyboard.press('Control+Z');
      await waitUntil('KCG204 back on the map', () => mapDetails(map), (d) => d.text.includes('KCG204'), 10_000);
    }),
  );

  it('the channel map report works on its own in a browser: keyboard selects a link, a finding links to its line, nothing is fetched', { timeout: STEP_MS }, async () => {
    assert.ok(browser, 'the browser is up');
    const folder = path.dirname(file);
    const names = MAP_FILES;
    const result = analyzeWorkspace(names.map((name) => ({ uri: name, text: fs.readFileSync(path.join(folder, name), 'utf8') })));
    const report = path.join(folder, 'channel-map.html');
    fs.writeFileSync(report, renderChannelMapHtml(channelMapOf(result), { title: 'Channel map of examples/' }));
    const standalone = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    standalone.on('request', (r) => requests.push(r.url()));
    standalone.on('pageerror', (e) => errors.push(e.message));
    try {
      await standalone.goto(`file://${report}`);
      await standalone.locator('#edge-apiserver-to-kubelets').focus();
      await standalone.keyboard.press('Enter');
      await standalone.locator('#details-edge-apiserver-to-kubelets').waitFor({ state: 'visible', timeout: 5000 });
      // Tab goes on to the next link, and Space selects it, as it does a button.
      await standalone.keyboard.press('Tab');
      assert.equal(await standalone.evaluate(() => document.activeElement?.getAttribute('id') ?? '', undefined), 'edge-apiserver-to-nodes');
      await standalone.keyboard.press(' ');
      await standalone.locator('#details-edge-apiserver-to-nodes').waitFor({ state: 'visible', timeout: 5000 });
      await standalone.locator('#details-edge-apiserver-to-kubelets').waitFor({ state: 'hidden', timeout: 5000 });
      await standalone.locator('button.channel[data-select="channel-apiserver-to-kubelet"]').click();
      await standalone.locator('#details-channel-apiserver-to-kubelet').waitFor({ state: 'visible', timeout: 5000 });
      await standalone.screenshot({ path: path.join(SCREENSHOTS, '9-channel-map-report.png') });
      // Chromium downloads a .yaml file rather than showing it, so the test reads where the link leads instead of following it.
      const target = await standalone.evaluate(() => {
        const links = Array.from(document.querySelectorAll('#details-channel-apiserver-to-kubelet a.finding-link'));
        return links.find((a) => (a.textContent ?? '').includes('KCG204'))?.href ?? '';
      }, undefined);
      assert.equal(target, `file://${folder}/kubelet-config.yaml#L7`, 'the finding links to its file and line, relative to the report');
      assert.ok(fs.existsSync(decodeURIComponent(new URL(target).pathname)));
      assert.deepEqual(errors, []);
      assert.deepEqual(requests.filter((u) => !u.startsWith('file://')), [], 'the report fetched nothing from anywhere');
    } finally {
      await standalone.close();
    }
  });

  it('turning the workspace scan on lists the findings of a file nobody opened in Problems', { timeout: STEP_MS }, () =>
    step('scan', async () => {
      // A file that appears on disk (from git, a generator) and is never opened in the editor.
      fs.writeFileSync(path.join(path.dirname(file), 'scanned-apiservice.yaml'), SCANNED_APISERVICE);
      // Turn the scan on in the Settings UI, as a user does.
      await page.keyboard.press('Control+,');
      await page.locator('.settings-editor .suggest-input-container').waitFor({ timeout: 15_000 });
      await page.keyboard.press('Control+A');
      await page.keyboard.type('kubeChannelGuard.scanWorkspace');
      await waitUntil('the search to find the setting', () => page.evaluate(() => document.querySelector('.settings-editor .settings-count-widget')?.textContent ?? '', undefined), (t) => t === '1 Setting Found', 15_000);
      await page.locator('.settings-editor .setting-item-contents', { hasText: 'Scan Workspace' }).locator('.setting-value-checkbox').click();
      // The Problems list draws only the rows in view: filter it to the scanned file's finding.
      if ((await page.locator('.markers-panel').count()) === 0) await page.keyboard.press('Control+Shift+M');
      await page.locator('[placeholder^="Filter (e.g. text"]').fill('scan-only');
      const listed = await waitUntil('the unopened file\'s finding in Problems', () => problems(page), (p) => p.some((x) => x.message.includes('service scan-only/metrics')), 30_000);
      assert.ok(listed.some((p) => p.code === 'KCG301' && p.message.includes('service scan-only/metrics')), JSON.stringify(listed.map((p) => p.code)));
      await shot('10-workspace-scan.png');
    }),
  );
});
