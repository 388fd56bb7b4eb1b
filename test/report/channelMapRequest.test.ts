// The language server's `kubeChannelGuard/channelMap` request, over stdio: the map of the open documents, following edits and settings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChannelMap } from '../../server/src/engine/workspace/channelMap';
import { TestClient } from '../lsp/testClient';
import { ROOT } from '../helpers';

const REQUEST = 'kubeChannelGuard/channelMap';
const examples = (name: string): string => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
const uriOf = (name: string): string => `file:///work/cluster/${name}`;

describe('the channelMap request', () => {
  let client: TestClient;

  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(() => client.stop());

  const map = (): Promise<ChannelMap> => client.connection.sendRequest<ChannelMap>(REQUEST);
  const edge = (m: ChannelMap, id: string) => m.edges.find((e) => e.id === id);

  it('answers an empty map, every link unknown, before any document is open', async () => {
    const empty = await map();
    assert.deepEqual(empty.files, []);
    assert.equal(empty.edges.length, 9);
    assert.ok(empty.edges.every((e) => e.state === 'unknown'));
  });

  it('maps the open documents: the kubelet config opens the kubelet link, with its findings at their lines', async () => {
    await client.open(uriOf('kube-apiserver.yaml'), examples('kube-apiserver.yaml'));
    await client.open(uriOf('kubelet-config.yaml'), examples('kubelet-config.yaml'));
    await client.diagnostics(uriOf('kubelet-config.yaml'));
    const m = await map();
    assert.deepEqual(m.files.sort(), [uriOf('kube-apiserver.yaml'), uriOf('kubelet-config.yaml')]);
    const kubelets = edge(m, 'apiserver-to-kubelets');
    assert.equal(kubelets?.state, 'open');
    const kcg204 = kubelets?.findings.find((f) => f.ruleId === 'KCG204');
    assert.equal(kcg204?.uri, uriOf('kubelet-config.yaml'));
    assert.equal(kcg204?.range.start.line, 6, 'on `enabled: true` under authentication.anonymous (line 7)');
    assert.ok(kubelets?.findings.some((f) => f.ruleId === 'KCG201' && f.uri === uriOf('kube-apiserver.yaml')));
    assert.deepEqual(m.hub.ends.map((e) => e.uri), [uriOf('kube-apiserver.yaml')]);
  });

  it('follows an edit without a save: fixing the kubelet config turns its link from open to weak', async () => {
    const fixed = examples('kubelet-config.yaml').replace('enabled: true', 'enabled: false').replace('mode: AlwaysAllow', 'mode: Webhook');
    await client.replaceAll(uriOf('kubelet-config.yaml'), fixed, 2);
    await client.diagnostics(uriOf('kubelet-config.yaml'), 2);
    const kubelets = edge(await map(), 'apiserver-to-kubelets');
    assert.equal(kubelets?.state, 'weak');
    assert.deepEqual(kubelets?.findings.filter((f) => f.severity === 'error'), []);
  });

  it('uses the rule levels of the settings, as the diagnostics do', async () => {
    await client.changeSettings({ enable: true, rules: { KCG201: 'error' } });
    const kubelets = edge(await map(), 'apiserver-to-kubelets');
    assert.equal(kubelets?.findings.find((f) => f.ruleId === 'KCG201')?.severity, 'error');
    assert.equal(kubelets?.state, 'open');
    await client.changeSettings({ enable: false });
    assert.deepEqual((await map()).files, [], 'with the checks off, the map has nothing');
    await client.changeSettings({ enable: true });
  });
});
