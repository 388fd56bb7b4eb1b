// Runs inside VS Code: opens an example, waits for KCG201, applies its quick fix, and checks the text and the hover.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const CA_FLAG = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';

function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function openCopyOf(example: string): Promise<vscode.TextEditor> {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-vscode-'));
  const file = path.join(dir, path.basename(example));
  fs.copyFileSync(path.join(root, 'examples', example), file);
  const document = await vscode.workspace.openTextDocument(file);
  return vscode.window.showTextDocument(document);
}

const tests: Array<[string, () => Promise<void>]> = [
  [
    'KCG201 appears, its quick fix adds the flag, and it disappears',
    async () => {
      const editor = await openCopyOf('kube-apiserver.yaml');
      const uri = editor.document.uri;
      const diagnostic = await waitFor('KCG201', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'KCG201'));
      assert.equal(diagnostic.source, 'kube-channel-guard');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === `Add ${CA_FLAG}`);
      assert.ok(fix?.edit, 'the quick fix is offered');
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.ok(editor.document.getText().includes(`    - ${CA_FLAG}\n`));
      await waitFor('KCG201 to go', () => (vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'KCG201') ? undefined : true));
    },
  ],
  [
    'hover explains the channel of a flag',
    async () => {
      const editor = await openCopyOf('kube-apiserver.yaml');
      const text = editor.document.getText();
      const position = editor.document.positionAt(text.indexOf('--kubelet-client-key') + 4);
      const hovers = await waitFor('a hover', async () => {
        const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
        return h.length > 0 ? h : undefined;
      });
      const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(markdown, /API server → kubelet/);
    },
  ],
  [
    '"Disable KCG201 for this line" inserts the comment and silences the finding',
    async () => {
      const editor = await openCopyOf('kube-apiserver.yaml');
      const uri = editor.document.uri;
      const diagnostic = await waitFor('KCG201', () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'KCG201'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const disable = actions.find((a) => a.title === 'Disable KCG201 for this line');
      assert.ok(disable?.edit, 'the suppression is offered');
      assert.ok(await vscode.workspace.applyEdit(disable.edit));
      assert.match(editor.document.getText(), /# kube-channel-guard-disable-next-line KCG201\n/);
      await waitFor('KCG201 to go', () => (vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'KCG201') ? undefined : true));
    },
  ],
  [
    "a rule's level in the settings changes its severity without a reload",
    async () => {
      const editor = await openCopyOf('kube-apiserver.yaml');
      const uri = editor.document.uri;
      const config = vscode.workspace.getConfiguration('kubeChannelGuard');
      await config.update('rules', { KCG201: 'error' }, vscode.ConfigurationTarget.Global);
      try {
        await waitFor('KCG201 as an error', () =>
          vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'KCG201' && d.severity === vscode.DiagnosticSeverity.Error) ? true : undefined,
        );
      } finally {
        await config.update('rules', undefined, vscode.ConfigurationTarget.Global);
      }
    },
  ],
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, test] of tests) {
    try {
      await test();
      console.log(`ok - ${name}`);
    } catch (error) {
      failures.push(name);
      console.error(`not ok - ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  console.log(`${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} VS Code test(s) failed`);
}
