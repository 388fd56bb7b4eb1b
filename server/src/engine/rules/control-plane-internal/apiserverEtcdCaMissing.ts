// KCG403: the API server does not verify etcd's serving certificate against a dedicated CA.
import { apiserverPod } from '../examples';
import { flagRequired } from '../templates/flags';
import { etcdWithoutTls } from './apiserverEtcd';
import { apiserverEtcdFlagsExcept } from './examples';
import { withoutComponents } from './setting';

const CA = '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt';
const others = apiserverEtcdFlagsExcept('etcd-cafile');

const rule = flagRequired(
  {
    id: 'KCG403',
    name: 'apiserver-etcd-ca-missing',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--etcd-cafile`, so it does not check etcd\'s serving certificate against etcd\'s CA.',
    rationale: [
      'Without `--etcd-cafile` the API server checks the certificate etcd serves against the host\'s public CA bundle instead of the etcd CA. A self-managed etcd certificate then fails the check (and the API server cannot start), and any certificate a public CA issued for the etcd address passes it: the API server would send every write, Secrets included, to whoever holds one.',
      '',
      'When every `--etcd-servers` URL is `http://` the API server uses no TLS at all and this rule stays quiet: KCG401 reports that instead.',
    ].join('\n'),
    remediation:
      'Set `--etcd-cafile` to the CA that signs etcd\'s serving certificates. The quick fix adds kubeadm\'s path, `/etc/kubernetes/pki/etcd/ca.crt`.',
    references: [
      { title: 'Operating etcd clusters for Kubernetes: securing communication', url: 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters' },
      { title: 'CIS Kubernetes Benchmark 1.2.26', cis: '1.2.26' },
    ],
    examples: {
      valid: [
        { title: 'The etcd CA is given', text: apiserverPod([...others, CA]) },
        { title: 'Plain-HTTP etcd (reported by KCG401 instead)', text: apiserverPod(['--etcd-servers=http://127.0.0.1:2379']) },
      ],
      invalid: [{ title: 'No etcd CA', text: apiserverPod(others), fixed: apiserverPod([...others, CA]) }],
    },
  },
  'kube-apiserver',
  [{ name: 'etcd-cafile', value: '/etc/kubernetes/pki/etcd/ca.crt' }],
  (flag) => `kube-apiserver has no ${flag}: it does not check etcd's certificate against the etcd CA, so it cannot connect to a self-managed etcd, or trusts any publicly issued certificate for it`,
);

export default withoutComponents(rule, etcdWithoutTls);
