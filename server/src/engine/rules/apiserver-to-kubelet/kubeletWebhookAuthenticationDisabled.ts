// KCG206: the kubelet does not check bearer tokens with the API server.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS } from '../examples';
import { settingRule } from '../templates/settings';
import { parseBool } from '../templates/values';

const others = secureKubeletFlagsExcept('authentication-token-webhook');

export default settingRule({
  setting: KUBELET_SETTINGS.webhookAuthentication,
  fixValue: 'true',
  insecure: (value) => parseBool(value) !== true,
  message: (r) =>
    r.source === 'flag-default'
      ? `kubelet runs without ${r.spelled}=true and the flag defaults to false: bearer tokens sent to the kubelet are not authenticated`
      : `${r.spelled} is ${r.value}: bearer tokens sent to the kubelet are not authenticated`,
  meta: {
    id: 'KCG206',
    name: 'kubelet-webhook-authentication-disabled',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'The kubelet does not authenticate bearer tokens with the API server (`--authentication-token-webhook`, `authentication.webhook.enabled`).',
    rationale: [
      'With webhook authentication off, the kubelet cannot check bearer tokens (service-account tokens of monitoring agents, for example) against the API server. Such requests are treated as anonymous: they fail, which pushes operators to turn on anonymous access or `AlwaysAllow`, or they succeed anonymously where anonymous access is on.',
      '',
      'Defaults differ: the flag `--authentication-token-webhook` defaults to **false**; the KubeletConfiguration field `authentication.webhook.enabled` defaults to **true**.',
    ].join('\n'),
    remediation: 'Set `authentication.webhook.enabled: true` (or `--authentication-token-webhook=true`) and use `authorization.mode: Webhook`. The quick fix writes `true`.',
    references: [
      { title: 'Kubelet authentication', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication' },
    ],
    examples: {
      valid: [
        { title: 'Flag set to true', text: kubeletDaemonSet(['--authentication-token-webhook=true', ...others]) },
        { title: 'Config default', text: kubeletConfig(SECURE_KUBELET_FIELDS.filter((l) => l !== '  webhook:' && l !== '    enabled: true')) },
      ],
      invalid: [
        { title: 'Flag left at its default', text: kubeletDaemonSet(others), fixed: kubeletDaemonSet([...others, '--authentication-token-webhook=true']) },
        {
          title: 'Config field set to false',
          text: kubeletConfig(SECURE_KUBELET_FIELDS.map((l) => (l === '    enabled: true' ? '    enabled: false' : l))),
          fixed: kubeletConfig(SECURE_KUBELET_FIELDS),
        },
      ],
    },
  },
});
