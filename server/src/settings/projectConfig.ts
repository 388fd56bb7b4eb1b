// The project file `.kube-channel-guard.yaml`: the same keys as the editor settings, validated with messages that point at the key.
import { withoutStacks } from '../engine/parse/withoutStacks';
import { isMap, isScalar, parseDocument, type Pair } from 'yaml';
import { MAX_NESTING, nestingDepth } from '../engine/parse/nesting';
import { parseVersion } from '../engine/version';
import { RULE_LEVELS, type RuleLevel, type RunMode, type Settings } from './schema';

export const PROJECT_FILE = '.kube-channel-guard.yaml';

export interface ConfigProblem {
  message: string;
  /** Offsets into the project file. */
  start: number;
  end: number;
}

export interface ProjectConfig {
  settings: Partial<Settings>;
  problems: ConfigProblem[];
}

function span(node: unknown): { start: number; end: number } {
  const r = (node as { range?: [number, number, number] } | null)?.range;
  return r ? { start: r[0], end: r[1] } : { start: 0, end: 0 };
}

/** Reads a project file; `knownRule` says whether an id names a rule. Never throws. */
export function parseProjectConfig(text: string, knownRule: (id: string) => boolean): ProjectConfig {
  const problems: ConfigProblem[] = [];
  const settings: { -readonly [K in keyof Settings]?: Settings[K] } = {};
  // A project file nested deeper than any settings file is refused before the parser, which would overflow the stack.
  if (nestingDepth(text) > MAX_NESTING) return { settings, problems: [{ message: `the project file nests more than ${MAX_NESTING} levels deep; it takes a flat mapping of settings`, start: 0, end: 0 }] };
  const doc = withoutStacks(() => parseDocument(text, { prettyErrors: false }));
  for (const error of doc.errors) problems.push({ message: `not valid YAML: ${error.message.split('\n')[0]}`, start: error.pos[0], end: error.pos[1] });
  if (problems.length > 0) return { settings, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { settings, problems };
  if (!isMap(root)) return { settings, problems: [{ message: 'the project file must be a mapping of settings', ...span(root) }] };
  const bad = (pair: Pair<unknown, unknown>, message: string): void => {
    problems.push({ message, ...span(pair.value ?? pair.key) });
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    switch (key) {
      case 'enable':
      case 'codeLens':
      case 'scanWorkspace':
        if (typeof value !== 'boolean') bad(pair, `${key} must be true or false`);
        else settings[key] = value;
        break;
      case 'kubernetesVersion': {
        const text = value === undefined || value === null ? '' : String(value);
        if (text !== '' && !parseVersion(text)) bad(pair, `kubernetesVersion must be a version like "1.31", not ${text}`);
        else settings.kubernetesVersion = text;
        break;
      }
      case 'maxFileSizeKiB':
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) bad(pair, 'maxFileSizeKiB must be a number of KiB, 1 or more');
        else settings.maxFileSizeKiB = value;
        break;
      case 'run':
        if (value !== 'onType' && value !== 'onSave') bad(pair, 'run must be onType or onSave');
        else settings.run = value as RunMode;
        break;
      case 'rules': {
        if (!isMap(pair.value)) {
          bad(pair, 'rules must map rule ids to a severity (error, warning, info, hint) or off');
          break;
        }
        const rules: Record<string, RuleLevel> = {};
        for (const rule of pair.value.items) {
          const id = isScalar(rule.key) ? String(rule.key.value) : '';
          const level = isScalar(rule.value) ? String(rule.value.value) : '';
          if (!knownRule(id)) problems.push({ message: `unknown rule id ${id || '(empty)'}`, ...span(rule.key) });
          else if (!(RULE_LEVELS as readonly string[]).includes(level)) problems.push({ message: `${id} must be one of ${RULE_LEVELS.join(', ')}`, ...span(rule.value ?? rule.key) });
          else rules[id] = level as RuleLevel;
        }
        settings.rules = rules;
        break;
      }
      default:
        problems.push({ message: `unknown setting ${key}: the project file takes enable, kubernetesVersion, run, rules, codeLens, scanWorkspace and maxFileSizeKiB`, ...span(pair.key) });
    }
  }
  return { settings, problems };
}

/**
 * The settings in force: the defaults, then the editor's, then the project file's, which wins where it
 * sets a key so that a repository's policy applies to everyone who opens it. Rule levels merge per id.
 */
export function mergeSettings(editor: Settings, project: Partial<Settings>): Settings {
  return {
    ...editor,
    ...project,
    kubernetesVersion: project.kubernetesVersion || editor.kubernetesVersion,
    rules: { ...editor.rules, ...(project.rules ?? {}) },
  };
}
