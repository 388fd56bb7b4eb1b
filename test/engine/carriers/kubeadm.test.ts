// kubeadm and Cluster API: flags come from kubeadm's defaults plus extraArgs (map or list), and fixes write extraArgs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { buildModel } from '../../../server/src/engine/parse/model';
import { applyEdits } from '../../helpers';

const CA = '/etc/kubernetes/pki/ca.crt';

function kcg201(text: string) {
  return analyzeText(text).findings.filter((f) => f.ruleId === 'KCG201');
}

describe('kubeadm ClusterConfiguration', () => {
  it("counts kubeadm's own flags as set: only what kubeadm leaves out is reported", () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.30.2\n';
    const ids = analyzeText(text).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('KCG201'));
    assert.ok(!ids.includes('KCG202'), 'kubeadm sets --kubelet-client-certificate and -key');
    const [apiserver] = buildModel(text).components;
    assert.equal(apiserver.component, 'kube-apiserver');
    assert.deepEqual(apiserver.version, { major: 1, minor: 30 });
  });

  it('adds the flag to a v1beta3 extraArgs map', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', '    audit-log-maxage: "30"', 'networking:', '  podSubnet: 10.244.0.0/16', ''].join('\n');
    const [finding] = kcg201(text);
    assert.equal(text.slice(0).split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character), 'extraArgs');
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.equal(fixed, text.replace('    audit-log-maxage: "30"\n', `    audit-log-maxage: "30"\n    kubelet-certificate-authority: ${CA}\n`));
    assert.deepEqual(kcg201(fixed), []);
  });

  it('creates apiServer.extraArgs when there is none, on the kind when there is no apiServer either', () => {
    const text = 'apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nclusterName: lab\n';
    const [finding] = kcg201(text);
    assert.deepEqual(finding.range, { start: { line: 1, character: 6 }, end: { line: 1, character: 26 } });
    assert.equal(applyEdits(text, finding.fixes[0].edits), `${text}apiServer:\n  extraArgs:\n    kubelet-certificate-authority: ${CA}\n`);
  });

  it('appends {name, value} items to a v1beta4 extraArgs list, and reads their values', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta4', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', '    - name: kubelet-https', '      value: "false"', ''].join('\n');
    const [apiserver] = buildModel(text).components;
    assert.equal(apiserver.flags.last('kubelet-https')?.value, 'false');
    const fixed = applyEdits(text, kcg201(text)[0].fixes[0].edits);
    assert.equal(fixed, `${text}    - name: kubelet-certificate-authority\n      value: ${CA}\n`);
    const kcg203 = analyzeText(text).findings.find((f) => f.ruleId === 'KCG203');
    assert.ok(kcg203, 'the explicit insecure value is reported');
    assert.equal(applyEdits(text, kcg203.fixes[0].edits), text.replace('  extraArgs:\n    - name: kubelet-https\n      value: "false"\n', ''));
  });

  it('reads kubeletExtraArgs as kubelet flags, with the config file kubeadm always passes', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: JoinConfiguration', 'nodeRegistration:', '  kubeletExtraArgs:', '    read-only-port: "10255"', ''].join('\n');
    const ids = analyzeText(text).findings.map((f) => f.ruleId);
    // The explicit flag is reported; what the config file sets is not guessed.
    assert.deepEqual(ids, ['KCG207']);
  });

  it('leaves out the local etcd when etcd is external', () => {
    const local = buildModel('apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n').components.map((c) => c.component);
    assert.ok(local.includes('etcd'));
    const external = buildModel('apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\netcd:\n  external:\n    endpoints: [https://10.0.0.5:2379]\n').components.map((c) => c.component);
    assert.ok(!external.includes('etcd'));
  });
});

describe('Cluster API', () => {
  it('reads the nested kubeadmConfigSpec of a KubeadmControlPlane and its version', () => {
    const text = [
      'apiVersion: controlplane.cluster.x-k8s.io/v1beta1',
      'kind: KubeadmControlPlane',
      'metadata: {name: cp}',
      'spec:',
      '  version: v1.29.3',
      '  kubeadmConfigSpec:',
      '    clusterConfiguration:',
      '      apiServer:',
      '        extraArgs:',
      '          cloud-provider: external',
      '',
    ].join('\n');
    const model = buildModel(text);
    assert.deepEqual(model.components.map((c) => c.component), ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd']);
    assert.deepEqual(model.components[0].version, { major: 1, minor: 29 });
    const fixed = applyEdits(text, kcg201(text)[0].fixes[0].edits);
    assert.equal(fixed, text.replace('          cloud-provider: external\n', `          cloud-provider: external\n          kubelet-certificate-authority: ${CA}\n`));
  });
});
