// `npm run package`: builds kube-channel-guard-<version>.vsix with @vscode/vsce (after `npm run build`), then prints its
// contents and size. The bundles carry their dependencies, so node_modules is left out.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { name, version } = require(path.join(root, 'package.json'));
const vsix = path.join(root, `${name}-${version}.vsix`);
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// There is no public repository yet: relative links stay relative and vsce does not ask for one.
const packageFlags = ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];

function run(args) {
  return execFileSync(process.execPath, [vsce, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

module.exports = { vsix, list: () => run(['ls', '--no-dependencies']).trim().split('\n').filter((l) => l !== '').sort() };

if (require.main === module) {
  run(['package', ...packageFlags, '--out', vsix]);
  const files = module.exports.list();
  console.log(files.join('\n'));
  console.log(`${path.basename(vsix)}: ${files.length} files, ${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB`);
}
