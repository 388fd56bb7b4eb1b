// KCG417: the scheduler serves plain HTTP without authentication (before 1.23), or keeps flags 1.24 removed.
import { schedulerPod, SECURE_SCHEDULER_FLAGS } from './examples';
import { insecurePortRule } from './insecurePort';

export default insecurePortRule(
  {
    id: 'KCG417',
    name: 'scheduler-insecure-port',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'kube-scheduler before 1.23 serves plain HTTP without authentication on `--port` (default 10251), or a 1.24+ command line still has `--port`/`--address`.',
    rationale: [
      'Up to Kubernetes 1.22 the scheduler also listens on an insecure port: `--port` (default **10251**) on `--address` (default **0.0.0.0**), plain HTTP with no authentication or authorization, serving `/metrics`, `/healthz` and `/debug/pprof`. `--bind-address=127.0.0.1` does not close it; only `--port=0` does, which kubeadm added in 1.19.',
      '',
      'Kubernetes 1.23 turned insecure serving off (kubernetes/kubernetes#96345): `--port` then accepts only 0 and `--address` does nothing. 1.24 removed both flags, and the scheduler refuses to start with either. So this rule asks for `--port=0` only before 1.23, reports any other `--port` value on 1.23, and reports the flags themselves as removed from 1.24 on.',
    ].join('\n'),
    remediation:
      'Before 1.23: add `--port=0` and move probes and metrics scraping to the HTTPS port 10259. From 1.24: remove `--port` and `--address`. The quick fix adds `--port=0` (not when a probe of the container still uses port 10251) or removes the removed flags.',
    references: [
      { title: 'kubernetes/kubernetes#96345: disable insecure serving in kube-scheduler (1.23)', url: 'https://github.com/kubernetes/kubernetes/pull/96345' },
      { title: 'kubeadm: add --port=0 for kube-controller-manager and kube-scheduler (1.19)', url: 'https://github.com/kubernetes/kubernetes/pull/92720' },
    ],
    examples: {
      valid: [
        { title: '1.31 needs no --port', text: schedulerPod(SECURE_SCHEDULER_FLAGS) },
        { title: '1.21 with the insecure port off', text: schedulerPod([...SECURE_SCHEDULER_FLAGS, '--port=0'], '1.21.14') },
        { title: '1.21 with the insecure port on loopback', text: schedulerPod([...SECURE_SCHEDULER_FLAGS, '--address=127.0.0.1'], '1.21.14') },
      ],
      invalid: [
        { title: '1.22 serving plain HTTP on 0.0.0.0:10251', text: schedulerPod(SECURE_SCHEDULER_FLAGS, '1.22.17'), fixed: schedulerPod([...SECURE_SCHEDULER_FLAGS, '--port=0'], '1.22.17') },
        { title: '1.30 with the removed --address', text: schedulerPod([...SECURE_SCHEDULER_FLAGS, '--address=127.0.0.1'], '1.30.2'), fixed: schedulerPod(SECURE_SCHEDULER_FLAGS, '1.30.2') },
      ],
    },
  },
  { component: 'kube-scheduler', insecurePort: '10251', securePort: '10259', disabledIn: '1.23', removedIn: '1.24' },
);
