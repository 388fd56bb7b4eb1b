// KCG415: the scheduler's HTTPS endpoint listens on every interface.
import { bindAddressCheck } from './bindAddress';
import { schedulerConfig, schedulerPod, secureSchedulerFlagsExcept, SECURE_SCHEDULER_FLAGS } from './examples';
import { FLAG_SETTINGS } from './flagSettings';
import { componentSettingRule } from './setting';

const others = secureSchedulerFlagsExcept('bind-address');

export default componentSettingRule(
  {
    id: 'KCG415',
    name: 'scheduler-bind-address-exposed',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'kube-scheduler\'s HTTPS port (10259) listens on a non-loopback address: `--bind-address` is unset (all interfaces) or not 127.0.0.1.',
    rationale: [
      'The scheduler serves `/healthz`, `/metrics`, `/debug/pprof` and `/configz` on its secure port. With `--bind-address` unset it listens on **0.0.0.0**, reachable by anyone who reaches a control-plane host, and what its delegated authorization lets through (`/healthz` always) is readable from the network.',
      '',
      'A KubeSchedulerConfiguration file cannot set this address (its old `healthzBindAddress`/`metricsBindAddress` fields were for the plain-HTTP port and are gone since `v1beta2`), so `--config` does not change the default. kube-bench passes an unset flag (CIS 1.4.2 as scripted), although the default is 0.0.0.0. With `--secure-port=0` nothing listens and this rule says nothing.',
    ].join('\n'),
    remediation: 'Set `--bind-address=127.0.0.1`, as kubeadm does. The quick fix writes it.',
    references: [
      { title: 'kube-scheduler command line reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-scheduler/' },
      { title: 'CIS Kubernetes Benchmark 1.4.2', cis: '1.4.2' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm scheduler', text: schedulerPod(SECURE_SCHEDULER_FLAGS) },
        { title: 'A config document does not set the address', text: schedulerConfig(['enableProfiling: false']) },
      ],
      invalid: [
        { title: 'Left at its default', text: schedulerPod(others), fixed: schedulerPod([...others, '--bind-address=127.0.0.1']) },
        {
          title: 'Left at its default next to --config',
          text: schedulerPod(['--config=/etc/kubernetes/scheduler-config.yaml', ...others]),
          fixed: schedulerPod(['--config=/etc/kubernetes/scheduler-config.yaml', ...others, '--bind-address=127.0.0.1']),
        },
        { title: 'A node address', text: schedulerPod(['--bind-address=10.0.0.10', ...others]), fixed: schedulerPod(['--bind-address=127.0.0.1', ...others]) },
      ],
    },
  },
  bindAddressCheck(FLAG_SETTINGS.schedulerBindAddress, FLAG_SETTINGS.schedulerSecurePort, '10259', '1.13'),
);
