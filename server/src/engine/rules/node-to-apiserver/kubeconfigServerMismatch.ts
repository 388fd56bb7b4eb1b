// KCG133: a kubeconfig's server names a host of an API server of the workspace but not the port or scheme it serves (workspace rule).
import { appendTo } from '../../multiMap';
import { apiServerReach, isLoopback, normalizeHost, type ApiServerReach, type PortSource } from '../../workspace/apiServerEndpoints';
import { endsOf, fileName, filesExample, related, workspaceRule } from '../../workspace/workspaceRule';
import type { Fix, Range, RelatedLocation } from '../../types';
import { componentPod } from '../examples';
import { CA_DATA, CLIENT_CERT, kubeconfig } from './examples';

const apiserver = (flags: readonly string[]) => componentPod('kube-apiserver', ['--advertise-address=10.0.0.10', '--client-ca-file=/etc/kubernetes/pki/ca.crt', ...flags]);
const kubeadm = (bindPort: string) =>
  [
    'apiVersion: kubeadm.k8s.io/v1beta3',
    'kind: InitConfiguration',
    'localAPIEndpoint:',
    '  advertiseAddress: 10.0.0.10',
    `  bindPort: ${bindPort}`,
    '---',
    'apiVersion: kubeadm.k8s.io/v1beta3',
    'kind: ClusterConfiguration',
    'kubernetesVersion: v1.31.0',
    '',
  ].join('\n');

interface ServerUrl {
  scheme: 'http' | 'https';
  /** The host as written (brackets kept for IPv6). */
  written: string;
  host: string;
  port: string;
  rest: string;
}

function parseServerUrl(server: string): ServerUrl | undefined {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:?#@[\]]+)(?::(\d+))?([/?#].*)?$/i.exec(server.trim());
  if (!m) return undefined;
  const scheme = m[1].toLowerCase() as 'http' | 'https';
  return { scheme, written: m[2], host: normalizeHost(m[2]), port: m[3] ?? (scheme === 'https' ? '443' : '80'), rest: m[4] ?? '' };
}

/** Enough related locations to find the other end; a workspace of many clusters would otherwise list them all. */
const MAX_RELATED = 5;

const rule = workspaceRule(
  {
    id: 'KCG133',
    name: 'kubeconfig-server-mismatch',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: "A kubeconfig's `server` names the host of an API server in the workspace, but not the port it serves HTTPS on (`--secure-port`, kubeadm's `bindPort` or `controlPlaneEndpoint`), or uses `http://` where that API server serves only HTTPS.",
    rationale: [
      'Kubelets, controllers, the scheduler and users reach the API server through the `server` URL of their kubeconfig. When the URL names the API server\'s host but another port, clients cannot connect, or they reach whatever else listens there and hand it their credentials if its certificate happens to verify. An `http://` URL to an API server that serves only HTTPS (every API server from Kubernetes 1.20, and older ones with `--insecure-port=0`) fails too, after the request and any bearer token in it have crossed the network in clear text (KCG121). Such a broken kubeconfig is usually "fixed" by pointing it at something that answers, which is rarely what was meant.',
      '',
      'This is a workspace rule: it compares every kubeconfig with the API servers of the workspace (every file, and every document of one file). A kubeconfig counts as pointing at an API server only when its host is one the API server is known by: `--advertise-address`, a specific `--bind-address`, kubeadm\'s `localAPIEndpoint.advertiseAddress` or `controlPlaneEndpoint` (whose own port wins, as kubeadm does), or `localhost` for an API server in the same file. Nothing is reported when an API server whose address the files do not tell might listen on that port, or when an API server\'s port is unknown (a Helm template, a variable, k3s\'s supervisor).',
    ].join('\n'),
    remediation: 'Point `server` at `https://<host>:<secure port>` of the API server (or at the load balancer of `controlPlaneEndpoint`). The quick fix writes that URL when exactly one port fits.',
    formats: ['kubeconfig', 'kube-apiserver flags', 'kubeadm'],
    references: [
      { title: 'Organizing cluster access using kubeconfig files', url: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/' },
      { title: 'Controlling access: API server ports and IPs', url: 'https://kubernetes.io/docs/concepts/security/controlling-access/#api-server-ports-and-ips' },
      { title: 'kubeadm configuration (localAPIEndpoint, controlPlaneEndpoint)', url: 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/' },
    ],
    examples: {
      valid: [
        filesExample('The kubeconfig uses the secure port', [
          { name: 'kube-apiserver.yaml', text: apiserver(['--secure-port=443']) },
          { name: 'kubelet.conf', text: kubeconfig(['server: https://10.0.0.10:443', CA_DATA], CLIENT_CERT) },
        ]),
        filesExample('Another host: another cluster, as far as the files tell', [
          { name: 'kube-apiserver.yaml', text: apiserver(['--secure-port=443']) },
          { name: 'kubelet.conf', text: kubeconfig(['server: https://10.0.0.99:6443', CA_DATA], CLIENT_CERT) },
        ]),
      ],
      invalid: [
        filesExample('The default port where the API server listens on 443', [
          { name: 'kube-apiserver.yaml', text: apiserver(['--secure-port=443']) },
          {
            name: 'kubelet.conf',
            text: kubeconfig(['server: https://10.0.0.10:6443', CA_DATA], CLIENT_CERT),
            fixed: kubeconfig(['server: https://10.0.0.10:443', CA_DATA], CLIENT_CERT),
          },
        ]),
        filesExample("kubeadm's bindPort", [
          { name: 'kubeadm.yaml', text: kubeadm('8443') },
          {
            name: 'admin.conf',
            text: kubeconfig(['server: https://10.0.0.10:6443', CA_DATA], CLIENT_CERT),
            fixed: kubeconfig(['server: https://10.0.0.10:8443', CA_DATA], CLIENT_CERT),
          },
        ]),
        filesExample('Plain HTTP to an API server that serves only HTTPS', [
          { name: 'kube-apiserver.yaml', text: apiserver([]) },
          {
            name: 'kubelet.conf',
            text: kubeconfig(['server: http://10.0.0.10:6443', CA_DATA], CLIENT_CERT),
            fixed: kubeconfig(['server: https://10.0.0.10:6443', CA_DATA], CLIENT_CERT),
          },
        ]),
      ],
    },
  },
  (context) => {
    const reach = apiServerReach(context);
    // An API server whose port the files do not tell might answer on any port, at any of its hosts.
    if (reach.length === 0 || reach.some((r) => !r.securePort)) return;
    const index = indexHosts(reach);
    for (const { uri, end } of endsOf(context, 'kubeconfigClusters')) {
      const url = parseServerUrl(end.server);
      if (!url) continue;
      const matching = index.byHost.get(url.host) ?? (isLoopback(url.host) ? index.loopback.get(uri) ?? [] : []);
      // An API server whose address the files do not tell might be the one that answers on that port.
      if (matching.length === 0 || index.addresslessPorts.has(url.port)) continue;
      const ports = [...new Set(matching.map((m) => m.port.value))];
      if (url.scheme === 'https' && ports.includes(url.port)) continue;
      if (url.scheme === 'http' && matching.some((m) => m.reach.plainHttp !== false)) continue;
      const [first] = matching;
      const where = `${first.reach.api.end.label}${first.reach.api.uri === uri ? '' : ` in ${fileName(first.reach.api.uri)}`}`;
      const expected = ports.join(' or ');
      const message =
        url.scheme === 'http'
          ? `kubeconfig cluster ${end.name} uses server: ${end.server}, but the API server at ${url.written} (${where}) serves only HTTPS${ports.includes(url.port) ? '' : `, on port ${expected}`}: the connection fails after the request, with any token in it, has crossed the network in clear text`
          : `kubeconfig cluster ${end.name} uses server: ${end.server}, but the API server at ${url.written} (${where}) listens on port ${expected} (${first.port.spelled}): its clients cannot connect, or reach whatever else listens on ${url.port}`;
      const fixed = ports.length === 1 ? `https://${url.written}:${ports[0]}${url.rest}` : undefined;
      const fixes: Fix[] = fixed && end.valueRange && /^[A-Za-z0-9._~:/[\]-]+$/.test(fixed) ? [{ title: `Set server: ${fixed}`, edits: [{ range: end.valueRange, newText: fixed }] }] : [];
      context.report({ uri, range: end.range, message, fixes, related: matching.slice(0, MAX_RELATED).flatMap((m) => relatedOf(m)) });
    }
  },
);

interface HostIndex {
  /** The API servers known by each host. */
  byHost: Map<string, Match[]>;
  /** The API servers that listen on loopback, by file: a `localhost` kubeconfig in that file reaches them. */
  loopback: Map<string, Match[]>;
  /** The secure ports of API servers whose address the files do not tell. */
  addresslessPorts: Set<string>;
}

function indexHosts(reach: readonly ApiServerReach[]): HostIndex {
  const index: HostIndex = { byHost: new Map(), loopback: new Map(), addresslessPorts: new Set() };
  const add = appendTo<string, Match>;
  for (const r of reach) {
    if (!r.securePort) continue;
    for (const h of r.hosts) add(index.byHost, h.host, { reach: r, port: h.port, host: { range: h.range, spelled: h.spelled } });
    if (r.hosts.length === 0) index.addresslessPorts.add(r.securePort.value);
    if (r.listensOnLoopback) add(index.loopback, r.api.uri, { reach: r, port: r.securePort });
  }
  return index;
}

interface Match {
  reach: ApiServerReach;
  port: PortSource;
  /** Where the host is written, unless the match is by loopback. */
  host?: { range: Range; spelled: string };
}

function relatedOf(m: Match): RelatedLocation[] {
  const { api } = m.reach;
  const out = [related(api.uri, m.port.range, `${api.end.label} serves HTTPS on port ${m.port.value} (${m.port.spelled})`)];
  if (m.host && (m.host.range.start.line !== m.port.range.start.line || m.host.range.start.character !== m.port.range.start.character)) {
    out.push(related(api.uri, m.host.range, `${api.end.label} is known by this address (${m.host.spelled})`));
  }
  return out;
}

export default rule;
