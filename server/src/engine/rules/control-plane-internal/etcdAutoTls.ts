// KCG407: etcd serves clients a self-signed certificate it generates itself.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { etcdBool, mayBeSet } from './etcd';
import { etcdConfig, etcdPod, insertAfter, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS, withoutLine } from './examples';
import { componentSettingRule, writtenOf } from './setting';

const noCerts = secureEtcdFlagsExcept('cert-file', 'key-file');
const CERTS = ['--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--key-file=/etc/kubernetes/pki/etcd/server.key'];
const CONFIG_CERTS = ['  cert-file: /etc/kubernetes/pki/etcd/server.crt', '  key-file: /etc/kubernetes/pki/etcd/server.key'];
const configNoCerts = withoutLine(withoutLine(SECURE_ETCD_CONFIG, '  cert-file: /etc/kubernetes/pki/etcd/server.crt'), '  key-file: /etc/kubernetes/pki/etcd/server.key');

export default componentSettingRule(
  {
    id: 'KCG407',
    name: 'etcd-auto-tls',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'etcd runs with `--auto-tls=true` (`client-transport-security.auto-tls`) and no certificate of its own, so it serves a self-signed certificate no client can verify.',
    rationale: [
      'With `--auto-tls` and no `--cert-file`/`--key-file`, etcd generates a self-signed certificate at every start. Clients cannot verify it, so they either fail or skip verification, and then anyone who can intercept the connection to etcd impersonates it and reads or changes every request of the API server, Secrets included.',
      '',
      'etcd uses its own certificate and ignores `--auto-tls` when `--cert-file` and `--key-file` are given, so this rule reports `--auto-tls` only where it takes effect.',
    ].join('\n'),
    remediation:
      'Give etcd a serving certificate from the etcd CA (`--cert-file`, `--key-file`; kubeadm: `/etc/kubernetes/pki/etcd/server.crt` and `server.key`) and turn `--auto-tls` off. The quick fix writes `false` and, where the file has none, kubeadm\'s certificate and key paths, so that etcd is not left without TLS (KCG404).',
    references: [
      { title: 'etcd transport security model: auto TLS', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'CIS Kubernetes Benchmark 2.3', cis: '2.3' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'Ignored next to a real certificate', text: etcdPod([...SECURE_ETCD_FLAGS, '--auto-tls=true']) },
        { title: 'Turned off', text: etcdPod([...SECURE_ETCD_FLAGS, '--auto-tls=false']) },
      ],
      invalid: [
        { title: 'Self-signed certificate', text: etcdPod([...noCerts, '--auto-tls=true']), fixed: etcdPod([...noCerts, '--auto-tls=false', ...CERTS]) },
        { title: 'A bare bool flag is true', text: etcdPod([...noCerts, '--auto-tls']), fixed: etcdPod([...noCerts, '--auto-tls=false', ...CERTS]) },
        {
          title: 'In the config file',
          text: etcdConfig(insertAfter(configNoCerts, 'client-transport-security:', '  auto-tls: true')),
          fixed: etcdConfig(insertAfter(insertAfter(configNoCerts, 'client-transport-security:', '  auto-tls: false'), '  trusted-ca-file: /etc/kubernetes/pki/etcd/ca.crt', ...CONFIG_CERTS)),
        },
      ],
    },
  },
  {
    setting: ETCD_SETTINGS.autoTLS,
    insecure: (value) => etcdBool(value) === true,
    fixValue: 'false',
    // Off alone, etcd would have no certificate at all (KCG404): the fix gives it kubeadm's.
    alsoSet: [
      { setting: ETCD_SETTINGS.certFile, value: ETCD_SETTINGS.certFile.secure },
      { setting: ETCD_SETTINGS.keyFile, value: ETCD_SETTINGS.keyFile.secure },
    ],
    // Auto TLS is only ever on because the file says so, and an explicit insecure value is reported wherever the port is.
    applies: (lookup) => !mayBeSet(lookup(ETCD_SETTINGS.certFile)),
    message: (found) => `${writtenOf(found)} and no certificate: etcd serves a self-signed certificate no client can verify, so anyone who intercepts the connection can impersonate etcd`,
  },
);
