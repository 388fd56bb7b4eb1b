// The code lens above each component and config document: where it sits and how its title sums up the channels.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { RULE_STATES } from '../../server/src/engine/docs/ruleStates';
import { componentLenses, type ComponentLens } from '../../server/src/engine/lens';
import { kubeletConfig, kubeletDaemonSet, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from '../../server/src/engine/rules/examples';
import { apiserverPod, SECURE_APISERVER_FLAGS } from '../../server/src/engine/rules/node-to-apiserver/examples';
import { RULES } from '../../server/src/engine/rules/registry';
import { CORPUS } from '../helpers';

function lenses(text: string): Array<Pick<ComponentLens, 'title' | 'component'> & { line: number; character: number }> {
  return componentLenses(analyzeText(text)).map((l) => ({ line: l.range.start.line, character: l.range.start.character, title: l.title, component: l.component }));
}

/** A kube-apiserver that sets every flag the rules ask for, so that each test changes one thing. */
const QUIET_APISERVER = [
  ...SECURE_APISERVER_FLAGS,
  '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
  '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
  '--etcd-servers=https://127.0.0.1:2379',
  '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
  '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
  '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
  '--profiling=false',
  '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
  '--requestheader-allowed-names=front-proxy-client',
  '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
  '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
];

function apiserverWith(changes: Record<string, string | undefined>): string {
  const flags = QUIET_APISERVER.filter((f) => !Object.keys(changes).some((name) => f.startsWith(`--${name}=`)));
  return apiserverPod([...flags, ...Object.entries(changes).flatMap(([name, value]) => (value === undefined ? [] : [`--${name}=${value}`]))]);
}

describe('component lenses', () => {
  it("sits on the container's first line and reads ok on every channel of a well-configured API server", () => {
    assert.deepEqual(lenses(apiserverWith({})), [
      { line: 7, character: 4, component: 'kube-apiserver', title: 'ok: node → API server · API server → kubelet · API server → pods/services · control plane' },
    ]);
  });

  it("names the most telling finding's state on its channel, and how many more there are", () => {
    const [lens] = lenses(apiserverWith({ 'anonymous-auth': 'true', 'kubelet-certificate-authority': undefined }));
    assert.equal(lens.title, 'node → API server: anonymous · API server → kubelet: unverified · others ok');
    const [two] = lenses(apiserverWith({ 'anonymous-auth': 'true', 'authorization-mode': 'AlwaysAllow' }));
    assert.match(two.title, /^node → API server: open \+\d+ · /, 'an error outranks a warning');
  });

  it('keeps the title of a component with findings everywhere under 100 characters', () => {
    const [lens] = lenses(apiserverPod([]));
    assert.ok(lens.title.length <= 100, lens.title);
    assert.match(lens.title, /^node→API: open \+\d+ · API→kubelet: unverified \+\d+ · API→pods: ok · control plane: [a-z ]+ \+\d+$/);
  });

  it('sums up a kubelet run from flags', () => {
    assert.deepEqual(lenses(kubeletDaemonSet(SECURE_KUBELET_FLAGS)), [{ line: 15, character: 8, component: 'kubelet', title: 'node → API server: ok · API server → kubelet: ok' }]);
    const [lens] = lenses(kubeletDaemonSet(['--anonymous-auth=true', ...SECURE_KUBELET_FLAGS.slice(1)]));
    assert.equal(lens.title, 'node → API server: ok · API server → kubelet: anonymous');
  });

  it("sits on a config document's kind line", () => {
    assert.deepEqual(lenses(kubeletConfig(SECURE_KUBELET_FIELDS)), [{ line: 1, character: 0, component: 'kubelet', title: 'node → API server: ok · API server → kubelet: ok' }]);
    assert.equal(lenses(kubeletConfig([...SECURE_KUBELET_FIELDS.filter((l) => !l.startsWith('readOnlyPort')), 'readOnlyPort: 10255']))[0].title, 'node → API server: ok · API server → kubelet: read-only port');
  });

  it('sits on the kubeadm section key, or names the component on the kind line when its section is missing', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', '    anonymous-auth: "true"', 'etcd:', '  local:', '    dataDir: /var/lib/etcd', ''].join('\n');
    const found = lenses(text);
    assert.deepEqual(
      found.map((l) => [l.line, l.component]),
      [
        [1, 'kube-controller-manager'],
        [1, 'kube-scheduler'],
        [2, 'kube-apiserver'],
        [5, 'etcd'],
      ],
    );
    assert.match(found[0].title, /^kube-controller-manager: node → API server: /);
    assert.match(found[2].title, /^node→API: anonymous/);
    assert.equal(found[3].title, 'control plane: ok');
  });

  it('counts a finding only for the component whose settings it reads', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', '    anonymous-auth: "true"', ''].join('\n');
    const scheduler = lenses(text).find((l) => l.component === 'kube-scheduler');
    assert.ok(scheduler && !scheduler.title.includes('anonymous'), scheduler?.title);
  });

  it('marks components of files that show only part of their settings', () => {
    assert.deepEqual(lenses(['kube-apiserver-arg:', '- anonymous-auth=true', ''].join('\n')), [
      { line: 0, character: 0, component: 'kube-apiserver', title: 'node → API server: anonymous · others ok · partial' },
    ]);
  });

  it('places the lens of YAML embedded in a block scalar in the outer file', () => {
    const text = ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', '  kubeadmConfigPatches:', '  - |', '    kind: KubeletConfiguration', '    apiVersion: kubelet.config.k8s.io/v1beta1', '    readOnlyPort: 10255', ''].join('\n');
    assert.deepEqual(lenses(text), [{ line: 6, character: 4, component: 'kubelet', title: 'node → API server: ok · API server → kubelet: read-only port · partial' }]);
  });

  it('shows no lens on other objects', () => {
    assert.deepEqual(lenses(['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', '  a: b', ''].join('\n')), []);
  });

  it('has a state word for every channel rule', () => {
    const missing = RULES.filter((r) => /^KCG[1-4]/.test(r.meta.id) && !RULE_STATES[r.meta.id]).map((r) => r.meta.id);
    assert.deepEqual(missing, []);
  });

  it('keeps every lens over the real-world corpus on one line of at most 100 characters', () => {
    const files = (function walk(dir: string): string[] {
      return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
    })(path.join(CORPUS, 'realworld'));
    let count = 0;
    for (const file of files) {
      for (const lens of componentLenses(analyzeText(fs.readFileSync(file, 'utf8')))) {
        count++;
        assert.ok(lens.title.length <= 100 && !lens.title.includes('\n'), `${path.relative(CORPUS, file)}: ${lens.title}`);
        assert.equal(lens.range.start.line, lens.range.end.line);
      }
    }
    assert.ok(count > 50, `${count} lenses`);
  });
});
