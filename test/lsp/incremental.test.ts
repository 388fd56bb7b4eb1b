// Typing in a large multi-document file: the server applies incremental changes to the document's pieces, coalesces a
// burst into one check, publishes only for the latest version, and what it publishes is what a full check of the
// final text gives, in the right places.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { analyzeText } from '../../server/src/engine/analyze';
import { WORKSPACE_RULES } from '../../server/src/engine/rules/registry';
import { SourceText } from '../../server/src/engine/text';
import { TestClient } from './testClient';

const APISERVER = `apiVersion: v1
kind: Pod
metadata:
  name: kube-apiserver
  namespace: kube-system
spec:
  containers:
    - name: kube-apiserver
      image: registry.k8s.io/kube-apiserver:v1.31.0
      command:
        - kube-apiserver
        - --client-ca-file=/etc/kubernetes/pki/ca.crt
        - --tls-cert-file=/etc/kubernetes/pki/apiserver.crt
        - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key
`;

const configMap = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-${i}\ndata:\n  key: "value ${i}"\n`;

describe('typing in a multi-document file', () => {
  const client = new TestClient();
  const uri = 'file:///typing/cluster.yaml';
  before(() => client.initialize());
  after(() => client.stop());

  it('coalesces a burst of keystrokes and publishes the latest version only, with the findings of a full check', async () => {
    let text = [configMap(0), APISERVER, ...Array.from({ length: 40 }, (_, i) => configMap(i + 1))].join('---\n');
    await client.open(uri, text, 1);
    await client.diagnostics(uri, 1);
    client.clear();
    // Type "abc" into a ConfigMap value near the end and a comment near the top, as fast as the client can send.
    const source = new SourceText(text);
    const at = source.positionAt(text.lastIndexOf('value 40') + 5);
    const keystrokes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    await Promise.all(keystrokes.map((ch, i) => client.edit(uri, i + 2, { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, ch)));
    const last = keystrokes.length + 1;
    const diagnostics = await client.diagnostics(uri, last);
    text = text.replace('value 40', `value${keystrokes.join('')} 40`);
    const expected = analyzeText(text).findings;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      expected.map((f) => [f.ruleId, f.range]),
    );
    const versions = client.publishedFor(uri).map((p) => p.version ?? -1);
    assert.ok(versions.length < keystrokes.length, `a burst of ${keystrokes.length} changes drew ${versions.length} checks`);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions only increase');
    assert.equal(versions[versions.length - 1], last);
  });

  it('moves findings below an inserted line and clears the one a typed flag fixes', async () => {
    const doc = 'file:///typing/two.yaml';
    let text = `${configMap(0)}---\n${APISERVER}`;
    await client.open(doc, text, 1);
    const first = await client.diagnostics(doc, 1);
    const kcg201 = first.find((d) => d.code === 'KCG201');
    assert.ok(kcg201, 'KCG201 reported');
    // A line inserted in the ConfigMap above moves every finding of the API server down by one.
    await client.edit(doc, 2, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, '# a comment\n');
    const moved = await client.diagnostics(doc, 2);
    assert.deepEqual(
      moved.map((d) => d.range.start.line),
      first.map((d) => d.range.start.line + 1),
    );
    // Typing the flag the finding asks for removes it.
    text = `${configMap(0).replace('\n', '\n# a comment\n')}---\n${APISERVER}`;
    const line = text.split('\n').findIndex((l) => l.includes('--tls-private-key-file')) + 1;
    await client.edit(doc, 3, { start: { line, character: 0 }, end: { line, character: 0 } }, '        - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt\n');
    const fixed = await client.diagnostics(doc, 3);
    assert.equal(fixed.find((d) => d.code === 'KCG201'), undefined);
    // Hover answers at the flag's new place.
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc }, position: { line, character: 14 } });
    assert.ok(hover && JSON.stringify(hover.contents).includes('kubelet-certificate-authority'));
    assert.equal(hover.range?.start.line, line);
  });
});

describe('cross-document checks in an open document', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('reports what only both ends reveal, with the other end as related information, and follows edits', async () => {
    const rule = WORKSPACE_RULES.find((r) => r.meta.id === 'KCG214');
    const example = rule?.meta.examples.invalid.find((e) => e.files && e.files.length > 1);
    assert.ok(example?.files, 'KCG214 has a multi-file example');
    const uri = 'file:///cross/cluster.yaml';
    const text = example.files.map((f) => f.text).join('---\n');
    await client.open(uri, text, 1);
    const diagnostics = await client.diagnostics(uri, 1);
    const found = diagnostics.filter((d) => d.code === 'KCG214');
    assert.equal(found.length, 1, JSON.stringify(diagnostics.map((d) => d.code)));
    const related = found[0].relatedInformation ?? [];
    assert.ok(related.length > 0 && related.every((r) => r.location.uri === uri), JSON.stringify(related));
    // The related place is the kubelet end, in this same file, below the API server's flag.
    assert.ok(related[0].location.range.start.line !== found[0].range.start.line);
  });
});

describe('requests about a version the user has typed past', () => {
  const client = new TestClient();
  before(() => client.initialize());
  after(() => client.stop());

  it('are cancelled with ContentModified instead of answering for moved text', async () => {
    const uri = 'file:///stale/pod.yaml';
    await client.open(uri, APISERVER, 1);
    await client.diagnostics(uri, 1);
    // A slow editor: the settings the hover needs arrive only after the user has typed again.
    let release = (): void => undefined;
    client.configurationGate = new Promise<void>((resolve) => (release = resolve));
    await client.changeSettings({ enable: true });
    const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 11, character: 12 } });
    await client.edit(uri, 2, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, '# typed\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    client.configurationGate = undefined;
    await assert.rejects(hover, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.ContentModified);
    // The next request, about the current version, is answered.
    const again = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 12, character: 12 } });
    assert.ok(again && JSON.stringify(again.contents).includes('client-ca-file'));
  });
});
