// Every example in a rule's metadata is a test: invalid ones give exactly one finding and the documented fix; valid ones none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { RULES } from '../../server/src/engine/rules/registry';
import { applyEdits } from '../helpers';

for (const rule of RULES) {
  const { id } = rule.meta;
  describe(`${id} ${rule.meta.name}`, () => {
    it('has at least one valid and one invalid example', () => {
      assert.ok(rule.meta.examples.valid.length > 0);
      assert.ok(rule.meta.examples.invalid.length > 0);
    });
    for (const example of rule.meta.examples.valid) {
      it(`valid: ${example.title}`, () => {
        const findings = analyzeText(example.text).findings.filter((f) => f.ruleId === id);
        assert.deepEqual(findings.map((f) => f.message), []);
      });
    }
    for (const example of rule.meta.examples.invalid) {
      it(`invalid: ${example.title}`, () => {
        const findings = analyzeText(example.text).findings.filter((f) => f.ruleId === id);
        assert.equal(findings.length, 1, `expected one ${id} finding, got ${findings.length}`);
        const [finding] = findings;
        assert.equal(finding.severity, rule.meta.severity);
        assert.equal(finding.channel, rule.meta.channel);
        if (example.fixed === undefined) {
          assert.equal(finding.fixes.length, 0, 'an example without fixed text must have no fix');
          return;
        }
        assert.ok(finding.fixes.length > 0, 'the finding offers a fix');
        const fixed = applyEdits(example.text, finding.fixes[0].edits);
        assert.equal(fixed, example.fixed);
        assert.equal(analyzeText(fixed).findings.filter((f) => f.ruleId === id).length, 0, 'the fix removes the finding');
      });
    }
  });
}
