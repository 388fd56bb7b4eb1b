// The packaged extension holds the bundles, the rule docs, the grammars, the icon and the top-level docs, and nothing else.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { ALL_RULES } from '../server/src/engine/rules/registry';
import { ROOT } from './helpers';

const expected = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'assets/icon.png',
  'dist/client.js',
  'dist/server.js',
  'docs/rules.md',
  ...ALL_RULES.map((r) => `docs/rules/${r.meta.id}.md`),
  'package.json',
  'syntaxes/flags.injection.tmLanguage.json',
  'syntaxes/suppressions.injection.tmLanguage.json',
].sort();

it('npm run package builds a .vsix with exactly the files .vscodeignore lets through (vsce ls)', () => {
  const output = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.js')], { cwd: ROOT, encoding: 'utf8' });
  const listed = output.trim().split('\n').slice(0, -1).sort();
  assert.deepEqual(listed, expected);
  const summary = output.trim().split('\n').pop() ?? '';
  console.log(summary);
  assert.match(summary, /^kube-channel-guard-\d+\.\d+\.\d+\.vsix: \d+ files, \d+ KiB$/);
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(ROOT, `kube-channel-guard-${version}.vsix`);
  const size = fs.statSync(vsix).size;
  assert.ok(size < 2 * 1024 * 1024, `the .vsix is ${size} bytes`);
});

it('package.json is ready for the marketplace', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const key of ['publisher', 'displayName', 'description', 'categories', 'keywords', 'icon', 'license', 'engines']) assert.ok(pkg[key], key);
  // A workspace with YAML files starts the extension, so the workspace scan runs before any file is opened.
  assert.deepEqual(pkg.activationEvents, ['onLanguage:yaml', 'onLanguage:helm', 'workspaceContains:**/*.{yaml,yml}']);
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.ok(fs.existsSync(path.join(ROOT, pkg.icon)));
});
