// `npm start` (after `npm run build`): runs the CLI on examples/, then packages the extension, installs it into a local
// code-server (VS Code in the browser, installed into .cache/ on first use) and serves examples/ on 127.0.0.1 until Ctrl+C.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
const cache = path.join(root, '.cache', 'start');
const PREFERRED_PORT = 8080; // code-server's usual port, so the URL stays the same between runs when it is free.

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function main() {
  const cli = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'examples'], { cwd: root, stdio: 'inherit' });
  // Findings in the examples are what they are for: only a CLI failure (exit 2 or a crash) stops here.
  if (cli.status !== 0 && cli.status !== 1) process.exit(cli.status ?? 1);

  const packaged = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.js')], { cwd: root, encoding: 'utf8' });
  if (packaged.status !== 0) {
    process.stderr.write(`${packaged.stdout}${packaged.stderr}`);
    throw new Error('packaging the extension failed (node scripts/package.js)');
  }
  const { vsix } = require('./package.js');
  console.log(`\n${packaged.stdout.trim().split('\n').pop()}`);

  const codeServer = require('./editors/codeServer.js');
  await codeServer.ensureCodeServer();
  const extensionsDir = path.join(cache, 'extensions');
  const userDataDir = path.join(cache, 'user-data');
  // Only this build's extension: an older version left in the folder would load alongside it.
  fs.rmSync(extensionsDir, { recursive: true, force: true });
  codeServer.installVsix(vsix, extensionsDir);
  const settings = path.join(userDataDir, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    // First run: open straight on the file, and keep code-server from looking for extension updates it cannot fetch.
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    const initial = {
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'telemetry.telemetryLevel': 'off',
      // examples/ sits inside this repository: no prompt about opening the parent git repository.
      'git.openRepositoryInParentFolders': 'never',
    };
    fs.writeFileSync(settings, `${JSON.stringify(initial, null, 2)}\n`);
  }
  const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : undefined;
  const server = await codeServer.startCodeServer({ folder: examples, extensionsDir, userDataDir, port, log: path.join(cache, 'code-server.log') });
  const file = path.join(examples, 'kube-apiserver.yaml');
  const payload = encodeURIComponent(JSON.stringify([['openFile', `vscode-remote://127.0.0.1:${server.port}${file}`]]));
  console.log(`
Kube Channel Guard is running in VS Code ${codeServer.VSCODE_VERSION} (code-server ${codeServer.CODE_SERVER_VERSION}), serving examples/. Open in a browser on this machine:

    ${server.url}?folder=${encodeURIComponent(examples)}&payload=${payload}

It opens kube-apiserver.yaml, where the API server does not verify kubelets (KCG201): hover the squiggle, or press Ctrl+. on it.
Press Ctrl+C to stop. code-server's log: ${path.relative(root, path.join(cache, 'code-server.log'))}

Elsewhere: VS Code desktop: code --install-extension ${path.basename(vsix)}
           other editors: node dist/server.js --stdio   (a standalone language server)
`);

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server (process group ${server.pid}).`);
    server.stop();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('exit', () => server.stop());
  const { code, signal } = await server.exited;
  if (!stopping) {
    console.error(`code-server stopped on its own (${signal ?? `exit ${code}`}); see ${path.join(cache, 'code-server.log')}`);
    process.exit(1);
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(`npm start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
