// KCG402: the API server presents no client certificate to etcd.
import { apiserverPod } from '../examples';
import { flagRequired } from '../templates/flags';
import { etcdWithoutTls } from './apiserverEtcd';
import { apiserverEtcdFlagsExcept } from './examples';
import { withoutComponents } from './setting';

const CERT = '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt';
const KEY = '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key';
const others = apiserverEtcdFlagsExcept('etcd-certfile', 'etcd-keyfile');

const rule = flagRequired(
  {
    id: 'KCG402',
    name: 'apiserver-etcd-client-certificate-missing',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--etcd-certfile` or `--etcd-keyfile`, so it cannot authenticate to etcd with a client certificate.',
    rationale: [
      'etcd authenticates its clients by TLS client certificate (`--client-cert-auth=true`). An API server that presents none can only work against an etcd that accepts every client, and such an etcd hands the whole cluster state, every Secret included, to anyone who can reach its port: a compromised node, a pod with `hostNetwork: true` on a control-plane host, a neighbour on the network.',
      '',
      'When every `--etcd-servers` URL is `http://` the API server uses no TLS at all and this rule stays quiet: KCG401 reports that instead.',
    ].join('\n'),
    remediation:
      'Give the API server a client certificate signed by the CA etcd trusts (`--trusted-ca-file`), with both `--etcd-certfile` and `--etcd-keyfile`, and turn on `--client-cert-auth=true` on etcd. The quick fix adds the missing flag with kubeadm\'s paths (`/etc/kubernetes/pki/apiserver-etcd-client.crt` and `.key`).',
    references: [
      { title: 'Operating etcd clusters for Kubernetes: securing communication', url: 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters' },
      { title: 'PKI certificates and requirements', url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' },
      { title: 'CIS Kubernetes Benchmark 1.2.23', cis: '1.2.23' },
    ],
    examples: {
      valid: [
        { title: 'Both the certificate and the key are given', text: apiserverPod([...others, CERT, KEY]) },
        { title: 'Plain-HTTP etcd (reported by KCG401 instead)', text: apiserverPod(['--etcd-servers=http://127.0.0.1:2379']) },
      ],
      invalid: [
        { title: 'The key is missing', text: apiserverPod([...others, CERT]), fixed: apiserverPod([...others, CERT, KEY]) },
        { title: 'The certificate is missing', text: apiserverPod([...others, KEY]), fixed: apiserverPod([...others, KEY, CERT]) },
      ],
    },
  },
  'kube-apiserver',
  [
    { name: 'etcd-certfile', value: '/etc/kubernetes/pki/apiserver-etcd-client.crt' },
    { name: 'etcd-keyfile', value: '/etc/kubernetes/pki/apiserver-etcd-client.key' },
  ],
  (flag) => `kube-apiserver has no ${flag}: it cannot authenticate to etcd, which only works if etcd accepts every client and so serves all cluster state to anyone who reaches it`,
);

export default withoutComponents(rule, etcdWithoutTls);
