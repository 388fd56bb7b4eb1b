// Code actions: the fixes and suppressions of the findings behind our diagnostics (only for the version they were computed for),
// "Show documentation" for each rule, and the source.fixAll action that `editor.codeActionsOnSave` runs.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Finding } from '../engine/types';
import { SOURCE, type DiagnosticData } from './diagnostics';
import { ruleDocsUri } from './ruleDocsLink';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-channel-guard`;
export const SHOW_DOCUMENTATION = 'kube-channel-guard.showDocumentation';
export const APPLY_FIX_ALL = 'kube-channel-guard.applyFixAll';

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/**
 * The code actions for a request. `canShowDocument`: the client declared `window.showDocument` support, without which
 * "Show documentation" could only fail (Neovim 0.7 declares it unsupported, Eglot 1.9 does not declare it).
 */
export function codeActions(
  params: CodeActionParams,
  currentVersion: number | undefined,
  /** The finding a diagnostic of the current version stands for. */
  findingOf: (diagnostic: Diagnostic) => Finding | undefined,
  fixAllEdits: () => TextEdit[],
  canShowDocument = true,
): CodeAction[] {
  const uri = params.textDocument.uri;
  const actions: CodeAction[] = [];
  const documented = new Set<string>();
  if (wants(params, CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== SOURCE) continue;
      const data = diagnostic.data as DiagnosticData | undefined;
      const finding = data && data.version === currentVersion ? findingOf(diagnostic) : undefined;
      if (!finding) continue;
      finding.fixes.forEach((fix, index) => {
        actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: index === 0, edit: { changes: { [uri]: fix.edits } } });
      });
      for (const suppression of finding.suppressions) {
        actions.push({ title: suppression.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: suppression.edits } } });
      }
      const id = String(diagnostic.code);
      if (canShowDocument && !documented.has(id)) {
        documented.add(id);
        actions.push({
          title: `Show documentation for ${id}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          command: { title: `Show documentation for ${id}`, command: SHOW_DOCUMENTATION, arguments: [ruleDocsUri(id)] },
        });
      }
    }
  }
  // Fix-all is offered only when asked for by kind (on save, or from the source action menu).
  if (asksForFixAll(params.context.only)) {
    const edits = fixAllEdits();
    if (edits.length > 0) actions.push({ title: 'Fix all channel findings in this file', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

/** Whether a code action request asks for fix-all: our kind, or a kind it falls under (`source`, `source.fixAll`). */
export function asksForFixAll(only: readonly string[] | undefined): boolean {
  return (only ?? []).some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`));
}
