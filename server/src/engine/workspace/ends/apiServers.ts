// The API server ends of a model: how each kube-apiserver calls kubelets and where it listens, plus kubeadm's endpoints.
import type { Component } from '../../parse/component';
import type { FileModel } from '../../parse/model';
import { asMap, keyRange, mapPathPair, mapValue, scalarText, type YamlPair } from '../../parse/yamlNodes';
import { pairRange } from '../../rules/templates/fields';
import { groupOf } from '../../rules/templates/documents';
import { formatVersion } from '../../version';
import type { ApiServerAddress, ApiServerEnd, KubeadmEndpointEnd } from '../channelEnds';
import { componentRange, flagState, isPlaceholder } from './settings';

/** Addresses that mean "every interface": they name no host a client could use. */
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

export function apiServerEnds(model: FileModel): ApiServerEnd[] {
  return model.components.filter((c) => c.component === 'kube-apiserver').map((c) => apiServerEnd(model, c));
}

function apiServerEnd(model: FileModel, c: Component): ApiServerEnd {
  const addresses: ApiServerAddress[] = [];
  for (const name of ['advertise-address', 'bind-address']) {
    const s = flagState(model, c, [name]);
    if (s.state === 'set' && !s.implied && !WILDCARDS.has(s.value.trim())) addresses.push({ host: s.value.trim(), range: s.range, spelled: s.spelled });
  }
  return {
    label: c.label ?? 'kube-apiserver',
    range: componentRange(model, c),
    carrier: c.carrier.kind,
    partial: c.partial,
    version: c.version && formatVersion(c.version),
    kubeletCertificateAuthority: flagState(model, c, ['kubelet-certificate-authority']),
    kubeletClientCertificate: flagState(model, c, ['kubelet-client-certificate']),
    securePort: flagState(model, c, ['secure-port'], '6443'),
    insecurePort: flagState(model, c, ['insecure-port', 'port'], '8080'),
    addresses,
    certificatesDir: c.carrier.kind === 'kubeadm' ? certificatesDir(c) : undefined,
  };
}

/** The mappings of a document that hold kubeadm's ClusterConfiguration fields, Init/JoinConfiguration fields, by kind. */
function kubeadmMaps(root: unknown, apiVersion: string | undefined, kind: string | undefined): { cluster?: unknown; init?: unknown; join?: unknown } {
  const group = groupOf(apiVersion) ?? '';
  if (group === 'kubeadm.k8s.io') {
    if (kind === 'ClusterConfiguration') return { cluster: root };
    if (kind === 'InitConfiguration') return { init: root };
    if (kind === 'JoinConfiguration') return { join: root };
    return {};
  }
  if (!group.endsWith('cluster.x-k8s.io')) return {};
  const spec = kind === 'KubeadmControlPlane' ? ['spec', 'kubeadmConfigSpec'] : kind === 'KubeadmControlPlaneTemplate' ? ['spec', 'template', 'spec', 'kubeadmConfigSpec'] : undefined;
  if (!spec) return {};
  const at = (key: string) => mapPathPair(root, [...spec, key])?.value;
  return { cluster: at('clusterConfiguration'), init: at('initConfiguration'), join: at('joinConfiguration') };
}

function certificatesDir(c: Component): string | undefined {
  const { cluster } = kubeadmMaps(c.document.doc.contents, c.document.apiVersion, c.document.kind);
  const dir = scalarText(mapValue(cluster, 'certificatesDir'));
  return dir && !isPlaceholder(dir) ? dir : undefined;
}

/** kubeadm's `localAPIEndpoint` (Init, and Join for control-plane nodes) and `controlPlaneEndpoint` in the model's documents. */
export function kubeadmEndpointEnds(model: FileModel): KubeadmEndpointEnd[] {
  const found: KubeadmEndpointEnd[] = [];
  const range = (pair: YamlPair | undefined) => {
    const r = pair && (pairRange(pair) ?? keyRange(pair));
    return r && model.source.range(r);
  };
  for (const document of model.documents) {
    const { cluster, init, join } = kubeadmMaps(document.doc.contents, document.apiVersion, document.kind);
    for (const [node, path] of [[init, ['localAPIEndpoint']], [join, ['controlPlane', 'localAPIEndpoint']]] as const) {
      const pair = mapPathPair(node, path);
      const endpoint = asMap(pair?.value);
      if (!pair || !endpoint) continue;
      const host = scalarText(mapValue(endpoint, 'advertiseAddress'));
      const portPair = mapPathPair(endpoint, ['bindPort']);
      const port = scalarText(portPair?.value);
      if ((host !== undefined && isPlaceholder(host)) || (port !== undefined && isPlaceholder(port))) continue;
      const r = range(portPair) ?? range(pair);
      if (!r) continue;
      found.push({ kind: 'local', host: host && !WILDCARDS.has(host) ? host : undefined, port, range: r, spelled: `${path.join('.')}${portPair ? '.bindPort' : ''}` });
    }
    const cpePair = mapPathPair(cluster, ['controlPlaneEndpoint']);
    const cpe = scalarText(cpePair?.value);
    const r = range(cpePair);
    if (cpe && r && !isPlaceholder(cpe)) {
      const { host, port } = splitHostPort(cpe);
      if (host) found.push({ kind: 'control-plane', host, port, range: r, spelled: 'controlPlaneEndpoint' });
    }
  }
  return found;
}

/** `host`, `host:port`, `[v6]:port` or a bare IPv6 address. */
export function splitHostPort(text: string): { host: string; port?: string } {
  const t = text.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  const colons = t.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = t.split(':');
    return /^\d+$/.test(port) ? { host, port } : { host: t };
  }
  return { host: t };
}
