// KCG406: etcd has no CA of its own to verify client certificates against.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { isSet } from '../templates/values';
import { clientPortPodLocal, missingPhrase } from './etcd';
import { etcdConfig, etcdPod, insertAfter, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS, withoutLine } from './examples';
import { componentSettingRule } from './setting';

const others = secureEtcdFlagsExcept('trusted-ca-file');
const CONFIG_CA = '  trusted-ca-file: /etc/kubernetes/pki/etcd/ca.crt';
const withoutCa = withoutLine(SECURE_ETCD_CONFIG, CONFIG_CA);

export default componentSettingRule(
  {
    id: 'KCG406',
    name: 'etcd-trusted-ca-missing',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'etcd runs without `--trusted-ca-file` (`client-transport-security.trusted-ca-file`), so it has no CA of its own to check client certificates against.',
    rationale: [
      'With `--client-cert-auth=true` etcd only serves clients whose certificate it can verify. Without `--trusted-ca-file` it verifies them against the host\'s public CA bundle: a certificate any public CA issued for client authentication opens the whole cluster state, and the API server\'s certificate from a private CA does not work. The CA given here should sign only etcd\'s clients (the API server, etcd\'s health checks), not every cluster certificate (see KCG422).',
      '',
      'The CIS benchmark checks that the flag is present (2.7); no other scanner does.',
    ].join('\n'),
    remediation:
      'Set `--trusted-ca-file` to a CA dedicated to etcd. The quick fix adds kubeadm\'s path, `/etc/kubernetes/pki/etcd/ca.crt`.',
    references: [
      { title: 'etcd transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'CIS Kubernetes Benchmark 2.7', cis: '2.7' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'A config file with the etcd CA', text: etcdConfig(SECURE_ETCD_CONFIG) },
      ],
      invalid: [
        { title: 'No trusted CA', text: etcdPod(others), fixed: etcdPod([...others, '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt']) },
        {
          title: 'No trusted CA in the config file',
          text: etcdConfig(withoutCa),
          fixed: etcdConfig(insertAfter(withoutCa, '  client-cert-auth: true', CONFIG_CA)),
        },
      ],
    },
  },
  {
    setting: ETCD_SETTINGS.trustedCAFile,
    insecure: (value) => !isSet(value),
    fixValue: ETCD_SETTINGS.trustedCAFile.secure,
    applies: (lookup, target) => !clientPortPodLocal(lookup, target),
    message: (found) => `${missingPhrase(found)}: etcd checks client certificates against public CAs instead of the etcd CA, so a publicly issued certificate can be enough to read all cluster state`,
  },
);
