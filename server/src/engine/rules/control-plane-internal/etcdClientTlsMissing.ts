// KCG404: etcd has no serving certificate for its client URLs, so clients talk to it in plain text.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { isSet } from '../templates/values';
import { clientPortPodLocal, isOn, missingPhrase } from './etcd';
import { etcdConfig, etcdPod, insertAfter, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS, withoutLine } from './examples';
import { componentSettingRule, type SettingCheckOptions } from './setting';

const CERT = '--cert-file=/etc/kubernetes/pki/etcd/server.crt';
const KEY = '--key-file=/etc/kubernetes/pki/etcd/server.key';
const others = secureEtcdFlagsExcept('cert-file', 'key-file');
const CONFIG_CERT = '  cert-file: /etc/kubernetes/pki/etcd/server.crt';

const WHAT = 'without a serving certificate its client URLs can only be plain HTTP, carrying every read and write of the cluster state, Secrets included, in clear text';

function check(setting: typeof ETCD_SETTINGS.certFile | typeof ETCD_SETTINGS.keyFile): SettingCheckOptions {
  return {
    setting,
    insecure: (value) => !isSet(value),
    fixValue: setting.secure,
    // With --auto-tls etcd makes its own certificate: KCG407 reports that instead.
    applies: (lookup, target) => !isOn(lookup(ETCD_SETTINGS.autoTLS)) && !clientPortPodLocal(lookup, target),
    message: (found) => `${missingPhrase(found)}: ${WHAT}`,
  };
}

export default componentSettingRule(
  {
    id: 'KCG404',
    name: 'etcd-client-tls-missing',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'etcd runs without `--cert-file` or `--key-file` (`client-transport-security.cert-file`/`key-file`), so its client port cannot serve TLS.',
    rationale: [
      'The API server stores everything in etcd: Secrets, tokens, RBAC rules. Without a serving certificate etcd can only listen on `http://` client URLs, and every request and answer crosses the wire in clear text, readable and changeable by anyone on the path. Without TLS etcd also cannot authenticate its clients by certificate (KCG405).',
      '',
      'etcd reads these settings from flags, from `ETCD_CERT_FILE`/`ETCD_KEY_FILE` in its environment, or, when `--config-file` is given, from that file only. A member with `--auto-tls` generates its own certificate and is reported by KCG407 instead.',
    ].join('\n'),
    remediation:
      'Give etcd a serving certificate signed by a CA dedicated to etcd, with `--cert-file` and `--key-file`, and `https://` client URLs. The quick fix adds the missing setting with kubeadm\'s paths (`/etc/kubernetes/pki/etcd/server.crt` and `server.key`).',
    references: [
      { title: 'etcd transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'Operating etcd clusters for Kubernetes: securing etcd clusters', url: 'https://kubernetes.io/docs/tasks/administer-cluster/configure-upgrade-etcd/#securing-etcd-clusters' },
      { title: 'CIS Kubernetes Benchmark 2.1', cis: '2.1' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'Certificate from the environment', text: etcdPod(others, ['    - name: ETCD_CERT_FILE', '      value: /etc/etcd/server.crt', '    - name: ETCD_KEY_FILE', '      value: /etc/etcd/server.key']) },
        { title: 'A config file with both files', text: etcdConfig(SECURE_ETCD_CONFIG) },
        { title: 'Flags are ignored next to --config-file', text: etcdPod(['--config-file=/etc/etcd/etcd.yaml']) },
      ],
      invalid: [
        { title: 'No key file', text: etcdPod([...others, CERT]), fixed: etcdPod([...others, CERT, KEY]) },
        {
          title: 'No certificate in the config file',
          text: etcdConfig(withoutLine(SECURE_ETCD_CONFIG, CONFIG_CERT)),
          fixed: etcdConfig(insertAfter(withoutLine(SECURE_ETCD_CONFIG, CONFIG_CERT), '  trusted-ca-file: /etc/kubernetes/pki/etcd/ca.crt', CONFIG_CERT)),
        },
        {
          title: 'Plain etcd started from its environment',
          text: etcdPod([], ['    - name: ETCD_LISTEN_CLIENT_URLS', '      value: http://127.0.0.1:2379', '    - name: ETCD_KEY_FILE', '      value: /etc/etcd/server.key']),
          fixed: etcdPod(['--cert-file=/etc/kubernetes/pki/etcd/server.crt'], ['    - name: ETCD_LISTEN_CLIENT_URLS', '      value: http://127.0.0.1:2379', '    - name: ETCD_KEY_FILE', '      value: /etc/etcd/server.key']),
        },
      ],
    },
  },
  check(ETCD_SETTINGS.certFile),
  check(ETCD_SETTINGS.keyFile),
);
