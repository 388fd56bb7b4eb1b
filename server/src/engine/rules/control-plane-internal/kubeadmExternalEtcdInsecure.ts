// KCG420: kubeadm points the API server at an external etcd over plain HTTP or without the TLS files.
import { isMap, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../../parse/documents';
import { asMap, asSeq, keyRange, mapPair, mapPathPair, mapValue, nodeRange, scalarText } from '../../parse/yamlNodes';
import { reportField, reportMissingField } from '../templates/fields';
import { isSet } from '../templates/values';
import type { Rule, RuleContext } from '../types';
import { parseUrl } from './addresses';
import { kubeadmClusterConfig } from './examples';

/** Where Cluster API keeps a kubeadm ClusterConfiguration inside its own kinds. */
const CAPI_PATHS: Readonly<Record<string, readonly string[]>> = {
  KubeadmControlPlane: ['spec', 'kubeadmConfigSpec', 'clusterConfiguration'],
  KubeadmControlPlaneTemplate: ['spec', 'template', 'spec', 'kubeadmConfigSpec', 'clusterConfiguration'],
  KubeadmConfig: ['spec', 'clusterConfiguration'],
  KubeadmConfigTemplate: ['spec', 'template', 'spec', 'clusterConfiguration'],
};

function clusterConfigurationOf(document: ParsedDocument): YAMLMap<unknown, unknown> | undefined {
  const root = asMap(document.doc.contents);
  const group = document.apiVersion?.split('/')[0] ?? '';
  if (!root || !document.kind) return undefined;
  if (group === 'kubeadm.k8s.io') return document.kind === 'ClusterConfiguration' ? root : undefined;
  const path = group.endsWith('cluster.x-k8s.io') ? CAPI_PATHS[document.kind] : undefined;
  return path ? asMap(mapPathPair(root, path)?.value) : undefined;
}

/** A Helm template or a patch merged into something we cannot see: missing fields say nothing there. */
function isPartial(context: RuleContext, document: ParsedDocument): boolean {
  return context.model.partial || context.model.components.some((c) => c.document === document && c.partial);
}

const FILES = [
  { key: 'caFile', value: '/etc/kubernetes/pki/etcd/ca.crt', what: "the API server cannot check the external etcd's certificate against the etcd CA" },
  { key: 'certFile', value: '/etc/kubernetes/pki/apiserver-etcd-client.crt', what: 'the API server presents no client certificate, so the external etcd must accept every client' },
  { key: 'keyFile', value: '/etc/kubernetes/pki/apiserver-etcd-client.key', what: 'the API server presents no client certificate, so the external etcd must accept every client' },
] as const;

const TLS = ['    caFile: /etc/kubernetes/pki/etcd/ca.crt', '    certFile: /etc/kubernetes/pki/apiserver-etcd-client.crt', '    keyFile: /etc/kubernetes/pki/apiserver-etcd-client.key'];
const external = (endpoints: string[], files: string[]): string[] => ['etcd:', '  external:', '    endpoints:', ...endpoints.map((e) => `    - ${e}`), ...files];

const rule: Rule = {
  meta: {
    id: 'KCG420',
    name: 'kubeadm-external-etcd-insecure',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'A kubeadm ClusterConfiguration points at an external etcd with `http://` endpoints, or without `caFile`, `certFile` or `keyFile`.',
    rationale: [
      'kubeadm turns `etcd.external` into the API server\'s `--etcd-servers`, `--etcd-cafile`, `--etcd-certfile` and `--etcd-keyfile`. An `http://` endpoint sends the whole cluster state, every Secret included, to etcd in plain text, and etcd cannot ask a plain-HTTP client for a certificate, so it must serve anyone who reaches it. Without `certFile` and `keyFile` the API server presents no client certificate, which only works against an etcd that accepts every client; without `caFile` it cannot verify it is talking to the real etcd.',
      '',
      'The same fields are read inside Cluster API\'s KubeadmControlPlane and KubeadmConfig(Template). `httpEndpoints` (kubeadm 1.35) only carries etcd\'s HTTP health and metrics traffic and is not checked. In Helm templates and patches, missing files say nothing.',
    ].join('\n'),
    remediation:
      'Use `https://` endpoints and give all three files (kubeadm\'s convention: `/etc/kubernetes/pki/etcd/ca.crt`, `/etc/kubernetes/pki/apiserver-etcd-client.crt` and `.key`). The quick fix adds a missing file with that path; endpoints have no fix, since etcd must serve TLS first.',
    references: [
      { title: 'Set up a high-availability cluster with external etcd (kubeadm)', url: 'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/high-availability/#external-etcd-nodes' },
      { title: 'kubeadm configuration (v1beta4): ExternalEtcd', url: 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-ExternalEtcd' },
    ],
    examples: {
      valid: [
        { title: 'TLS endpoints with all three files', text: kubeadmClusterConfig(external(['https://10.0.0.20:2379', 'https://10.0.0.21:2379'], TLS)) },
        { title: 'Stacked etcd', text: kubeadmClusterConfig(['etcd:', '  local:', '    dataDir: /var/lib/etcd']) },
      ],
      invalid: [
        { title: 'A plain-HTTP endpoint', text: kubeadmClusterConfig(external(['https://10.0.0.20:2379', 'http://10.0.0.21:2379'], TLS)) },
        {
          title: 'No client key',
          text: kubeadmClusterConfig(external(['https://10.0.0.20:2379'], TLS.slice(0, 2))),
          fixed: kubeadmClusterConfig(external(['https://10.0.0.20:2379'], TLS)),
        },
      ],
    },
    formats: ['kubeadm ClusterConfiguration', 'Cluster API'],
  },
  check(context) {
    for (const document of context.model.documents) {
      const cluster = clusterConfigurationOf(document);
      const pair = cluster && mapPathPair(cluster, ['etcd', 'external']);
      if (!cluster || !pair || !isMap(pair.value)) continue;
      const ext = pair.value;
      const endpoints = (asSeq(mapValue(ext, 'endpoints'))?.items ?? []).map((item) => ({ item, url: parseUrl(scalarText(item) ?? '') }));
      for (const { item, url } of endpoints) {
        const range = nodeRange(item);
        if (url.scheme !== 'http' || !range) continue;
        context.report({
          range,
          message: `etcd.external.endpoints has ${url.text}: the API server talks to this etcd in plain text and without a client certificate, so anyone on the path reads every Secret and anyone who reaches etcd reads and writes all cluster state`,
          fixes: [],
        });
      }
      // With only plain-HTTP endpoints the files change nothing: the endpoint finding is the one to act on.
      if (endpoints.length > 0 && endpoints.every((e) => e.url.scheme === 'http' || e.url.scheme === 'unix')) continue;
      if (isPartial(context, document)) continue;
      for (const file of FILES) {
        const present = mapPair(ext, file.key);
        if (isSet(scalarText(present?.value))) continue;
        const message = `etcd.external has ${present ? `an empty ${file.key}` : `no ${file.key}`}: ${file.what}`;
        const fix = { title: `Set etcd.external.${file.key}: ${file.value}`, value: file.value };
        if (present) reportField(context, present, message, fix);
        else reportMissingField(context, cluster, ['etcd', 'external', file.key], message, fix, keyRange(pair));
      }
    }
  },
};

export default rule;
