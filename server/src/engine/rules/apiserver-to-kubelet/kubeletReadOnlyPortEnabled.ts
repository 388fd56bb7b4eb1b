// KCG207: the kubelet serves its unauthenticated read-only port.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS } from '../examples';
import { settingRule } from '../templates/settings';

const others = secureKubeletFlagsExcept('read-only-port');

export default settingRule({
  setting: KUBELET_SETTINGS.readOnlyPort,
  fixValue: '0',
  insecure: (value) => value === undefined || Number(value) !== 0,
  message: (r) =>
    r.source === 'flag-default'
      ? `kubelet runs without ${r.spelled}=0 and the flag defaults to 10255: pods, their specs and node stats are served over plain HTTP without authentication`
      : `${r.spelled} is ${r.value}: pods, their specs and node stats are served on that port over plain HTTP without authentication`,
  meta: {
    id: 'KCG207',
    name: 'kubelet-read-only-port-enabled',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'The kubelet serves its read-only API on a plain-HTTP port without authentication (`--read-only-port`, `readOnlyPort`).',
    rationale: [
      'The read-only port serves `/pods`, `/spec` and `/stats` over plain HTTP with no authentication and no authorization. Anyone who can reach the node learns every pod on it, with images, environment variables, volumes and service-account names: a map for the next step of an attack.',
      '',
      'Defaults differ: the flag `--read-only-port` defaults to **10255** (open); the KubeletConfiguration field `readOnlyPort` defaults to **0** (closed).',
    ].join('\n'),
    remediation: 'Set `readOnlyPort: 0` (or `--read-only-port=0`); monitoring should use the authenticated port 10250 with a token that `Webhook` authorization checks. The quick fix writes `0`.',
    references: [
      { title: 'Kubelet configuration reference: readOnlyPort', url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/' },
      { title: 'CIS Kubernetes Benchmark 4.2.4', cis: '4.2.4' },
    ],
    examples: {
      valid: [
        { title: 'Flag set to 0', text: kubeletDaemonSet(['--read-only-port=0', ...others]) },
        { title: 'Config default', text: kubeletConfig(SECURE_KUBELET_FIELDS.filter((l) => l !== 'readOnlyPort: 0')) },
      ],
      invalid: [
        { title: 'Flag left at its default', text: kubeletDaemonSet(others), fixed: kubeletDaemonSet([...others, '--read-only-port=0']) },
        {
          title: 'Config field set to 10255',
          text: kubeletConfig(SECURE_KUBELET_FIELDS.map((l) => (l === 'readOnlyPort: 0' ? 'readOnlyPort: 10255' : l))),
          fixed: kubeletConfig(SECURE_KUBELET_FIELDS),
        },
      ],
    },
  },
});
