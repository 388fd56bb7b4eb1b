// The VS Code side: starts the bundled language server over IPC for YAML files, shows its log, and adds the palette commands (fix all, the channel map).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ChannelMapPanel, SHOW_CHANNEL_MAP } from './channelMap';

let client: LanguageClient | undefined;

/** The server's command that applies every fix in a document (server/src/lsp/codeActions.ts). */
const APPLY_FIX_ALL = 'kube-channel-guard.applyFixAll';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Kube Channel Guard', { log: true });
  context.subscriptions.push(outputChannel);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-remote', language: 'yaml' },
    ],
    outputChannel,
    synchronize: {
      // files.exclude too: the workspace scan skips what it hides, and rescans when it changes.
      configurationSection: ['kubeChannelGuard', 'files.exclude'],
      // Project files changed on disk (by git, another editor) apply without a reload.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.kube-channel-guard.yaml'),
    },
  };
  const languageClient = new LanguageClient('kubeChannelGuard', 'Kube Channel Guard', serverOptions, clientOptions);
  client = languageClient;
  // The channel map may be asked for while the server is still starting: its requests wait for this.
  const started = languageClient.start();
  context.subscriptions.push(
    vscode.commands.registerCommand('kubeChannelGuard.fixAllInFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      await client.sendRequest(ExecuteCommandRequest.type, { command: APPLY_FIX_ALL, arguments: [editor.document.uri.toString()] });
    }),
    vscode.commands.registerCommand(SHOW_CHANNEL_MAP, () => ChannelMapPanel.show(languageClient, started)),
  );
  await started;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
