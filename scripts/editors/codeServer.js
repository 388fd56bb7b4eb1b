// Installs code-server (VS Code in a browser) and playwright-core into .cache/code-server/, offline, and runs them.
// Plain CommonJS so that `npm start` and the workbench test can use it before and after the TypeScript build.
// The recipe is the one measured in ../shared/EDITORS.md: code-server's own install script downloads ripgrep from
// GitHub, which this machine cannot reach, so scripts are skipped and the native modules are rebuilt by hand.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = '4.100.3'; // The newest code-server whose engines.node is 20.
const VSCODE_VERSION = '1.100.3'; // The VS Code that code-server 4.100.3 is built on.
const PLAYWRIGHT_VERSION = '1';
const INSTALL_DIR = path.join(ROOT, '.cache', 'code-server');
const MARKER = path.join(INSTALL_DIR, 'installed.json');
// code-server writes a default config file on first run; keep it here rather than in the user's ~/.config.
const CONFIG = path.join(INSTALL_DIR, 'config.yaml');
// code-server also keeps its own logs under $XDG_DATA_HOME/code-server; those too stay in the cache.
const CODE_SERVER_ENV = { XDG_DATA_HOME: path.join(INSTALL_DIR, 'data') };
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'ripgrep'];
const CHROMIUM = '/usr/bin/chromium';

function log(message) {
  console.log(`[code-server] ${message}`);
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

/** Runs a command, showing its output only when it fails, and throws a one-line error then. */
function run(command, args, cwd, extraEnv = {}) {
  const result = spawnSync(command, args, { cwd, env: { ...process.env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    if (output) console.error(output);
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (${result.error ? result.error.message : `exit ${result.status}`})`);
  }
  return result.stdout;
}

function aptInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs the Debian packages code-server and the browser need, when one is missing and we may. */
function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((name) => !aptInstalled(name));
  if (missing.length === 0) return;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error(`missing Debian packages ${missing.join(' ')}: run "sudo apt-get install -y ${missing.join(' ')}" first`);
  }
  const started = Date.now();
  log(`installing Debian packages: ${missing.join(' ')}`);
  run('apt-get', ['update'], ROOT);
  run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], ROOT, { DEBIAN_FRONTEND: 'noninteractive' });
  log(`Debian packages installed in ${seconds(started)}`);
}

function paths() {
  const modules = path.join(INSTALL_DIR, 'node_modules');
  return {
    bin: path.join(modules, 'code-server', 'out', 'node', 'entry.js'),
    vscode: path.join(modules, 'code-server', 'lib', 'vscode'),
    playwright: path.join(modules, 'playwright-core'),
    chromium: CHROMIUM,
  };
}

function markerMatches() {
  try {
    const marker = JSON.parse(fs.readFileSync(MARKER, 'utf8'));
    return marker.codeServer === CODE_SERVER_VERSION && marker.playwright === PLAYWRIGHT_VERSION && fs.existsSync(paths().bin);
  } catch {
    return false;
  }
}

/** The offline install of EDITORS.md, step by step. */
function installCodeServer() {
  const started = Date.now();
  const { vscode } = paths();
  log(`installing code-server@${CODE_SERVER_VERSION} and playwright-core@${PLAYWRIGHT_VERSION} into ${path.relative(ROOT, INSTALL_DIR)}/`);
  fs.rmSync(INSTALL_DIR, { recursive: true, force: true });
  fs.mkdirSync(INSTALL_DIR, { recursive: true });
  // A package.json of its own keeps npm from walking up to the project's.
  fs.writeFileSync(path.join(INSTALL_DIR, 'package.json'), `${JSON.stringify({ name: 'kcg-code-server', private: true }, null, 2)}\n`);
  const npm = 'npm';
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];
  run(npm, ['install', '--ignore-scripts', ...quiet, `code-server@${CODE_SERVER_VERSION}`, `playwright-core@${PLAYWRIGHT_VERSION}`], INSTALL_DIR);
  log(`  npm install: ${seconds(started)}`);
  run(npm, ['install', '--omit=dev', '--ignore-scripts', ...quiet], vscode);
  log(`  VS Code's dependencies: ${seconds(started)}`);
  // ripgrep's install script would download rg; with bin/rg present it skips the download.
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('ripgrep (rg) is not on PATH: apt-get install -y ripgrep');
  const rgDir = path.join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  fs.mkdirSync(rgDir, { recursive: true });
  fs.copyFileSync(rg, path.join(rgDir, 'rg'));
  fs.chmodSync(path.join(rgDir, 'rg'), 0o755);
  run(npm, ['rebuild', '--loglevel=error'], vscode, { npm_config_yes: 'true' });
  log(`  native modules rebuilt: ${seconds(started)}`);
  const link = (target, at) => {
    fs.rmSync(at, { force: true, recursive: true });
    fs.symlinkSync(target, at);
  };
  link('node_modules', path.join(vscode, 'node_modules.asar'));
  link('code-linux.sh', path.join(vscode, 'bin', 'remote-cli', 'code-server'));
  link('browser-linux.sh', path.join(vscode, 'bin', 'helpers', 'browser.sh'));
  run(npm, ['rebuild', 'argon2', '--loglevel=error'], INSTALL_DIR, { npm_config_yes: 'true' });
  fs.writeFileSync(MARKER, `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, playwright: PLAYWRIGHT_VERSION, installedAt: new Date().toISOString() }, null, 2)}\n`);
  log(`code-server installed in ${seconds(started)}`);
}

/**
 * Makes sure code-server, playwright-core and Debian's Chromium are there; skips whatever is already done.
 * Returns the code-server entry point (run it with node), Chromium's path and playwright-core's folder.
 */
async function ensureCodeServer() {
  const started = Date.now();
  ensureAptPackages();
  if (markerMatches()) {
    log(`code-server@${CODE_SERVER_VERSION} already installed in ${path.relative(ROOT, INSTALL_DIR)}/ (checked in ${seconds(started)})`);
  } else {
    installCodeServer();
  }
  const { bin, chromium, playwright } = paths();
  return { bin, chromium, playwright };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function answers(url) {
  return new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode !== undefined && response.statusCode < 500);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts code-server on 127.0.0.1 in a process group of its own, and resolves once its HTTP port answers.
 * `folder` is the workspace it opens; `log` (optional) is a file that gets code-server's output.
 * stop() ends the whole group: code-server's file watcher and extension host outlive a plain kill of the parent.
 */
async function startCodeServer({ folder, extensionsDir, userDataDir, port, timeoutMs = 60000, log: logFile }) {
  const { bin } = paths();
  const chosenPort = port ?? (await freePort());
  const args = [
    bin,
    '--config', CONFIG,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...CODE_SERVER_ENV } });
  if (typeof out === 'number') fs.closeSync(out);
  const pid = child.pid;
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = signal ?? String(code);
      resolve({ code, signal });
    });
  });
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Ends the group with SIGTERM, then SIGKILL for whatever is still there after 5 s; resolves when it is gone.
  // The first signal is sent synchronously, so calling stop() from an 'exit' handler still works.
  const stop = () => {
    try {
      process.kill(-pid, 'SIGTERM');
    } catch {
      return Promise.resolve(); // The group is already gone.
    }
    const deadline = Date.now() + 5000;
    return new Promise((resolve) => {
      const check = () => {
        if (!groupAlive()) return resolve();
        if (Date.now() > deadline) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            // Gone in the meantime.
          }
          return resolve();
        }
        setTimeout(check, 100);
      };
      check();
    });
  };
  const url = `http://127.0.0.1:${chosenPort}/`;
  const deadline = Date.now() + timeoutMs;
  while (!(await answers(`${url}healthz`))) {
    if (exited !== null) throw new Error(`code-server exited (${exited}) before it answered on ${url}${logFile ? `; see ${logFile}` : ''}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s${logFile ? `; see ${logFile}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // `exited` settles when code-server itself ends (after stop(), or on its own).
  return { url, port: chosenPort, pid, stop, exited: exitedPromise };
}

/** Installs a packaged extension into an extensions folder with code-server's own CLI. */
function installVsix(vsix, extensionsDir) {
  const { bin } = paths();
  fs.mkdirSync(extensionsDir, { recursive: true });
  // The CLI keeps logs in a user-data folder; a throwaway one leaves nothing behind in the user's home.
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-vsix-'));
  try {
    run(process.execPath, [bin, '--config', CONFIG, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsix), '--force'], ROOT, CODE_SERVER_ENV);
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

module.exports = { ensureCodeServer, startCodeServer, installVsix, CODE_SERVER_VERSION, VSCODE_VERSION, INSTALL_DIR };

if (require.main === module) {
  ensureCodeServer().then(
    (result) => log(`ready: ${JSON.stringify(result)}`),
    (error) => {
      console.error(`[code-server] ${error.message}`);
      process.exit(1);
    },
  );
}
