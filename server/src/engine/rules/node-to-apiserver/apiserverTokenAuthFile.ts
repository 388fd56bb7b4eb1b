// KCG102: the API server accepts static bearer tokens from a file.
import { flagValueForbidden } from '../templates/flags';
import { isSet } from '../templates/values';
import { apiserverPod, SECURE_APISERVER_FLAGS } from './examples';

export default flagValueForbidden(
  {
    id: 'KCG102',
    name: 'apiserver-token-auth-file',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver accepts static bearer tokens listed in `--token-auth-file`.',
    rationale: [
      'Tokens in a `--token-auth-file` CSV never expire and cannot be revoked or rotated without editing the file on every control-plane node and restarting the API server. They sit in clear text on disk and usually in provisioning scripts and backups; whoever copies one keeps the user and groups it names (often `system:masters`) for as long as the file is unchanged, and nothing in the cluster records who holds it.',
      '',
      'Client certificates (with kubelet rotation), bound service-account tokens, OIDC or webhook token authentication give the same access with expiry, revocation and auditable identities.',
    ].join('\n'),
    remediation: 'Move the users in the file to client certificates, OIDC (`--authentication-config`) or service accounts, then remove `--token-auth-file`. The quick fix removes every occurrence of the flag.',
    references: [
      { title: 'Authenticating: static token file', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#static-token-file' },
      { title: 'CIS Kubernetes Benchmark 1.2.2', cis: '1.2.2' },
    ],
    examples: {
      valid: [{ title: 'No token file', text: apiserverPod(SECURE_APISERVER_FLAGS) }],
      invalid: [
        {
          title: 'A static token file',
          text: apiserverPod([...SECURE_APISERVER_FLAGS, '--token-auth-file=/etc/kubernetes/known_tokens.csv']),
          fixed: apiserverPod(SECURE_APISERVER_FLAGS),
        },
      ],
    },
  },
  'kube-apiserver',
  'token-auth-file',
  isSet,
  (_o, written) => `${written} makes the API server accept static bearer tokens that never expire and cannot be revoked without editing the file and restarting it`,
);
