// The settings, typed once: VS Code's `kubeChannelGuard.*`, the project file `.kube-channel-guard.yaml` and the CLI read the same keys.
// package.json's contributes.configuration and the README's settings table are generated from SETTINGS_SCHEMA (npm run settings).
import type { Severity } from '../engine/types';

export type RuleLevel = Severity | 'off';
export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  /** The Kubernetes version to check against (`1.31`); empty: what each file names, else the newest the rules know. */
  kubernetesVersion: string;
  run: RunMode;
  /** Per-rule severity, or `off`, by rule id. */
  rules: Readonly<Record<string, RuleLevel>>;
  codeLens: boolean;
  /** Check every YAML file of the workspace in the background, not only the open ones. */
  scanWorkspace: boolean;
  /** Files larger than this many KiB are not analysed; one informational diagnostic says so. */
  maxFileSizeKiB: number;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, kubernetesVersion: '', run: 'onType', rules: {}, codeLens: true, scanWorkspace: true, maxFileSizeKiB: 8192 };

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface SettingSchema {
  key: keyof Settings | 'trace.server';
  /** JSON schema of the value, as VS Code's contributes.configuration takes it. */
  schema: Record<string, unknown>;
  description: string;
  /** Where the key is read: the editor settings, the project file, the CLI. */
  readBy: ReadonlyArray<'editor' | 'project file' | 'CLI'>;
}

export const SETTINGS_SCHEMA: readonly SettingSchema[] = [
  {
    key: 'enable',
    schema: { type: 'boolean', default: true },
    description: 'Check Kubernetes YAML for insecure control-plane channel settings. When it is off, the findings disappear at once, without a reload.',
    readBy: ['editor', 'project file', 'CLI'],
  },
  {
    key: 'kubernetesVersion',
    schema: { type: 'string', default: '', pattern: '^(v?\\d+\\.\\d+(\\.\\d+)?)?$' },
    description:
      'The Kubernetes version to check against, such as `1.31`. Empty: the version each file names (image tag, kubeadm `kubernetesVersion`, Cluster API `version`), else the newest the rules know. Flags removed in a version are reported as removed from that version on.',
    readBy: ['editor', 'project file', 'CLI'],
  },
  {
    key: 'run',
    schema: { type: 'string', enum: ['onType', 'onSave'], default: 'onType' },
    description: 'Check as you type (`onType`), or when a file is opened or saved (`onSave`).',
    readBy: ['editor', 'project file'],
  },
  {
    key: 'rules',
    schema: {
      type: 'object',
      default: {},
      patternProperties: { '^KCG\\d{3}$': { type: 'string', enum: RULE_LEVELS } },
      additionalProperties: false,
    },
    description: 'The severity of each rule, or `off`, by rule id: `{ "KCG201": "error", "KCG418": "off" }`. Rules not named keep their default severity (see docs/rules.md).',
    readBy: ['editor', 'project file', 'CLI'],
  },
  {
    key: 'codeLens',
    schema: { type: 'boolean', default: true },
    description: 'Show a code lens above each control-plane component that summarises the state of its channels.',
    readBy: ['editor', 'project file'],
  },
  {
    key: 'scanWorkspace',
    schema: { type: 'boolean', default: true },
    description:
      'Check every YAML file in the workspace in the background, not only the open ones, so that the Problems panel lists them all and checks that need both ends of a channel (in two files) can run. `files.exclude` is respected.',
    readBy: ['editor', 'project file'],
  },
  {
    key: 'maxFileSizeKiB',
    schema: { type: 'number', default: 8192, minimum: 1 },
    description: 'Files larger than this (in KiB) are not analysed; one informational diagnostic at the top of the file says so. The CLI skips them with a message.',
    readBy: ['editor', 'project file', 'CLI'],
  },
  {
    key: 'trace.server',
    schema: { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off' },
    description: 'Log the messages between VS Code and the Kube Channel Guard language server in its output channel.',
    readBy: ['editor'],
  },
];

/** The `contributes.configuration` object of package.json. */
export function contributedConfiguration(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const s of SETTINGS_SCHEMA) properties[`kubeChannelGuard.${s.key}`] = { ...s.schema, markdownDescription: s.description };
  return { title: 'Kube Channel Guard', properties };
}

/** The README's settings table. */
export function settingsTable(): string {
  const rows = SETTINGS_SCHEMA.map((s) => {
    const value = JSON.stringify(s.schema.default);
    const where = s.readBy.map((r) => (r === 'project file' ? '`.kube-channel-guard.yaml`' : r)).join(', ');
    return `| \`kubeChannelGuard.${s.key}\` | \`${value}\` | ${where} | ${s.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| setting | default | read by | meaning |', '|---|---|---|---|', ...rows].join('\n');
}
