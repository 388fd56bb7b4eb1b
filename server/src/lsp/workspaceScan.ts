// The workspace scan: finds the YAML files of the workspace folders, analyses those that are not open in the background,
// publishes their diagnostics and keeps them current as files change on disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type FileEvent,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import type { AnalysisOptions } from '../engine/analyze';
import type { FileAnalysis } from '../engine/incremental/analyzer';
import { analyzeFileOnce, fileEnds, fileMapIndex } from '../engine/incremental/ends';
import { channelMapPartOf, type ChannelMapIndex, type ChannelMapPart } from '../engine/workspace/channelMap';
import type { Finding } from '../engine/types';
import {
  crossFileFindings,
  crossFileFindingsIn,
  finishCrossFileFindings,
  mergeFindings,
  type ChannelEnds,
  type FileEnds,
  type SuppressionView,
} from '../engine/workspace/analyzeWorkspace';
import type { Settings } from '../settings/schema';
import { cappedDiagnostics } from './diagnosticCap';
import { toDiagnostic } from './diagnostics';
import { FilesExclude } from './filesExclude';
import { sizeLimitDiagnostic } from './fileSize';
import { fileUri, isYamlName, pathOf, readInside, SKIPPED_DIRS, walkYamlFiles } from './workspaceFiles';

/** What the scan needs from the server around it; the server keeps the open documents and the settings. */
export interface ScanHost {
  connection: Connection;
  /** The settings in force for a resource; the scan asks for each workspace folder's. */
  settings(uri: string): Promise<Settings>;
  /** Whether the client answers workspace/configuration, which is how the scan learns `files.exclude`. */
  canPullConfiguration(): boolean;
  isOpen(uri: string): boolean;
  /** The server's analysis of an open document, from the editor's text; undefined when it is not analysed (too big, disabled). */
  openAnalysis(uri: string): Promise<FileAnalysis | undefined>;
  /** The analysis options for a file under some settings (rule levels, Kubernetes version, partial files). */
  options(uri: string, settings: Settings): AnalysisOptions;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  /**
   * The cross-file findings located in an open document changed (another file changed on disk, or was scanned): the
   * server may validate it again, with `endsAround(uri)`.
   */
  crossFileChanged?(uri: string): void;
}

const PROGRESS_TITLE = 'Kube Channel Guard';
/** The watchers registered with the client: YAML files, and any creation or deletion so that moved folders are seen. */
const WATCHERS = [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }];

interface Folder {
  uri: string;
  path: string;
  /** The folder's real path: files are read only when their real path is the one under it that the walk saw. */
  real: string;
  /** The scan is on and the checks are enabled for this folder. */
  active: boolean;
  settings: Settings;
  exclude: FilesExclude;
}

/** One run of work with a progress indicator: a whole scan, plus the file changes that arrive while it runs. */
interface Batch {
  progress?: WorkDoneProgressServerReporter;
  /** Still looking for files: the batch cannot end yet even if nothing is queued. */
  walking: boolean;
  pending: Set<string>;
  total: number;
  done: number;
  reportedPercentage: number;
}

/** What the scan keeps of a file: little enough for thousands of files (no syntax tree, no fixes). */
interface FileState {
  uri: string;
  /** The path of the workspace folder the file was scanned in: cross-file checks link files of one folder. */
  folder: string;
  /** Analysed from the editor's text, which the server publishes the file's own findings for. */
  open: boolean;
  /** The file's size when it is over the cap: then it has no ends and no findings. */
  tooBig?: number;
  ends?: ChannelEnds;
  /** What the file configures on the channel map, and where (files not open only: the map reads open documents itself). */
  mapIndex?: ChannelMapIndex;
  /** The file's own findings, without fixes (they apply to an open document's version, and opening the file publishes them afresh). */
  own: Finding[];
  suppressions: SuppressionView;
  /** The cross-file findings located in the file, its suppression comments applied. */
  cross: Finding[];
  /**
   * What the state was computed from (the analysis settings, the file's modification time and size): a rescan after a
   * change elsewhere (a folder added, a setting that does not affect analysis) does not analyse the file again.
   */
  key?: string;
}

/** The suppressions of a file without suppression comments: nothing is silenced, and scanned files offer no edits. */
const NO_SUPPRESSIONS: SuppressionView = { apply: (findings) => findings, fixesFor: () => [] };

/** A file's suppressions: kept (with the text they edit) only for files that have suppression comments. */
function suppressionsOf(analysis: FileAnalysis): SuppressionView {
  return analysis.suppressions.comments.length === 0 ? NO_SUPPRESSIONS : analysis.suppressions;
}

function withoutEdits(finding: Finding): Finding {
  return { ...finding, fixes: [], suppressions: [] };
}

export class WorkspaceScan {
  private folderUris: string[] = [];
  private folders: Folder[] = [];
  private progressSupported = false;
  private dynamicWatching = false;
  /** The files the scan found, by path. */
  private readonly files = new Map<string, FileState>();
  /** What was last published for each file, as JSON, so that unchanged results are not sent again. */
  private readonly published = new Map<string, string>();
  private readonly queue = new Set<string>();
  /** The folders (by path) whose files changed since their cross-file findings were last computed. */
  private readonly unlinked = new Set<string>();
  /** Open documents being edited, analysed again once the typing pauses. */
  private readonly editTimers = new Map<string, NodeJS.Timeout>();
  private batch: Batch | undefined;
  /** Bumped by every full scan; work started for an older one is dropped. */
  private generation = 0;
  private working = false;
  private rescanTimer: NodeJS.Timeout | undefined;
  private loggedError = false;

  constructor(private readonly host: ScanHost) {}

  initialize(capabilities: ClientCapabilities, folderUris: readonly string[]): void {
    this.progressSupported = capabilities.window?.workDoneProgress === true;
    this.dynamicWatching = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.folderUris = [...folderUris];
  }

  /** Called once the client is initialized: asks it to watch YAML files, and scans. */
  start(): void {
    if (this.dynamicWatching) {
      this.host.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHERS }).catch((error: unknown) => this.logError(error));
    }
    this.rescan();
  }

  setFolders(folderUris: readonly string[]): void {
    this.folderUris = [...folderUris];
    this.rescan();
  }

  /** Scans every folder again (settings, `files.exclude` or the folders changed); bursts of calls make one scan. */
  rescan(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      this.fullScan().catch((error: unknown) => this.logError(error));
    }, 20);
  }

  /** Files created, changed or deleted on disk (workspace/didChangeWatchedFiles). */
  filesChanged(changes: readonly FileEvent[]): void {
    for (const change of changes) {
      const file = pathOf(change.uri);
      if (file === undefined) continue;
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder takes its files with it, and watchers report only the folder.
        for (const known of [...this.files.keys()]) if (known === file || known.startsWith(file + path.sep)) this.forget(known);
      } else if (isYamlName(path.basename(file))) {
        // A change within the modification time's granularity that keeps the size would look unchanged: read it anyway.
        const state = this.files.get(file);
        if (state) state.key = undefined;
        this.enqueue(file);
      } else if (change.type === FileChangeType.Created) {
        this.walkCreated(file).catch((error: unknown) => this.logError(error));
      }
    }
    void this.work();
  }

  /**
   * An open document was opened or edited: its text is what other files' cross-file checks must see. It is analysed
   * again once the typing pauses, since the server analyses it for its own findings on every change already.
   */
  documentChanged(uri: string): void {
    const file = pathOf(uri);
    if (file === undefined || !this.accepts(file)) return;
    clearTimeout(this.editTimers.get(file));
    this.editTimers.set(
      file,
      setTimeout(() => {
        this.editTimers.delete(file);
        this.enqueue(file);
        void this.work();
      }, 300),
    );
  }

  /**
   * A document was closed in the editor. Returns true when the scan takes the file back (reads it from disk and publishes
   * its diagnostics), false when the caller should clear them.
   */
  documentClosed(uri: string): boolean {
    const file = pathOf(uri);
    if (file === undefined || !this.accepts(file)) return false;
    clearTimeout(this.editTimers.get(file));
    this.editTimers.delete(file);
    // The editor's diagnostics are on screen: whatever the disk says must be published, even if it matches the last scan.
    this.published.set(file, '');
    this.enqueue(file);
    void this.work();
    return true;
  }

  /**
   * The channel ends of the other files scanned with a document's folder (open ones as the editor has them), so that the
   * server can run the cross-file checks for an open document with its current analysis:
   * `crossFileFindings([...scan.endsAround(uri), { uri, ends: channelEndsOf(analysis.model) }])`, then
   * finishCrossFileFindings and mergeFindings, as the workspace facade does.
   */
  /** The channel-map parts of the scanned files that are not open (the map analyses open documents from the editor's text). */
  mapParts(): ChannelMapPart[] {
    const parts: ChannelMapPart[] = [];
    for (const state of this.files.values()) {
      if (state.open || !state.mapIndex || this.host.isOpen(state.uri)) continue;
      parts.push(channelMapPartOf(state.mapIndex, mergeFindings(state.own, state.cross)));
    }
    return parts;
  }

  endsAround(uri: string): FileEnds[] {
    const file = pathOf(uri);
    const folder = file === undefined ? undefined : this.accepts(file);
    if (!folder) return [];
    const around: FileEnds[] = [];
    for (const [other, state] of this.files) if (other !== file && state.folder === folder.path && state.ends) around.push({ uri: state.uri, ends: state.ends });
    return around;
  }

  private async fullScan(): Promise<void> {
    const generation = ++this.generation;
    this.queue.clear();
    this.endBatch();
    const batch: Batch = { walking: true, pending: new Set(), total: 0, done: 0, reportedPercentage: -1 };
    this.batch = batch;
    const folders = await Promise.all(this.folderUris.map((uri) => this.loadFolder(uri)));
    if (generation !== this.generation) return;
    this.folders = folders.filter((f): f is Folder => f !== undefined);
    // Progress is shown only for a scan that reads something, not when the scan is off.
    if (this.progressSupported && this.folders.some((f) => f.active)) {
      batch.progress = await this.host.connection.window.createWorkDoneProgress().catch(() => undefined);
      batch.progress?.begin(PROGRESS_TITLE, 0, 'looking for YAML files', false);
      // A newer scan ended this batch while the client created the indicator: close it at once.
      if (generation !== this.generation) batch.progress?.done();
    }
    if (generation !== this.generation) return;
    const found = new Set<string>();
    for (const folder of this.folders) if (folder.active) await this.walk(folder, folder.path, found, generation);
    if (generation !== this.generation) return;
    for (const file of [...this.files.keys()]) if (!found.has(file)) this.forget(file);
    // Every file is looked at again, but read and analysed again only if it or the settings its analysis uses changed.
    for (const file of found) this.enqueue(file);
    for (const folder of this.folders) this.unlinked.add(folder.path);
    batch.walking = false;
    await this.work();
  }

  private async loadFolder(uri: string): Promise<Folder | undefined> {
    const folderPath = pathOf(uri);
    if (folderPath === undefined) return undefined;
    let real: string;
    try {
      real = await fs.promises.realpath(folderPath);
    } catch {
      return undefined;
    }
    const settings = await this.host.settings(uri);
    const active = settings.enable && settings.scanWorkspace;
    return { uri, path: folderPath, real, active, settings, exclude: active ? await this.filesExclude(uri) : new FilesExclude(undefined) };
  }

  /** The folder's `files.exclude`, pulled as VS Code resolves it for that folder; clients that cannot be asked exclude nothing more. */
  private async filesExclude(uri: string): Promise<FilesExclude> {
    if (!this.host.canPullConfiguration()) return new FilesExclude(undefined);
    try {
      return new FilesExclude(await this.host.connection.workspace.getConfiguration({ scopeUri: uri, section: 'files.exclude' }));
    } catch {
      return new FilesExclude(undefined);
    }
  }

  /** The workspace folder that holds a path, the deepest when folders nest. */
  private folderOf(file: string): Folder | undefined {
    return this.folders.filter((f) => file === f.path || file.startsWith(f.path + path.sep)).sort((a, b) => b.path.length - a.path.length)[0];
  }

  /** The active folder a path would be scanned in, if the walk would take it: YAML, not under a skipped or excluded folder. */
  private accepts(file: string, directory = false): Folder | undefined {
    const folder = this.folderOf(file);
    if (!folder?.active || (!directory && !isYamlName(path.basename(file)))) return undefined;
    const parts = path.relative(folder.path, file).split(path.sep);
    if (parts.some((p) => SKIPPED_DIRS.has(p) || p === '..')) return undefined;
    for (let i = 1; i <= parts.length; i++) if (folder.exclude.excludes(parts.slice(0, i).join('/'))) return undefined;
    return folder;
  }

  /** Collects the YAML files under a folder; a nested workspace folder is left to its own walk and its own settings. */
  private async walk(folder: Folder, dir: string, found: Set<string>, generation: number): Promise<void> {
    await walkYamlFiles(dir, {
      root: folder.path,
      exclude: folder.exclude,
      skipDirectory: (full) => this.folderOf(full) !== folder,
      cancelled: () => generation !== this.generation,
      found,
    });
  }

  /** A folder created (or moved) inside the workspace: watchers report the folder, not each file in it. */
  private async walkCreated(dir: string): Promise<void> {
    const folder = this.accepts(dir, true);
    if (!folder) return;
    const stat = await fs.promises.lstat(dir).catch(() => undefined);
    if (!stat?.isDirectory()) return;
    const found = new Set<string>();
    await this.walk(folder, dir, found, this.generation);
    for (const file of found) this.enqueue(file);
    await this.work();
  }

  private enqueue(file: string): void {
    if (this.queue.has(file)) return;
    this.queue.add(file);
    if (this.batch && !this.batch.pending.has(file)) {
      this.batch.pending.add(file);
      this.batch.total++;
    }
  }

  /**
   * Works through the queue one file at a time, yielding to the event loop between files so that editing stays
   * responsive; once it is empty, links the files of each changed folder for the cross-file checks.
   */
  private async work(): Promise<void> {
    if (this.working) return;
    this.working = true;
    try {
      for (let file = this.next(); file !== undefined; file = this.next()) {
        try {
          await this.process(file, this.generation);
        } catch (error) {
          this.logError(error);
        }
        const batch = this.batch;
        if (batch?.pending.delete(file)) {
          batch.done++;
          this.report(batch);
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // A scan still looking for files links once it has them all.
      if (!this.batch?.walking) this.link();
    } finally {
      this.working = false;
    }
    if (this.batch && !this.batch.walking && this.queue.size === 0) this.endBatch(`${this.batch.total} YAML files checked`);
  }

  private next(): string | undefined {
    const [file] = this.queue;
    if (file !== undefined) this.queue.delete(file);
    return file;
  }

  private async process(file: string, generation: number): Promise<void> {
    const folder = this.accepts(file);
    if (!folder) {
      this.forget(file);
      return;
    }
    const uri = this.files.get(file)?.uri ?? fileUri(file);
    const previous = this.files.get(file);
    const cross = previous?.cross ?? [];
    const options = this.host.options(uri, folder.settings);
    // An open document is read from the editor's text; the server publishes its own findings.
    if (this.host.isOpen(uri)) {
      const analysis = await this.host.openAnalysis(uri);
      // A newer scan took over, or the document closed (closing queues the file again, read from disk).
      if (generation !== this.generation || !this.host.isOpen(uri)) return;
      this.files.set(file, { uri, folder: folder.path, open: true, ends: analysis && fileEnds(analysis), own: [], suppressions: analysis ? suppressionsOf(analysis) : NO_SUPPRESSIONS, cross });
      this.unlinked.add(folder.path);
      return;
    }
    const { kubernetesVersion, rules, maxFileSizeKiB } = folder.settings;
    const analysisKey = JSON.stringify([kubernetesVersion, rules, maxFileSizeKiB, options.partial === true]);
    const lastVersion = previous && !previous.open && previous.key?.startsWith(`${analysisKey}|`) ? previous.key.slice(analysisKey.length + 1) : undefined;
    const read = await readInside(file, folder.path, folder.real, maxFileSizeKiB, lastVersion);
    // The scan that queued this file was superseded (it will be read again), or the file was opened meanwhile.
    if (generation !== this.generation || this.host.isOpen(uri)) return;
    if (read.kind === 'unreadable') {
      this.forget(file);
      return;
    }
    if (read.kind !== 'unchanged') {
      this.unlinked.add(folder.path);
      const key = `${analysisKey}|${read.version}`;
      if (read.kind === 'tooBig') {
        this.files.set(file, { uri, folder: folder.path, open: false, tooBig: read.bytes, own: [], suppressions: NO_SUPPRESSIONS, cross: [], key });
      } else {
        const analysis = analyzeFileOnce(read.text, options);
        const own = analysis.findings.map(withoutEdits);
        this.files.set(file, { uri, folder: folder.path, open: false, ends: fileEnds(analysis), mapIndex: fileMapIndex(uri, analysis), own, suppressions: suppressionsOf(analysis), cross, key });
      }
    }
    // Published now with the cross-file findings known so far, so that results appear while the scan goes on; linking corrects them.
    this.publishFile(file);
  }

  /** Runs the cross-file checks over the files of each folder that changed, and publishes what changed. */
  private link(): void {
    for (const folderPath of [...this.unlinked]) {
      this.unlinked.delete(folderPath);
      const folder = this.folders.find((f) => f.path === folderPath);
      const inFolder = [...this.files.entries()].filter(([, state]) => state.folder === folderPath);
      if (!folder?.active || inFolder.length === 0) continue;
      const { severity, kubernetesVersion, onRuleError } = this.host.options(folder.uri, folder.settings);
      const ends = inFolder.flatMap(([, state]) => (state.ends ? [{ uri: state.uri, ends: state.ends }] : []));
      const found = crossFileFindings(ends, { severity, kubernetesVersion, onRuleError });
      for (const [file, state] of inFolder) {
        const cross = state.ends ? finishCrossFileFindings(crossFileFindingsIn(state.uri, found), state.suppressions).map(withoutEdits) : [];
        const changed = JSON.stringify(cross) !== JSON.stringify(state.cross);
        state.cross = cross;
        if (!changed) continue;
        if (state.open) this.host.crossFileChanged?.(state.uri);
        else this.publishFile(file);
      }
    }
  }

  private publishFile(file: string): void {
    const state = this.files.get(file);
    if (!state || this.host.isOpen(state.uri)) return;
    const folder = this.folders.find((f) => f.path === state.folder);
    const diagnostics =
      state.tooBig !== undefined
        ? [sizeLimitDiagnostic(state.tooBig, folder?.settings.maxFileSizeKiB ?? 0)]
        : cappedDiagnostics(mergeFindings(state.own, state.cross), (f) => ({ ...toDiagnostic(f, -1), data: undefined }));
    this.publish(file, state.uri, diagnostics);
  }

  private publish(file: string, uri: string, diagnostics: Diagnostic[]): void {
    const json = JSON.stringify(diagnostics);
    // A file never published counts as clean, so that a first scan does not send an empty list for every file.
    if ((this.published.get(file) ?? '[]') === json) return;
    this.published.set(file, json);
    this.host.publish(uri, diagnostics);
  }

  /** Drops a file from the scan and clears its diagnostics, unless it is open (then they are the editor's). */
  private forget(file: string): void {
    const state = this.files.get(file);
    const uri = state?.uri ?? fileUri(file);
    this.files.delete(file);
    this.queue.delete(file);
    // Its channel ends are gone: the other files of its folder may lose (or gain) cross-file findings.
    if (state) this.unlinked.add(state.folder);
    if (!this.host.isOpen(uri)) this.publish(file, uri, []);
    this.published.delete(file);
  }

  private report(batch: Batch): void {
    const percentage = batch.total === 0 ? 100 : Math.floor((batch.done / batch.total) * 100);
    if (!batch.progress || percentage === batch.reportedPercentage) return;
    batch.reportedPercentage = percentage;
    batch.progress.report(percentage, `${batch.done} of ${batch.total} files`);
  }

  private endBatch(message?: string): void {
    const progress = this.batch?.progress;
    this.batch = undefined;
    if (!progress) return;
    if (message) progress.report(100, message);
    progress.done();
  }

  /** Logged once: a scan that fails on every file should not flood the log. */
  private logError(error: unknown): void {
    if (this.loggedError) return;
    this.loggedError = true;
    this.host.connection.console.error(`workspace scan: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}
