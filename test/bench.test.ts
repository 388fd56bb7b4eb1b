// Keeps `npm run bench` honest: its LSP driver must see each server answer the open and every edit, and its guard must refuse the network.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { editPlan, measureFile } from '../scripts/bench/driver';
import { NETWORK_MARKER, NO_NETWORK_PRELOAD } from '../scripts/bench/paths';
import { SERVER_NAMES, startServer } from '../scripts/bench/servers';

/** An API server that allows anonymous requests: our server has something to report, and the edits land in flag values. */
const TINY = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
  - name: kube-apiserver
    image: registry.k8s.io/kube-apiserver:v1.30.2
    command:
    - kube-apiserver
    - --anonymous-auth=true
    - --authorization-mode=Node,RBAC
    - --etcd-servers=https://127.0.0.1:2379
`;

test('the benchmark driver times the open and each of 2 edits from both servers', { timeout: 20_000 }, async () => {
  const plan = editPlan(TINY, 2);
  assert.equal(plan.length, 2, 'two edit points on distinct lines');
  for (const id of ['ours', 'yls'] as const) {
    const client = await startServer(id, { warmUp: 'small', timeoutMs: 8000 });
    try {
      const timing = await measureFile(client, { uri: `untitled:bench-test-${id}.yaml`, text: TINY, plan, timeoutMs: 8000, gapMs: 0 });
      assert.ok(timing.openMs > 0, `${SERVER_NAMES[id]} answered the open`);
      assert.equal(timing.editMs.length, 2, `${SERVER_NAMES[id]} answered both edits`);
      assert.ok(timing.editMs.every((ms) => ms > 0 && Number.isFinite(ms)));
      assert.equal(timing.strayPublishes, 0, `${SERVER_NAMES[id]} published once per change`);
      if (id === 'ours') assert.ok(timing.openDiagnostics > 0, 'our server reports the anonymous API server');
      assert.deepEqual(client.networkAttempts, [], `${SERVER_NAMES[id]} did not reach for the network`);
    } finally {
      await client.stop();
    }
  }
});

test('the edits go inside values and comments, never into keys', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\n# a comment\nmetadata:\n  name: demo\ndata:\n  key: value\n';
  const lines = text.split('\n');
  for (const p of editPlan(text, 3)) {
    const before = lines[p.line].slice(0, p.character);
    assert.ok(/#$|: \S$/.test(before), `edit at "${before}|" is inside a comment or a value`);
  }
});

test('the network guard preloaded into the servers refuses connections and says so', () => {
  const script = "const net = require('node:net'); try { net.connect(9, '127.0.0.1'); console.log('connected'); } catch { console.log('refused'); }";
  const run = spawnSync(process.execPath, ['--require', NO_NETWORK_PRELOAD, '-e', script], { encoding: 'utf8', timeout: 5000 });
  assert.equal(run.stdout.trim(), 'refused');
  assert.ok(run.stderr.includes(NETWORK_MARKER));
});
