// KCG203: the API server talks to kubelets over plain HTTP.
import { apiserverPod } from '../examples';
import { flagValueForbidden } from '../templates/flags';
import { parseBool } from '../templates/values';

const CA = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';

export default flagValueForbidden(
  {
    id: 'KCG203',
    name: 'kubelet-https-disabled',
    channel: 'apiserver-to-kubelet',
    severity: 'error',
    summary: 'kube-apiserver runs with `--kubelet-https=false`, so it calls kubelets over plain HTTP.',
    rationale: "With `--kubelet-https=false` the API server sends exec sessions, logs and port-forward traffic, and its own credentials, to kubelets in clear text; anyone on the path reads and changes them. The flag was deprecated and ignored in 1.19 and removed in 1.22: on 1.22 and later the API server refuses to start with it, so it also breaks upgrades.",
    remediation: 'Remove the flag; HTTPS is the default. The quick fix removes every `--kubelet-https` occurrence.',
    references: [
      { title: 'Control plane to node communication', url: 'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/' },
      { title: 'CIS Kubernetes Benchmark 1.2.4 (v1.23 and earlier)', cis: '1.2.4' },
    ],
    examples: {
      valid: [
        { title: 'No --kubelet-https flag', text: apiserverPod([CA]) },
        { title: 'An explicit true', text: apiserverPod(['--kubelet-https=true', CA]) },
      ],
      invalid: [
        { title: 'HTTPS turned off', text: apiserverPod(['--kubelet-https=false', CA]), fixed: apiserverPod([CA]) },
      ],
    },
  },
  'kube-apiserver',
  'kubelet-https',
  (value) => parseBool(value) === false,
  (_o, written) => `${written} makes the API server call kubelets over plain HTTP: exec, logs and port-forward traffic can be read and changed (the flag was removed in Kubernetes 1.22)`,
);
