// Quick fixes: unpacks the fixes carried by our diagnostics into code actions, if the document has not changed since.
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { SOURCE, type DiagnosticData } from './diagnostics';

export function codeActions(params: CodeActionParams, currentVersion: number | undefined): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const data = diagnostic.data as DiagnosticData | undefined;
    if (!data || data.version !== currentVersion) continue;
    data.fixes.forEach((fix, index) => {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: index === 0,
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    });
  }
  return actions;
}
