// KCG130: the controller manager does not say which CA pods should trust for the API server.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { controllerManagerPod } from './examples';
import { flagFormats } from '../../docs/formats';
import { reportMissingFlag } from './flagHelpers';

const CA = '/etc/kubernetes/pki/ca.crt';
const KEY = '--service-account-private-key-file=/etc/kubernetes/pki/sa.key';

const rule: Rule = {
  meta: {
    id: 'KCG130',
    name: 'controller-manager-root-ca-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-controller-manager runs without `--root-ca-file`, the CA it publishes to pods for verifying the API server.',
    rationale: [
      'Pods verify the API server with the `ca.crt` the controller manager publishes: in the `kube-root-ca.crt` ConfigMap of every namespace (mounted into every service-account token volume) and in legacy token Secrets. Without `--root-ca-file`, the controller manager publishes the CA data of its own kubeconfig instead, which may be a different CA than the one that signs the API server\'s serving certificate, or nothing when that kubeconfig names a CA file. Pods then cannot verify the API server, and the usual workaround is to skip verification in clients.',
      '',
      'The flag has no default; kubeadm writes `/etc/kubernetes/pki/ca.crt`. Other scanners: checkov (CKV_K8S_111) requires a `.pem` extension (it splits on the first dot) and so fails kubeadm\'s `ca.crt`, while passing a controller manager without the flag.',
    ].join('\n'),
    remediation: 'Set `--root-ca-file` to the CA bundle that verifies the API server\'s serving certificate. The quick fix adds kubeadm\'s path, `/etc/kubernetes/pki/ca.crt`.',
    formats: flagFormats('kube-controller-manager'),
    references: [
      { title: 'Managing service accounts: root CA ConfigMap', url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/' },
      { title: 'CIS Kubernetes Benchmark 1.3.5', cis: '1.3.5' },
    ],
    examples: {
      valid: [{ title: 'Cluster CA', text: controllerManagerPod([KEY, `--root-ca-file=${CA}`]) }],
      invalid: [{ title: 'No root CA', text: controllerManagerPod([KEY]), fixed: controllerManagerPod([KEY, `--root-ca-file=${CA}`]) }],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-controller-manager')) {
      reportMissingFlag(context, c, 'root-ca-file', CA, (flag) => `kube-controller-manager has no ${flag}: pods get the CA from its kubeconfig, which may not verify the API server's certificate, or no CA at all`);
    }
  },
};

export default rule;
