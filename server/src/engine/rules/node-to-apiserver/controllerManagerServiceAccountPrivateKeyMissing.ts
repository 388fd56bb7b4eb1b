// KCG129: the controller manager has no key to sign service-account tokens with.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { controllerManagerPod } from './examples';
import { flagFormats } from '../../docs/formats';
import { reportMissingFlag } from './flagHelpers';

const KEY = '/etc/kubernetes/pki/sa.key';
const ROOT_CA = '--root-ca-file=/etc/kubernetes/pki/ca.crt';

const rule: Rule = {
  meta: {
    id: 'KCG129',
    name: 'controller-manager-service-account-private-key-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-controller-manager runs without `--service-account-private-key-file`, so its service-account token controller does not run.',
    rationale: [
      'The controller manager\'s token controller signs the tokens of `kubernetes.io/service-account-token` Secrets and removes token Secrets whose service account is gone. Without `--service-account-private-key-file` that controller is disabled: such Secrets stay empty, and what should sign them ends up improvised (the API server\'s serving key on old clusters, tokens copied from elsewhere). The key must be the private half of the API server\'s `--service-account-key-file` (KCG110), so that the API server can verify what the controller signs.',
      '',
      'The flag has no default; kubeadm writes `/etc/kubernetes/pki/sa.key`. Other scanners: checkov (CKV_K8S_110) requires a `.pem` file name and so fails kubeadm\'s `sa.key`, while passing a controller manager without the flag at all.',
    ].join('\n'),
    remediation: 'Set `--service-account-private-key-file` to the service-account signing key. The quick fix adds kubeadm\'s path, `/etc/kubernetes/pki/sa.key`.',
    formats: flagFormats('kube-controller-manager'),
    references: [
      { title: 'Managing service accounts: token controller', url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#token-controller' },
      { title: 'CIS Kubernetes Benchmark 1.3.4', cis: '1.3.4' },
    ],
    examples: {
      valid: [{ title: 'kubeadm\'s key', text: controllerManagerPod([`--service-account-private-key-file=${KEY}`, ROOT_CA]) }],
      invalid: [{ title: 'No key', text: controllerManagerPod([ROOT_CA]), fixed: controllerManagerPod([ROOT_CA, `--service-account-private-key-file=${KEY}`]) }],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-controller-manager')) {
      reportMissingFlag(context, c, 'service-account-private-key-file', KEY, (flag) => `kube-controller-manager has no ${flag}: its service-account token controller is disabled, so token Secrets are not signed or cleaned up`);
    }
  },
};

export default rule;
