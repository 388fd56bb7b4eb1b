// Generated files are current: docs/rules/ matches the rule metadata, and every rule has complete metadata.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { generatedRuleDocs } from '../server/src/engine/docs/ruleDocs';
import { ALL_RULES } from '../server/src/engine/rules/registry';
import { ROOT } from './helpers';

it('docs/rules.md and docs/rules/ are what `npm run docs` generates (run it when this fails)', () => {
  const docs = path.join(ROOT, 'docs');
  const expected = generatedRuleDocs(ALL_RULES);
  const pages = fs.readdirSync(path.join(docs, 'rules')).map((n) => `rules/${n}`);
  assert.deepEqual(['rules.md', ...pages].sort(), [...expected.keys()].sort());
  for (const [name, text] of expected) assert.equal(fs.readFileSync(path.join(docs, name), 'utf8'), text, `docs/${name} is stale`);
});

it('every rule has a well-formed id, a kebab-case name, a unique id and complete docs', () => {
  const ids = new Set<string>();
  const digit: Record<string, string> = { general: '0', 'node-to-apiserver': '1', 'apiserver-to-kubelet': '2', 'apiserver-to-nodes-pods-services': '3', 'control-plane-internal': '4' };
  for (const { meta } of ALL_RULES) {
    assert.match(meta.id, /^KCG\d{3}$/);
    assert.equal(meta.id[3], digit[meta.channel], `${meta.id} is numbered for its channel`);
    assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(!ids.has(meta.id), `${meta.id} is unique`);
    ids.add(meta.id);
    for (const field of ['summary', 'rationale', 'remediation'] as const) assert.ok(meta[field].length > 40, `${meta.id} ${field}`);
    assert.ok(meta.references.length > 0, `${meta.id} references`);
    assert.ok((meta.formats ?? []).length > 0, `${meta.id} names the formats it reads`);
  }
});
