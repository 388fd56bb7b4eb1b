// The server's view of the user's settings, pulled per document from the client (`kubeChannelGuard.*`).
import type { Connection } from 'vscode-languageserver';

export interface ServerSettings {
  enable: boolean;
  /** The Kubernetes version to check against (`1.31`); empty means what each file names, else the newest the rules know. */
  kubernetesVersion: string;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, kubernetesVersion: '' };

export class SettingsStore {
  private readonly cache = new Map<string, Promise<ServerSettings>>();

  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
  ) {}

  get(uri: string): Promise<ServerSettings> {
    if (!this.canPull()) return Promise.resolve(DEFAULT_SETTINGS);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'kubeChannelGuard' })
        .then((raw: Partial<ServerSettings> | null) => ({ ...DEFAULT_SETTINGS, ...(raw ?? {}) }), () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  forget(uri?: string): void {
    if (uri) this.cache.delete(uri);
    else this.cache.clear();
  }
}
