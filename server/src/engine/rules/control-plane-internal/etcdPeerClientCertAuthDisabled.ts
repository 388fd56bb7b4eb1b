// KCG409: etcd accepts peers without a certificate.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { etcdBool, isExplicit, offPhrase, peersLeaveHost } from './etcd';
import { etcdConfig, etcdPod, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS } from './examples';
import { componentSettingRule } from './setting';

const others = secureEtcdFlagsExcept('peer-client-cert-auth');
const LOCAL_ONLY = ['--name=solo', ...secureEtcdFlagsExcept('peer-client-cert-auth', 'listen-peer-urls', 'initial-advertise-peer-urls', 'initial-cluster', 'name')];
/** The second `client-cert-auth: true` of the config is the peer one. */
const PEER_OFF = [...SECURE_ETCD_CONFIG.slice(0, -2), '  client-cert-auth: false', SECURE_ETCD_CONFIG[SECURE_ETCD_CONFIG.length - 1]];

export default componentSettingRule(
  {
    id: 'KCG409',
    name: 'etcd-peer-client-cert-auth-disabled',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'An etcd member whose peer URLs reach other hosts runs without `--peer-client-cert-auth=true` (`peer-transport-security.client-cert-auth`).',
    rationale: [
      'Without peer client certificate authentication, anyone who reaches a member\'s peer port can talk to it as a peer: read the membership, keep leases alive, and probe or disturb raft, from any host that can reach port 2380. With `--peer-client-cert-auth=true` and `--peer-trusted-ca-file`, only holders of a certificate from the etcd CA can.',
      '',
      'A member whose peer URLs are all loopback cannot be reached from other hosts, so a setting left at its default draws nothing there (see KCG408); an explicit `--peer-client-cert-auth=false` is reported even there, since it stays wrong once the member joins a cluster. The flag defaults to false; a bare `--peer-client-cert-auth` is true. checkov\'s CKV_K8S_121 only reads the `args` of pods named exactly `etcd`, so it misses every kubeadm manifest (flags in `command`); this rule reads every etcd command line, environment and config file.',
    ].join('\n'),
    remediation:
      'Set `--peer-client-cert-auth=true` with `--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt` (kubeadm\'s path). The quick fix writes `true`.',
    references: [
      { title: 'etcd transport security model: peer TLS', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'CIS Kubernetes Benchmark 2.5', cis: '2.5' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'A single member that listens for peers on loopback only', text: etcdPod(LOCAL_ONLY) },
        { title: 'A config file that requires peer certificates', text: etcdConfig(SECURE_ETCD_CONFIG) },
      ],
      invalid: [
        { title: 'Left at its default', text: etcdPod(others), fixed: etcdPod([...others, '--peer-client-cert-auth=true']) },
        { title: 'Turned off', text: etcdPod([...others, '--peer-client-cert-auth=false']), fixed: etcdPod([...others, '--peer-client-cert-auth=true']) },
        { title: 'Turned off in the config file', text: etcdConfig(PEER_OFF), fixed: etcdConfig(SECURE_ETCD_CONFIG) },
      ],
    },
  },
  {
    setting: ETCD_SETTINGS.peerClientCertAuth,
    insecure: (value) => etcdBool(value) !== true,
    fixValue: 'true',
    applies: (lookup) => isExplicit(lookup(ETCD_SETTINGS.peerClientCertAuth)) || peersLeaveHost(lookup),
    message: (found) => `${offPhrase(found)}: this member serves anyone who reaches its peer port as a peer`,
  },
);
