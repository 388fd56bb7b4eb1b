// KCG208: the kubelet cannot verify client certificates, including the API server's.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS } from '../examples';
import { settingRule } from '../templates/settings';
import { isSet } from '../templates/values';

const others = secureKubeletFlagsExcept('client-ca-file');
const withoutX509 = SECURE_KUBELET_FIELDS.filter((l) => l !== '  x509:' && l !== '    clientCAFile: /etc/kubernetes/pki/ca.crt');

export default settingRule({
  setting: KUBELET_SETTINGS.clientCAFile,
  fixValue: '/etc/kubernetes/pki/ca.crt',
  insecure: (value) => !isSet(value),
  message: (r) =>
    r.source === 'flag' || r.source === 'field'
      ? `${r.spelled} is empty: the kubelet cannot verify the API server's client certificate, so the API server → kubelet channel is not mutually authenticated`
      : `kubelet has no ${r.spelled}: it cannot verify the API server's client certificate, so the API server → kubelet channel is not mutually authenticated`,
  meta: {
    id: 'KCG208',
    name: 'kubelet-client-ca-missing',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'The kubelet has no client CA (`--client-ca-file`, `authentication.x509.clientCAFile`), so it cannot authenticate the API server by its certificate.',
    rationale: "The API server authenticates to kubelets with its kubelet client certificate (`--kubelet-client-certificate`). A kubelet without a client CA cannot verify that certificate: the API server's calls arrive as anonymous, so either they fail or the kubelet must serve anonymous callers, and then anyone who reaches port 10250 gets what the API server gets. Neither the flag nor the config field has a default.",
    remediation: 'Set `authentication.x509.clientCAFile` (or `--client-ca-file`) to the CA that signed the API server\'s kubelet client certificate. The quick fix writes kubeadm\'s path, `/etc/kubernetes/pki/ca.crt`, creating the `authentication.x509` mappings if needed.',
    references: [
      { title: 'Kubelet authentication', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication' },
      { title: 'CIS Kubernetes Benchmark 4.2.3', cis: '4.2.3' },
    ],
    examples: {
      valid: [
        { title: 'Flag set', text: kubeletDaemonSet(['--client-ca-file=/etc/kubernetes/pki/ca.crt', ...others]) },
        { title: 'Config field set', text: kubeletConfig(SECURE_KUBELET_FIELDS) },
      ],
      invalid: [
        { title: 'Flag missing', text: kubeletDaemonSet(others), fixed: kubeletDaemonSet([...others, '--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
        {
          title: 'Config field missing: the fix creates the x509 mapping',
          text: kubeletConfig(withoutX509),
          fixed: kubeletConfig([...withoutX509.slice(0, 5), '  x509:', '    clientCAFile: /etc/kubernetes/pki/ca.crt', ...withoutX509.slice(5)]),
        },
      ],
    },
  },
});
