// KCG111: the API server cannot issue bound service-account tokens.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { atLeast, formatVersion } from '../../version';
import { apiserverPod, apiserverPodAt, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { flagGiven, reportMissingFlag } from './flagHelpers';

const ISSUER = 'https://kubernetes.default.svc.cluster.local';
const SIGNING_KEY = '/etc/kubernetes/pki/sa.key';
const withoutIssuer = secureApiserverFlagsExcept('service-account-issuer');
const withoutKey = secureApiserverFlagsExcept('service-account-signing-key-file');
const old = secureApiserverFlagsExcept('service-account-issuer', 'service-account-extend-token-expiration');

const rule: Rule = {
  meta: {
    id: 'KCG111',
    name: 'apiserver-service-account-issuer-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--service-account-issuer` or `--service-account-signing-key-file`, so it cannot issue bound service-account tokens.',
    rationale: [
      'Bound service-account tokens (the TokenRequest API) are what pods get today: they expire (one hour by default), name an audience, and die with the pod they were issued for. The API server issues them only when it has an issuer (`--service-account-issuer`) and a signing key (`--service-account-signing-key-file`). Without them pods fall back to legacy Secret-based tokens that never expire and work anywhere, so a token read from one pod or node stays useful forever.',
      '',
      '**From Kubernetes 1.20 both flags are required: the API server does not start without them** ("--service-account-signing-key-file and --service-account-issuer are required flags"). Before 1.20 (TokenRequest beta from 1.12) they were optional and bound tokens were simply unavailable. An external signer (`--service-account-signing-endpoint`, alpha in 1.32) replaces the signing key file.',
    ].join('\n'),
    remediation: 'Set `--service-account-issuer` (an `https://` URL; kubeadm uses `https://kubernetes.default.svc.cluster.local`) and `--service-account-signing-key-file` (the private key whose public half is in `--service-account-key-file`; kubeadm: `/etc/kubernetes/pki/sa.key`). The quick fix adds the missing flag with kubeadm\'s value.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Service account token volume projection', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#serviceaccount-token-volume-projection' },
      { title: 'Managing service accounts: bound service account tokens', url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#bound-service-account-tokens' },
    ],
    examples: {
      valid: [{ title: 'Issuer and signing key', text: apiserverPod(secureApiserverFlagsExcept()) }],
      invalid: [
        { title: 'No issuer on 1.31', text: apiserverPod(withoutIssuer), fixed: apiserverPod([...withoutIssuer, `--service-account-issuer=${ISSUER}`]) },
        { title: 'No signing key on 1.31', text: apiserverPod(withoutKey), fixed: apiserverPod([...withoutKey, `--service-account-signing-key-file=${SIGNING_KEY}`]) },
        { title: 'No issuer on 1.18', text: apiserverPodAt('1.18.20', old), fixed: apiserverPodAt('1.18.20', [...old, `--service-account-issuer=${ISSUER}`]) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const version = context.versionOf(c);
      // Bound tokens went beta in 1.12; before that the flags do not exist on a default API server.
      if (!atLeast(version, '1.12')) continue;
      const required = atLeast(version, '1.20');
      const missing = (flag: string): string =>
        required
          ? `kube-apiserver ${formatVersion(version)} has no ${flag}: it cannot issue bound service-account tokens and does not start without the flag (required since 1.20)`
          : `kube-apiserver has no ${flag}: it cannot issue bound service-account tokens (TokenRequest, projected token volumes), so every pod credential is a legacy token that never expires`;
      reportMissingFlag(context, c, 'service-account-issuer', ISSUER, missing);
      if (!flagGiven(c, 'service-account-signing-endpoint')) reportMissingFlag(context, c, 'service-account-signing-key-file', SIGNING_KEY, missing);
    }
  },
};

export default rule;
