// Every example of every workspace rule is a test, in its several-files form and as one multi-document file: invalid ones
// give exactly one finding of the rule, pointing at the other end, with the documented fix; valid ones none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderRulePage } from '../../../server/src/engine/docs/ruleDocs';
import { ALL_RULES, RULES, ruleById, WORKSPACE_RULES } from '../../../server/src/engine/rules/registry';
import type { ExampleFile, RuleExample } from '../../../server/src/engine/rules/types';
import type { Finding } from '../../../server/src/engine/types';
import { analyzeWorkspace } from '../../../server/src/engine/workspace/analyzeWorkspace';
import { applyEdits } from '../../helpers';

function findingsOf(files: readonly ExampleFile[], id: string): Array<{ name: string; finding: Finding }> {
  const result = analyzeWorkspace(files.map((f) => ({ uri: f.name, text: f.text })));
  return result.files.flatMap((file) => file.findings.filter((f) => f.ruleId === id).map((finding) => ({ name: file.uri, finding })));
}

function filesOf(example: RuleExample): ExampleFile[] {
  assert.ok(example.files && example.files.length > 0, 'a workspace rule example lists its files');
  return example.files;
}

for (const rule of WORKSPACE_RULES) {
  const { id } = rule.meta;
  describe(`${id} ${rule.meta.name} (workspace rule)`, () => {
    it('has at least one valid and one invalid example, and is found by id but not run per file', () => {
      assert.ok(rule.meta.examples.valid.length > 0);
      assert.ok(rule.meta.examples.invalid.length > 0);
      assert.equal(ruleById(id), rule);
      assert.ok(!RULES.includes(rule));
      assert.ok(ALL_RULES.includes(rule));
    });
    for (const example of rule.meta.examples.valid) {
      it(`valid: ${example.title}`, () => {
        assert.deepEqual(findingsOf(filesOf(example), id).map((f) => f.finding.message), []);
        assert.deepEqual(findingsOf([{ name: 'all.yaml', text: example.text }], id).map((f) => f.finding.message), [], 'as one multi-document file');
      });
    }
    for (const example of rule.meta.examples.invalid) {
      it(`invalid: ${example.title}`, () => {
        const files = filesOf(example);
        const found = findingsOf(files, id);
        assert.equal(found.length, 1, `expected one ${id} finding, got ${found.length}`);
        const [{ name, finding }] = found;
        assert.equal(finding.severity, rule.meta.severity);
        assert.equal(finding.channel, rule.meta.channel);
        assert.ok((finding.related ?? []).length > 0, 'the finding points at the other end');
        for (const r of finding.related ?? []) assert.ok(files.some((f) => f.name === r.uri), `related location in a file of the example: ${r.uri}`);
        assert.equal(finding.suppressions.length, 2, 'the finding offers the line and file suppressions');
        assert.equal(findingsOf([{ name: 'all.yaml', text: example.text }], id).length, 1, 'as one multi-document file');
        const file = files.find((f) => f.name === name) as ExampleFile;
        const fixedFiles = files.filter((f) => f.fixed !== undefined);
        if (fixedFiles.length === 0) {
          assert.equal(finding.fixes.length, 0, 'an example without fixed text must have no fix');
          return;
        }
        assert.deepEqual(fixedFiles.map((f) => f.name), [name], 'the fixed text belongs to the file the finding is in');
        assert.ok(finding.fixes.length > 0, 'the finding offers a fix');
        const fixed = applyEdits(file.text, finding.fixes[0].edits);
        assert.equal(fixed, file.fixed);
        const after = files.map((f) => (f.name === name ? { name, text: fixed } : f));
        assert.equal(findingsOf(after, id).length, 0, 'the fix removes the finding');
      });
    }
  });
}

describe('workspace rule metadata', () => {
  it('numbers each rule for its channel, after the single-file rules, with complete docs', () => {
    const digit: Record<string, string> = { 'node-to-apiserver': '1', 'apiserver-to-kubelet': '2', 'apiserver-to-nodes-pods-services': '3', 'control-plane-internal': '4' };
    assert.equal(new Set(ALL_RULES.map((r) => r.meta.id)).size, ALL_RULES.length, 'ids are unique across single-file and workspace rules');
    for (const { meta } of WORKSPACE_RULES) {
      assert.match(meta.id, /^KCG\d{3}$/);
      assert.equal(meta.id[3], digit[meta.channel], `${meta.id} is numbered for its channel`);
      assert.match(meta.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const field of ['summary', 'rationale', 'remediation'] as const) assert.ok(meta[field].length > 40, `${meta.id} ${field}`);
      assert.ok(meta.references.length > 0 && (meta.formats ?? []).length > 0, `${meta.id} references and formats`);
      const sameChannel = RULES.filter((r) => r.meta.channel === meta.channel).map((r) => r.meta.id);
      assert.ok(sameChannel.every((id) => id < meta.id), `${meta.id} comes after the channel's single-file rules`);
    }
  });

  it("renders each file of an example on the rule's page, and the fixed file after the quick fix", () => {
    const page = renderRulePage(ruleById('KCG133') as (typeof WORKSPACE_RULES)[number]);
    assert.match(page, /`kube-apiserver\.yaml`:\n\n```yaml\napiVersion: v1\nkind: Pod/);
    assert.match(page, /After the quick fix:\n\n`kubelet\.conf`:\n\n```yaml\n[^`]*server: https:\/\/10\.0\.0\.10:443/);
    assert.match(page, /\| warning \| yes \|/);
  });
});
