// KCG212: the kubelet's HTTPS endpoint accepts TLS 1.0 or 1.1.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from '../examples';
import { settingRule } from '../templates/settings';

const WEAK: Readonly<Record<string, string>> = { VersionTLS10: 'TLS 1.0', VersionTLS11: 'TLS 1.1' };

export default settingRule({
  setting: KUBELET_SETTINGS.tlsMinVersion,
  fixValue: 'VersionTLS12',
  insecure: (value) => value !== undefined && Object.prototype.hasOwnProperty.call(WEAK, value.trim()),
  message: (r) =>
    `${r.spelled} is ${r.value}: the kubelet accepts ${WEAK[(r.value ?? '').trim()]}, deprecated since 2021 for its CBC-only ciphers and SHA-1 handshake, on the channel that carries exec, logs and port-forward`,
  meta: {
    id: 'KCG212',
    name: 'kubelet-tls-min-version-weak',
    channel: 'apiserver-to-kubelet',
    severity: 'info',
    summary: "The kubelet's HTTPS endpoint accepts TLS 1.0 or 1.1 (`--tls-min-version`, `tlsMinVersion`).",
    rationale: [
      'TLS 1.0 and 1.1 were deprecated by RFC 8996 (2021): they only offer CBC suites with known attacks (BEAST, Lucky13) or RC4, and sign the handshake with MD5/SHA-1. A kubelet that accepts them lets clients that speak nothing better reach the API that runs commands in containers over that weaker channel.',
      '',
      "Severity is info: the API server and the kubelet negotiate TLS 1.3 with each other, and TLS 1.3's downgrade protection stops a man in the middle from pushing them lower, so only clients limited to the old versions are exposed. For the same reason raising the minimum breaks nothing on this channel.",
      '',
      "Left empty, component-base uses TLS 1.2 (`DefaultTLSVersion`), for the flag and the config field alike, so only an explicit `VersionTLS10` or `VersionTLS11` is reported. No other scanner checks the TLS minimum version of any component.",
    ].join('\n'),
    remediation: 'Set `tlsMinVersion: VersionTLS12` (or `--tls-min-version=VersionTLS12`), or `VersionTLS13` when every client supports it. The quick fix writes `VersionTLS12`.',
    references: [
      { title: 'Kubelet configuration reference: tlsMinVersion', url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/' },
      { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
    ],
    examples: {
      valid: [
        { title: 'Not set: TLS 1.2', text: kubeletConfig(SECURE_KUBELET_FIELDS) },
        { title: 'TLS 1.3 only', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--tls-min-version=VersionTLS13']) },
      ],
      invalid: [
        {
          title: 'Flag allows TLS 1.0',
          text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--tls-min-version=VersionTLS10']),
          fixed: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--tls-min-version=VersionTLS12']),
        },
        {
          title: 'Config allows TLS 1.1, quoted',
          text: kubeletConfig([...SECURE_KUBELET_FIELDS, 'tlsMinVersion: "VersionTLS11"']),
          fixed: kubeletConfig([...SECURE_KUBELET_FIELDS, 'tlsMinVersion: "VersionTLS12"']),
        },
      ],
    },
  },
});
