// KCG110: the API server is not told which keys verify service-account tokens.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { atLeast, formatVersion } from '../../version';
import { apiserverPod, apiserverPodAt, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { flagGiven, reportMissingFlag } from './flagHelpers';

const others = secureApiserverFlagsExcept('service-account-key-file');
const old = secureApiserverFlagsExcept('service-account-key-file', 'service-account-extend-token-expiration');
const KEY = '/etc/kubernetes/pki/sa.pub';

const rule: Rule = {
  meta: {
    id: 'KCG110',
    name: 'apiserver-service-account-key-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--service-account-key-file`, the public key that verifies service-account tokens.',
    rationale: [
      'Pods authenticate to the API server with service-account tokens signed by the controller manager (legacy Secret tokens, `--service-account-private-key-file`) and by the API server itself (bound tokens, `--service-account-signing-key-file`). `--service-account-key-file` names the public keys that verify them.',
      '',
      'Before Kubernetes 1.20, an API server without it verifies tokens with its own TLS serving key (`--tls-private-key-file`): token trust is then tied to the serving certificate, rotating that certificate invalidates every token, and keeping old tokens valid means keeping the old serving key. From 1.20 the flag is required (unless an external signer is configured with `--service-account-signing-endpoint`): the API server refuses to start without it.',
      '',
      'Other scanners: checkov (CKV_K8S_97) requires the value to end in `.pem` and so fails kubeadm\'s `/etc/kubernetes/pki/sa.pub`; the file name does not matter, only that it holds PEM keys.',
    ].join('\n'),
    remediation: 'Give the API server the public half of the service-account signing key pair (`--service-account-key-file=/etc/kubernetes/pki/sa.pub` in kubeadm) and the controller manager the private half. The quick fix adds kubeadm\'s path.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'kube-apiserver flags: --service-account-key-file', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
      { title: 'CIS Kubernetes Benchmark 1.2.22', cis: '1.2.22' },
    ],
    examples: {
      valid: [
        { title: 'kubeadm\'s key', text: apiserverPod([...others, `--service-account-key-file=${KEY}`]) },
        { title: 'External token signer', text: apiserverPod([...others, '--service-account-signing-endpoint=/run/signer.sock']) },
      ],
      invalid: [
        { title: 'Missing on 1.31', text: apiserverPod(others), fixed: apiserverPod([...others, `--service-account-key-file=${KEY}`]) },
        { title: 'Missing on 1.18', text: apiserverPodAt('1.18.20', old), fixed: apiserverPodAt('1.18.20', [...old, `--service-account-key-file=${KEY}`]) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      if (flagGiven(c, 'service-account-signing-endpoint')) continue;
      const version = context.versionOf(c);
      const message = (flag: string): string =>
        atLeast(version, '1.20')
          ? `kube-apiserver ${formatVersion(version)} has no ${flag}: it cannot verify service-account tokens and refuses to start without the flag`
          : `kube-apiserver has no ${flag}: it verifies service-account tokens with its TLS serving key, so token trust is tied to the serving certificate and rotating one breaks the other`;
      reportMissingFlag(context, c, 'service-account-key-file', KEY, message);
    }
  },
};

export default rule;
