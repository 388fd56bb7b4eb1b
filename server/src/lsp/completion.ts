// Renders the engine's completion items for the editor.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import type { CompletionItemInfo } from '../engine/complete';

const KINDS: Readonly<Record<CompletionItemInfo['kind'], CompletionItemKind>> = {
  flag: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  field: CompletionItemKind.Field,
};

export function toCompletionItem(item: CompletionItemInfo): CompletionItem {
  return {
    label: item.label,
    kind: KINDS[item.kind],
    detail: item.detail,
    documentation: item.documentation ? { kind: 'markdown', value: item.documentation } : undefined,
    sortText: item.sortText,
    filterText: item.label,
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: item.replace, newText: item.insertText },
  };
}
