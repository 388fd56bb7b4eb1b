// KCG109: the API server accepts service-account tokens after their service account is deleted.
import { flagValueForbidden } from '../templates/flags';
import { parseBool } from '../templates/values';
import { apiserverPod, SECURE_APISERVER_FLAGS } from './examples';

export default flagValueForbidden(
  {
    id: 'KCG109',
    name: 'apiserver-service-account-lookup-disabled',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver runs with `--service-account-lookup=false`, so it does not check that a token\'s service account still exists.',
    rationale: [
      'Service-account tokens are signed JWTs. With lookup on (the default), the API server also checks that the ServiceAccount (and, for legacy tokens, the Secret, and for bound tokens, the pod) still exists, so deleting it revokes the token. With `--service-account-lookup=false` only the signature and expiry are checked: a legacy token that never expires stays valid after its Secret and ServiceAccount are deleted, which removes the one way to revoke a leaked token short of rotating the signing key.',
      '',
      'The flag defaults to **true**, so only an explicit false is reported. Other scanners: checkov demands the literal `--service-account-lookup=true`, which fails every API server that keeps the default.',
    ].join('\n'),
    remediation: 'Remove `--service-account-lookup=false` (the default is true). The quick fix removes every occurrence of the flag.',
    references: [
      { title: 'Managing service accounts: service account authenticator', url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/' },
      { title: 'CIS Kubernetes Benchmark 1.2.21', cis: '1.2.21' },
    ],
    examples: {
      valid: [
        { title: 'Default', text: apiserverPod(SECURE_APISERVER_FLAGS) },
        { title: 'Explicit true', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--service-account-lookup=true']) },
      ],
      invalid: [
        {
          title: 'Lookup turned off',
          text: apiserverPod([...SECURE_APISERVER_FLAGS, '--service-account-lookup=false']),
          fixed: apiserverPod(SECURE_APISERVER_FLAGS),
        },
      ],
    },
  },
  'kube-apiserver',
  'service-account-lookup',
  (value) => parseBool(value) === false,
  (_o, written) => `${written}: service-account tokens stay valid after their ServiceAccount or Secret is deleted, so a leaked token cannot be revoked`,
);
