// The facts rules read across the documents of a file (FileFact in types.ts): the kinds of facts, and all of them.
import type { FileFact, Rule } from './types';

/** A yes-or-no fact: true when some document says so. */
export function someDocument(name: string, of: FileFact<boolean>['of']): FileFact<boolean> {
  return { name, of, join: (parts) => parts.some(Boolean), key: String };
}

/** A set of names: those of every document. */
export function namesInFile(name: string, of: FileFact<ReadonlySet<string>>['of']): FileFact<ReadonlySet<string>> {
  return {
    name,
    of,
    join: (parts) => new Set(parts.flatMap((p) => [...p])),
    key: (value) => [...value].sort().join('\n'),
  };
}

/** Every fact the given rules' checks read, each once, in rule order. */
export function checkFacts(rules: readonly Rule[]): Array<FileFact<unknown>> {
  return [...new Set(rules.flatMap((r) => r.facts ?? []))];
}

/** Every fact the given rules' completions read, each once, in rule order. */
export function completionFacts(rules: readonly Rule[]): Array<FileFact<unknown>> {
  return [...new Set(rules.flatMap((r) => r.complete?.facts ?? []))];
}
