// A rule that throws costs only its own findings: the other rules' findings are still reported, the failure is handed
// to the caller with the rule's id (the server logs it once), and a suppression naming the failed rule is not called unused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { IncrementalAnalyzer } from '../../server/src/engine/incremental/analyzer';
import { ChunkedText } from '../../server/src/engine/incremental/chunkedText';
import { RULES } from '../../server/src/engine/rules/registry';
import type { Rule } from '../../server/src/engine/rules/types';

const broken: Rule = {
  meta: { ...RULES.find((r) => r.meta.id === 'KCG201')!.meta },
  check() {
    throw new TypeError('cannot read properties of undefined');
  },
};
const rules = RULES.map((r) => (r.meta.id === 'KCG201' ? broken : r));

const TEXT = `# kube-channel-guard-disable-file KCG201
apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
spec:
  containers:
    - name: kube-apiserver
      command:
        - kube-apiserver
        - --anonymous-auth=true
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
`;

describe('rule isolation', () => {
  for (const [name, analyse] of [
    ['full analysis', (options: Parameters<typeof analyzeText>[1]) => analyzeText(TEXT, options).findings],
    ['incremental analysis', (options: Parameters<typeof analyzeText>[1]) => new IncrementalAnalyzer().analyze(new ChunkedText(TEXT), options ?? {}, '').findings],
  ] as const) {
    it(`keeps the other rules' findings when one throws (${name})`, () => {
      const failures: string[] = [];
      const withBroken = analyse({ rules, onRuleError: (id) => failures.push(id) });
      const healthy = analyse({}).filter((f) => f.ruleId !== 'KCG201');
      assert.ok(failures.length > 0 && failures.every((id) => id === 'KCG201'), `failures: ${failures.join(', ')}`);
      assert.ok(healthy.some((f) => f.ruleId === 'KCG101' || f.ruleId === 'KCG102'), 'the anonymous-auth finding is there');
      assert.deepEqual(withBroken, healthy);
      assert.equal(withBroken.find((f) => f.ruleId === 'KCG002'), undefined, 'the suppression of the failed rule is not called unused');
    });
  }
});
