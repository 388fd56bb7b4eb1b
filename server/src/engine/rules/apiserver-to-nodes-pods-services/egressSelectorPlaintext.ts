// KCG308: the API server's egress selector reaches its proxy (konnectivity-server) over plain TCP.
import { mapPair, mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';
import { mapsAt, pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { egressSelector } from './examples';
import { documentsOf } from '../templates/documents';

const UDS_CLUSTER = ['- name: cluster', '  connection:', '    proxyProtocol: GRPC', '    transport:', '      uds:', '        udsName: /etc/kubernetes/konnectivity-server/konnectivity-server.socket'];

function httpConnect(tcpLines: readonly string[]): string[] {
  return ['- name: cluster', '  connection:', '    proxyProtocol: HTTPConnect', '    transport:', '      tcp:', ...tcpLines.map((l) => `        ${l}`)];
}

const TLS = ['tlsConfig:', '  caBundle: /etc/kubernetes/pki/konnectivity-ca.crt', '  clientCert: /etc/kubernetes/pki/konnectivity-client.crt', '  clientKey: /etc/kubernetes/pki/konnectivity-client.key'];

const rule: Rule = {
  meta: {
    id: 'KCG308',
    name: 'egress-selector-plaintext',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'error',
    summary: 'An EgressSelectorConfiguration sends the API server\'s traffic to its proxy over `tcp` with an `http://` URL (or an `https://` URL without `tlsConfig`).',
    rationale: [
      'With an egress selector, kube-apiserver reaches nodes, pods and services (selection `cluster`), and optionally the control plane and etcd, through a proxy, normally konnectivity-server. Over `transport.tcp` with an `http://` URL the HTTP CONNECT requests go in clear text and the API server presents no client certificate: anyone on the path sees where the API server connects and reads any plain-HTTP pod and service traffic it proxies, and anyone who can reach the proxy port can use it, as the API server does, to open connections into the node network.',
      '',
      'The API server validates the file at start: `tcp` works only with `proxyProtocol: HTTPConnect` (GRPC needs `uds`), an `http://` URL must not have `tlsConfig`, and an `https://` URL must have one ("TLSConfig must be present when using HTTPS") with `clientCert` and `clientKey`, or kube-apiserver will not start. A `uds` transport (the upstream setup, with konnectivity-server on the same machine) and `proxyProtocol: Direct` are fine. No established scanner reads this file.',
    ].join('\n'),
    remediation: 'Run konnectivity-server on the control-plane machine and use `transport.uds.udsName`, or keep `tcp` with an `https://` URL and a `tlsConfig` holding `caBundle` (the CA of konnectivity-server\'s `--server-cert`), `clientCert` and `clientKey` (a client certificate that konnectivity-server\'s `--server-ca-cert` trusts). There is no quick fix: the certificates are yours to issue.',
    formats: ['EgressSelectorConfiguration'],
    references: [
      { title: 'Set up Konnectivity service', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/setup-konnectivity/' },
      { title: 'kube-apiserver Configuration (v1beta1): EgressSelectorConfiguration, TCPTransport, TLSConfig', url: 'https://kubernetes.io/docs/reference/config-api/apiserver-config.v1beta1/' },
    ],
    examples: {
      valid: [
        { title: 'A unix socket to konnectivity-server (upstream setup)', text: egressSelector(UDS_CLUSTER) },
        { title: 'TCP with mutual TLS', text: egressSelector(httpConnect(['url: https://konnectivity.example.com:8131', ...TLS])) },
      ],
      invalid: [
        { title: 'HTTP CONNECT over plain TCP', text: egressSelector(httpConnect(['url: http://konnectivity.example.com:8131'])) },
        { title: 'An https URL without tlsConfig', text: egressSelector(httpConnect(['url: https://konnectivity.example.com:8131'])) },
      ],
    },
  },
  check(context) {
    for (const object of documentsOf(context.model, ['EgressSelectorConfiguration'], ['apiserver.k8s.io', 'apiserver.config.k8s.io'])) {
      for (const selection of mapsAt(object.root, ['egressSelections'])) {
        // Only HTTPConnect can use tcp; GRPC over tcp and Direct with a transport are start-up errors of their own.
        if (scalarText(mapPathPair(selection, ['connection', 'proxyProtocol'])?.value) !== 'HTTPConnect') continue;
        const tcp = mapPathPair(selection, ['connection', 'transport', 'tcp'])?.value;
        const urlPair = mapPair(tcp, 'url');
        const url = scalarText(urlPair?.value)?.trim();
        const range = urlPair && pairRange(urlPair);
        if (!url || !range) continue;
        const name = scalarText(mapValue(selection, 'name')) ?? 'an egress selection';
        if (url.startsWith('http://')) {
          context.report({
            range,
            message: `Egress selection ${name} reaches its proxy at ${url} in plain text: the HTTP CONNECT requests are readable on the path, and the proxy cannot tell the API server from anyone else who uses it to reach the node network`,
          });
        } else if (url.startsWith('https://') && !mapPair(tcp, 'tlsConfig')) {
          context.report({
            range,
            message: `Egress selection ${name} uses ${url} without tcp.tlsConfig: kube-apiserver refuses to start ("TLSConfig must be present when using HTTPS"); add caBundle, clientCert and clientKey rather than falling back to http://`,
          });
        }
      }
    }
  },
};

export default rule;
