// KCG410: etcd presents a self-signed peer certificate the other members cannot verify.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { etcdBool, mayBeSet } from './etcd';
import { etcdPod, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS } from './examples';
import { componentSettingRule } from './setting';

const noPeerCerts = secureEtcdFlagsExcept('peer-cert-file', 'peer-key-file');
const PEER_CERTS = ['--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key'];
const LOCAL_ONLY = ['--name=solo', ...secureEtcdFlagsExcept('peer-cert-file', 'peer-key-file', 'listen-peer-urls', 'initial-advertise-peer-urls', 'initial-cluster', 'name')];

export default componentSettingRule(
  {
    id: 'KCG410',
    name: 'etcd-peer-auto-tls',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'An etcd member runs with `--peer-auto-tls=true` (`peer-transport-security.auto-tls`) and no peer certificate of its own.',
    rationale: [
      'With `--peer-auto-tls` and no `--peer-cert-file`/`--peer-key-file`, each member generates a self-signed peer certificate at start. Members cannot verify each other\'s certificates, so anyone who can intercept traffic between control-plane hosts can pose as a member, read every write as it is replicated and inject raft messages.',
      '',
      'etcd ignores `--peer-auto-tls` when peer certificate files are given, and this rule does not report that. A member whose peer URLs are all loopback has no peers on other hosts today, but `--peer-auto-tls` is only ever on because the file says so, and it stays wrong once the member joins a cluster: it is reported there too.',
    ].join('\n'),
    remediation:
      'Give every member a peer certificate from the etcd CA (`--peer-cert-file`, `--peer-key-file`; kubeadm: `/etc/kubernetes/pki/etcd/peer.crt` and `peer.key`) and turn `--peer-auto-tls` off. The quick fix writes `false` and, where the file has none, kubeadm\'s peer certificate and key paths, so that the member is not left without peer TLS (KCG408).',
    references: [
      { title: 'etcd transport security model: auto TLS', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'CIS Kubernetes Benchmark 2.6', cis: '2.6' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'Ignored next to real peer certificates', text: etcdPod([...SECURE_ETCD_FLAGS, '--peer-auto-tls=true']) },
      ],
      invalid: [
        {
          title: 'Even a single member that listens for peers on loopback only',
          text: etcdPod([...LOCAL_ONLY, '--peer-auto-tls=true']),
          fixed: etcdPod([...LOCAL_ONLY, '--peer-auto-tls=false', ...PEER_CERTS]),
        },
        { title: 'Self-signed peer certificates', text: etcdPod([...noPeerCerts, '--peer-auto-tls=true']), fixed: etcdPod([...noPeerCerts, '--peer-auto-tls=false', ...PEER_CERTS]) },
        {
          title: 'From the environment',
          text: etcdPod(noPeerCerts, ['    - name: ETCD_PEER_AUTO_TLS', '      value: "true"']),
          fixed: etcdPod([...noPeerCerts, ...PEER_CERTS], ['    - name: ETCD_PEER_AUTO_TLS', '      value: "false"']),
        },
      ],
    },
  },
  {
    setting: ETCD_SETTINGS.peerAutoTLS,
    insecure: (value) => etcdBool(value) === true,
    fixValue: 'false',
    // Off alone, the member would have no peer certificate at all (KCG408): the fix gives it kubeadm's.
    alsoSet: [
      { setting: ETCD_SETTINGS.peerCertFile, value: ETCD_SETTINGS.peerCertFile.secure },
      { setting: ETCD_SETTINGS.peerKeyFile, value: ETCD_SETTINGS.peerKeyFile.secure },
    ],
    // Peer auto TLS is only ever on because the file says so, and an explicit insecure value is reported wherever the port is.
    applies: (lookup) => !mayBeSet(lookup(ETCD_SETTINGS.peerCertFile)),
    message: (found) => `${found.spelled} is on and there is no peer certificate: members present self-signed certificates they cannot verify, so anyone who reaches the peer port can pose as a member`,
  },
);
