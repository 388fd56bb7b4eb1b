// A file with thousands of findings: the editor gets the 1,000 most severe and one diagnostic that counts the rest,
// as VS Code itself would keep no more, instead of megabytes of diagnostics on every keystroke.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/engine/analyze';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/src/lsp/diagnosticCap';
import { TestClient } from './testClient';

const APISERVER = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, --anonymous-auth=true]\n';

describe('a file with more findings than an editor shows', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('publishes the 1,000 most severe findings in file order, and one diagnostic counting the others', async () => {
    const uri = 'file:///cap/apiservers.yaml';
    const text = Array.from({ length: 200 }, () => APISERVER).join('---\n');
    const all = analyzeText(text).findings;
    assert.ok(all.length > 3 * MAX_DIAGNOSTICS_PER_FILE, `the file has ${all.length} findings`);
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1);
    const [note] = diagnostics.filter((d) => d.code === undefined);
    assert.equal(note.severity, DiagnosticSeverity.Information);
    assert.match(String(note.message), new RegExp(`^${(all.length - MAX_DIAGNOSTICS_PER_FILE).toLocaleString('en-US')} more findings in this file are not shown`));
    const shown = diagnostics.filter((d) => d !== note);
    // Every error is shown, then warnings fill the rest in file order; no info finding makes it.
    const errors = all.filter((f) => f.severity === 'error');
    const warnings = all.filter((f) => f.severity === 'warning').slice(0, MAX_DIAGNOSTICS_PER_FILE - errors.length);
    const expected = all.filter((f) => errors.includes(f) || warnings.includes(f));
    assert.deepEqual(
      shown.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      expected.map((f) => [f.ruleId, f.range.start.line, f.range.start.character]),
    );
  });

  it('publishes every finding of a file under the cap, with no count', async () => {
    const uri = 'file:///cap/few.yaml';
    const text = Array.from({ length: 3 }, () => APISERVER).join('---\n');
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.equal(diagnostics.length, analyzeText(text).findings.length);
    assert.ok(diagnostics.every((d) => d.code !== undefined));
  });

  it('caps a broken project file too: its first 1,000 problems, and one that counts the others (fuzzing: 144,000)', async () => {
    const uri = 'file:///cap/.kube-channel-guard.yaml';
    await client.open(uri, `rules: ["${'"'.repeat(6000)}]\n`, 1);
    const diagnostics = await client.diagnostics(uri, 1);
    assert.equal(diagnostics.length, MAX_DIAGNOSTICS_PER_FILE + 1);
    assert.match(String(diagnostics[0].message), /^not valid YAML: /);
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    const note = diagnostics[MAX_DIAGNOSTICS_PER_FILE];
    assert.equal(note.severity, DiagnosticSeverity.Information);
    assert.match(String(note.message), /^[\d,]+ more problems in this file are not shown \(at most 1,000 per file\)$/);
  });
});
