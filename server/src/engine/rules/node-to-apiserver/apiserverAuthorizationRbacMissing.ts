// KCG106: the API server does not use RBAC.
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { authorizationModeMissing } from './authorizationModeRule';

const others = secureApiserverFlagsExcept('authorization-mode');

export default authorizationModeMissing(
  {
    id: 'KCG106',
    name: 'apiserver-authorization-rbac-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver\'s `--authorization-mode` does not include `RBAC`.',
    rationale: [
      'Without RBAC, Roles and RoleBindings have no effect: what a service account, controller or user may do is decided by the other authorizers only, typically a static ABAC policy file that needs a restart to change, or a webhook. Controllers and add-ons that ship RBAC rules then either fail or are given broad static grants, and least privilege for pod credentials is lost.',
      '',
      'The rule says nothing when the flag is unset (KCG104 reports the AlwaysAllow default) or when `--authorization-config` carries the chain (KCG127 checks that file).',
    ].join('\n'),
    remediation: 'Add `RBAC` to `--authorization-mode` (`Node,RBAC`). The quick fix appends `RBAC` to the list.',
    references: [
      { title: 'Using RBAC authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/' },
      { title: 'CIS Kubernetes Benchmark 1.2.8', cis: '1.2.8' },
    ],
    examples: {
      valid: [{ title: 'Node and RBAC', text: apiserverPod(['--authorization-mode=Node,RBAC', ...others]) }],
      invalid: [
        { title: 'Node and ABAC', text: apiserverPod(['--authorization-mode=Node,ABAC', ...others]), fixed: apiserverPod(['--authorization-mode=Node,ABAC,RBAC', ...others]) },
      ],
    },
  },
  'RBAC',
  'Roles and RoleBindings have no effect, so service-account and user permissions cannot be limited the way the cluster\'s RBAC rules intend',
);
