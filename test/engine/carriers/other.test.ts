// k3s/RKE2 arg lists, eksctl kubeletExtraConfig, YAML embedded in block scalars, and partial files.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { hoverAt } from '../../../server/src/engine/hover';
import { buildModel } from '../../../server/src/engine/parse/model';
import { applyEdits } from '../../helpers';

describe('k3s and RKE2 config.yaml', () => {
  const text = ['write-kubeconfig-mode: "0644"', 'kubelet-arg:', '  - "read-only-port=10255"', '  - anonymous-auth=false', 'kube-apiserver-arg:', '  - audit-log-maxage=30', ''].join('\n');

  it('reads key=value items as flags and reports explicit insecure values, with a fix inside the item', () => {
    const kubelet = buildModel(text).components.find((c) => c.component === 'kubelet');
    assert.equal(kubelet?.flags.last('read-only-port')?.value, '10255');
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.map((f) => f.ruleId), ['KCG207']);
    assert.equal(applyEdits(text, findings[0].fixes[0].edits), text.replace('"read-only-port=10255"', '"read-only-port=0"'));
  });

  it('does not demand flags k3s sets itself', () => {
    assert.ok(!analyzeText(text).findings.some((f) => f.ruleId === 'KCG201'));
  });
});

describe('eksctl kubeletExtraConfig', () => {
  it('reports what the node group sets, not what the AMI fills in', () => {
    const text = [
      'apiVersion: eksctl.io/v1alpha5',
      'kind: ClusterConfig',
      'metadata: {name: c, region: eu-west-1}',
      'nodeGroups:',
      '  - name: ng-1',
      '    kubeletExtraConfig:',
      '      readOnlyPort: 10255',
      '      authentication:',
      '        anonymous:',
      '          enabled: true',
      '',
    ].join('\n');
    assert.deepEqual(analyzeText(text).findings.map((f) => f.ruleId).sort(), ['KCG204', 'KCG207']);
  });
});

describe('YAML embedded in block scalars', () => {
  const kops = [
    'contents: |',
    '  apiVersion: v1',
    '  kind: Pod',
    '  metadata:',
    '    name: kube-apiserver',
    '  spec:',
    '    containers:',
    '    - name: kube-apiserver',
    '      command:',
    '      - kube-apiserver',
    '      - --kubelet-client-certificate=/pki/c.crt',
    '      - --kubelet-client-key=/pki/c.key',
    'path: /etc/kubernetes/manifests/kube-apiserver.manifest',
    '',
  ].join('\n');

  it('maps findings and fixes back into the outer file, keeping the block indentation', () => {
    const findings = analyzeText(kops).findings.filter((f) => f.ruleId === 'KCG201');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: { line: 8, character: 6 }, end: { line: 8, character: 13 } });
    const fixed = applyEdits(kops, findings[0].fixes[0].edits);
    assert.equal(fixed, kops.replace('      - --kubelet-client-key=/pki/c.key\n', '      - --kubelet-client-key=/pki/c.key\n      - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt\n'));
    assert.deepEqual(analyzeText(fixed).findings.filter((f) => f.ruleId === 'KCG201'), []);
  });

  it('answers hover inside the block', () => {
    const info = hoverAt(analyzeText(kops), kops.indexOf('--kubelet-client-key') + 3);
    assert.equal(info?.title, '--kubelet-client-key (kube-apiserver)');
    assert.equal(kops.split('\n')[info?.range.start.line ?? 0].slice(info?.range.start.character), '--kubelet-client-key=/pki/c.key');
  });

  it("treats kind's kubeadmConfigPatches as patches: explicit values only", () => {
    const kind = [
      'kind: Cluster',
      'apiVersion: kind.x-k8s.io/v1alpha4',
      'kubeadmConfigPatches:',
      '- |',
      '  kind: ClusterConfiguration',
      '  apiVersion: kubeadm.k8s.io/v1beta3',
      '  apiServer:',
      '    extraArgs:',
      '      kubelet-https: "false"',
      '',
    ].join('\n');
    assert.deepEqual(analyzeText(kind).findings.map((f) => f.ruleId), ['KCG203']);
  });
});

describe('partial files', () => {
  const pod = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: a', '    command: [kube-apiserver, --kubelet-https=false]', ''].join('\n');

  it('a Kustomize patch draws no missing-flag finding, but explicit insecure values still count', () => {
    assert.deepEqual(analyzeText(pod).findings.map((f) => f.ruleId).filter((id) => id.startsWith('KCG2')).sort(), ['KCG201', 'KCG202', 'KCG202', 'KCG203']);
    assert.deepEqual(analyzeText(pod, { partial: true }).findings.map((f) => f.ruleId).filter((id) => id.startsWith('KCG2')), ['KCG203']);
  });

  it('a Helm template is partial by itself', () => {
    const helm = pod.replace('metadata: {name: a}', 'metadata: {name: {{ .Release.Name }}}');
    assert.deepEqual(analyzeText(helm).findings.map((f) => f.ruleId).filter((id) => id.startsWith('KCG2')), ['KCG203']);
  });
});

describe('Kubernetes versions', () => {
  it('uses the setting over the image tag', () => {
    const pod = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: a', '    image: registry.k8s.io/kube-apiserver:v1.21.4', '    command: [kube-apiserver]', ''].join('\n');
    assert.deepEqual(buildModel(pod).components[0].version, { major: 1, minor: 21 });
  });
});
