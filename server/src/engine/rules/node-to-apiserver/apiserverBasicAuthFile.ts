// KCG103: the API server is given a static password file, which Kubernetes 1.19 removed.
import { flagRemoved } from '../templates/flags';
import { isSet } from '../templates/values';
import { apiserverPodAt, secureApiserverFlagsExcept } from './examples';

// 1.18 has no --service-account-extend-token-expiration.
const FLAGS = secureApiserverFlagsExcept('service-account-extend-token-expiration');

export default flagRemoved(
  {
    id: 'KCG103',
    name: 'apiserver-basic-auth-file',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver is given `--basic-auth-file`: static passwords before Kubernetes 1.19, a flag that stops the API server from 1.19.',
    rationale: [
      'Before 1.19, `--basic-auth-file` made the API server accept HTTP basic authentication against a CSV of user names and clear-text passwords. The passwords never expire, are sent with every request, cannot be changed without a restart, and are easy to guess or reuse; whoever has one has its user and groups for good.',
      '',
      'Kubernetes 1.19 removed basic authentication and the flag: an API server of 1.19 or later given `--basic-auth-file` refuses to start, so the flag also breaks upgrades. This rule reports it either way, with the reason that applies to the version the file runs.',
    ].join('\n'),
    remediation: 'Move the users to client certificates, OIDC or service accounts and remove `--basic-auth-file`. The quick fix removes every occurrence of the flag.',
    references: [
      { title: 'Kubernetes 1.19 release notes: basic authentication removed', url: 'https://github.com/kubernetes/kubernetes/blob/master/CHANGELOG/CHANGELOG-1.19.md' },
      { title: 'CIS Kubernetes Benchmark 1.2.2 (v1.5 and v1.6)', cis: '1.2.2' },
    ],
    examples: {
      valid: [{ title: 'No password file', text: apiserverPodAt('1.18.20', FLAGS) }],
      invalid: [
        {
          title: 'Static passwords on 1.18',
          text: apiserverPodAt('1.18.20', [...FLAGS, '--basic-auth-file=/etc/kubernetes/passwords.csv']),
          fixed: apiserverPodAt('1.18.20', FLAGS),
        },
        {
          title: 'The removed flag on 1.31',
          text: apiserverPodAt('1.31.0', [...FLAGS, '--basic-auth-file=/etc/kubernetes/passwords.csv']),
          fixed: apiserverPodAt('1.31.0', FLAGS),
        },
      ],
    },
  },
  'kube-apiserver',
  'basic-auth-file',
  '1.19',
  (value) => (isSet(value) ? `--basic-auth-file=${value} makes the API server accept static passwords over HTTP basic authentication; they never expire and travel with every request` : undefined),
);
