// What an etcd member's settings say about its channels: YAML 1.1 bools in its config file, and whether peer traffic leaves the host.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import type { Setting } from '../../docs/settings';
import { parseBool } from '../templates/values';
import { isLoopbackHost, urlList } from './addresses';
import { inPodNetwork } from './network';
import { writtenOf, type Found, type Known, type Target } from './setting';

/**
 * A bool as etcd reads it: Go's strconv.ParseBool on the command line and in `ETCD_*` variables;
 * its config file goes through YAML 1.1, where `yes`, `no`, `on` and `off` are bools too.
 */
export function etcdBool(value: string | undefined): boolean | undefined {
  const strict = parseBool(value);
  if (strict !== undefined || value === undefined) return strict;
  if (/^(y|yes|on)$/i.test(value)) return true;
  if (/^(n|no|off)$/i.test(value)) return false;
  return undefined;
}

/**
 * True unless every peer URL of the member (where it listens and what it advertises) is loopback.
 * Peer settings protect raft traffic between members; a member whose peer URLs are all loopback
 * cannot be reached by, or replicate to, a member on another host. Unknown URLs count as leaving.
 */
export function peersLeaveHost(lookup: (setting: Setting) => Found): boolean {
  const found = [ETCD_SETTINGS.listenPeerUrls, ETCD_SETTINGS.initialAdvertisePeerUrls].map(lookup);
  if (found.some((f) => f.source === 'unknown')) return true;
  return found.some((f) => f.source !== 'unknown' && urlList(f.value).some((u) => !isLoopbackHost(u.host)));
}

/**
 * True when etcd's client URLs are all loopback inside a pod's own network namespace (an etcd
 * sidecar, as in Kubernetes' sample-apiserver): only the pod's containers can reach the port, so
 * client TLS and certificates protect nothing there.
 */
export function clientPortPodLocal(lookup: (setting: Setting) => Found, target: Target): boolean {
  if (!('component' in target) || !inPodNetwork(target.component)) return false;
  const found = [ETCD_SETTINGS.listenClientUrls, ETCD_SETTINGS.listenClientHttpUrls].map(lookup);
  return found.every((f) => f.source !== 'unknown' && urlList(f.value).every((u) => isLoopbackHost(u.host)));
}

/**
 * True when the file itself writes the setting (a flag, an `ETCD_*` variable, a config field). Explicit
 * insecure values are reported even where the port is out of reach today: they stay wrong once it is not.
 */
export function isExplicit(found: Found): boolean {
  return found.source === 'flag' || found.source === 'env' || found.source === 'field';
}

/** True when the setting is known to be on. */
export function isOn(found: Found): boolean {
  return found.source !== 'unknown' && etcdBool(found.value) === true;
}

/** True when the setting is known to be a non-empty value, or cannot be known. */
export function mayBeSet(found: Found): boolean {
  return found.source === 'unknown' || (found.value ?? '').trim() !== '';
}

/** "etcd has no --cert-file", "ETCD_CERT_FILE is empty", "the etcd config file has no client-transport-security.cert-file". */
export function missingPhrase(found: Known): string {
  switch (found.source) {
    case 'flag':
    case 'env':
    case 'field':
      return `${found.spelled} is empty`;
    case 'flag-default':
      return `etcd has no ${found.spelled}`;
    case 'config-default':
      return `the etcd config file has no ${found.spelled}`;
  }
}

/** "etcd runs without --client-cert-auth=true (it defaults to false)", "--client-cert-auth=false". */
export function offPhrase(found: Known, on = 'true'): string {
  switch (found.source) {
    case 'flag-default':
      return `etcd runs without ${found.spelled} set to ${on} (it defaults to ${found.value ?? 'false'})`;
    case 'config-default':
      return `the etcd config file has no ${found.spelled} (it defaults to ${found.value ?? 'false'})`;
    default:
      return writtenOf(found);
  }
}
