// The API-object ends of a model: kubeconfig clusters, the webhooks and APIServices that call Services, and cert-manager's Certificates and Issuers.
import type { FileModel } from '../../parse/model';
import { asMap, asSeq, keyRange, mapPair, mapPathPair, mapValue, nodeRange, scalarText } from '../../parse/yamlNodes';
import { caInjector, clientConfigSites, describe, fieldWritten, isKubebuilderPlaceholder } from '../../rules/apiserver-to-nodes-pods-services/objects';
import { documentsOf, type MatchedDocument } from '../../rules/templates/documents';
import { mapsAt, pairRange } from '../../rules/templates/fields';
import type { Range } from '../../types';
import type { CertificateEnd, IssuerEnd, KubeconfigClusterEnd, ServiceClientEnd, ServiceRef } from '../channelEnds';
import { innerRange, isPlaceholder } from './settings';

const CERT_MANAGER_GROUPS = ['cert-manager.io', 'certmanager.k8s.io'];
const INJECT_CA_FROM = ['cert-manager.io/inject-ca-from', 'certmanager.k8s.io/inject-ca-from'];

export function kubeconfigClusterEnds(model: FileModel): KubeconfigClusterEnd[] {
  const found: KubeconfigClusterEnd[] = [];
  for (const file of documentsOf(model, ['Config'], ['', undefined])) {
    for (const item of mapsAt(file.root, ['clusters'])) {
      const pair = mapPathPair(item, ['cluster', 'server']);
      const server = scalarText(pair?.value);
      const range = pair && pairRange(pair);
      const value = pair && nodeRange(pair.value);
      if (!server || !range || isPlaceholder(server)) continue;
      found.push({
        name: scalarText(mapValue(item, 'name')) ?? '(unnamed)',
        server: server.trim(),
        range: model.source.range(range),
        valueRange: value && innerRange(model, value),
        partial: model.partial,
      });
    }
  }
  return found;
}

function serviceRef(service: unknown): ServiceRef | undefined {
  const namespace = scalarText(mapValue(service, 'namespace'));
  const name = scalarText(mapValue(service, 'name'));
  if (!namespace || !name || isPlaceholder(namespace) || isPlaceholder(name)) return undefined;
  return { namespace, name };
}

function injection(model: FileModel, object: MatchedDocument): Pick<ServiceClientEnd, 'injectCaFrom' | 'otherInjector'> {
  for (const key of INJECT_CA_FROM) {
    const pair = mapPathPair(object.root, ['metadata', 'annotations', key]);
    const value = scalarText(pair?.value);
    const range = pair && pairRange(pair);
    const valueNode = pair && nodeRange(pair.value);
    if (value === undefined || !range) continue;
    // A value a template fills in still has the injector write a caBundle, from a Certificate the files do not name.
    if (isPlaceholder(value) || value.trim() === '') return { otherInjector: true };
    return { injectCaFrom: { value: value.trim(), range: model.source.range(range), valueRange: valueNode && innerRange(model, valueNode) }, otherInjector: false };
  }
  return { otherInjector: caInjector(object.root) !== undefined };
}

export function serviceClientEnds(model: FileModel): ServiceClientEnd[] {
  const found: ServiceClientEnd[] = [];
  for (const site of clientConfigSites(model)) {
    const service = serviceRef(mapValue(site.clientConfig, 'service'));
    const range = keyRange(site.clientConfigPair);
    if (!service || !range || isKubebuilderPlaceholder(site.clientConfig)) continue;
    found.push({
      kind: site.object.kind,
      label: `${site.label} in ${describe(site.object)}`,
      service,
      range: model.source.range(range),
      caBundleWritten: fieldWritten(site.clientConfig, 'caBundle'),
      ...injection(model, site.object),
      partial: model.partial,
    });
  }
  for (const object of documentsOf(model, ['APIService'], ['apiregistration.k8s.io'])) {
    const spec = asMap(mapValue(object.root, 'spec'));
    const pair = mapPair(spec, 'service');
    const service = serviceRef(pair?.value);
    const range = pair && keyRange(pair);
    if (!spec || !service || !range) continue;
    found.push({
      kind: 'APIService',
      label: describe(object),
      service,
      range: model.source.range(range),
      caBundleWritten: fieldWritten(spec, 'caBundle'),
      ...injection(model, object),
      partial: model.partial,
    });
  }
  return found;
}

function nameRange(model: FileModel, object: MatchedDocument): Range | undefined {
  const pair = mapPathPair(object.root, ['metadata', 'name']);
  const r = (pair && nodeRange(pair.value)) ?? nodeRange(mapPair(object.root, 'kind')?.value);
  return r && model.source.range(r);
}

function plain(value: string | undefined): string | undefined {
  return value === undefined || isPlaceholder(value) ? undefined : value.trim();
}

export function certificateEnds(model: FileModel): CertificateEnd[] {
  const found: CertificateEnd[] = [];
  for (const object of documentsOf(model, ['Certificate'], CERT_MANAGER_GROUPS)) {
    const spec = asMap(mapValue(object.root, 'spec'));
    const range = nameRange(model, object);
    if (!spec || !object.name || !range || isPlaceholder(object.name)) continue;
    const ref = asMap(mapValue(spec, 'issuerRef'));
    const refName = plain(scalarText(mapValue(ref, 'name')));
    const refKind = scalarText(mapValue(ref, 'kind')) ?? 'Issuer';
    const refGroup = scalarText(mapValue(ref, 'group')) ?? 'cert-manager.io';
    // An issuer of another group (an external issuer: step-ca, AWS PCA, ...) signs in ways only it knows.
    const issuerRef: CertificateEnd['issuerRef'] =
      refName && CERT_MANAGER_GROUPS.includes(refGroup) && (refKind === 'Issuer' || refKind === 'ClusterIssuer') ? { kind: refKind, name: refName } : undefined;
    const dnsNames = (scalarItems(mapValue(spec, 'dnsNames'))).filter((n) => !isPlaceholder(n));
    found.push({
      namespace: plain(scalarText(mapPathPair(object.root, ['metadata', 'namespace'])?.value)),
      name: object.name,
      dnsNames,
      commonName: plain(scalarText(mapValue(spec, 'commonName'))),
      secretName: plain(scalarText(mapValue(spec, 'secretName'))),
      issuerRef,
      range,
      partial: model.partial,
    });
  }
  return found;
}

function scalarItems(node: unknown): string[] {
  return (asSeq(node)?.items ?? []).map((i) => scalarText(i)).filter((s): s is string => s !== undefined);
}

export function issuerEnds(model: FileModel): IssuerEnd[] {
  const found: IssuerEnd[] = [];
  for (const object of documentsOf(model, ['Issuer', 'ClusterIssuer'], CERT_MANAGER_GROUPS)) {
    const spec = asMap(mapValue(object.root, 'spec'));
    const range = nameRange(model, object);
    if (!spec || !object.name || !range || isPlaceholder(object.name)) continue;
    const caSecretName = plain(scalarText(mapPathPair(spec, ['ca', 'secretName'])?.value));
    const type = mapPair(spec, 'selfSigned') ? 'selfSigned' : caSecretName ? 'ca' : 'other';
    found.push({
      kind: object.kind === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer',
      namespace: object.kind === 'ClusterIssuer' ? undefined : plain(scalarText(mapPathPair(object.root, ['metadata', 'namespace'])?.value)),
      name: object.name,
      type,
      caSecretName: type === 'ca' ? caSecretName : undefined,
      range,
    });
  }
  return found;
}
