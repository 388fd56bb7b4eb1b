// KCG213: exec, attach and port-forward streams through the kubelet are never closed when idle.
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import { kubeletConfig, kubeletDaemonSet, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from '../examples';
import { settingRule } from '../templates/settings';
import { isZeroDuration } from './durations';

// Only the flag can turn the timeout off: KubeletConfiguration defaulting replaces a zero
// streamingConnectionIdleTimeout with 4h, which is why kubeadm and kops write `0s` there.
const FLAG_ONLY = { ...KUBELET_SETTINGS.streamingConnectionIdleTimeout, field: undefined };

export default settingRule({
  setting: FLAG_ONLY,
  fixValue: '4h',
  insecure: (value) => value !== undefined && isZeroDuration(value.trim()),
  message: (r) =>
    `${r.spelled}=${r.value} turns the idle timeout off: exec, attach and port-forward streams are never closed when idle, so abandoned sessions into containers stay open (the kubelet itself applies it only to dockershim streams, before 1.24)`,
  meta: {
    id: 'KCG213',
    name: 'kubelet-streaming-connection-idle-timeout-disabled',
    channel: 'apiserver-to-kubelet',
    severity: 'info',
    summary: 'The kubelet runs with `--streaming-connection-idle-timeout=0`, which turns off the idle timeout of exec, attach and port-forward streams.',
    rationale: [
      "`kubectl exec`, `attach` and `port-forward` run as long-lived streams from the API server to the node. With the idle timeout at 0 they are never closed when nobody uses them: a forgotten shell in a production container, or a port-forward into a database, stays open for whoever gets hold of the terminal or the forwarded port, and idle streams pile up until the node runs out of connections.",
      '',
      "Zero is zero in every Go duration spelling: `0`, `0s`, `0m`, `0h0m0s`, `0.0s`. Only the command-line flag can set it, though. In a KubeletConfiguration, `streamingConnectionIdleTimeout: 0s` means \"use the default\": the kubelet's defaulting replaces a zero duration with 4h, and that is why `kubeadm` and kops write `0s` into every config they generate. So a zero in a config file draws no finding here, while KICS flags exactly that (and only the string `0s`), and misses the flag in other spellings.",
      '',
      "Severity is info, not warning: the setting does not weaken authentication or encryption of the channel, it only lengthens the life of sessions that were already authorized. It also matters less than it used to: the kubelet applied it only to streams served by its built-in Docker runtime (dockershim, removed in 1.24). Since then the container runtime's own setting decides (`stream_idle_timeout` in containerd and CRI-O), and Kubernetes 1.34 deprecated the field (kubernetes/kubernetes#131992). A 0 on the command line still says what the cluster owner intended, and CIS 4.2.5 still checks it, so look at the runtime's timeout too.",
    ].join('\n'),
    remediation: "Remove the flag, or set it to a duration such as `4h`, and set the container runtime's `stream_idle_timeout` to match. The quick fix writes `4h`, the upstream default: it restores the timeout without cutting off the long port-forwards and debugging sessions people rely on. CIS suggests `5m`; choose that if short sessions suit your cluster.",
    references: [
      { title: 'Kubelet configuration reference: streamingConnectionIdleTimeout', url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/' },
      { title: 'Deprecate the StreamingConnectionIdleTimeout field (kubernetes/kubernetes#131992)', url: 'https://github.com/kubernetes/kubernetes/pull/131992' },
      { title: 'CIS Kubernetes Benchmark 4.2.5', cis: '4.2.5' },
    ],
    examples: {
      valid: [
        { title: 'Default', text: kubeletDaemonSet(SECURE_KUBELET_FLAGS) },
        { title: 'CIS value', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--streaming-connection-idle-timeout=5m']) },
        { title: 'A zero in a config file means the 4h default', text: kubeletConfig([...SECURE_KUBELET_FIELDS, 'streamingConnectionIdleTimeout: 0s']) },
      ],
      invalid: [
        {
          title: 'Flag set to 0',
          text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--streaming-connection-idle-timeout=0']),
          fixed: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--streaming-connection-idle-timeout=4h']),
        },
        {
          title: 'Flag set to 0h0m0s next to a config file',
          text: kubeletDaemonSet(['--config=/var/lib/kubelet/config.yaml', '--streaming-connection-idle-timeout', '0h0m0s']),
          fixed: kubeletDaemonSet(['--config=/var/lib/kubelet/config.yaml', '--streaming-connection-idle-timeout', '4h']),
        },
      ],
    },
  },
});
