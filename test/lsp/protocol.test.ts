// Protocol tests: the bundled server over stdio publishes diagnostics, quick fixes and hovers that an editor can use.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CodeActionRequest, DiagnosticSeverity, HoverRequest, type CodeAction, type Diagnostic, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { applyEdits, ROOT } from '../helpers';
import { TestClient } from './testClient';

const example = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8');

async function quickFixes(client: TestClient, uri: string, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
  const result = await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostics[0].range,
    context: { diagnostics },
  });
  return (result ?? []) as CodeAction[];
}

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize();
  });
  after(async () => client.stop());

  it('publishes KCG201 on open, without a save, on the command: key, with a link to the rule page', async () => {
    const uri = 'file:///work/open/kube-apiserver.yaml';
    await client.open(uri, example);
    const diagnostics = await client.diagnostics(uri, 1);
    const kcg201 = diagnostics.filter((d) => d.code === 'KCG201');
    assert.equal(kcg201.length, 1);
    const [d] = kcg201;
    assert.equal(d.source, 'kube-channel-guard');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(d.message as string, /--kubelet-certificate-authority/);
    assert.deepEqual(d.range, { start: positionOf(example, 'command:'), end: positionOf(example, 'command:', 'command'.length) });
    const page = fileURLToPath(d.codeDescription?.href ?? '');
    assert.ok(fs.existsSync(page), `${page} exists`);
    assert.match(fs.readFileSync(page, 'utf8'), /^# KCG201: kubelet-certificate-authority-missing/);
  });

  it('offers a quick fix whose edit adds the flag, and the diagnostic disappears after the change', async () => {
    const uri = 'file:///work/fix/kube-apiserver.yaml';
    await client.open(uri, example);
    const diagnostics = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'KCG201');
    const actions = (await quickFixes(client, uri, diagnostics)).filter((a) => a.isPreferred);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt');
    assert.equal(actions[0].kind, 'quickfix');
    const fixed = applyEdits(example, actions[0].edit?.changes?.[uri] ?? []);
    assert.equal(
      fixed,
      example.replace(
        '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n',
        '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt\n',
      ),
    );
    await client.replaceAll(uri, fixed, 2);
    const after = await client.diagnostics(uri, 2);
    assert.deepEqual(after.filter((d) => d.code === 'KCG201'), []);
    // The fix computed for version 1 is not offered any more for version 2.
    assert.deepEqual(await quickFixes(client, uri, diagnostics), []);
  });

  it('updates diagnostics on every change', async () => {
    const uri = 'file:///work/change/kubelet.yaml';
    const config = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nserverTLSBootstrap: true\nreadOnlyPort: 0\n';
    await client.open(uri, config);
    // Only the missing client CA is reported: the config defaults cover the rest.
    assert.deepEqual((await client.diagnostics(uri, 1)).map((d) => d.code), ['KCG208']);
    await client.replaceAll(uri, config.replace('readOnlyPort: 0', 'readOnlyPort: 10255'), 2);
    const diagnostics = await client.diagnostics(uri, 2);
    const kcg207 = diagnostics.find((d) => d.code === 'KCG207');
    assert.ok(kcg207, 'KCG207 after the change');
    assert.match(kcg207.message as string, /^readOnlyPort is 10255/);
    assert.deepEqual(kcg207.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 19 } });
  });

  it('keeps CRLF line endings and flow sequences in its fixes', async () => {
    const uri = 'file:///work/crlf/apiserver.yaml';
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: kube-apiserver}',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    command: ["kube-apiserver", "--kubelet-client-certificate=/pki/c.crt", "--kubelet-client-key=/pki/c.key"]  # flow style',
      '',
    ].join('\r\n');
    await client.open(uri, text);
    const diagnostics = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'KCG201');
    const [action] = (await quickFixes(client, uri, diagnostics)).filter((a) => a.isPreferred);
    const fixed = applyEdits(text, action.edit?.changes?.[uri] ?? []);
    assert.equal(fixed, text.replace('"--kubelet-client-key=/pki/c.key"]', '"--kubelet-client-key=/pki/c.key", "--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt"]'));
    assert.equal(fixed.split('\r\n').length, text.split('\r\n').length);
  });

  it('explains a flag on hover: its channel, the secure value and what the file sets', async () => {
    const uri = 'file:///work/hover/kube-apiserver.yaml';
    await client.open(uri, example);
    await client.diagnostics(uri, 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(example, '--kubelet-client-certificate', 5) });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*--kubelet-client-certificate \(kube-apiserver\)\*\*/);
    assert.match(value, /Channel: \*\*API server → kubelet\*\*/);
    assert.match(value, /This file sets `--kubelet-client-certificate=\/etc\/kubernetes\/pki\/apiserver-kubelet-client.crt`/);
    assert.match(value, /Secure value: `--kubelet-client-certificate=\/etc\/kubernetes\/pki\/apiserver-kubelet-client.crt`/);
  });

  it("summarises the component's channels on hover over command:", async () => {
    const uri = 'file:///work/hover2/kube-apiserver.yaml';
    await client.open(uri, example);
    await client.diagnostics(uri, 1);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(example, 'command:', 2) });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*kube-apiserver \(container kube-apiserver\)\*\*/);
    assert.match(value, /- API server → kubelet: 1 finding: KCG201/);
  });

  it('gives YAML that is not Kubernetes nothing: no diagnostics, no hover, no error', async () => {
    const uri = 'file:///work/other/values.yaml';
    const text = 'replicaCount: 2\nargs:\n- --anonymous-auth=true\n';
    await client.open(uri, text);
    assert.deepEqual(await client.diagnostics(uri, 1), []);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 5 } }), null);
  });

  it('clears diagnostics when the enable setting is turned off, and brings them back when it is on', async () => {
    const uri = 'file:///work/settings/kube-apiserver.yaml';
    await client.open(uri, example);
    assert.ok((await client.diagnostics(uri, 1)).length > 0);
    client.clear();
    await client.changeSettings({ enable: false });
    assert.deepEqual(await client.diagnostics(uri, 1), []);
    client.clear();
    await client.changeSettings({ enable: true });
    assert.ok((await client.diagnostics(uri, 1)).length > 0);
  });
});
