// The engine stays pure: nothing under server/src/engine imports LSP code, editor code or I/O.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { ROOT } from '../helpers';

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

it('the engine imports nothing from vscode-languageserver*, vscode or node I/O modules', () => {
  const files = tsFiles(path.join(ROOT, 'server', 'src', 'engine'));
  assert.ok(files.length > 10);
  const forbidden = /^(vscode|vscode-languageserver.*|vscode-jsonrpc|node:fs|fs|node:child_process|child_process|node:net|net|node:http|http|node:https|https)(\/|$)/;
  const offenders = files.flatMap((f) => importsOf(f).filter((i) => forbidden.test(i)).map((i) => `${path.relative(ROOT, f)} imports ${i}`));
  assert.deepEqual(offenders, []);
});

it('the import scanner sees the imports it must forbid', () => {
  const probe = path.join(ROOT, 'out', 'architecture-probe.ts');
  fs.mkdirSync(path.dirname(probe), { recursive: true });
  fs.writeFileSync(probe, "import { x } from 'vscode-languageserver';\nimport type { Y } from 'vscode-languageserver/node';\n");
  try {
    assert.deepEqual(importsOf(probe), ['vscode-languageserver', 'vscode-languageserver/node']);
  } finally {
    fs.rmSync(probe);
  }
});

it('the LSP layer does not analyse: it reaches the engine only through its entry points (analyze, hover, complete, lens, fixAll, the incremental analyzer, the workspace facade)', () => {
  const files = tsFiles(path.join(ROOT, 'server', 'src', 'lsp'));
  const allowed = new Set([
    '../engine/analyze',
    '../engine/hover',
    '../engine/complete',
    '../engine/lens',
    '../engine/fixAll',
    '../engine/types',
    '../engine/incremental/analyzer',
    '../engine/incremental/chunkedText',
    '../engine/incremental/features',
    '../engine/incremental/ends',
    '../engine/workspace/analyzeWorkspace',
    '../engine/workspace/channelMap',
  ]);
  const offenders = files.flatMap((f) => importsOf(f).filter((i) => i.includes('/engine/') && !allowed.has(i)).map((i) => `${path.relative(ROOT, f)} imports ${i}`));
  assert.deepEqual(offenders, []);
});
