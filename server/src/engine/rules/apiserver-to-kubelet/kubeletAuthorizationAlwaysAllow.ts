// KCG205: the kubelet authorizes every request.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS } from '../examples';
import { settingRule } from '../templates/settings';

const others = secureKubeletFlagsExcept('authorization-mode');

export default settingRule({
  setting: KUBELET_SETTINGS.authorizationMode,
  fixValue: 'Webhook',
  insecure: (value) => value === undefined || value.trim() === 'AlwaysAllow',
  message: (r) =>
    r.source === 'flag-default'
      ? `kubelet runs without ${r.spelled}=Webhook and the flag defaults to AlwaysAllow: every authenticated (or anonymous) caller may exec into pods and read logs`
      : `${r.spelled} is AlwaysAllow: every authenticated (or anonymous) caller may exec into pods and read logs on this node`,
  meta: {
    id: 'KCG205',
    name: 'kubelet-authorization-always-allow',
    channel: 'apiserver-to-kubelet',
    severity: 'error',
    summary: 'The kubelet authorizes every request (`--authorization-mode`, `authorization.mode`: `AlwaysAllow`).',
    rationale: [
      "With `AlwaysAllow` the kubelet does not ask the API server whether a caller may use its API: any client that gets past authentication (and with anonymous auth on, any client at all) can run commands in every container on the node, read logs and fetch pod specs with their secrets. `Webhook` mode sends a SubjectAccessReview to the API server so that RBAC decides, as for every other API.",
      '',
      'Defaults differ: the flag `--authorization-mode` defaults to **AlwaysAllow**; the KubeletConfiguration field `authorization.mode` defaults to **Webhook**.',
    ].join('\n'),
    remediation: 'Set `authorization.mode: Webhook` (or `--authorization-mode=Webhook`), with `authentication.webhook.enabled: true`. The quick fix writes `Webhook`.',
    references: [
      { title: 'Kubelet authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authorization' },
      { title: 'CIS Kubernetes Benchmark 4.2.2', cis: '4.2.2' },
    ],
    examples: {
      valid: [
        { title: 'Flag set to Webhook', text: kubeletDaemonSet(['--authorization-mode=Webhook', ...others]) },
        { title: 'Config default', text: kubeletConfig(SECURE_KUBELET_FIELDS.filter((l) => l !== 'authorization:' && l !== '  mode: Webhook')) },
      ],
      invalid: [
        { title: 'Flag left at its default', text: kubeletDaemonSet(others), fixed: kubeletDaemonSet([...others, '--authorization-mode=Webhook']) },
        { title: 'Split form with AlwaysAllow', text: kubeletDaemonSet([...others, '--authorization-mode', 'AlwaysAllow']), fixed: kubeletDaemonSet([...others, '--authorization-mode', 'Webhook']) },
        {
          title: 'Config field set to AlwaysAllow',
          text: kubeletConfig(SECURE_KUBELET_FIELDS.map((l) => (l === '  mode: Webhook' ? '  mode: AlwaysAllow' : l))),
          fixed: kubeletConfig(SECURE_KUBELET_FIELDS),
        },
      ],
    },
  },
});
