// KCG209: the kubelet signs its own serving certificate, which the API server cannot verify.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS } from '../examples';
import { settingRule } from '../templates/settings';
import { parseBool } from '../templates/values';

const others = secureKubeletFlagsExcept('rotate-server-certificates');
const withoutBootstrap = SECURE_KUBELET_FIELDS.filter((l) => l !== 'serverTLSBootstrap: true');

export default settingRule({
  setting: KUBELET_SETTINGS.serverTLSBootstrap,
  satisfiedBy: KUBELET_SETTINGS.tlsCertFile,
  fixValue: 'true',
  insecure: (value) => parseBool(value) !== true,
  message: (r) =>
    r.source === 'flag' || r.source === 'field'
      ? `${r.spelled} is ${r.value} and no serving certificate is given: the kubelet signs its own certificate, which the API server cannot verify`
      : `kubelet has neither ${r.spelled} nor a serving certificate: it signs its own certificate, which the API server cannot verify`,
  meta: {
    id: 'KCG209',
    name: 'kubelet-serving-certificate-self-signed',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'The kubelet serves a self-signed certificate: neither `serverTLSBootstrap` (`--rotate-server-certificates`) nor `tlsCertFile` (`--tls-cert-file`) is set.',
    rationale: [
      "Without a serving certificate from the cluster CA, the kubelet generates a self-signed one at start. The API server then cannot verify that it is talking to the real kubelet (see KCG201): `--kubelet-certificate-authority` cannot be turned on without breaking logs and exec, so the channel stays open to interception.",
      '',
      'Both the flag and the config field default to off, and kubeadm does not turn them on.',
    ].join('\n'),
    remediation: 'Set `serverTLSBootstrap: true` (or `--rotate-server-certificates=true`) and approve the `kubernetes.io/kubelet-serving` CertificateSigningRequests the kubelets then create (with a CSR approver; the controller manager does not approve them on its own), or give each kubelet `tlsCertFile` and `tlsPrivateKeyFile` signed by the cluster CA. The quick fix writes `serverTLSBootstrap: true`.',
    references: [
      { title: 'Kubelet TLS bootstrapping: certificate rotation', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' },
      { title: 'CIS Kubernetes Benchmark 4.2.9', cis: '4.2.9' },
    ],
    examples: {
      valid: [
        { title: 'Serving certificates bootstrapped from the cluster CA', text: kubeletConfig(SECURE_KUBELET_FIELDS) },
        {
          title: 'Explicit serving certificate',
          text: kubeletConfig([...withoutBootstrap, 'tlsCertFile: /var/lib/kubelet/pki/kubelet.crt', 'tlsPrivateKeyFile: /var/lib/kubelet/pki/kubelet.key']),
        },
        { title: 'Flag set', text: kubeletDaemonSet(['--rotate-server-certificates=true', ...others]) },
      ],
      invalid: [
        { title: 'Config without either', text: kubeletConfig(withoutBootstrap), fixed: kubeletConfig(SECURE_KUBELET_FIELDS) },
        { title: 'Flags without either', text: kubeletDaemonSet(others), fixed: kubeletDaemonSet([...others, '--rotate-server-certificates=true']) },
      ],
    },
  },
});
