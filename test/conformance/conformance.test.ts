// The conformance run, in-process: we agree with KICS, checkov and Kubescape on their own channel fixtures, explain every disagreement, and docs/conformance.md says so.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { computeConformance, DOC, MIN_AGREEMENT, missingRulesMayExplain, percent, renderMarkdown, type FixtureResult } from '../../scripts/conformance';

const c = computeConformance();
const show = (rs: readonly FixtureResult[]): string => rs.map((r) => `${r.file}: expected ${r.expected}, ours ${r.ours} (${r.rules.join(', ')})`).join('\n');

describe('conformance with the established scanners', () => {
  it('maps every peer check, and every mapping to a fixture and well-formed rule ids', () => {
    assert.deepEqual(c.errors, []);
  });

  it(`agrees with the peers on at least ${MIN_AGREEMENT * 100}% of the channel-relevant fixtures`, () => {
    assert.ok(c.overall.total > 400, `only ${c.overall.total} fixtures were judged`);
    assert.ok(c.overall.agree / c.overall.total >= MIN_AGREEMENT, `overall agreement is ${percent(c.overall)} (${c.overall.agree}/${c.overall.total})`);
  });

  it('has a recorded reason for every disagreement', () => {
    assert.equal(c.unexplainedReal.length, 0, `unexplained:\n${show(c.unexplainedReal)}`);
    assert.equal(c.unexplainedMissingRules.length, 0, `unexplained, mapped rules not in the registry yet:\n${show(c.unexplainedMissingRules)}`);
  });

  it('keeps no reason for a disagreement that is gone, once the mapped rules exist', () => {
    const stale = c.staleKnown.filter((s) => s.rulesPresent).map((s) => s.file);
    assert.deepEqual(stale, []);
  });

  it('docs/conformance.md is what `npm run conformance -- --write` generates (run it when this fails)', () => {
    assert.equal(fs.readFileSync(DOC, 'utf8'), renderMarkdown(c));
  });
});

describe('conformance bookkeeping', () => {
  const result = (expected: 'pass' | 'fail', ours: 'pass' | 'fail', missingRules: string[]): FixtureResult => ({
    tool: 'kics', check: 'x', checkId: 'x', file: 'x', expected, ours, rules: ['KCG101', 'KCG204'], fired: [], missingRules,
  });

  it('puts a disagreement down to missing rules only when a missing rule could turn our pass into the peer\'s fail', () => {
    assert.equal(missingRulesMayExplain(result('fail', 'pass', ['KCG101'])), true);
    assert.equal(missingRulesMayExplain(result('pass', 'fail', ['KCG101'])), false);
    assert.equal(missingRulesMayExplain(result('fail', 'pass', [])), false);
  });

  it('judges the channel fixtures of all three tools and leaves out the others with a reason', () => {
    for (const tool of ['kics', 'checkov', 'kubescape'] as const) assert.ok(c.perTool[tool].total > 50, tool);
    assert.ok(c.notChannelRelevant.every((x) => (x.mapping.notChannelRelevant ?? '').length > 20));
    assert.ok(c.excluded.every((x) => x.reason.length > 20));
  });
});
