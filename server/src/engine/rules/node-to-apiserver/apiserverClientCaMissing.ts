// KCG112: the API server does not accept client certificates.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { reportMissingFlag } from './flagHelpers';

const others = secureApiserverFlagsExcept('client-ca-file');
const CA = '/etc/kubernetes/pki/ca.crt';

const rule: Rule = {
  meta: {
    id: 'KCG112',
    name: 'apiserver-client-ca-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--client-ca-file`, so it does not authenticate clients by certificate.',
    rationale: [
      'Kubelets, the controller manager, the scheduler and administrators normally authenticate to the API server with client certificates signed by the cluster CA. Without `--client-ca-file` the API server ignores client certificates: those components cannot authenticate that way, kubelet TLS bootstrapping and certificate rotation are pointless, and operators fall back to static tokens (KCG102) or anonymous access, which are weaker and cannot be scoped per node for the Node authorizer.',
      '',
      'The flag has no default. Other scanners: KICS also requires the path to end in `.crt` or `.pem` and checks the start and end of different items; the file name does not matter.',
    ].join('\n'),
    remediation: 'Set `--client-ca-file` to the CA that signs the cluster\'s client certificates. The quick fix adds kubeadm\'s path, `/etc/kubernetes/pki/ca.crt`.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Authenticating: X509 client certificates', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#x509-client-certificates' },
      { title: 'CIS Kubernetes Benchmark 1.2.25', cis: '1.2.25' },
    ],
    examples: {
      valid: [{ title: 'Cluster CA', text: apiserverPod([...others, `--client-ca-file=${CA}`]) }],
      invalid: [
        { title: 'No client CA', text: apiserverPod(others), fixed: apiserverPod([...others, `--client-ca-file=${CA}`]) },
        { title: 'Empty value', text: apiserverPod([...others, '--client-ca-file=']), fixed: apiserverPod([...others, `--client-ca-file=${CA}`]) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      reportMissingFlag(context, c, 'client-ca-file', CA, (flag) => `kube-apiserver has no ${flag}: it does not authenticate client certificates, so kubelets and controllers cannot use them and fall back to weaker credentials`);
    }
  },
};

export default rule;
