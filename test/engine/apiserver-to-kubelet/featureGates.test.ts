// KCG210 reads feature gates as Kubernetes does: comma-separated pairs, repeated flags merged, the last pair naming a gate wins.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { parseGatePairs } from '../../../server/src/engine/rules/apiserver-to-kubelet/featureGates';
import { kubeletConfig, kubeletDaemonSet } from '../../../server/src/engine/rules/examples';
import { applyEdits } from '../../helpers';

const GATE = 'RotateKubeletServerCertificate';

function kcg210(text: string) {
  return analyzeText(text).findings.filter((f) => f.ruleId === 'KCG210');
}

describe('feature gate pairs', () => {
  it('splits on commas, skips empty parts, trims names and values, and keeps where each value is', () => {
    const text = ` A=true,, ${GATE} = false ,B`;
    const entries = parseGatePairs(text);
    assert.deepEqual(entries.map((e) => [e.name, e.value]), [['A', 'true'], [GATE, 'false'], ['B', undefined]]);
    const gate = entries[1];
    assert.equal(text.slice(gate.valueStart, gate.valueEnd), 'false');
  });
});

describe('KCG210 on the command line', () => {
  it('merges repeated flags: a later flag without the gate does not reset an earlier false', () => {
    const text = kubeletDaemonSet([`--feature-gates=${GATE}=false`, '--feature-gates=NodeSwap=true']);
    const findings = kcg210(text);
    assert.equal(findings.length, 1);
    // The finding points at the occurrence that holds the effective pair, not at the last flag.
    assert.equal(findings[0].range.start.line, 20);
    assert.equal(applyEdits(text, findings[0].fixes[0].edits), kubeletDaemonSet([`--feature-gates=${GATE}=true`, '--feature-gates=NodeSwap=true']));
  });

  it('lets the last pair win, within one flag and across flags', () => {
    assert.equal(kcg210(kubeletDaemonSet([`--feature-gates=${GATE}=false,${GATE}=true`])).length, 0);
    assert.equal(kcg210(kubeletDaemonSet([`--feature-gates=${GATE}=false`, `--feature-gates=${GATE}=t`])).length, 0);
    assert.equal(kcg210(kubeletDaemonSet([`--feature-gates=${GATE}=true`, `--feature-gates=${GATE}=0`])).length, 1);
  });

  it('reads every strconv.ParseBool spelling of false, and nothing else', () => {
    for (const value of ['false', 'False', 'FALSE', 'f', 'F', '0']) assert.equal(kcg210(kubeletDaemonSet([`--feature-gates=${GATE}=${value}`])).length, 1, value);
    for (const value of ['no', 'off', '']) assert.equal(kcg210(kubeletDaemonSet([`--feature-gates=${GATE}=${value}`])).length, 0, value);
  });

  it('does not confuse a gate whose name only starts the same', () => {
    assert.equal(kcg210(kubeletDaemonSet([`--feature-gates=${GATE}X=false`])).length, 0);
  });

  it('says nothing when a value it cannot see may set the gate after the false', () => {
    const text = kubeletDaemonSet([`--feature-gates=${GATE}=false`, '--feature-gates=$(GATES)']);
    assert.equal(kcg210(text).length, 0);
  });

  it('reports a false expanded from a literal env value, without a fix that would bake the value in', () => {
    const text = kubeletDaemonSet(['--feature-gates=$(GATES)']).replace('        args:', `        env:\n        - name: GATES\n          value: ${GATE}=false\n        args:`);
    const [finding] = kcg210(text);
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });

  it('fixes the gate inside a sh -c script', () => {
    const text = kubeletDaemonSet([]).replace('        command:\n        - /usr/local/bin/kubelet\n        args:\n', `        command: [sh, -c, "exec kubelet --feature-gates=A=true,${GATE}=false --v=2"]\n`);
    const [finding] = kcg210(text);
    assert.equal(finding.message.startsWith(`--feature-gates sets ${GATE}=false`), true);
    assert.ok(applyEdits(text, finding.fixes[0].edits).includes(`--feature-gates=A=true,${GATE}=true --v=2`));
  });

  it('reports the controller manager too', () => {
    const text = kubeletDaemonSet([]).replace('/usr/local/bin/kubelet', 'kube-controller-manager') + '';
    const findings = analyzeText(text.replace('        args:\n', `        args:\n        - --feature-gates=${GATE}=false\n`)).findings.filter((f) => f.ruleId === 'KCG210');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /kube-controller-manager/);
  });
});

describe('KCG210 in a KubeletConfiguration', () => {
  it('takes the last of repeated keys, as the decoder does', () => {
    assert.equal(kcg210(kubeletConfig(['featureGates:', `  ${GATE}: false`, `  ${GATE}: true`])).length, 0);
    assert.equal(kcg210(kubeletConfig(['featureGates:', `  ${GATE}: true`, `  ${GATE}: false`])).length, 1);
  });

  it('says the kubelet will not start when serverTLSBootstrap is also on', () => {
    const [finding] = kcg210(kubeletConfig(['serverTLSBootstrap: true', 'featureGates: {NodeSwap: true, ' + GATE + ': false}']));
    assert.match(finding.message, /does not start/);
    assert.equal(
      applyEdits(kubeletConfig(['serverTLSBootstrap: true', `featureGates: {NodeSwap: true, ${GATE}: false}`]), finding.fixes[0].edits),
      kubeletConfig(['serverTLSBootstrap: true', `featureGates: {NodeSwap: true, ${GATE}: true}`]),
    );
  });

  it('says nothing about a config that leaves the gate out', () => {
    assert.equal(kcg210(kubeletConfig(['featureGates:', '  NodeSwap: true'])).length, 0);
    assert.equal(kcg210(kubeletConfig(['readOnlyPort: 0'])).length, 0);
  });
});
