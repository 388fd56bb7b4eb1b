// KCG113: the API server serves a self-signed certificate that clients cannot verify.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { flagGiven, reportMissingFlag, spell } from './flagHelpers';

const CERT = '/etc/kubernetes/pki/apiserver.crt';
const KEY = '/etc/kubernetes/pki/apiserver.key';
const withoutCert = secureApiserverFlagsExcept('tls-cert-file');
const withoutKey = secureApiserverFlagsExcept('tls-private-key-file');

const rule: Rule = {
  meta: {
    id: 'KCG113',
    name: 'apiserver-tls-certificate-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--tls-cert-file` or `--tls-private-key-file`, so it serves a self-signed certificate.',
    rationale: [
      'Without a serving certificate and key, the API server generates a self-signed pair in `--cert-dir` (`/var/run/kubernetes` by default) at start. No cluster CA vouches for it, so kubelets, pods and users cannot verify that they talk to the real API server: clients are pushed to `insecure-skip-tls-verify` (KCG120) or to trusting whatever certificate they first see, and anyone on the path can impersonate the API server and collect the credentials clients send.',
      '',
      'Neither flag has a default; kubeadm writes both.',
    ].join('\n'),
    remediation: 'Give the API server a certificate signed by the cluster CA, with the names and IPs clients use. The quick fix adds the missing flag with kubeadm\'s paths (`/etc/kubernetes/pki/apiserver.crt` and `.key`).',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'PKI certificates and requirements', url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' },
      { title: 'CIS Kubernetes Benchmark 1.2.24', cis: '1.2.24' },
    ],
    examples: {
      valid: [{ title: 'Certificate and key', text: apiserverPod(secureApiserverFlagsExcept()) }],
      invalid: [
        { title: 'No certificate', text: apiserverPod(withoutCert), fixed: apiserverPod([...withoutCert, `--tls-cert-file=${CERT}`]) },
        { title: 'No key', text: apiserverPod(withoutKey), fixed: apiserverPod([...withoutKey, `--tls-private-key-file=${KEY}`]) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const pair = { 'tls-cert-file': 'tls-private-key-file', 'tls-private-key-file': 'tls-cert-file' } as const;
      const message = (flag: keyof typeof pair) => (spelled: string): string =>
        flagGiven(c, pair[flag])
          ? `kube-apiserver has ${spell(c, pair[flag])} but no ${spelled}: it needs both to serve a certificate clients can verify`
          : `kube-apiserver has no ${spelled}: it serves a self-signed certificate that clients cannot verify, so the API server can be impersonated`;
      reportMissingFlag(context, c, 'tls-cert-file', CERT, message('tls-cert-file'));
      reportMissingFlag(context, c, 'tls-private-key-file', KEY, message('tls-private-key-file'));
    }
  },
};

export default rule;
