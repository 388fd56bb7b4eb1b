// The clusters and users of kubeconfig files (`kind: Config`), which tell kubelets, controllers and users how to reach the API server.
import type { Pair, YAMLMap } from 'yaml';
import { asMap, mapPair, mapValue, scalarText } from '../../parse/yamlNodes';
import { mapsAt } from '../templates/fields';
import type { RuleContext } from '../types';
import { documentsOf, type MatchedDocument } from '../templates/documents';

export interface KubeconfigEntry {
  file: MatchedDocument;
  /** The list item (`- name: ...`), where a finding about a missing field points. */
  item: YAMLMap<unknown, unknown>;
  /** The `cluster:` or `user:` pair of the item and its mapping. */
  pair: Pair<unknown, unknown>;
  body: YAMLMap<unknown, unknown>;
  name: string;
}

/** kubeconfig documents: `kind: Config` with apiVersion v1 (or none, as hand-written files often have), holding clusters or users. */
function kubeconfigFiles(context: RuleContext): MatchedDocument[] {
  return documentsOf(context.model, ['Config'], ['', undefined]).filter((f) => mapPair(f.root, 'clusters') !== undefined || mapPair(f.root, 'users') !== undefined);
}

function entries(context: RuleContext, list: 'clusters' | 'users', key: 'cluster' | 'user'): KubeconfigEntry[] {
  return kubeconfigFiles(context).flatMap((file) =>
    mapsAt(file.root, [list]).flatMap((item) => {
      const pair = mapPair(item, key);
      const body = asMap(pair?.value);
      return pair && body ? [{ file, item, pair, body, name: scalarText(mapValue(item, 'name')) ?? '(unnamed)' }] : [];
    }),
  );
}

export function kubeconfigClusters(context: RuleContext): KubeconfigEntry[] {
  return entries(context, 'clusters', 'cluster');
}

export function kubeconfigUsers(context: RuleContext): KubeconfigEntry[] {
  return entries(context, 'users', 'user');
}
