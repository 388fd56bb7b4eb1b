// KCG114: the API server accepts TLS cipher suites without forward secrecy or authenticated encryption.
import { STRONG_SUITES, TLS13_SUITES, WEAK_SUITES } from '../../docs/tlsCipherSuites';
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, SECURE_APISERVER_FLAGS } from './examples';
import { flagFormats } from '../../docs/formats';
import { elementsOf, spell } from './flagHelpers';

const GOOD = 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384';

const rule: Rule = {
  meta: {
    id: 'KCG114',
    name: 'apiserver-tls-weak-cipher-suites',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver\'s `--tls-cipher-suites` allows suites without forward secrecy or authenticated encryption.',
    rationale: [
      'Every kubelet, controller and pod talks to the API server over this TLS endpoint. Suites with RSA key exchange (`TLS_RSA_*`) have no forward secrecy: whoever later obtains the API server\'s private key can decrypt recorded traffic, with every token and Secret in it. CBC suites have a history of padding-oracle attacks, and RC4 and 3DES are broken. The allow-list here is the TLS 1.2 suites with ECDHE key exchange and AES-GCM or ChaCha20-Poly1305; the TLS 1.3 suite names are accepted too, since Go does not let them be configured and listing them changes nothing.',
      '',
      'An unset flag draws no finding: Go\'s default list prefers ECDHE with AEAD and has no RC4; Go 1.22 and 1.23 also dropped RSA key exchange and 3DES from it; and TLS 1.3, whose suites are all strong, is used whenever the client supports it. A name Kubernetes does not know makes the API server refuse to start, and is reported as such.',
      '',
      'Other scanners: checkov\'s allow-list accepts the non-forward-secret `TLS_RSA_WITH_AES_*_GCM_*` suites but rejects the TLS 1.3 names; KICS reports an API server that leaves the flag unset.',
    ].join('\n'),
    remediation: `List only ECDHE suites with AES-GCM or ChaCha20-Poly1305, for example \`--tls-cipher-suites=${GOOD}\`. There is no quick fix: which suites your oldest clients need is your call.`,
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'kube-apiserver flags: --tls-cipher-suites', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
      { title: 'Go crypto/tls cipher suites', url: 'https://pkg.go.dev/crypto/tls#pkg-constants' },
      { title: 'CIS Kubernetes Benchmark 1.2.29', cis: '1.2.29' },
    ],
    examples: {
      valid: [
        { title: 'Go defaults', text: apiserverPod(SECURE_APISERVER_FLAGS) },
        { title: 'ECDHE with AEAD, and TLS 1.3 names', text: apiserverPod([...SECURE_APISERVER_FLAGS, `--tls-cipher-suites=TLS_AES_128_GCM_SHA256,${GOOD}`]) },
      ],
      invalid: [
        { title: 'RSA key exchange', text: apiserverPod([...SECURE_APISERVER_FLAGS, `--tls-cipher-suites=${GOOD},TLS_RSA_WITH_AES_128_GCM_SHA256`]) },
        { title: 'CBC and 3DES', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA']) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      for (const occurrence of c.flags.all('tls-cipher-suites')) {
        if (occurrence.unresolved) continue;
        const suites = elementsOf(occurrence);
        const weak = suites.filter((s) => WEAK_SUITES.has(s));
        const unknown = suites.filter((s) => !WEAK_SUITES.has(s) && !STRONG_SUITES.has(s) && !TLS13_SUITES.has(s));
        if (weak.length === 0 && unknown.length === 0) continue;
        const parts = [
          ...(weak.length > 0 ? [`${weak.join(', ')} ${weak.length === 1 ? 'lacks' : 'lack'} forward secrecy or authenticated encryption, so recorded traffic to the API server is easier to break`] : []),
          ...(unknown.length > 0 ? [`${unknown.join(', ')} ${unknown.length === 1 ? 'is not a cipher suite' : 'are not cipher suites'} Kubernetes knows, and the API server refuses to start with ${unknown.length === 1 ? 'it' : 'them'}`] : []),
        ];
        context.report({ range: occurrence.range, message: `${spell(c, 'tls-cipher-suites')}: ${parts.join('; ')}` });
      }
    }
  },
};

export default rule;
