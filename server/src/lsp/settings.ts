// The settings in force for a document: the editor's `kubeChannelGuard` section, pulled per document, merged with the
// project file `.kube-channel-guard.yaml` at the root of the workspace folder that holds the document.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { loadProjectConfig, projectFileIn } from '../settings/loadProjectConfig';
import { mergeSettings, type ProjectConfig } from '../settings/projectConfig';
import { DEFAULT_SETTINGS, RULE_LEVELS, type RuleLevel, type Settings } from '../settings/schema';

/** Coerces what the client sends into Settings, keeping defaults for anything malformed. */
export function editorSettings(raw: unknown): Settings {
  const r = (raw ?? {}) as Partial<Record<keyof Settings, unknown>>;
  const rules: Record<string, RuleLevel> = {};
  if (r.rules && typeof r.rules === 'object') {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if ((RULE_LEVELS as readonly unknown[]).includes(level)) rules[id] = level as RuleLevel;
    }
  }
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    kubernetesVersion: typeof r.kubernetesVersion === 'string' ? r.kubernetesVersion : DEFAULT_SETTINGS.kubernetesVersion,
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    rules,
    codeLens: typeof r.codeLens === 'boolean' ? r.codeLens : DEFAULT_SETTINGS.codeLens,
    scanWorkspace: typeof r.scanWorkspace === 'boolean' ? r.scanWorkspace : DEFAULT_SETTINGS.scanWorkspace,
    maxFileSizeKiB: typeof r.maxFileSizeKiB === 'number' && r.maxFileSizeKiB >= 1 ? r.maxFileSizeKiB : DEFAULT_SETTINGS.maxFileSizeKiB,
  };
}

export class SettingsStore {
  private readonly editor = new Map<string, Promise<Settings>>();
  private readonly projects = new Map<string, (ProjectConfig & { file: string; text: string }) | undefined>();
  private folders: string[] = [];
  /** The `kubeChannelGuard` section a client pushed with workspace/didChangeConfiguration, for clients we cannot pull from. */
  private pushed: Promise<Settings> = Promise.resolve(DEFAULT_SETTINGS);

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    this.projects.clear();
  }

  /** The workspace folder holding a document, the deepest when folders nest. */
  private folderOf(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const file = fileURLToPath(uri);
    return this.folders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }

  /** The project file that applies to a document, read once per folder until it changes on disk. */
  project(uri: string): (ProjectConfig & { file: string; text: string }) | undefined {
    const folder = this.folderOf(uri);
    if (!folder) return undefined;
    if (!this.projects.has(folder)) {
      const file = projectFileIn(folder);
      let loaded: (ProjectConfig & { file: string; text: string }) | undefined;
      try {
        loaded = file ? { ...loadProjectConfig(file), file } : undefined;
      } catch (error) {
        this.connection.console.error(`cannot read ${file}: ${(error as Error).message}`);
      }
      this.projects.set(folder, loaded);
    }
    return this.projects.get(folder);
  }

  async get(uri: string): Promise<Settings> {
    let editor = this.editor.get(uri);
    if (!editor) {
      editor = this.canPull()
        ? this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'kubeChannelGuard' }).then(editorSettings, () => DEFAULT_SETTINGS)
        : this.pushed;
      this.editor.set(uri, editor);
    }
    return mergeSettings(await editor, this.project(uri)?.settings ?? {});
  }

  /** Keeps the settings a client pushed: `{ kubeChannelGuard: {...} }`, as nvim-lspconfig and eglot send them. */
  setPushed(raw: unknown): void {
    const section = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).kubeChannelGuard : undefined;
    this.pushed = Promise.resolve(section === undefined ? DEFAULT_SETTINGS : editorSettings(section));
  }

  /** Forgets editor settings (after didChangeConfiguration) or a document's. */
  forget(uri?: string): void {
    if (uri) this.editor.delete(uri);
    else this.editor.clear();
  }

  /** Forgets the project files (after one changed on disk). */
  forgetProjects(): void {
    this.projects.clear();
  }
}
