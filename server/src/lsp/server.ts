// The language server: keeps open documents and answers diagnostics, code actions, hover, completion, code lenses and commands.
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, type Analysis } from '../engine/analyze';
import { completeAt } from '../engine/complete';
import { fixAll } from '../engine/fixAll';
import { hoverAt } from '../engine/hover';
import { componentLenses } from '../engine/lens';
import { knownRule } from '../settings/loadProjectConfig';
import { parseProjectConfig, PROJECT_FILE } from '../settings/projectConfig';
import type { Settings } from '../settings/schema';
import { isKustomizePatch } from '../workspace/kustomize';
import { APPLY_FIX_ALL, codeActions, FIX_ALL_KIND, SHOW_DOCUMENTATION } from './codeActions';
import { toCodeLens } from './codeLens';
import { toCompletionItem } from './completion';
import { SOURCE, toDiagnostic } from './diagnostics';
import { toHover } from './hover';
import { SettingsStore } from './settings';

/** A file a kustomization next to it lists as a patch is a fragment: missing settings draw nothing. */
function isPatch(uri: string): boolean {
  return uri.startsWith('file:') && isKustomizePatch(fileURLToPath(uri));
}

function isProjectFile(uri: string): boolean {
  return uri.endsWith(`/${PROJECT_FILE}`);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, { key: string; analysis: Analysis }>();
  let canPullConfiguration = false;
  let canWatchFolders = false;
  let canRefreshLenses = false;
  let canShowDocument = false;
  const settings = new SettingsStore(connection, () => canPullConfiguration);
  const reported = new Set<string>();

  const optionsFor = (uri: string, s: Settings) => ({
    kubernetesVersion: s.kubernetesVersion || undefined,
    partial: isPatch(uri),
    severity: (id: string) => s.rules[id],
    onRuleError: (ruleId: string, error: unknown) => {
      // Logged once per rule, so that a broken rule does not flood the log on every keystroke.
      if (reported.has(ruleId)) return;
      reported.add(ruleId);
      connection.console.error(`rule ${ruleId} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    },
  });

  const analysisOf = (document: TextDocument, s: Settings): Analysis => {
    const key = `${document.version}|${JSON.stringify(s)}`;
    const cached = analyses.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    const analysis = analyzeText(document.getText(), optionsFor(document.uri, s));
    analyses.set(document.uri, { key, analysis });
    return analysis;
  };

  /** The project file's own problems, as diagnostics in it, as the user types; its settings apply once it is saved. */
  const projectFileDiagnostics = (document: TextDocument): Diagnostic[] => {
    return parseProjectConfig(document.getText(), knownRule).problems.map((p) => ({
      range: { start: document.positionAt(p.start), end: document.positionAt(p.end) },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: p.message,
    }));
  };

  const validate = async (document: TextDocument): Promise<void> => {
    const s = await settings.get(document.uri);
    // The document may have changed or closed while the settings were on their way.
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    const diagnostics = isProjectFile(current.uri)
      ? projectFileDiagnostics(current)
      : s.enable
        ? analysisOf(current, s).findings.map((f) => toDiagnostic(f, current.version))
        : [];
    void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
  };

  const fixAllEdits = async (uri: string): Promise<TextEdit[]> => {
    const document = documents.get(uri);
    if (!document) return [];
    const s = await settings.get(uri);
    return s.enable ? fixAll(document.getText(), optionsFor(uri, s)).edits : [];
  };

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    // Folder changes are a capability of their own: a client may pull settings without declaring workspace folders.
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canShowDocument = params.capabilities.window?.showDocument?.support === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    settings.setWorkspaceFolders(folders);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['-', '=', ','] },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [SHOW_DOCUMENTATION, APPLY_FIX_ALL] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-channel-guard' },
    };
  });

  connection.onInitialized(() => {
    if (canWatchFolders) connection.workspace.onDidChangeWorkspaceFolders(async () => {
      settings.setWorkspaceFolders(((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri));
      for (const document of documents.all()) void validate(document);
    });
  });

  const revalidateAll = (): void => {
    for (const document of documents.all()) void validate(document);
    if (canRefreshLenses) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  };

  connection.onDidChangeConfiguration((params) => {
    // Clients that cannot be asked (Neovim 0.7, for one) push their settings in this notification instead.
    if (!canPullConfiguration) settings.setPushed(params.settings);
    settings.forget();
    revalidateAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((c) => isProjectFile(c.uri))) {
      settings.forgetProjects();
      revalidateAll();
    }
  });

  // TextDocuments reports an open as an open and then a content change: the open validates, the change is skipped.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    void validate(event.document);
  });
  documents.onDidChangeContent(async (event) => {
    if (justOpened.delete(event.document.uri)) return;
    if ((await settings.get(event.document.uri)).run === 'onType') void validate(event.document);
  });
  documents.onDidSave(async (event) => {
    if (isProjectFile(event.document.uri)) {
      // A saved project file applies at once to every open document (clients without file watching included).
      settings.forgetProjects();
      revalidateAll();
      return;
    }
    if ((await settings.get(event.document.uri)).run === 'onSave') void validate(event.document);
  });
  documents.onDidClose((event) => {
    analyses.delete(event.document.uri);
    settings.forget(event.document.uri);
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    const edits = (params.context.only ?? []).length > 0 ? await fixAllEdits(params.textDocument.uri) : [];
    return codeActions(params, documents.get(params.textDocument.uri)?.version, () => edits, canShowDocument);
  });

  connection.onExecuteCommand(async (params) => {
    const [arg] = params.arguments ?? [];
    if (params.command === SHOW_DOCUMENTATION && typeof arg === 'string') {
      await connection.window.showDocument({ uri: arg, takeFocus: true });
    } else if (params.command === APPLY_FIX_ALL && typeof arg === 'string') {
      const document = documents.get(arg);
      const edits = await fixAllEdits(arg);
      if (document && edits.length > 0) {
        await connection.workspace.applyEdit({ label: 'Fix all channel findings', edit: { documentChanges: [{ textDocument: { uri: arg, version: document.version }, edits }] } });
      }
    }
  });

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const s = document && (await settings.get(document.uri));
    if (!document || !s?.enable) return null;
    const info = hoverAt(analysisOf(document, s), document.offsetAt(params.position));
    return info ? toHover(info) : null;
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const s = document && (await settings.get(document.uri));
    if (!document || !s?.enable) return [];
    return completeAt(analysisOf(document, s), document.offsetAt(params.position)).map(toCompletionItem);
  });

  connection.onCodeLens(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const s = document && (await settings.get(document.uri));
    if (!document || !s?.enable || !s.codeLens) return [];
    return componentLenses(analysisOf(document, s)).map(toCodeLens);
  });

  documents.listen(connection);
  connection.listen();
}
