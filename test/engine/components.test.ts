// Recognising the component a container runs, in every form people write it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildModel } from '../../server/src/engine/parse/model';

function pod(container: string[], kind = 'Pod'): string {
  const spec = kind === 'Pod' ? ['spec:', '  containers:'] : ['spec:', '  template:', '    spec:', '      containers:'];
  const indent = kind === 'Pod' ? '  ' : '      ';
  return ['apiVersion: v1', `kind: ${kind}`, 'metadata:', '  name: x', ...spec, ...container.map((l, i) => `${indent}${i === 0 ? '- ' : '  '}${l}`), ''].join('\n');
}

function components(text: string) {
  return buildModel(text).components.map((c) => ({ component: c.component, flags: c.flags.occurrences.map((o) => `${o.name}=${o.value}`) }));
}

describe('component recognition', () => {
  it('reads a bare binary name with flags in command', () => {
    assert.deepEqual(components(pod(['name: a', 'command: [kube-apiserver, --secure-port=6443]'])), [{ component: 'kube-apiserver', flags: ['secure-port=6443'] }]);
  });

  it('reads a full path', () => {
    assert.deepEqual(components(pod(['name: a', 'command: [/usr/local/bin/kube-apiserver, --secure-port=6443]']))[0].component, 'kube-apiserver');
  });

  it('reads flags only in args with the binary in command', () => {
    assert.deepEqual(components(pod(['name: a', 'command: [kube-apiserver]', 'args: [--secure-port=6443, --v=2]'])), [
      { component: 'kube-apiserver', flags: ['secure-port=6443', 'v=2'] },
    ]);
  });

  it('reads a component inside sh -c, stopping at the end of its simple command', () => {
    const text = pod(['name: a', 'command: ["sh", "-c", "echo start; exec kube-apiserver --secure-port=6443 --v=2 && echo done"]']);
    assert.deepEqual(components(text), [{ component: 'kube-apiserver', flags: ['secure-port=6443', 'v=2'] }]);
  });

  it('reads a component inside a block-scalar script with line continuations', () => {
    const text = pod(['name: a', 'command:', '- /bin/bash', '- -ec', '- |', '  exec kubelet \\', '    --anonymous-auth=false \\', '    --read-only-port=0']);
    assert.deepEqual(components(text), [{ component: 'kubelet', flags: ['anonymous-auth=false', 'read-only-port=0'] }]);
  });

  it('reads hyperkube subcommands and go-runner wrappers', () => {
    assert.deepEqual(components(pod(['name: a', 'command: [/hyperkube, apiserver, --secure-port=443]'])), [{ component: 'kube-apiserver', flags: ['secure-port=443'] }]);
    assert.deepEqual(components(pod(['name: a', 'command: [/go-runner]', 'args: [--log-file=/var/log/a.log, --also-stdout, /usr/local/bin/kube-scheduler, --v=2]'])), [
      { component: 'kube-scheduler', flags: ['v=2'] },
    ]);
  });

  it('finds components in init containers and in the pod templates of every workload kind', () => {
    for (const kind of ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'Job']) {
      assert.equal(components(pod(['name: a', 'command: [etcd]'], kind))[0]?.component, 'etcd', kind);
    }
    const init = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: x}', 'spec:', '  initContainers:', '  - name: i', '    command: [kube-controller-manager]', '  containers:', '  - name: c', '    image: nginx', ''].join('\n');
    assert.equal(components(init)[0]?.component, 'kube-controller-manager');
  });

  it('ignores containers that run something else, even with control-plane-looking flags', () => {
    assert.deepEqual(components(pod(['name: a', 'command: [my-proxy, --anonymous-auth=true, --kubelet-https=false]'])), []);
    assert.deepEqual(components(pod(['name: a', 'command: [sh, -c, "echo kube-apiserver is great"]'])), []);
    assert.deepEqual(components(pod(['name: a', 'command: [etcdctl, get, foo]'])), []);
  });

  it('ignores documents that are not workloads, and survives Helm templates', () => {
    assert.deepEqual(components('apiVersion: v1\nkind: ConfigMap\ndata:\n  command: kube-apiserver\n'), []);
    assert.deepEqual(components('{{- if .Values.enabled }}\napiVersion: v1\nkind: Pod\nspec:\n  containers: {{ toYaml .Values.c }}\n{{- end }}\n'), []);
  });
});
