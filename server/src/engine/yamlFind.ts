// Finding pairs in a parsed document by what they hold or where their key starts, for code lenses and completion.
import { isPair, visit, type Pair } from 'yaml';
import type { ParsedDocument } from './parse/documents';
import { keyRange } from './parse/yamlNodes';

/** The pair whose value is `node`, preceded by the pairs above it; undefined when no pair holds it (the document root). */
export function holdingPairs(document: ParsedDocument, node: unknown): Array<Pair<unknown, unknown>> | undefined {
  let found: Array<Pair<unknown, unknown>> | undefined;
  visit(document.doc, {
    Pair(_key, pair, path) {
      if (pair.value !== node) return undefined;
      found = [...path.filter(isPair), pair] as Array<Pair<unknown, unknown>>;
      return visit.BREAK;
    },
  });
  return found;
}

/** The pair whose key starts at `offset`. */
export function pairWithKeyAt(document: ParsedDocument, offset: number): Pair<unknown, unknown> | undefined {
  let found: Pair<unknown, unknown> | undefined;
  visit(document.doc, {
    Pair(_key, pair) {
      if (keyRange(pair as Pair<unknown, unknown>)?.start !== offset) return undefined;
      found = pair as Pair<unknown, unknown>;
      return visit.BREAK;
    },
  });
  return found;
}
