// KCG413: all controllers share the controller manager's own, all-powerful identity.
import { parseBool } from '../templates/values';
import { controllerManagerPod, secureKcmFlagsExcept, SECURE_KCM_FLAGS } from './examples';
import { FLAG_SETTINGS } from './flagSettings';
import { componentSettingRule } from './setting';

const others = secureKcmFlagsExcept('use-service-account-credentials');

export default componentSettingRule(
  {
    id: 'KCG413',
    name: 'controller-manager-service-account-credentials-disabled',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'kube-controller-manager runs without `--use-service-account-credentials=true`, so every controller calls the API server with the controller manager\'s single identity.',
    rationale: [
      'With `--use-service-account-credentials=true` each controller (deployment, job, namespace, service-account token...) calls the API server as its own service account in `kube-system`, bound to a role that grants only what it needs. Without it they all share `system:kube-controller-manager`, which must then hold the union of their permissions: a flaw in any one controller, or a leak of that one credential, acts with all of them, and audit logs cannot tell the controllers apart.',
      '',
      'The flag defaults to false; kubeadm sets it to true.',
    ].join('\n'),
    remediation: 'Set `--use-service-account-credentials=true` (the RBAC roles for each controller ship with Kubernetes). The quick fix writes `true`.',
    references: [
      { title: 'Controller roles (RBAC)', url: 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#controller-roles' },
      { title: 'CIS Kubernetes Benchmark 1.3.3', cis: '1.3.3' },
    ],
    examples: {
      valid: [{ title: 'A kubeadm controller manager', text: controllerManagerPod(SECURE_KCM_FLAGS) }],
      invalid: [
        { title: 'Left at its default', text: controllerManagerPod(others), fixed: controllerManagerPod([...others, '--use-service-account-credentials=true']) },
        {
          title: 'Turned off',
          text: controllerManagerPod([...others, '--use-service-account-credentials=false']),
          fixed: controllerManagerPod([...others, '--use-service-account-credentials=true']),
        },
      ],
    },
  },
  {
    setting: FLAG_SETTINGS.serviceAccountCredentials,
    // The flag came with RBAC's controller roles in 1.6.
    since: '1.6',
    insecure: (value) => parseBool(value) !== true,
    fixValue: 'true',
    message: (found) =>
      found.source === 'flag'
        ? `${found.written}: every controller uses the controller manager's own identity, which must hold all their permissions`
        : `kube-controller-manager runs without ${found.spelled} set to true (it defaults to false): every controller uses the controller manager's own identity, which must hold all their permissions`,
  },
);
