// The language server: keeps open documents, publishes diagnostics on every change, answers code actions and hover.
import { TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from '../engine/analyze';
import { hoverAt } from '../engine/hover';
import { codeActions } from './codeActions';
import { toDiagnostic } from './diagnostics';
import { toHover } from './hover';
import { SettingsStore, type ServerSettings } from './settings';
import { isKustomizePatch } from '../workspace/kustomize';
import { fileURLToPath } from 'node:url';

/** A file a kustomization next to it lists as a patch is a fragment: missing settings draw nothing. */
function isPatch(uri: string): boolean {
  return uri.startsWith('file:') && isKustomizePatch(fileURLToPath(uri));
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { key: string; analysis: Analysis }>();
  let canPullConfiguration = false;
  const settings = new SettingsStore(connection, () => canPullConfiguration);
  const reported = new Set<string>();

  const analysisOf = (document: TextDocument, settings: ServerSettings): Analysis => {
    const key = `${document.version}|${settings.kubernetesVersion}`;
    const cached = analyses.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    const analysis = analyzeText(document.getText(), {
      kubernetesVersion: settings.kubernetesVersion || undefined,
      partial: isPatch(document.uri),
      onRuleError: (ruleId, error) => {
        // Logged once per rule, so that a broken rule does not flood the log on every keystroke.
        if (reported.has(ruleId)) return;
        reported.add(ruleId);
        connection.console.error(`rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      },
    });
    analyses.set(document.uri, { key, analysis });
    return analysis;
  };

  const validate = async (document: TextDocument): Promise<void> => {
    const resolved = await settings.get(document.uri);
    // The document may have changed or closed while the settings were on their way.
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    const diagnostics = resolved.enable ? analysisOf(current, resolved).findings.map((f) => toDiagnostic(f, current.version)) : [];
    void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
  };

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
      },
      serverInfo: { name: 'kube-channel-guard' },
    };
  });

  connection.onDidChangeConfiguration(() => {
    settings.forget();
    for (const document of documents.all()) void validate(document);
  });

  documents.onDidChangeContent((event) => void validate(event.document));
  documents.onDidClose((event) => {
    analyses.delete(event.document.uri);
    settings.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => codeActions(params, documents.get(params.textDocument.uri)?.version));

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const resolved = document && (await settings.get(document.uri));
    if (!document || !resolved?.enable) return null;
    const info = hoverAt(analysisOf(document, resolved), document.offsetAt(params.position));
    return info ? toHover(info) : null;
  });

  documents.listen(connection);
  connection.listen();
}
