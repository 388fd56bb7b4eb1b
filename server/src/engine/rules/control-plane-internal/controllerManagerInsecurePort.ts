// KCG416: the controller manager serves plain HTTP without authentication (before 1.22), or keeps flags 1.24 removed.
import { controllerManagerPod, SECURE_KCM_FLAGS } from './examples';
import { insecurePortRule } from './insecurePort';

export default insecurePortRule(
  {
    id: 'KCG416',
    name: 'controller-manager-insecure-port',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'kube-controller-manager before 1.22 serves plain HTTP without authentication on `--port` (default 10252), or a 1.24+ command line still has `--port`/`--address`.',
    rationale: [
      'Up to Kubernetes 1.21 the controller manager also listens on an insecure port: `--port` (default **10252**) on `--address` (default **0.0.0.0**), plain HTTP with no authentication or authorization, serving `/metrics`, `/healthz` and `/debug/pprof`. Anyone who reaches a control-plane host reads its metrics and profiles, and can load it with profiling requests. `--bind-address=127.0.0.1` does not close it (that flag is for the HTTPS port); only `--port=0` does, which kubeadm added in 1.19.',
      '',
      'Kubernetes 1.22 turned insecure serving off (kubernetes/kubernetes#96216): `--port` then accepts only 0 and `--address` does nothing. 1.24 removed both flags (#106860), and the controller manager refuses to start with either. So this rule asks for `--port=0` only on versions before 1.22, reports any other `--port` value on 1.22 and 1.23, and reports the flags themselves as removed from 1.24 on. The version comes from the image tag or kubeadm\'s `kubernetesVersion`, else the `kubernetesVersion` setting, else the newest release.',
    ].join('\n'),
    remediation:
      'Before 1.22: add `--port=0` and move probes and metrics scraping to the HTTPS port 10257 (kubeadm\'s probes use `https` on 10257 since 1.17). From 1.24: remove `--port` and `--address`. The quick fix adds `--port=0` (not when a probe of the container still uses port 10252) or removes the removed flags.',
    references: [
      { title: 'kubernetes/kubernetes#96216: disable insecure serving in controller-manager (1.22)', url: 'https://github.com/kubernetes/kubernetes/pull/96216' },
      { title: 'kubernetes/kubernetes#106860: remove --address and --port (1.24)', url: 'https://github.com/kubernetes/kubernetes/pull/106860' },
      { title: 'kubeadm: add --port=0 for kube-controller-manager and kube-scheduler (1.19)', url: 'https://github.com/kubernetes/kubernetes/pull/92720' },
    ],
    examples: {
      valid: [
        { title: '1.31 needs no --port', text: controllerManagerPod(SECURE_KCM_FLAGS) },
        { title: '1.20 with the insecure port off', text: controllerManagerPod([...SECURE_KCM_FLAGS, '--port=0'], '1.20.15') },
        { title: '1.23 with the no-op --port=0', text: controllerManagerPod([...SECURE_KCM_FLAGS, '--port=0'], '1.23.17') },
      ],
      invalid: [
        { title: '1.20 serving plain HTTP on 0.0.0.0:10252', text: controllerManagerPod(SECURE_KCM_FLAGS, '1.20.15'), fixed: controllerManagerPod([...SECURE_KCM_FLAGS, '--port=0'], '1.20.15') },
        { title: '1.29 with the removed flag', text: controllerManagerPod([...SECURE_KCM_FLAGS, '--port=0'], '1.29.4'), fixed: controllerManagerPod(SECURE_KCM_FLAGS, '1.29.4') },
        { title: '1.22 with a non-zero port', text: controllerManagerPod([...SECURE_KCM_FLAGS, '--port=10252'], '1.22.17'), fixed: controllerManagerPod(SECURE_KCM_FLAGS, '1.22.17') },
      ],
    },
  },
  { component: 'kube-controller-manager', insecurePort: '10252', securePort: '10257', disabledIn: '1.22', removedIn: '1.24' },
);
