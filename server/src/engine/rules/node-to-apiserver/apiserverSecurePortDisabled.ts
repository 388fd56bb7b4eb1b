// KCG116: the API server's HTTPS port is turned off.
import { flagValueForbidden } from '../templates/flags';
import { apiserverPod, SECURE_APISERVER_FLAGS } from './examples';

export default flagValueForbidden(
  {
    id: 'KCG116',
    name: 'apiserver-secure-port-disabled',
    channel: 'node-to-apiserver',
    severity: 'error',
    summary: 'kube-apiserver runs with `--secure-port=0`, which turns its HTTPS API off.',
    rationale: [
      'Before Kubernetes 1.12, `--secure-port=0` switched off the authenticated HTTPS endpoint and left only the insecure HTTP port, where every request runs without authentication or authorization and in clear text: every node and pod that talks to the API server does so in the open, and anyone who reaches that port is cluster-admin. From 1.12 the API server rejects 0 and does not start.',
      '',
      'The default is 6443 (kubeadm writes `--secure-port=6443`).',
    ].join('\n'),
    remediation: 'Remove `--secure-port=0` or set a real port. The quick fix removes every occurrence of the flag, so the default 6443 applies.',
    references: [
      { title: 'kube-apiserver flags: --secure-port', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
      { title: 'CIS Kubernetes Benchmark 1.2.20 (v1.5)', cis: '1.2.20' },
    ],
    examples: {
      valid: [{ title: 'kubeadm\'s port', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--secure-port=6443']) }],
      invalid: [
        { title: 'HTTPS turned off', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--secure-port=0']), fixed: apiserverPod(SECURE_APISERVER_FLAGS) },
      ],
    },
  },
  'kube-apiserver',
  'secure-port',
  (value) => value.trim() !== '' && Number(value) === 0,
  (_o, written) => `${written} turns off the API server's HTTPS endpoint: before 1.12 only the unauthenticated plain-HTTP port is left, and from 1.12 the API server refuses to start`,
);
