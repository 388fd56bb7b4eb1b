// Finding the documents a rule reads by kind and API group, and reading bools the way Kubernetes' YAML decoder does.
import { isScalar, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../parse/documents';
import type { FileModel } from '../../parse/model';
import { asMap, mapPathPair, scalarText } from '../../parse/yamlNodes';

export interface MatchedDocument {
  document: ParsedDocument;
  root: YAMLMap<unknown, unknown>;
  kind: string;
  name?: string;
  /** True when the file is partial (a template, a patch): fields it leaves out say nothing. */
  partial: boolean;
}

/** The API group of an `apiVersion`: `""` for the core group (`v1`), undefined when there is no apiVersion. */
export function groupOf(apiVersion: string | undefined): string | undefined {
  if (apiVersion === undefined) return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The documents of the given kinds whose API group is one of `groups` (`""` the core group, undefined no apiVersion at all). */
export function documentsOf(model: FileModel, kinds: readonly string[], groups: ReadonlyArray<string | undefined>): MatchedDocument[] {
  const found: MatchedDocument[] = [];
  for (const document of model.documents) {
    const root = asMap(document.doc.contents);
    if (!root || !document.kind || !kinds.includes(document.kind) || !groups.includes(groupOf(document.apiVersion))) continue;
    found.push({ document, root, kind: document.kind, name: scalarText(mapPathPair(root, ['metadata', 'name'])?.value), partial: model.partial });
  }
  return found;
}

/**
 * A YAML value read as a Go bool the way sigs.k8s.io/yaml (YAML 1.1) reads it: `true`, and in plain
 * style also `yes`, `on`, `y`. Undefined for anything that is not a bool.
 */
export function yamlBool(node: unknown): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  if (typeof node.value !== 'string' || node.type !== 'PLAIN') return undefined;
  if (/^(y|Y|yes|Yes|YES|on|On|ON)$/.test(node.value)) return true;
  if (/^(n|N|no|No|NO|off|Off|OFF)$/.test(node.value)) return false;
  return undefined;
}
