// Protocol tests for the editing experience: suppression, fix-all, completion, hover, code lenses, settings and the project file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CodeLensRequest,
  CompletionRequest,
  ExecuteCommandRequest,
  HoverRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, ROOT } from '../helpers';
import { TestClient } from './testClient';

const example = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8');
const CA = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const before = text.slice(0, text.indexOf(needle) + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('editing over the protocol', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-lsp-'));
  const folder = pathToFileURL(dir).toString();
  let client: TestClient;
  let version = 1;
  before(async () => {
    client = new TestClient();
    await client.initialize(folder);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true });
  });

  async function open(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const uri = `${folder}/${name}`;
    fs.writeFileSync(path.join(dir, name), text);
    await client.open(uri, text, version);
    return { uri, diagnostics: await client.diagnostics(uri, version) };
  }

  async function actions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return ((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics, only } })) ?? []) as CodeAction[];
  }

  it('offers Disable for this line / file and Show documentation for every finding; the line suppression silences it', async () => {
    const { uri, diagnostics } = await open('suppress.yaml', example);
    const kcg201 = diagnostics.filter((d) => d.code === 'KCG201');
    const titles = (await actions(uri, kcg201)).map((a) => a.title);
    assert.deepEqual(titles.filter((t) => /KCG201|kubelet-certificate-authority/.test(t)), [`Add ${CA}`, 'Disable KCG201 for this line', 'Disable KCG201 for this file', 'Show documentation for KCG201']);
    const line = (await actions(uri, kcg201)).find((a) => a.title === 'Disable KCG201 for this line');
    const suppressed = applyEdits(example, line?.edit?.changes?.[uri] ?? []);
    assert.match(suppressed, /\n {2}# kube-channel-guard-disable-next-line KCG201\n {2}- command:\n/);
    await client.replaceAll(uri, suppressed, 2);
    assert.deepEqual((await client.diagnostics(uri, 2)).filter((d) => d.code === 'KCG201'), []);
  });

  it('opens the rule page through window/showDocument', async () => {
    const { uri, diagnostics } = await open('docs.yaml', example);
    const show = (await actions(uri, diagnostics.filter((d) => d.code === 'KCG201'))).find((a) => a.title === 'Show documentation for KCG201');
    assert.ok(show?.command);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: show.command.command, arguments: show.command.arguments });
    assert.match(client.shown[client.shown.length - 1].uri, /\/docs\/rules\/KCG201\.md$/);
  });

  it('fixes everything with source.fixAll.kube-channel-guard and with the fix-all command; a second fix-all finds nothing to do', async () => {
    const { uri, diagnostics } = await open('fixall.yaml', example);
    const [fixAll] = await actions(uri, diagnostics, ['source.fixAll']);
    assert.equal(fixAll?.kind, 'source.fixAll.kube-channel-guard');
    const fixed = applyEdits(example, (fixAll.edit?.changes?.[uri] ?? []) as TextEdit[]);
    assert.ok(fixed.includes(`    - ${CA}\n`));
    await client.replaceAll(uri, fixed, 2);
    const after = await client.diagnostics(uri, 2);
    assert.ok(after.length < diagnostics.length, `${after.length} findings left of ${diagnostics.length}`);
    assert.deepEqual(await actions(uri, after, ['source.fixAll']), []);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: 'kube-channel-guard.applyFixAll', arguments: [uri] });
    assert.equal(client.applied.length, 0, 'nothing left for the command to apply');
  });

  it('completes flag names with their secure value in a command list', async () => {
    const text = example.replace('    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n', '    - --tls-private-key-file=/etc/kubernetes/pki/apiserver.key\n    - --kubelet-c\n');
    const { uri } = await open('complete.yaml', text);
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: positionOf(text, '--kubelet-c\n', '--kubelet-c'.length) })) as CompletionItem[];
    const ca = items.find((i) => i.label.startsWith('--kubelet-certificate-authority'));
    assert.ok(ca, `got ${items.map((i) => i.label).join(', ')}`);
    assert.match(ca.textEdit && 'newText' in ca.textEdit ? ca.textEdit.newText : '', /^--kubelet-certificate-authority=/);
  });

  it('summarises each component in a code lens', async () => {
    const { uri } = await open('lens.yaml', example);
    const lenses = await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    assert.equal(lenses?.length, 1);
    assert.match(lenses?.[0].command?.title ?? '', /API→kubelet: unverified/);
  });

  it('hovers a rule id in a suppression comment', async () => {
    const text = `# kube-channel-guard-disable-file KCG201\n${example}`;
    const { uri } = await open('hover.yaml', text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 37 } });
    assert.match((hover?.contents as MarkupContent).value, /KCG201 kubelet-certificate-authority-missing/);
  });

  it('applies rule levels from settings, and the project file over them, without a reload; reports a bad project file in it', async () => {
    const { uri, diagnostics } = await open('levels.yaml', example);
    assert.equal(diagnostics.find((d) => d.code === 'KCG201')?.severity, 2);
    client.clear();
    await client.changeSettings({ enable: true, rules: { KCG201: 'error' } });
    assert.equal((await client.diagnostics(uri, version)).find((d) => d.code === 'KCG201')?.severity, 1);
    const projectUri = `${folder}/.kube-channel-guard.yaml`;
    fs.writeFileSync(path.join(dir, '.kube-channel-guard.yaml'), 'rules:\n  KCG201: off\n');
    client.clear();
    await client.fileChanged(projectUri);
    assert.deepEqual((await client.diagnostics(uri, version)).filter((d) => d.code === 'KCG201'), []);
    const bad = 'rules:\n  KCG999: off\n';
    await client.open(projectUri, bad, 1);
    const problems = await client.diagnostics(projectUri, 1);
    assert.deepEqual(problems.map((p) => [p.message, p.range.start.line]), [['unknown rule id KCG999', 1]]);
    fs.rmSync(path.join(dir, '.kube-channel-guard.yaml'));
    await client.fileChanged(projectUri);
    await client.changeSettings({ enable: true });
  });

  it('checks only on save when run is onSave', async () => {
    await client.changeSettings({ enable: true, run: 'onSave' });
    const { uri } = await open('onsave.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    client.clear();
    await client.replaceAll(uri, example, 2);
    await assert.rejects(client.diagnostics(uri, 2, 500), /no diagnostics/);
    await client.save(uri);
    assert.ok((await client.diagnostics(uri, 2)).some((d) => d.code === 'KCG201'));
    await client.changeSettings({ enable: true });
  });
});

describe('a client that declares little (as Neovim 0.7 does)', () => {
  let client: TestClient;
  before(async () => {
    client = new TestClient();
    await client.initialize(undefined, true);
  });
  after(async () => client.stop());

  it('takes settings pushed with didChangeConfiguration, and offers no Show documentation it could not open', async () => {
    const uri = 'file:///work/minimal/kube-apiserver.yaml';
    await client.changeSettings({ rules: { KCG201: 'error' } });
    await client.open(uri, example);
    const [kcg201] = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'KCG201');
    assert.equal(kcg201.severity, 1);
    const titles = (((await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: kcg201.range, context: { diagnostics: [kcg201] } })) ?? []) as CodeAction[]).map((a) => a.title);
    assert.ok(titles.includes(`Add ${CA}`));
    assert.ok(!titles.some((t) => t.startsWith('Show documentation')));
    assert.equal(client.stderr, '');
  });
});
