// KCG408: etcd members replicate to each other in plain text.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { isSet } from '../templates/values';
import { isOn, missingPhrase, peersLeaveHost } from './etcd';
import { etcdConfig, etcdPod, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS, withoutLine } from './examples';
import { componentSettingRule, type SettingCheckOptions } from './setting';

const CERT = '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt';
const KEY = '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key';
const others = secureEtcdFlagsExcept('peer-cert-file', 'peer-key-file');
const CONFIG_KEY = '  key-file: /etc/kubernetes/pki/etcd/peer.key';
const configNoKey = withoutLine(SECURE_ETCD_CONFIG, CONFIG_KEY);
/** A single member with the defaults: it listens for peers on http://localhost:2380 only. */
const LOCAL_ONLY = ['--name=solo', '--data-dir=/var/lib/etcd', ...secureEtcdFlagsExcept('peer-cert-file', 'peer-key-file', 'listen-peer-urls', 'initial-advertise-peer-urls', 'initial-cluster', 'name', 'data-dir')];

function check(setting: typeof ETCD_SETTINGS.peerCertFile | typeof ETCD_SETTINGS.peerKeyFile): SettingCheckOptions {
  return {
    setting,
    insecure: (value) => !isSet(value),
    fixValue: setting.secure,
    // With --peer-auto-tls etcd makes its own peer certificate: KCG410 reports that instead.
    applies: (lookup) => peersLeaveHost(lookup) && !isOn(lookup(ETCD_SETTINGS.peerAutoTLS)),
    message: (found) => `${missingPhrase(found)}: this member's peer URLs reach other hosts, and without a peer certificate raft replication (every write, Secrets included) travels in plain text between members`,
  };
}

export default componentSettingRule(
  {
    id: 'KCG408',
    name: 'etcd-peer-tls-missing',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'An etcd member whose peer URLs reach other hosts runs without `--peer-cert-file` or `--peer-key-file` (`peer-transport-security.cert-file`/`key-file`).',
    rationale: [
      'etcd members replicate every write to each other over their peer URLs (port 2380). Without a peer certificate that traffic is plain HTTP: anyone on the path between control-plane hosts reads every Secret as it is written and can inject raft messages.',
      '',
      '**Single members.** A member whose peer URLs (`--listen-peer-urls`, `--initial-advertise-peer-urls`) are all loopback, as with etcd\'s defaults (`http://localhost:2380`), cannot be reached by or replicate to a member on another host, so this rule says nothing about it; CIS 2.4, checkov and KICS ask for the files anyway. A member that lists only itself in `--initial-cluster` but advertises a peer URL on the network is still reported: `--initial-cluster` is only read at bootstrap, so the first kubeadm control-plane node keeps showing one member after others joined, and a plain-HTTP peer listener on the network is reported by KCG411 as well.',
    ].join('\n'),
    remediation:
      'Give every member a peer certificate from the etcd CA with `--peer-cert-file` and `--peer-key-file`, use `https://` peer URLs, and require peer certificates (`--peer-client-cert-auth=true`, `--peer-trusted-ca-file`). The quick fix adds the missing setting with kubeadm\'s paths (`/etc/kubernetes/pki/etcd/peer.crt` and `peer.key`).',
    references: [
      { title: 'etcd transport security model: peer TLS', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'CIS Kubernetes Benchmark 2.4', cis: '2.4' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'A single member that listens for peers on loopback only', text: etcdPod(LOCAL_ONLY) },
        { title: 'A config file with peer TLS', text: etcdConfig(SECURE_ETCD_CONFIG) },
      ],
      invalid: [
        { title: 'No peer key', text: etcdPod([...others, CERT]), fixed: etcdPod([...others, CERT, KEY]) },
        {
          title: 'No peer key in the config file',
          text: etcdConfig(configNoKey),
          fixed: etcdConfig([...configNoKey, CONFIG_KEY]),
        },
      ],
    },
  },
  check(ETCD_SETTINGS.peerCertFile),
  check(ETCD_SETTINGS.peerKeyFile),
);
