// Where each API server of the workspace can be reached: its known hosts, its secure port, and whether it still serves plain HTTP.
import { appendTo } from '../multiMap';
import type { Range } from '../types';
import { atLeast, NEWEST_KNOWN_VERSION, parseVersion, type KubeVersion } from '../version';
import type { ApiServerEnd, KubeadmEndpointEnd } from './channelEnds';
import { endsOf, type Located } from './workspaceRule';
import type { WorkspaceRuleContext } from '../rules/types';

export interface PortSource {
  value: string;
  /** Where the port is decided: the flag, kubeadm's bindPort, or the component when it is a default. */
  range: Range;
  /** `--secure-port=443`, `localAPIEndpoint.bindPort: 8443`, `--secure-port (default 6443)`. */
  spelled: string;
}

export interface ApiServerHost {
  host: string;
  /** The port clients use at this host: the secure port, or the port a controlPlaneEndpoint names (a load balancer's). */
  port: PortSource;
  range: Range;
  spelled: string;
}

export interface ApiServerReach {
  api: Located<ApiServerEnd>;
  /** Undefined when the files cannot tell. */
  securePort?: PortSource;
  hosts: ApiServerHost[];
  /** A specific `--bind-address` confines it to that address; by default it listens on every interface, loopback included. */
  listensOnLoopback: boolean;
  /** It still serves its unauthenticated plain-HTTP port (before 1.20), or the files cannot tell. */
  plainHttp: boolean | 'unknown';
}

export function normalizeHost(host: string): string {
  return host.trim().replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

export function isLoopback(host: string): boolean {
  const h = normalizeHost(host);
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function validPort(value: string | undefined): value is string {
  return value !== undefined && /^\d+$/.test(value.trim()) && Number(value) > 0 && Number(value) < 65536;
}

/** What a file's kubeadm endpoints tell its kubeadm API servers, worked out once per file rather than once per API server. */
interface FileEndpoints {
  /** The hosts the endpoints name (normalised), with the port a controlPlaneEndpoint gives, if valid. */
  hosts: Array<{ host: string; port?: PortSource; range: Range; spelled: string }>;
  /** The bindPorts the file's localAPIEndpoints set, each with the first endpoint that sets it. */
  localPorts: Map<string, { range: Range; spelled: string }>;
}

function fileEndpoints(ends: readonly KubeadmEndpointEnd[]): FileEndpoints {
  const hosts: FileEndpoints['hosts'] = [];
  const localPorts: FileEndpoints['localPorts'] = new Map();
  for (const end of ends) {
    if (end.kind === 'local' && end.port !== undefined && !localPorts.has(end.port)) localPorts.set(end.port, end);
    if (!end.host) continue;
    const port = end.kind === 'control-plane' && validPort(end.port) ? { value: end.port, range: end.range, spelled: `${end.spelled}: ${end.host}:${end.port}` } : undefined;
    hosts.push({ host: normalizeHost(end.host), port, range: end.range, spelled: end.spelled });
  }
  return { hosts, localPorts };
}

/** Every API server of the workspace with where it can be reached; k3s servers (a supervisor in front of the real port) have no known port. */
export function apiServerReach(context: Pick<WorkspaceRuleContext, 'files' | 'kubernetesVersion'>): ApiServerReach[] {
  // kubeadm's endpoints belong to the kubeadm API servers of their own file.
  const byFile = new Map<string, KubeadmEndpointEnd[]>();
  for (const { uri, end } of endsOf(context, 'kubeadmEndpoints')) appendTo(byFile, uri, end);
  const endpoints = new Map([...byFile].map(([uri, ends]) => [uri, fileEndpoints(ends)]));
  const none: FileEndpoints = { hosts: [], localPorts: new Map() };
  return endsOf(context, 'apiServers').map((api) => {
    const own = (api.end.carrier === 'kubeadm' && endpoints.get(api.uri)) || none;
    const securePort = secureSource(api, own.localPorts);
    const hosts: ApiServerHost[] = securePort ? api.end.addresses.map((a) => ({ host: normalizeHost(a.host), port: securePort, range: a.range, spelled: a.spelled })) : [];
    if (securePort) for (const h of own.hosts) hosts.push({ host: h.host, port: h.port ?? securePort, range: h.range, spelled: h.spelled });
    const bind = api.end.addresses.find((a) => a.spelled.endsWith('bind-address'));
    return { api, securePort, hosts, listensOnLoopback: !bind || isLoopback(bind.host), plainHttp: plainHttp(api.end, context.kubernetesVersion) };
  });
}

function secureSource(api: Located<ApiServerEnd>, localPorts: FileEndpoints['localPorts']): PortSource | undefined {
  const s = api.end.securePort;
  if (api.end.carrier === 'k3s' || s.state === 'unknown') return undefined;
  if (s.state === 'set' && !s.implied) return validPort(s.value) ? { value: s.value.trim(), range: s.range, spelled: `${s.spelled}=${s.value}` } : undefined;
  // kubeadm writes --secure-port from the node's localAPIEndpoint.bindPort (6443 when it is left out).
  if (localPorts.size > 1) return undefined;
  for (const [port, l] of localPorts) return validPort(port) ? { value: port, range: l.range, spelled: `${l.spelled}: ${port}` } : undefined;
  const value = s.value ?? '6443';
  return validPort(value) ? { value, range: api.end.range, spelled: api.end.carrier === 'kubeadm' ? "kubeadm's default bindPort" : 'the default of --secure-port' } : undefined;
}

function plainHttp(end: ApiServerEnd, setting: KubeVersion | undefined): boolean | 'unknown' {
  const version = setting ?? parseVersion(end.version) ?? NEWEST_KNOWN_VERSION;
  // Kubernetes 1.20 removed insecure serving: only --insecure-port=0 is accepted.
  if (atLeast(version, '1.20')) return false;
  const s = end.insecurePort;
  if (s.state === 'unknown') return 'unknown';
  // kubeadm wrote --insecure-port=0 on the versions that had the port.
  if (end.carrier === 'kubeadm' && s.state !== 'set') return false;
  return (s.value ?? '8080').trim() !== '0';
}
