// KCG105: the API server does not use the Node authorizer for kubelets.
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { authorizationModeMissing } from './authorizationModeRule';

const others = secureApiserverFlagsExcept('authorization-mode');

export default authorizationModeMissing(
  {
    id: 'KCG105',
    name: 'apiserver-authorization-node-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver\'s `--authorization-mode` does not include `Node`, so kubelet credentials are not limited to their own node.',
    rationale: [
      'The Node authorizer lets a kubelet (user `system:node:<name>` in group `system:nodes`) read only the Secrets, ConfigMaps, volumes and service-account tokens of pods bound to its own node, and together with the `NodeRestriction` admission plugin (KCG107) change only its own Node and pods. Without it, kubelets need a broad RBAC grant (the old `system:node` ClusterRoleBinding to the `system:nodes` group), so one compromised node can read every Secret in the cluster.',
      '',
      'Node must come before RBAC in the list, as kubeadm writes it (`Node,RBAC`). The rule says nothing when the flag is unset (KCG104 reports the AlwaysAllow default) or when `--authorization-config` carries the chain (KCG127 checks that file). Other scanners raise this on every API server that uses `--authorization-config`.',
    ].join('\n'),
    remediation: 'Put `Node` first in `--authorization-mode` (`Node,RBAC`) and enable the `NodeRestriction` admission plugin. The quick fix adds `Node` at the front of the list.',
    references: [
      { title: 'Using Node authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/node/' },
      { title: 'CIS Kubernetes Benchmark 1.2.7', cis: '1.2.7' },
    ],
    examples: {
      valid: [{ title: 'Node and RBAC', text: apiserverPod(['--authorization-mode=Node,RBAC', ...others]) }],
      invalid: [
        { title: 'RBAC only', text: apiserverPod(['--authorization-mode=RBAC', ...others]), fixed: apiserverPod(['--authorization-mode=Node,RBAC', ...others]) },
        {
          title: 'Split form with a webhook',
          text: apiserverPod(['--authorization-mode', 'RBAC,Webhook', ...others]),
          fixed: apiserverPod(['--authorization-mode', 'Node,RBAC,Webhook', ...others]),
        },
      ],
    },
  },
  'Node',
  'kubelets are not limited to the objects of their own node, so one compromised node credential can reach every Secret it is granted cluster-wide',
);
