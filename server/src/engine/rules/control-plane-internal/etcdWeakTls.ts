// KCG412: etcd accepts weak TLS cipher suites, or is given a minimum TLS version it does not know.
import { STRONG_SUITES, TLS13_SUITES } from '../../docs/tlsCipherSuites';
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { isSet } from '../templates/values';
import { etcdConfig, etcdPod, SECURE_ETCD_CONFIG, SECURE_ETCD_FLAGS } from './examples';
import { componentSettingRule, writtenOf } from './setting';

function suites(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function weakSuites(value: string | undefined): string[] {
  return suites(value).filter((s) => !STRONG_SUITES.has(s) && !TLS13_SUITES.has(s));
}

const STRONG_LIST = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256';

export default componentSettingRule(
  {
    id: 'KCG412',
    name: 'etcd-weak-tls',
    channel: 'control-plane-internal',
    severity: 'info',
    summary: 'etcd\'s `--cipher-suites` allows weak cipher suites, or `--tls-min-version` is a value etcd rejects.',
    rationale: [
      'Left empty, `--cipher-suites` lets Go pick its secure defaults. A list that names suites without ECDHE key exchange (`TLS_RSA_*`: no forward secrecy, so a stolen etcd key decrypts recorded traffic), with CBC (padding oracles), 3DES (Sweet32) or RC4 (broken) lets a client or peer negotiate them, and lets an attacker on the path force the weakest one both sides accept. etcd accepts all of Go\'s names, insecure ones included.',
      '',
      'etcd has required TLS 1.2 or later since 3.0. `--tls-min-version`, in newer etcd releases, takes only `TLS1.2` or `TLS1.3`; any other value, such as `TLS1.0`, stops etcd at start, so a weaker minimum cannot be configured.',
    ].join('\n'),
    remediation:
      'Leave `--cipher-suites` empty, or list only ECDHE suites with AES-GCM or ChaCha20-Poly1305 (for example `' +
      STRONG_LIST +
      '`). The quick fix removes the weak suites when strong ones remain, and writes `TLS1.2` for an unknown minimum version.',
    references: [
      { title: 'etcd configuration flags: security', url: 'https://etcd.io/docs/v3.5/op-guide/configuration/#security' },
      { title: 'etcd transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
    ],
    examples: {
      valid: [
        { title: 'Go\'s defaults', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'Strong suites only', text: etcdPod([...SECURE_ETCD_FLAGS, `--cipher-suites=${STRONG_LIST}`]) },
        { title: 'TLS 1.3 only', text: etcdPod([...SECURE_ETCD_FLAGS, '--tls-min-version=TLS1.3']) },
      ],
      invalid: [
        {
          title: 'A CBC suite with RSA key exchange among strong ones',
          text: etcdPod([...SECURE_ETCD_FLAGS, `--cipher-suites=${STRONG_LIST},TLS_RSA_WITH_AES_128_CBC_SHA`]),
          fixed: etcdPod([...SECURE_ETCD_FLAGS, `--cipher-suites=${STRONG_LIST}`]),
        },
        {
          title: 'Weak suites only, in the config file',
          text: etcdConfig([...SECURE_ETCD_CONFIG, 'cipher-suites:', '- TLS_RSA_WITH_3DES_EDE_CBC_SHA', '- TLS_ECDHE_RSA_WITH_RC4_128_SHA']),
        },
        {
          title: 'TLS 1.0 as minimum',
          text: etcdPod([...SECURE_ETCD_FLAGS, '--tls-min-version=TLS1.0']),
          fixed: etcdPod([...SECURE_ETCD_FLAGS, '--tls-min-version=TLS1.2']),
        },
      ],
    },
  },
  {
    setting: ETCD_SETTINGS.cipherSuites,
    insecure: (value) => weakSuites(value).length > 0,
    fixValue: (current) => {
      const strong = suites(current).filter((s) => STRONG_SUITES.has(s) || TLS13_SUITES.has(s));
      return strong.some((s) => STRONG_SUITES.has(s)) ? strong.join(',') : undefined;
    },
    message: (found) =>
      `${found.spelled} allows ${weakSuites(found.value).join(', ')}: clients and peers may negotiate suites without forward secrecy or with broken ciphers, and an attacker on the path can push them to the weakest`,
  },
  {
    setting: ETCD_SETTINGS.tlsMinVersion,
    insecure: (value) => isSet(value) && value !== 'TLS1.2' && value !== 'TLS1.3',
    fixValue: 'TLS1.2',
    message: (found) => `${writtenOf(found)}: etcd accepts only TLS1.2 or TLS1.3 here and will not start with this value`,
  },
);
