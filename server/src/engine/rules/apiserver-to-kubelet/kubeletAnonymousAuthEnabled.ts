// KCG204: the kubelet serves anonymous requests.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS } from '../examples';
import { settingRule } from '../templates/settings';
import { parseBool } from '../templates/values';

const others = secureKubeletFlagsExcept('anonymous-auth');
const fieldsWithout = SECURE_KUBELET_FIELDS.filter((l) => l !== '  anonymous:' && l !== '    enabled: false');

export default settingRule({
  setting: KUBELET_SETTINGS.anonymousAuth,
  fixValue: 'false',
  insecure: (value) => parseBool(value) !== false,
  message: (r) =>
    r.source === 'flag-default'
      ? `kubelet runs without ${r.spelled}=false and the flag defaults to true: anyone who reaches port 10250 is served as system:anonymous`
      : `${r.spelled} is ${r.value}: anyone who reaches the kubelet's port 10250 is served as system:anonymous`,
  meta: {
    id: 'KCG204',
    name: 'kubelet-anonymous-auth-enabled',
    channel: 'apiserver-to-kubelet',
    severity: 'error',
    summary: 'The kubelet accepts requests without credentials (`--anonymous-auth`, `authentication.anonymous.enabled`).',
    rationale: [
      "The kubelet's HTTPS API (port 10250) runs commands in containers, streams logs and lists pods. With anonymous authentication on, a request without credentials is served as `system:anonymous`; if authorization is `AlwaysAllow` too (the flag default), anyone who can reach the node can exec into every pod on it.",
      '',
      'Mind the defaults: the command-line flag `--anonymous-auth` defaults to **true**, while `authentication.anonymous.enabled` in a KubeletConfiguration defaults to **false**. A kubelet run with flags only is open unless the flag says `=false`; a config file is safe unless it says `true`. When a kubelet has `--config` pointing at a file we cannot see, this rule says nothing about what that file may set.',
    ].join('\n'),
    remediation: 'Set `authentication.anonymous.enabled: false` in the KubeletConfiguration, or `--anonymous-auth=false` on the command line. The quick fix writes `false`.',
    references: [
      { title: 'Kubelet authentication', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication' },
      { title: 'CIS Kubernetes Benchmark 4.2.1', cis: '4.2.1' },
    ],
    examples: {
      valid: [
        { title: 'Flag set to false', text: kubeletDaemonSet(['--anonymous-auth=false', ...others]) },
        { title: 'KubeletConfiguration leaves the field to its secure default', text: kubeletConfig(fieldsWithout) },
        { title: 'Settings in a config file this file does not show', text: kubeletDaemonSet(['--config=/var/lib/kubelet/config.yaml']) },
      ],
      invalid: [
        {
          title: 'Flag left at its default',
          text: kubeletDaemonSet(others),
          fixed: kubeletDaemonSet([...others, '--anonymous-auth=false']),
        },
        {
          title: 'Flag set to true',
          text: kubeletDaemonSet(['--anonymous-auth=true', ...others]),
          fixed: kubeletDaemonSet(['--anonymous-auth=false', ...others]),
        },
        {
          title: 'Config field set to true',
          text: kubeletConfig(SECURE_KUBELET_FIELDS.map((l) => (l === '    enabled: false' ? '    enabled: true' : l))),
          fixed: kubeletConfig(SECURE_KUBELET_FIELDS),
        },
      ],
    },
  },
});
