// The channel map's graph: which endpoint and link each finding and each configured component lands on, and each link's state, on real manifests.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFileOnce } from '../../../server/src/engine/incremental/ends';
import type { Finding } from '../../../server/src/engine/types';
import { analyzeWorkspace, type WorkspaceResult } from '../../../server/src/engine/workspace/analyzeWorkspace';
import { channelMapOf, MAP_EDGES, type ChannelMap, type EdgeId, type MapEdge } from '../../../server/src/engine/workspace/channelMap';
import { CORPUS } from '../../helpers';

const REALWORLD = path.join(CORPUS, 'realworld');

function workspace(dir: string, names: readonly string[]): WorkspaceResult {
  return analyzeWorkspace(names.map((name) => ({ uri: name, text: fs.readFileSync(path.join(REALWORLD, dir, name), 'utf8') })));
}

function yamlIn(dir: string): string[] {
  return fs
    .readdirSync(path.join(REALWORLD, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

function edge(map: ChannelMap, id: EdgeId): MapEdge {
  const found = map.edges.find((e) => e.id === id);
  assert.ok(found, `the map has the edge ${id}`);
  return found;
}

/** Rule ids on an edge, once each, sorted. */
function rulesOn(map: ChannelMap, id: EdgeId): string[] {
  return [...new Set(edge(map, id).findings.map((f) => f.ruleId))].sort();
}

/** `rule@file:line` for every finding in a result, or on the map: the same finding says the same thing in both. */
function keys(findings: ReadonlyArray<Pick<Finding, 'ruleId' | 'range'> & { uri: string }>): string[] {
  return findings.map((f) => `${f.ruleId}@${f.uri}:${f.range.start.line}:${f.range.start.character}`).sort();
}

const KUBEADM_CONTROL_PLANE = [
  'kubeadm_etc_kubernetes__manifests_etcd.yaml',
  'kubeadm_etc_kubernetes__manifests_kube-apiserver.yaml',
  'kubeadm_etc_kubernetes__manifests_kube-controller-manager.yaml',
  'kubeadm_etc_kubernetes__manifests_kube-scheduler.yaml',
];

describe('the channel map of a kubeadm control plane (its four static pods)', () => {
  const map = channelMapOf(workspace('control-plane', KUBEADM_CONTROL_PLANE));
  const [etcd, apiserver, controllerManager, scheduler] = KUBEADM_CONTROL_PLANE;

  it('puts the API server in the middle, and etcd and the controllers around it, each from its own file', () => {
    assert.deepEqual(
      map.hub.ends.map((e) => `${e.uri} ${e.label}`),
      [`${apiserver} kube-apiserver (container kube-apiserver)`],
    );
    const spoke = (id: string): string[] => map.spokes.find((s) => s.id === id)?.ends.map((e) => e.uri) ?? [];
    assert.deepEqual(spoke('etcd'), [etcd]);
    assert.deepEqual(spoke('controllers'), [controllerManager, scheduler]);
    assert.deepEqual(spoke('nodes'), [], 'no kubelet is in these files');
    assert.deepEqual(spoke('webhooks'), []);
  });

  it("colours kubeadm's unverified kubelet link weak, with KCG201 on the API server's command line", () => {
    const kubelets = edge(map, 'apiserver-to-kubelets');
    assert.equal(kubelets.state, 'weak');
    assert.deepEqual(rulesOn(map, 'apiserver-to-kubelets'), ['KCG201']);
    const [finding] = kubelets.findings;
    assert.equal(finding.uri, apiserver);
    assert.match(finding.message, /--kubelet-certificate-authority/);
    assert.equal(fs.readFileSync(path.join(REALWORLD, 'control-plane', apiserver), 'utf8').split('\n')[finding.range.start.line].trim(), '- command:');
  });

  it('opens the controllers link: the insecure ports of the controller manager and the scheduler are errors', () => {
    const controllers = edge(map, 'controllers-and-apiserver');
    assert.equal(controllers.state, 'open');
    assert.deepEqual(rulesOn(map, 'controllers-and-apiserver'), ['KCG416', 'KCG417', 'KCG418']);
    assert.deepEqual([...new Set(controllers.findings.filter((f) => f.severity === 'error').map((f) => f.uri))].sort(), [controllerManager, scheduler]);
    assert.equal(controllers.findings[0].severity, 'error', 'errors are listed first');
  });

  it('sends service-account findings to the pods and anonymous auth to the clients, though both sit on the API server', () => {
    assert.deepEqual(rulesOn(map, 'pods-to-apiserver'), ['KCG111']);
    assert.deepEqual(rulesOn(map, 'clients-to-apiserver'), ['KCG101']);
    assert.equal(edge(map, 'clients-to-apiserver').state, 'weak');
  });

  it("shows etcd's link ok: the API server and etcd both set their certificates", () => {
    const store = edge(map, 'apiserver-to-etcd');
    assert.equal(store.state, 'ok');
    assert.deepEqual(store.findings, []);
    assert.deepEqual(store.ends.map((e) => `${e.side} ${e.uri}`), [`spoke ${etcd}`, `hub ${apiserver}`]);
  });

  it('leaves the webhooks unknown: nothing here configures them', () => {
    assert.equal(edge(map, 'apiserver-to-webhooks').state, 'unknown');
    assert.deepEqual(edge(map, 'apiserver-to-webhooks').ends, []);
  });

  it('gives each channel the worst state of its links, with all their findings counted', () => {
    const states = Object.fromEntries(map.channels.map((c) => [c.id, `${c.state} ${c.findingCount}`]));
    const count = (ids: EdgeId[]): number => ids.reduce((n, id) => n + edge(map, id).findings.length, 0);
    assert.deepEqual(states, {
      'node-to-apiserver': `weak ${count(['clients-to-apiserver', 'kubelets-to-apiserver', 'pods-to-apiserver'])}`,
      'apiserver-to-kubelet': `weak ${count(['apiserver-to-kubelets'])}`,
      'apiserver-to-nodes-pods-services': 'ok 0',
      'control-plane-internal': `open ${count(['apiserver-to-etcd', 'controllers-and-apiserver'])}`,
    });
  });
});

describe('the channel map of API objects and kubeconfigs', () => {
  const map = channelMapOf(workspace('other-channels', yamlIn('other-channels')));

  it('places APIServices, webhooks, kubeconfigs and the egress selector on their own endpoints', () => {
    assert.deepEqual(rulesOn(map, 'apiserver-to-aggregated-apis'), ['KCG301', 'KCG302']);
    assert.equal(edge(map, 'apiserver-to-aggregated-apis').state, 'open', 'insecureSkipTLSVerify is an error');
    assert.deepEqual(rulesOn(map, 'apiserver-to-webhooks'), ['KCG304']);
    assert.deepEqual(rulesOn(map, 'clients-to-apiserver'), ['KCG120', 'KCG121', 'KCG122', 'KCG123']);
    assert.ok(edge(map, 'apiserver-to-webhooks').ends.some((e) => e.label === 'ValidatingWebhookConfiguration externalsecret-validate'));
    assert.ok(edge(map, 'apiserver-to-nodes').ends.some((e) => e.label === 'EgressSelectorConfiguration'));
    assert.ok(map.spokes.find((s) => s.id === 'clients')?.ends.some((e) => e.uri === 'calico__calicoctl_test-data_kubeconfig.yaml' && e.label === 'Config'));
  });

  it('says nothing about kubelets when no file has one, or an API server that would call them', () => {
    assert.equal(edge(map, 'apiserver-to-kubelets').state, 'unknown');
    assert.equal(edge(map, 'kubelets-to-apiserver').state, 'unknown');
    assert.equal(map.channels.find((c) => c.id === 'apiserver-to-kubelet')?.state, 'unknown');
  });
});

describe('the channel map of kubelet configurations written inside other files', () => {
  const file = 'kind__pkg_internal_apis_config_encoding_testdata_v1alpha4_valid-kind-workers-patches.yaml';
  const map = channelMapOf(workspace('kubelet', [file]));

  it("finds a kind patch's kubelet and its AlwaysAllow, at their lines in the kind config", () => {
    const kubelets = edge(map, 'apiserver-to-kubelets');
    assert.equal(kubelets.state, 'open');
    assert.deepEqual(
      kubelets.findings.map((f) => `${f.ruleId} ${f.range.start.line + 1}`),
      ['KCG205 18'],
    );
    assert.ok(
      kubelets.ends.some((e) => e.label.startsWith('kubelet') && e.range.start.line + 1 === 16),
      `the kubelet end is the kubeletExtraArgs key on line 16: ${JSON.stringify(kubelets.ends)}`,
    );
    assert.ok(kubelets.ends.every((e) => e.partial), 'a kind patch shows only part of the kubelet');
  });
});

describe('every finding is on the map exactly once', () => {
  for (const dir of ['control-plane', 'kubelet', 'other-channels', 'linter-fixtures']) {
    it(`in realworld/${dir}: on a link of its own channel, or on no channel when it is about the command line`, () => {
      const result = workspace(dir, yamlIn(dir));
      const map = channelMapOf(result);
      const all = result.files.flatMap((f) => f.findings.map((finding) => ({ ...finding, uri: f.uri })));
      assert.ok(all.length > 10, `the corpus has findings to place (${all.length})`);
      assert.deepEqual(keys([...map.edges.flatMap((e) => e.findings), ...map.other]), keys(all));
      for (const e of map.edges) {
        const channels = [...new Set(e.findings.map((f) => all.find((a) => keys([a])[0] === keys([f])[0])?.channel))];
        assert.ok(channels.every((c) => c === e.channel), `${e.id} holds only ${e.channel} findings: ${channels.join(', ')}`);
      }
      assert.ok(map.other.every((f) => all.find((a) => keys([a])[0] === keys([f])[0])?.channel === 'general'));
    });
  }
});

describe('link states', () => {
  it('are all unknown for an empty workspace, and the map still has every link and channel', () => {
    const map = channelMapOf({ files: [] });
    assert.deepEqual(
      map.edges.map((e) => e.id),
      MAP_EDGES.map((e) => e.id),
    );
    assert.ok(map.edges.every((e) => e.state === 'unknown'));
    assert.deepEqual(
      map.channels.map((c) => `${c.id} ${c.state}`),
      ['node-to-apiserver unknown', 'apiserver-to-kubelet unknown', 'apiserver-to-nodes-pods-services unknown', 'control-plane-internal unknown'],
    );
  });

  it('follow the findings: an error opens a link, a warning weakens it, infos leave it ok', () => {
    const kubelet = (fields: string): ChannelMap =>
      channelMapOf(analyzeWorkspace([{ uri: 'kubelet.yaml', text: `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n${fields}` }]));
    const secure = 'authentication:\n  anonymous:\n    enabled: false\n  x509:\n    clientCAFile: /ca.crt\nauthorization:\n  mode: Webhook\nserverTLSBootstrap: true\n';
    assert.equal(edge(kubelet(secure), 'apiserver-to-kubelets').state, 'ok');
    assert.equal(edge(kubelet(secure.replace('enabled: false', 'enabled: true')), 'apiserver-to-kubelets').state, 'open');
    assert.equal(edge(kubelet(secure.replace('serverTLSBootstrap: true\n', '')), 'apiserver-to-kubelets').state, 'weak');
    const infos = kubelet(`${secure}tlsMinVersion: VersionTLS10\n`);
    assert.deepEqual(edge(infos, 'apiserver-to-kubelets').findings.map((f) => `${f.ruleId} ${f.severity}`), ['KCG212 info']);
    assert.equal(edge(infos, 'apiserver-to-kubelets').state, 'ok');
  });

  it("keep a cross-file finding's other end, so the map can point at both", () => {
    const text = fs.readFileSync(path.join(REALWORLD, 'control-plane', 'kubeadm_etc_kubernetes__manifests_kube-apiserver.yaml'), 'utf8');
    const analysis = analyzeFileOnce(text, {});
    const [kcg201] = analysis.findings.filter((f) => f.ruleId === 'KCG201');
    const related = [{ uri: 'kubelet.yaml', range: { start: { line: 3, character: 0 }, end: { line: 3, character: 10 } }, message: 'the kubelet serves a self-signed certificate' }];
    const map = channelMapOf({ files: [{ uri: 'apiserver.yaml', analysis, findings: [{ ...kcg201, related }] }] });
    assert.deepEqual(edge(map, 'apiserver-to-kubelets').findings[0].related, related);
  });
});
