// What the API server's `--etcd-servers` say about the etcd connection, shared by the rules on its TLS files.
import type { Component } from '../../parse/component';
import { urlList } from './addresses';

/**
 * True when every etcd URL is `http://` or `unix://`: the API server then uses no TLS toward etcd,
 * so its certificate and CA flags change nothing and KCG401 is the finding that matters.
 */
export function etcdWithoutTls(apiserver: Component): boolean {
  const occurrences = apiserver.flags.all('etcd-servers');
  if (occurrences.length === 0 || occurrences.some((o) => o.unresolved)) return false;
  const urls = urlList(apiserver.flags.list('etcd-servers').join(','));
  return urls.length > 0 && urls.every((u) => u.scheme === 'http' || u.scheme === 'unix');
}
