// Building workspace rules and reading the channel-end index from them: the small kit every cross-file check uses.
import type { ExampleFile, Rule, RuleExample, RuleMeta, WorkspaceRule, WorkspaceRuleContext } from '../rules/types';
import type { Range, RelatedLocation } from '../types';
import type { ChannelEnds } from './channelEnds';

export function workspaceRule(meta: RuleMeta, checkWorkspace: (context: WorkspaceRuleContext) => void): WorkspaceRule {
  return {
    meta,
    scope: 'workspace',
    // The single-file pass never runs it (it is not in RULES): crossFileFindings reads the ends of every file, both ends
    // in one file included. A no-op keeps any caller that runs it per file from finding half a channel.
    check() {},
    checkWorkspace,
  };
}

export function isWorkspaceRule(rule: Rule): rule is WorkspaceRule {
  return (rule as Partial<WorkspaceRule>).scope === 'workspace';
}

/** An end of one kind, with the file it is in. */
export interface Located<T> {
  uri: string;
  end: T;
}

type EndKind = keyof ChannelEnds;
type EndOf<K extends EndKind> = ChannelEnds[K][number];

/** Every end of one kind in the workspace, with its file. */
export function endsOf<K extends EndKind>(context: Pick<WorkspaceRuleContext, 'files'>, kind: K): Array<Located<EndOf<K>>> {
  return context.files.flatMap((f) => (f.ends[kind] as Array<EndOf<K>>).map((end) => ({ uri: f.uri, end })));
}

export function related(uri: string, range: Range, message: string): RelatedLocation {
  return { uri, range, message };
}

/** A file name for messages: the last path segment of a path or URI. */
export function fileName(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  return decodeURIComponentSafe(clean.slice(clean.lastIndexOf('/') + 1)) || uri;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * An example made of several files. `text` joins them as one multi-document file (each file's name in a comment), which
 * is how docs show it and which must give the same finding: the ends of a channel may also sit in one file.
 */
export function filesExample(title: string, files: ExampleFile[]): RuleExample {
  const text = files.map((f) => `# ${f.name}\n${f.text.replace(/\n?$/, '\n')}`).join('---\n');
  return { title, text, files };
}
