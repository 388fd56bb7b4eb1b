// KCG401: the API server talks to etcd over plain HTTP.
import { flagFormats } from '../../docs/formats';
import { apiserverPod } from '../examples';
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { isLoopbackHost, urlList, type ParsedUrl } from './addresses';
import { apiserverEtcdFlagsExcept, onHostNetwork } from './examples';
import { inPodNetwork } from './network';

const TLS_FLAGS = apiserverEtcdFlagsExcept('etcd-servers');

/** The etcd URLs of one `--etcd-servers-overrides` value: `group/resource#url;url,group/resource#url`. */
function overrideUrls(value: string): ParsedUrl[] {
  return value
    .split(',')
    .flatMap((entry) => (entry.includes('#') ? entry.slice(entry.indexOf('#') + 1).split(';') : []))
    .flatMap((url) => urlList(url));
}

const rule: Rule = {
  meta: {
    id: 'KCG401',
    name: 'apiserver-etcd-plaintext',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'kube-apiserver reaches etcd through an `http://` URL in `--etcd-servers`, in plain text and without credentials.',
    rationale: [
      'etcd holds the whole cluster state: every Secret, every service-account token signing input, every RBAC rule. With an `http://` URL in `--etcd-servers` the API server sends all of it in clear text, and etcd, which cannot ask a plain-HTTP client for a certificate, answers anyone who can open a connection to it. Whoever can reach the etcd port reads every Secret and can write any object, bypassing authentication, authorization and admission.',
      '',
      'A loopback URL (`http://127.0.0.1:2379`) does not make this safe on a control-plane host: every process there, including any pod with `hostNetwork: true`, can reach it. Only an API server in a pod of its own (no `hostNetwork`) whose loopback etcd is a sidecar of the same pod is left alone, since nothing outside the pod shares that loopback. No other scanner checks the scheme of `--etcd-servers`; they only check that `--etcd-certfile` and `--etcd-cafile` are present, which an `http://` URL makes meaningless.',
      '',
      '`--etcd-servers-overrides` (`group/resource#url;url`) is read the same way.',
    ].join('\n'),
    remediation:
      'Make etcd serve TLS and require client certificates first (`--cert-file`, `--key-file`, `--client-cert-auth=true`, `--trusted-ca-file`, with `https://` in `--listen-client-urls`), then point the API server at `https://` URLs with `--etcd-cafile`, `--etcd-certfile` and `--etcd-keyfile` (kubeadm: `https://127.0.0.1:2379` and the files under `/etc/kubernetes/pki`). There is no quick fix: changing the scheme alone breaks the API server until etcd serves TLS.',
    references: [
      { title: 'Operating etcd clusters for Kubernetes: securing etcd clusters', url: 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters' },
      { title: 'etcd transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
    ],
    examples: {
      valid: [
        { title: 'TLS to a local etcd', text: apiserverPod(['--etcd-servers=https://127.0.0.1:2379', ...TLS_FLAGS]) },
        { title: 'Several TLS members', text: apiserverPod(['--etcd-servers=https://10.0.0.10:2379,https://10.0.0.11:2379', ...TLS_FLAGS]) },
        { title: 'An etcd sidecar on the pod\'s own loopback', text: apiserverPod(['--etcd-servers=http://127.0.0.1:2379']) },
      ],
      invalid: [
        { title: 'Plain HTTP to an etcd on the host\'s loopback', text: onHostNetwork(apiserverPod(['--etcd-servers=http://127.0.0.1:2379'])) },
        { title: 'One plain-HTTP member among TLS ones', text: apiserverPod(['--etcd-servers=https://10.0.0.10:2379,http://10.0.0.11:2379', ...TLS_FLAGS]) },
        { title: 'Events stored in a plain-HTTP etcd', text: apiserverPod(['--etcd-servers=https://127.0.0.1:2379', '--etcd-servers-overrides=/events#http://10.0.0.20:2379', ...TLS_FLAGS]) },
      ],
    },
    formats: flagFormats('kube-apiserver'),
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      for (const flag of ['etcd-servers', 'etcd-servers-overrides']) {
        for (const o of c.flags.all(flag)) {
          if (o.form === 'implied' || o.unresolved) continue;
          const urls = flag === 'etcd-servers' ? urlList(o.value) : overrideUrls(o.value);
          const plain = urls.filter((u) => u.scheme === 'http');
          const loopback = plain.every((u) => isLoopbackHost(u.host));
          // Loopback in a pod of its own reaches only an etcd sidecar of the same pod.
          if (plain.length === 0 || (loopback && inPodNetwork(c))) continue;
          const where = loopback
            ? 'any process on this host, hostNetwork pods included, can read and write all cluster state through that etcd'
            : 'anyone on the network path reads every Secret, and anyone who reaches etcd can read and write all cluster state';
          context.report({
            range: o.range,
            message: `${c.carrier.spell(flag)} uses ${plain.map((u) => u.text).join(', ')}: the API server talks to etcd in plain text and without a client certificate, so ${where}`,
            fixes: [],
          });
        }
      }
    }
  },
};

export default rule;
