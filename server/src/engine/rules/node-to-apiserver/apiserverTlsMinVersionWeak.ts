// KCG115: the API server accepts TLS 1.0 or 1.1.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, SECURE_APISERVER_FLAGS } from './examples';
import { flagFormats } from '../../docs/formats';
import { setFlagFix, spellOccurrence } from './flagHelpers';

const WEAK = new Set(['VersionTLS10', 'VersionTLS11']);

const rule: Rule = {
  meta: {
    id: 'KCG115',
    name: 'apiserver-tls-min-version-weak',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver accepts TLS 1.0 or 1.1 (`--tls-min-version=VersionTLS10` or `VersionTLS11`).',
    rationale: [
      'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and on CBC constructions with known attacks (BEAST, Lucky13, POODLE variants), and they allow a client or an attacker on the path to negotiate down to them. Every credential sent to the API server travels over this channel.',
      '',
      'Left unset, the API server accepts TLS 1.2 and later (the Kubernetes serving default), so only an explicit older version is reported. No other scanner checks the minimum TLS version.',
    ].join('\n'),
    remediation: 'Set `--tls-min-version=VersionTLS12` (or `VersionTLS13` when every client supports it), or remove the flag. The quick fix writes `VersionTLS12`.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'kube-apiserver flags: --tls-min-version', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kube-apiserver/' },
      { title: 'RFC 8996: Deprecating TLS 1.0 and TLS 1.1', url: 'https://www.rfc-editor.org/rfc/rfc8996' },
    ],
    examples: {
      valid: [
        { title: 'Default', text: apiserverPod(SECURE_APISERVER_FLAGS) },
        { title: 'TLS 1.3 only', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--tls-min-version=VersionTLS13']) },
      ],
      invalid: [
        {
          title: 'TLS 1.0',
          text: apiserverPod([...SECURE_APISERVER_FLAGS, '--tls-min-version=VersionTLS10']),
          fixed: apiserverPod([...SECURE_APISERVER_FLAGS, '--tls-min-version=VersionTLS12']),
        },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const last = c.flags.last('tls-min-version');
      if (!last || last.unresolved || !WEAK.has(last.value.trim())) continue;
      context.report({
        range: last.range,
        message: `${spellOccurrence(c, last)} lets clients and attackers on the path negotiate deprecated TLS versions with known weaknesses`,
        fixes: setFlagFix(context, c, 'tls-min-version', 'VersionTLS12'),
      });
    }
  },
};

export default rule;
