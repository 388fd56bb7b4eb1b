// Finding and reading the non-workload documents the node → API server rules check: kubeconfigs, kubeadm, eksctl and apiserver config files.
import { isMap, isScalar, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../parse/documents';
import type { RuleContext } from '../types';

export interface MatchedDocument {
  document: ParsedDocument;
  root: YAMLMap<unknown, unknown>;
  /** True when the file is partial (a template, a patch): what it renders is not all in the file, so missing fields say nothing. */
  partial: boolean;
}


/** Documents of a kind whose apiVersion is in one of `groups` (a group, `v1` for the core group, or undefined for none). */
export function documentsOf(context: RuleContext, kind: string, groups: ReadonlyArray<string | undefined>): MatchedDocument[] {
  const partial = context.model.partial;
  return context.model.documents.flatMap((document) => {
    const root = document.doc.contents;
    if (document.kind !== kind || !isMap(root)) return [];
    const apiVersion = document.apiVersion;
    const group = apiVersion === undefined ? undefined : apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : apiVersion;
    return groups.includes(group) ? [{ document, root, partial }] : [];
  });
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
