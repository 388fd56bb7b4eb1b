// KCG211: the kubelet's HTTPS endpoint offers cipher suites weaker than ECDHE with an AEAD cipher.
import { isSeq } from 'yaml';
import { mapPathPair, scalarText } from '../../parse/yamlNodes';
import type { OffsetRange } from '../../types';
import { kubeletConfig, kubeletDaemonSet, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from '../examples';
import { pairRange } from '../templates/fields';
import { componentsOf } from '../templates/flags';
import type { Rule, RuleContext } from '../types';
import { judgeSuites } from '../../docs/tlsCipherSuites';
import { settingFormats } from '../../docs/formats';

const GOOD = 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384';

function report(context: RuleContext, range: OffsetRange, spelled: string, names: readonly string[]): void {
  const { weak, unknown, reasons } = judgeSuites(names);
  const parts: string[] = [];
  if (weak.length > 0) parts.push(`${spelled} allows ${weak.join(', ')} on the API server → kubelet channel that carries exec, logs and port-forward: ${reasons.join('; ')}`);
  if (unknown.length > 0) parts.push(`${spelled} names ${unknown.join(', ')}, which Go does not know: the kubelet refuses to start`);
  if (parts.length > 0) context.report({ range, message: parts.join('; and ') });
}

const rule: Rule = {
  meta: {
    id: 'KCG211',
    name: 'kubelet-tls-weak-cipher-suites',
    channel: 'apiserver-to-kubelet',
    severity: 'info',
    summary: "The kubelet's HTTPS endpoint offers cipher suites outside ECDHE with AES-GCM or ChaCha20-Poly1305 (`--tls-cipher-suites`, `tlsCipherSuites`).",
    rationale: [
      "The API server reaches each kubelet over TLS for exec, attach, logs and port-forward, and monitoring agents scrape it the same way. Suites with RSA key exchange have no forward secrecy: whoever later obtains the kubelet's private key decrypts every recorded session. CBC suites are open to padding-oracle attacks (Lucky13), 3DES to Sweet32, and RC4 is broken. Every client whose best offer is such a suite (an old monitoring agent, a scripted `curl`) gets the weaker protection, and a recorded RSA-key-exchange session stays decryptable for as long as the key exists.",
      '',
      "This rule accepts the ECDHE suites with AES-GCM or ChaCha20-Poly1305 (both spellings of the ChaCha20 names). TLS 1.3 names (`TLS_AES_128_GCM_SHA256`...) are accepted: Go does not let TLS 1.3 suites be configured, so listing them changes nothing. A name Go does not know stops the kubelet at start, which the rule also reports.",
      '',
      "Severity is info: the list applies to TLS 1.0–1.2 only. The API server and the kubelet are both Go programs and negotiate TLS 1.3 with each other, whose suites are all AEAD with forward secrecy and cannot be configured, so the weak suites only reach clients limited to TLS 1.2.",
      '',
      "Left unset there is no finding: Go's defaults then apply, which prefer ECDHE with AES-GCM or ChaCha20-Poly1305 and, since Go 1.22, leave out RSA key exchange. CIS 4.2.12 (Manual) asks for an explicit list and kube-bench and KICS fail a kubelet without one; that is stricter than the risk. checkov and Trivy accept `TLS_RSA_WITH_AES_*_GCM_*`, which lack forward secrecy, and reject the harmless TLS 1.3 names.",
    ].join('\n'),
    remediation: `Keep only ECDHE suites with AES-GCM or ChaCha20-Poly1305, for example \`tlsCipherSuites: [${GOOD.split(',').join(', ')}]\` plus the ECDSA and ChaCha20 variants your certificates and clients need, or drop the setting to use Go's defaults. There is no quick fix: which suites your clients support is yours to decide.`,
    references: [
      { title: 'Kubelet configuration reference: tlsCipherSuites', url: 'https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/' },
      { title: 'Go crypto/tls cipher suites', url: 'https://pkg.go.dev/crypto/tls#pkg-constants' },
      { title: 'CIS Kubernetes Benchmark 4.2.12', cis: '4.2.12' },
    ],
    formats: settingFormats('kubelet', true),
    examples: {
      valid: [
        { title: 'Strong suites only', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, `--tls-cipher-suites=${GOOD}`]) },
        { title: 'Not set: Go defaults', text: kubeletConfig(SECURE_KUBELET_FIELDS) },
        { title: 'TLS 1.3 names are harmless', text: kubeletConfig([...SECURE_KUBELET_FIELDS, 'tlsCipherSuites:', '- TLS_AES_128_GCM_SHA256', '- TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305']) },
      ],
      invalid: [
        { title: 'A CBC suite without forward secrecy in the flag', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, `--tls-cipher-suites=${GOOD},TLS_RSA_WITH_AES_128_CBC_SHA`]) },
        { title: 'Config list with 3DES', text: kubeletConfig([...SECURE_KUBELET_FIELDS, 'tlsCipherSuites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA]']) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kubelet')) {
      // Every occurrence appends to the list, so each one is judged on its own suites.
      for (const o of c.flags.all('tls-cipher-suites')) {
        if (o.form === 'implied' || o.unresolved) continue;
        const names = o.value.split(',').map((n) => n.trim()).filter((n) => n !== '');
        report(context, o.range, '--tls-cipher-suites', names);
      }
    }
    for (const config of context.model.configs) {
      if (config.component !== 'kubelet') continue;
      const pair = mapPathPair(config.root, ['tlsCipherSuites']);
      const range = pair && pairRange(pair);
      if (!pair || !range || !isSeq(pair.value)) continue;
      const names = pair.value.items.map((i) => scalarText(i)).filter((n): n is string => n !== undefined);
      report(context, range, 'tlsCipherSuites', names);
    }
  },
};

export default rule;
