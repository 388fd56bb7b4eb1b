// The language server: keeps open documents and answers diagnostics, code actions, hover, completion, code lenses and commands.
import { fileURLToPath } from 'node:url';
import {
  CodeLensRefreshRequest,
  DiagnosticSeverity,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeResult,
  type TextEdit,
} from 'vscode-languageserver';
import type { AnalysisOptions } from '../engine/analyze';
import { fixAll } from '../engine/fixAll';
import { IncrementalAnalyzer, mostSevere, type FileAnalysis } from '../engine/incremental/analyzer';
import { fileEnds, fileMapIndex } from '../engine/incremental/ends';
import { channelMapPartOf, type ChannelMapPart } from '../engine/workspace/channelMap';
import { completeInFile, hoverInFile, lensesInFile } from '../engine/incremental/features';
import type { Finding } from '../engine/types';
import { crossFileFindings, crossFileFindingsIn, finishCrossFileFindings, mergeFindings } from '../engine/workspace/analyzeWorkspace';
import { knownRule } from '../settings/loadProjectConfig';
import { parseProjectConfig, PROJECT_FILE, type ConfigProblem } from '../settings/projectConfig';
import type { Settings } from '../settings/schema';
import { isKustomizePatch } from '../workspace/kustomize';
import { CHANNEL_MAP_REQUEST, channelMapOfParts } from './channelMap';
import { chunkedDocuments, type ChunkedDocument } from './chunkedDocument';
import { APPLY_FIX_ALL, asksForFixAll, codeActions, FIX_ALL_KIND, SHOW_DOCUMENTATION } from './codeActions';
import { toCodeLens } from './codeLens';
import { toCompletionItem } from './completion';
import { cappedDiagnostics, firstDiagnostics, MAX_DIAGNOSTICS_PER_FILE } from './diagnosticCap';
import { SOURCE, toDiagnostic, type DiagnosticData } from './diagnostics';
import { toHover } from './hover';
import { overSizeLimit, sizeLimitDiagnostic } from './fileSize';
import { SettingsStore } from './settings';
import { WorkspaceScan } from './workspaceScan';

/** A file a kustomization next to it lists as a patch is a fragment: missing settings draw nothing. */
function isPatch(uri: string): boolean {
  return uri.startsWith('file:') && isKustomizePatch(fileURLToPath(uri));
}

function isProjectFile(uri: string): boolean {
  return uri.endsWith(`/${PROJECT_FILE}`);
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(chunkedDocuments);
  // Per open document: its incremental analyzer and the analysis of its latest version.
  const analyzers = new Map<string, IncrementalAnalyzer>();
  const analyses = new Map<string, { key: string; analysis: FileAnalysis }>();
  let canPullConfiguration = false;
  let canWatchFolders = false;
  let canRefreshLenses = false;
  let canShowDocument = false;
  const settings = new SettingsStore(connection, () => canPullConfiguration);
  const reported = new Set<string>();
  /** Logs a failure once per kind, so that one that repeats on every keystroke does not flood the log. */
  const logOnce = (what: string, error: unknown): void => {
    if (reported.has(what)) return;
    reported.add(what);
    connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  };

  const optionsFor = (uri: string, s: Settings) => ({
    kubernetesVersion: s.kubernetesVersion || undefined,
    partial: isPatch(uri),
    severity: (id: string) => s.rules[id],
    // Logged once per rule, so that a broken rule does not flood the log on every keystroke.
    onRuleError: (ruleId: string, error: unknown) => logOnce(`rule ${ruleId}`, error),
  });

  const scan = new WorkspaceScan({
    connection,
    settings: (uri) => settings.get(uri),
    canPullConfiguration: () => canPullConfiguration,
    isOpen: (uri) => documents.get(uri) !== undefined,
    openAnalysis: async (uri) => {
      const document = documents.get(uri);
      const s = document && (await settings.get(uri));
      const current = documents.get(uri);
      return current && s?.enable && !oversize(current, s) ? analysisOf(current, s) : undefined;
    },
    crossFileChanged: (uri) => {
      const document = documents.get(uri);
      if (document) validate(document);
    },
    options: optionsFor,
    publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  });

  /** Names the settings and options an analysis ran with: an analyzer drops its caches when they change. */
  const optionsKeyOf = (s: Settings, options: AnalysisOptions): string => `${JSON.stringify(s)}|${options.partial}`;
  const analysisOf = (document: ChunkedDocument, s: Settings): FileAnalysis => {
    const options = optionsFor(document.uri, s);
    const optionsKey = optionsKeyOf(s, options);
    const key = `${document.version}|${optionsKey}`;
    const cached = analyses.get(document.uri);
    if (cached && cached.key === key) return cached.analysis;
    let analyzer = analyzers.get(document.uri);
    if (!analyzer) analyzers.set(document.uri, (analyzer = new IncrementalAnalyzer()));
    const analysis = analyzer.analyze(document.text, options, optionsKey);
    analyses.set(document.uri, { key, analysis });
    return analysis;
  };

  /**
   * An open document's findings: its own, and those of the cross-file checks over it and the other files of its
   * workspace folder (as scanned, or as open in the editor), located in it.
   */
  const findingsOf = (document: ChunkedDocument, s: Settings): Finding[] => {
    const { analysis, cross } = ownAndCross(document, s);
    return mergeFindings(analysis.findings, cross);
  };

  /** The `max` most severe of an open document's findings (its own and the cross-file ones), and how many there are in all. */
  const mostSevereOf = (document: ChunkedDocument, s: Settings, max: number): { findings: Finding[]; total: number } => {
    const { analysis, cross } = ownAndCross(document, s);
    const own = analysis.mostSevere(max);
    return { findings: mostSevere(mergeFindings(own.findings, cross), max), total: own.total + cross.length };
  };

  const ownAndCross = (document: ChunkedDocument, s: Settings): { analysis: FileAnalysis; cross: Finding[] } => {
    const analysis = analysisOf(document, s);
    const options = optionsFor(document.uri, s);
    const found = crossFileFindings([...scan.endsAround(document.uri), { uri: document.uri, ends: fileEnds(analysis) }], {
      severity: (id) => s.rules[id],
      kubernetesVersion: options.kubernetesVersion,
      onRuleError: options.onRuleError,
    });
    return { analysis, cross: finishCrossFileFindings(crossFileFindingsIn(document.uri, found), analysis.suppressions) };
  };

  /** Whether an open document is over the size cap, by its UTF-8 size (summed from its pieces, without joining them). */
  const oversize = (document: ChunkedDocument, s: Settings): boolean => overSizeLimit(document.text.byteLength, s.maxFileSizeKiB);

  /** The project file's own problems, as diagnostics in it, as the user types; its settings apply once it is saved. */
  const projectFileDiagnostics = (document: ChunkedDocument): Diagnostic[] => {
    const asDiagnostic = (p: ConfigProblem): Diagnostic => ({
      range: { start: document.positionAt(p.start), end: document.positionAt(p.end) },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: p.message,
    });
    return firstDiagnostics(parseProjectConfig(document.getText(), knownRule).problems, asDiagnostic, 'problems');
  };

  /** The findings last published for each open document, with their version: quick fixes are looked up here. */
  const published = new Map<string, { version: number; findings: Finding[] }>();
  const findingOf = (uri: string, diagnostic: Diagnostic): Finding | undefined => {
    const last = published.get(uri);
    if (!last || last.version !== (diagnostic.data as DiagnosticData | undefined)?.version) return undefined;
    const { start, end } = diagnostic.range;
    return last.findings.find(
      (f) =>
        f.ruleId === diagnostic.code &&
        f.message === diagnostic.message &&
        f.range.start.line === start.line &&
        f.range.start.character === start.character &&
        f.range.end.line === end.line &&
        f.range.end.character === end.character,
    );
  };

  const check = async (uri: string, version: number): Promise<void> => {
    const s = await settings.get(uri);
    // The document may have changed or closed while the settings were on their way: a newer check publishes instead.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    // Only the findings published are put into file coordinates: a file can hold a hundred thousand.
    const { findings, total } = !isProjectFile(current.uri) && s.enable && !oversize(current, s) ? mostSevereOf(current, s, MAX_DIAGNOSTICS_PER_FILE) : { findings: [], total: 0 };
    published.set(current.uri, { version: current.version, findings });
    const diagnostics = isProjectFile(current.uri)
      ? projectFileDiagnostics(current)
      : s.enable && oversize(current, s)
        ? [sizeLimitDiagnostic(current.text.byteLength, s.maxFileSizeKiB)]
        : cappedDiagnostics(findings, (f) => toDiagnostic(f, current.version), total);
    void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
  };

  /**
   * Coalesces bursts of changes: a check runs once the messages already received are handled, on the latest version,
   * so a burst of keystrokes costs one analysis and no diagnostics are published for a version already replaced.
   */
  const pending = new Set<string>();
  const validate = (document: ChunkedDocument): void => {
    if (pending.has(document.uri)) return;
    pending.add(document.uri);
    setImmediate(() => {
      pending.delete(document.uri);
      const current = documents.get(document.uri);
      // An exception in the analysis costs this check only: it is logged once, and the server keeps serving.
      if (current) check(current.uri, current.version).catch((error: unknown) => logOnce('check', error));
    });
  };

  const FIX_ALL_BUDGET_MS = 500;
  const fixAllEdits = async (uri: string): Promise<TextEdit[]> => {
    const document = documents.get(uri);
    if (!document) return [];
    const s = await settings.get(uri);
    if (!s.enable || oversize(document, s)) return [];
    // The first round starts from the findings the server holds for this version, instead of analysing the text again;
    // fix-all stops at its first safe point after half a second, so that a save waits well under a second.
    // Its later rounds use the document's analyzer: they parse only the documents fix-all changed.
    const options = optionsFor(uri, s);
    const findings = analysisOf(document, s).firstFixes();
    const analyzer = analyzers.get(uri);
    return fixAll(document.getText(), options, { findings, analyzer: analyzer && { analyzer, optionsKey: optionsKeyOf(s, options) } }, FIX_ALL_BUDGET_MS).edits;
  };

  connection.onInitialize((params): InitializeResult => {
    canPullConfiguration = params.capabilities.workspace?.configuration === true;
    // Folder changes are a capability of their own: a client may pull settings without declaring workspace folders.
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    canRefreshLenses = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    canShowDocument = params.capabilities.window?.showDocument?.support === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    settings.setWorkspaceFolders(folders);
    scan.initialize(params.capabilities, folders);
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
      const folders = ((await connection.workspace.getWorkspaceFolders()) ?? []).map((f) => f.uri);
      settings.setWorkspaceFolders(folders);
      scan.setFolders(folders);
      for (const document of documents.all()) void validate(document);
    });
    scan.start();
  });

  const revalidateAll = (): void => {
    for (const document of documents.all()) void validate(document);
    scan.rescan();
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
    scan.filesChanged(params.changes);
  });

  // TextDocuments reports an open as an open and then a content change: the open validates, the change is skipped.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    void validate(event.document);
  });
  documents.onDidChangeContent(async (event) => {
    // Other files' cross-file findings must see the editor's text (on open, too: this also fires then).
    scan.documentChanged(event.document.uri);
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
    analyzers.delete(event.document.uri);
    published.delete(event.document.uri);
    settings.forget(event.document.uri);
    // A file the workspace scan covers keeps its diagnostics, now from the disk; any other file's are cleared.
    if (!scan.documentClosed(event.document.uri)) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(async (params) => {
    // Fix-all is computed only when the client asks for it (source, source.fixAll, or our kind), not for quick fixes.
    const edits = asksForFixAll(params.context.only) ? await fixAllEdits(params.textDocument.uri) : [];
    const uri = params.textDocument.uri;
    return codeActions(params, documents.get(uri)?.version, (d) => findingOf(uri, d), () => edits, canShowDocument);
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

  /**
   * Requests are answered for the version they were asked about: when the document changed while the settings were on
   * their way, the answer would point at text that moved, so the request fails with ContentModified and the editor asks again.
   */
  const settingsFor = async (document: ChunkedDocument): Promise<Settings> => {
    const version = document.version;
    const s = await settings.get(document.uri);
    if (documents.get(document.uri)?.version !== version) throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed');
    return s;
  };

  connection.onHover(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const s = document && (await settingsFor(document));
    if (!document || !s?.enable || oversize(document, s)) return null;
    const info = hoverInFile(analysisOf(document, s), params.position);
    return info ? toHover(info) : null;
  });

  connection.onCompletion(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const s = document && (await settingsFor(document));
    if (!document || !s?.enable || oversize(document, s)) return [];
    return completeInFile(analysisOf(document, s), params.position).map(toCompletionItem);
  });

  connection.onCodeLens(async (params) => {
    const document = documents.get(params.textDocument.uri);
    const s = document && (await settingsFor(document));
    if (!document || !s?.enable || !s.codeLens || oversize(document, s)) return [];
    return lensesInFile(analysisOf(document, s)).map(toCodeLens);
  });

  // The channel map (client/src/channelMap.ts renders it): the open documents' channels, built through the workspace facade.
  connection.onRequest(CHANNEL_MAP_REQUEST, async () => {
    const open: ChannelMapPart[] = [];
    for (const document of documents.all()) {
      if (isProjectFile(document.uri)) continue;
      const s = await settings.get(document.uri);
      const current = documents.get(document.uri);
      if (!current || !s.enable || oversize(current, s)) continue;
      // The cached analysis of the current version: asking for the map costs no second analysis.
      open.push(channelMapPartOf(fileMapIndex(current.uri, analysisOf(current, s)), findingsOf(current, s)));
    }
    // The files of the workspace that are not open, as the scan last analysed them.
    return channelMapOfParts(open, scan.mapParts());
  });

  documents.listen(connection);
  connection.listen();
}
