// Renders the engine's per-component channel summaries as code lenses (informational: clicking does nothing).
import type { CodeLens } from 'vscode-languageserver';
import type { ComponentLens } from '../engine/lens';

export function toCodeLens(lens: ComponentLens): CodeLens {
  return { range: lens.range, command: { title: lens.title, command: '' } };
}
