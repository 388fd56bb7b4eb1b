// KCG411: etcd listens on, or advertises, plain-HTTP URLs other hosts can reach.
import { settingFormats } from '../../docs/formats';
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import type { Rule } from '../types';
import { exposedPlainUrls } from './addresses';
import { etcdConfig, etcdPod, replaceLine, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS } from './examples';
import { rangeOf, resolveAt, targetsOf } from './setting';

const URL_SETTINGS = [
  { setting: ETCD_SETTINGS.listenClientUrls, what: 'serves clients (the API server) the whole key space, Secrets included, in plain text' },
  { setting: ETCD_SETTINGS.listenClientHttpUrls, what: 'serves HTTP clients the key space in plain text' },
  { setting: ETCD_SETTINGS.advertiseClientUrls, what: 'tells clients to reach this member in plain text' },
  { setting: ETCD_SETTINGS.listenPeerUrls, what: 'replicates every write to and from the other members in plain text' },
  { setting: ETCD_SETTINGS.initialAdvertisePeerUrls, what: 'tells the other members to replicate to this one in plain text' },
] as const;

const others = secureEtcdFlagsExcept('listen-client-urls');

const rule: Rule = {
  meta: {
    id: 'KCG411',
    name: 'etcd-plaintext-urls',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'etcd listens on or advertises `http://` client or peer URLs on a non-loopback address (`--listen-client-urls`, `--advertise-client-urls`, `--listen-peer-urls`, `--initial-advertise-peer-urls`).',
    rationale: [
      'The scheme of each URL decides whether etcd speaks TLS on it: on an `http://` URL etcd ignores `--cert-file` and `--client-cert-auth` (it logs a warning and serves plain HTTP). A plain-HTTP client URL on the network gives anyone who reaches it every Secret and write access to all cluster state; a plain-HTTP peer URL carries raft replication of every write in clear text between control-plane hosts.',
      '',
      'Loopback URLs are not reported: kubeadm\'s `--listen-metrics-urls=http://127.0.0.1:2381` (metrics and health only) and etcd\'s defaults (`http://localhost:2379` and `:2380`) are fine here; KCG404 and KCG405 still ask loopback-only members for TLS and client certificates. `--listen-metrics-urls` is not checked, since it serves no data. No other scanner checks URL schemes.',
    ].join('\n'),
    remediation:
      'Use `https://` URLs (kubeadm: `https://127.0.0.1:2379,https://<node-ip>:2379` for clients, `https://<node-ip>:2380` for peers) with serving and peer certificates from the etcd CA. There is no quick fix: clients and the other members must move to TLS at the same time, and peer URLs of an existing member change with `etcdctl member update`, not by editing the flag.',
    references: [
      { title: 'etcd transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'etcd configuration flags', url: 'https://etcd.io/docs/v3.5/op-guide/configuration/' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member with plain-HTTP metrics on loopback', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'Plain HTTP on loopback only', text: etcdPod([...others, '--listen-client-urls=http://127.0.0.1:2379']) },
        { title: 'A TLS config file', text: etcdConfig(SECURE_ETCD_CONFIG) },
      ],
      invalid: [
        { title: 'Clients on all interfaces in plain text', text: etcdPod([...others, '--listen-client-urls=http://0.0.0.0:2379']) },
        {
          title: 'Plain-HTTP peers in the config file',
          text: etcdConfig(replaceLine(SECURE_ETCD_CONFIG, 'listen-peer-urls: https://10.0.0.10:2380', 'listen-peer-urls: http://10.0.0.10:2380')),
        },
        {
          title: 'Plain-HTTP peer URL from the environment',
          text: etcdPod(secureEtcdFlagsExcept('initial-advertise-peer-urls'), ['    - name: ETCD_INITIAL_ADVERTISE_PEER_URLS', '      value: http://10.0.0.10:2380']),
        },
      ],
    },
    formats: settingFormats('etcd', true),
  },
  check(context) {
    for (const target of targetsOf(context, 'etcd')) {
      for (const { setting, what } of URL_SETTINGS) {
        const found = resolveAt(target, setting);
        if (found.source === 'unknown') continue;
        const plain = exposedPlainUrls(found.value);
        const range = rangeOf(target, found);
        if (plain.length === 0 || !range) continue;
        context.report({
          range,
          message: `${found.spelled} has ${plain.map((u) => u.text).join(', ')}: etcd ${what}, reachable from other hosts`,
          fixes: [],
        });
      }
    }
  },
};

export default rule;
