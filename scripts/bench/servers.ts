// The two servers under test, how to start them, and the settings a client would give each of them.
import { editPlan, measureFile } from './driver';
import { generateControlPlaneFile } from './generate';
import { LspClient, type RequestHandler } from './lspClient';
import { OUR_SERVER, YLS_BIN } from './paths';

export type ServerId = 'ours' | 'yls';

export const SERVER_NAMES: Record<ServerId, string> = { ours: 'Kube Channel Guard', yls: 'yaml-language-server' };

/**
 * yaml-language-server with validation on and everything that could reach the network off: no schema store catalogue,
 * no Kubernetes CRD store, no schemas, no formatter. Hover and completion keep their defaults.
 */
export const YLS_SETTINGS = {
  validate: true,
  hover: true,
  completion: true,
  schemas: {},
  schemaStore: { enable: false, url: '' },
  kubernetesCRDStore: { enable: false },
  format: { enable: false },
};

/** Requests every client must answer; anything else is counted as unknown and answered with null. */
function commonRequest(method: string): unknown {
  switch (method) {
    case 'client/registerCapability':
    case 'client/unregisterCapability':
    case 'window/workDoneProgress/create':
    case 'workspace/codeLens/refresh':
    case 'workspace/diagnostic/refresh':
    case 'workspace/semanticTokens/refresh':
    case 'workspace/inlayHint/refresh':
      return null;
    case 'workspace/workspaceFolders':
      return null;
    default:
      return undefined;
  }
}

type ConfigurationParams = { items: Array<{ section?: string; scopeUri?: string }> };

const ourRequests: RequestHandler = (method, params) => {
  // Our settings are pulled per document as the `kubeChannelGuard` section: an empty object means the defaults.
  if (method === 'workspace/configuration') return (params as ConfigurationParams).items.map(() => ({}));
  return commonRequest(method);
};

const ylsRequests: RequestHandler = (method, params) => {
  if (method === 'workspace/configuration') {
    return (params as ConfigurationParams).items.map((item) => {
      switch (item.section) {
        case 'yaml':
          return YLS_SETTINGS;
        case 'http':
          return { proxy: '', proxyStrictSSL: false };
        case '[yaml]':
        case 'editor':
          return {};
        default:
          return null;
      }
    });
  }
  return commonRequest(method);
};

/** What an editor declares: pulled settings, versioned diagnostics, progress; nothing that makes a server do extra work. */
const CLIENT_CAPABILITIES = {
  workspace: { configuration: true, workspaceFolders: false, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: true },
    publishDiagnostics: { versionSupport: true, relatedInformation: true },
  },
  window: { workDoneProgress: true },
};

/** A tiny document both servers answer quickly: opening it once settles lazy loading. */
const SMALL_WARM_UP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: warm-up\ndata:\n  key: value\n';

export interface StartOptions {
  nodeOptions?: readonly string[];
  timeoutMs?: number;
  /**
   * `full` opens and edits a 2,000-line control-plane file before anything is timed, so that both servers' code is
   * compiled by the JIT, as in an editor that has been open a while; `small` only opens a tiny document (for tests).
   */
  warmUp?: 'full' | 'small';
}

/** Starts a server, initialises it and waits until its settings are in and it has answered a warm-up document. */
export async function startServer(id: ServerId, options: StartOptions = {}): Promise<LspClient> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let configured: () => void = () => undefined;
  const configuredOnce = new Promise<void>((resolve) => (configured = resolve));
  const handler = id === 'ours' ? ourRequests : ylsRequests;
  const client = new LspClient(
    SERVER_NAMES[id],
    id === 'ours' ? OUR_SERVER : YLS_BIN,
    ['--stdio'],
    (method, params) => {
      const result = handler(method, params);
      if (method === 'workspace/configuration') configured();
      return result;
    },
    options.nodeOptions ?? [],
  );
  await client.request('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CLIENT_CAPABILITIES }, timeoutMs);
  client.notify('initialized', {});
  // yaml-language-server pulls its settings right after `initialized`; documents opened before they arrive would be
  // validated twice. Our server pulls per document, so for it the warm-up below does the same.
  if (id === 'yls') await withTimeout(configuredOnce, timeoutMs, `${client.name} never asked for its settings`);
  const text = options.warmUp === 'small' ? SMALL_WARM_UP : generateControlPlaneFile(2000, 7);
  const plan = options.warmUp === 'small' ? [] : editPlan(text, 5);
  await measureFile(client, { uri: `untitled:bench-warm-up-${id}.yaml`, text, plan, timeoutMs, gapMs: 0 });
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}
