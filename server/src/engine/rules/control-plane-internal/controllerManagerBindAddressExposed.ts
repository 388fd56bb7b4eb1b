// KCG414: the controller manager's HTTPS endpoint listens on every interface.
import { bindAddressCheck } from './bindAddress';
import { controllerManagerPod, secureKcmFlagsExcept, SECURE_KCM_FLAGS } from './examples';
import { FLAG_SETTINGS } from './flagSettings';
import { componentSettingRule } from './setting';

const others = secureKcmFlagsExcept('bind-address');

export default componentSettingRule(
  {
    id: 'KCG414',
    name: 'controller-manager-bind-address-exposed',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'kube-controller-manager\'s HTTPS port (10257) listens on a non-loopback address: `--bind-address` is unset (all interfaces) or not 127.0.0.1.',
    rationale: [
      'The controller manager serves `/healthz`, `/metrics`, `/debug/pprof` and `/configz` on its secure port. With `--bind-address` unset it listens on **0.0.0.0**, so anyone who reaches a control-plane host can probe the endpoint, try credentials against it, and read whatever its authorization lets through (`/healthz` is always allowed); a missing `--authorization-kubeconfig` or an `--authorization-always-allow-paths` widened for monitoring turns that into an information leak. Only the local health checks need the port; metrics are better scraped through a local proxy.',
      '',
      'kube-bench passes an unset `--bind-address` (CIS 1.3.7 as scripted), although the default is 0.0.0.0; checkov, KICS and Trivy demand the literal 127.0.0.1. With `--secure-port=0` nothing listens and this rule says nothing.',
    ].join('\n'),
    remediation: 'Set `--bind-address=127.0.0.1`, as kubeadm does. The quick fix writes it.',
    references: [
      { title: 'kube-controller-manager command line reference', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-controller-manager/' },
      { title: 'CIS Kubernetes Benchmark 1.3.7', cis: '1.3.7' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm controller manager', text: controllerManagerPod(SECURE_KCM_FLAGS) },
        { title: 'HTTPS endpoint turned off', text: controllerManagerPod([...others, '--secure-port=0']) },
      ],
      invalid: [
        { title: 'Left at its default', text: controllerManagerPod(others), fixed: controllerManagerPod([...others, '--bind-address=127.0.0.1']) },
        { title: 'All interfaces', text: controllerManagerPod(['--bind-address=0.0.0.0', ...others]), fixed: controllerManagerPod(['--bind-address=127.0.0.1', ...others]) },
      ],
    },
  },
  bindAddressCheck(FLAG_SETTINGS.controllerManagerBindAddress, FLAG_SETTINGS.controllerManagerSecurePort, '10257', '1.12'),
);
