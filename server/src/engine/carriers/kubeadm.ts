// Components configured through kubeadm (ClusterConfiguration, Init/JoinConfiguration) and Cluster API's kubeadm specs:
// their flags are kubeadm's defaults plus `extraArgs`, written as a map (v1beta3) or a list of {name, value} (v1beta4).
import { isMap, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ComponentName } from '../flags/catalog';
import { FlagSet, type FlagOccurrence } from '../flags/flagset';
import { flagSpec } from '../flags/catalog';
import { appendSeqMapItem, removePair, removeSeqItem, replaceScalar, setMapPath, stringScalar, type OffsetEdit } from '../fix/yamlEdits';
import type { Component, FlagCarrier } from '../parse/component';
import type { ParsedDocument } from '../parse/documents';
import { asMap, asScalar, keyName, keyRange, mapPair, mapPathPair, mapValue, nodeRange, scalarText } from '../parse/yamlNodes';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import { parseVersion, type KubeVersion } from '../version';
import { kubeadmDefaultFlags } from './kubeadmDefaults';

type Form = 'map' | 'list';

/** Where one component's `extraArgs` live, relative to the mapping that holds the kubeadm configuration. */
const CLUSTER_SECTIONS: ReadonlyArray<{ component: ComponentName; path: readonly string[] }> = [
  { component: 'kube-apiserver', path: ['apiServer', 'extraArgs'] },
  { component: 'kube-controller-manager', path: ['controllerManager', 'extraArgs'] },
  { component: 'kube-scheduler', path: ['scheduler', 'extraArgs'] },
  { component: 'etcd', path: ['etcd', 'local', 'extraArgs'] },
];
const NODE_SECTION = { component: 'kubelet' as ComponentName, path: ['nodeRegistration', 'kubeletExtraArgs'] };

class KubeadmCarrier implements FlagCarrier {
  readonly kind = 'kubeadm';
  /** The YAML node behind each written occurrence: a map pair (map form) or a {name, value} mapping (list form). */
  readonly nodes = new Map<FlagOccurrence, Pair<unknown, unknown> | YAMLMap<unknown, unknown>>();

  constructor(
    private readonly root: YAMLMap<unknown, unknown>,
    private readonly path: readonly string[],
    private readonly form: Form,
    private readonly fallbackAnchor: OffsetRange | undefined,
  ) {}

  private extraArgs(): Pair<unknown, unknown> | undefined {
    return mapPathPair(this.root, this.path);
  }

  homeRange(): OffsetRange | undefined {
    for (let depth = this.path.length; depth > 0; depth--) {
      const pair = mapPathPair(this.root, this.path.slice(0, depth));
      if (pair) return keyRange(pair);
    }
    return this.fallbackAnchor;
  }

  anchors(): OffsetRange[] {
    const home = this.homeRange();
    return home ? [home] : [];
  }

  spell(name: string): string {
    return name;
  }

  spellSetting(name: string, value: string): string {
    return `${name}: ${stringScalar(value)} in ${this.path.join('.')}`;
  }

  addFlag(source: SourceText, name: string, value: string): OffsetEdit[] | undefined {
    const args = this.extraArgs()?.value;
    const quoted = stringScalar(value);
    let edit: OffsetEdit | undefined;
    if (this.form === 'map') {
      edit = isMap(args) && args.items.length > 0 ? setMapPath(source, args, [name], quoted) : setMapPath(source, this.root, [...this.path, name], quoted);
    } else if (isSeq(args) && args.items.length > 0) {
      edit = appendSeqMapItem(source, args, [['name', name], ['value', quoted]]);
    } else {
      edit = setMapPath(source, this.root, this.path, { block: [`- name: ${name}`, `  value: ${quoted}`] });
    }
    return edit ? [edit] : undefined;
  }

  setFlag(_source: SourceText, occurrence: FlagOccurrence, value: string): OffsetEdit[] | undefined {
    const node = this.nodes.get(occurrence);
    const scalar = asScalar(isMap(node) ? mapValue(node, 'value') : node?.value);
    const edit = scalar && replaceScalar(scalar, value, false);
    if (!edit || !scalar) return undefined;
    // A plain scalar that would read as a bool or a number gets quotes: kubeadm wants strings.
    if (scalar.type === 'PLAIN') edit.newText = stringScalar(value);
    return [edit];
  }

  removeFlags(source: SourceText, occurrences: readonly FlagOccurrence[]): OffsetEdit[] | undefined {
    const pair = this.extraArgs();
    const args = pair?.value;
    const written = occurrences.filter((o) => this.nodes.has(o));
    // Removing every extra argument removes `extraArgs:` itself rather than leave an empty key behind.
    if (pair && (isMap(args) || isSeq(args)) && written.length === args.items.length) {
      const edit = removePair(source, pair);
      return edit ? [edit] : undefined;
    }
    const edits: OffsetEdit[] = [];
    for (const o of occurrences) {
      const node = this.nodes.get(o);
      if (!node) continue;
      const edit = isMap(node) ? (isSeq(args) ? removeSeqItem(source, args as YAMLSeq<unknown>, node) : undefined) : removePair(source, node);
      if (!edit) return undefined;
      edits.push(edit);
    }
    return edits;
  }
}

function occurrencesOf(carrier: KubeadmCarrier, component: ComponentName, args: unknown, version: KubeVersion | undefined): FlagOccurrence[] {
  const written: FlagOccurrence[] = [];
  const add = (name: string, valueNode: unknown, node: Pair<unknown, unknown> | YAMLMap<unknown, unknown>, range: OffsetRange | undefined): void => {
    if (!range) return;
    const value = scalarText(valueNode) ?? '';
    const occurrence: FlagOccurrence = {
      name,
      value,
      form: 'equals',
      range,
      valueRange: nodeRange(valueNode) ?? range,
      spec: flagSpec(component, name),
      unresolved: false,
    };
    carrier.nodes.set(occurrence, node);
    written.push(occurrence);
  };
  if (isMap(args)) {
    for (const pair of args.items) {
      const name = keyName(pair);
      const key = keyRange(pair);
      if (name && key) add(name, pair.value, pair, { start: key.start, end: nodeRange(pair.value)?.end ?? key.end });
    }
  } else if (isSeq(args)) {
    for (const item of args.items) {
      const name = scalarText(mapValue(item, 'name'));
      if (name && isMap(item)) add(name, mapValue(item, 'value'), item, nodeRange(item));
    }
  }
  // kubeadm replaces a default flag by an extra argument of the same name.
  const given = new Set(written.map((o) => o.name));
  const implied: FlagOccurrence[] = Object.entries(kubeadmDefaultFlags(component, version))
    .filter(([name]) => !given.has(name))
    .map(([name, value]) => ({ name, value, form: 'implied', range: { start: 0, end: 0 }, valueRange: { start: 0, end: 0 }, spec: flagSpec(component, name), unresolved: false }));
  return [...implied, ...written];
}

function formOf(args: unknown, apiVersion: string | undefined): Form {
  if (isSeq(args)) return 'list';
  if (isMap(args)) return 'map';
  return apiVersion === 'kubeadm.k8s.io/v1beta4' || /^[a-z.]*cluster\.x-k8s\.io\/v1beta2$/.test(apiVersion ?? '') ? 'list' : 'map';
}

function componentAt(
  document: ParsedDocument,
  root: YAMLMap<unknown, unknown>,
  section: { component: ComponentName; path: readonly string[] },
  label: string,
  version: KubeVersion | undefined,
  fallbackAnchor: OffsetRange | undefined,
): Component {
  const args = mapPathPair(root, section.path)?.value;
  const carrier = new KubeadmCarrier(root, section.path, formOf(args, document.apiVersion), fallbackAnchor);
  const flags = new FlagSet(section.component, occurrencesOf(carrier, section.component, args, version), []);
  return {
    component: section.component,
    document,
    node: mapPathPair(root, section.path.slice(0, -1))?.value ?? root,
    label: `${label} ${section.path.join('.')}`,
    flags,
    carrier,
    partial: false,
    version,
  };
}

/** The mappings that hold kubeadm configuration in a document, with how to name them and the version they run. */
function kubeadmRoots(document: ParsedDocument): { cluster?: YAMLMap<unknown, unknown>; nodes: Array<YAMLMap<unknown, unknown>>; version?: KubeVersion } {
  const root = asMap(document.doc.contents);
  const group = document.apiVersion?.split('/')[0] ?? '';
  if (!root) return { nodes: [] };
  if (group === 'kubeadm.k8s.io') {
    if (document.kind === 'ClusterConfiguration') return { cluster: root, nodes: [], version: parseVersion(scalarText(mapValue(root, 'kubernetesVersion'))) };
    if (document.kind === 'InitConfiguration' || document.kind === 'JoinConfiguration') return { nodes: [root] };
    return { nodes: [] };
  }
  if (!group.endsWith('cluster.x-k8s.io')) return { nodes: [] };
  const specPath: Record<string, readonly string[]> = {
    KubeadmControlPlane: ['spec', 'kubeadmConfigSpec'],
    KubeadmControlPlaneTemplate: ['spec', 'template', 'spec', 'kubeadmConfigSpec'],
    KubeadmConfig: ['spec'],
    KubeadmConfigTemplate: ['spec', 'template', 'spec'],
  };
  const path = document.kind ? specPath[document.kind] : undefined;
  const spec = path ? asMap(mapPathPair(root, path)?.value) : undefined;
  if (!spec) return { nodes: [] };
  const nodes = ['initConfiguration', 'joinConfiguration'].map((k) => asMap(mapValue(spec, k))).filter((m): m is YAMLMap<unknown, unknown> => m !== undefined);
  return {
    cluster: asMap(mapValue(spec, 'clusterConfiguration')),
    nodes,
    version: parseVersion(scalarText(mapPathPair(root, ['spec', 'version'])?.value)),
  };
}

export function findKubeadmComponents(document: ParsedDocument): Component[] {
  const { cluster, nodes, version } = kubeadmRoots(document);
  const kind = mapPair(document.doc.contents, 'kind');
  const kindRange = kind ? nodeRange(kind.value) : undefined;
  const label = document.kind ?? 'kubeadm';
  const found: Component[] = [];
  if (cluster) {
    const external = mapPathPair(cluster, ['etcd', 'external']) !== undefined;
    for (const section of CLUSTER_SECTIONS) {
      if (section.component === 'etcd' && external) continue;
      found.push(componentAt(document, cluster, section, label, version, kindRange));
    }
  }
  for (const node of nodes) {
    // The kubelet is only a component of this file when the file sets some of its flags.
    if (mapPathPair(node, NODE_SECTION.path)) found.push(componentAt(document, node, NODE_SECTION, label, version, kindRange));
  }
  return found;
}
