// KCG132: the API server makes pod service-account tokens valid for a year.
import { componentsOf } from '../templates/flags';
import { parseBool } from '../templates/values';
import type { Rule } from '../types';
import { atLeast, formatVersion } from '../../version';
import { apiserverPod, apiserverPodAt, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { flagRange, lastWritten, setFlagFix, spellOccurrence, spellSetting } from './flagHelpers';

const others = secureApiserverFlagsExcept('service-account-extend-token-expiration');

const rule: Rule = {
  meta: {
    id: 'KCG132',
    name: 'apiserver-service-account-token-extension',
    channel: 'node-to-apiserver',
    severity: 'info',
    summary: 'kube-apiserver extends the service-account tokens it injects into pods to a year (`--service-account-extend-token-expiration` unset or true).',
    rationale: [
      'Tokens mounted into pods are meant to live an hour and be refreshed by the kubelet. To ease the move from legacy tokens, the API server by default issues the tokens that admission injects with an expiry of one year, so a token stolen from a pod (or from a node\'s disk) stays valid for a year unless the pod is deleted. The `serviceaccount_stale_tokens_total` metric shows whether any workload still relies on the extension; once none does, turn it off.',
      '',
      'The flag appeared in 1.19 with default false and **defaults to true since 1.20**. The CIS benchmark added it in v1.11 (1.2.30). It is information rather than a warning because turning it off can break old clients that do not reload their token.',
    ].join('\n'),
    remediation: 'Check `serviceaccount_stale_tokens_total`, update workloads that do not reload tokens (client-go does since v0.15), then set `--service-account-extend-token-expiration=false`. The quick fix sets or adds it.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Managing service accounts: bound service account tokens', url: 'https://kubernetes.io/docs/reference/access-authn-authz/service-accounts-admin/#bound-service-account-token-volume' },
      { title: 'CIS Kubernetes Benchmark 1.2.30', cis: '1.2.30' },
    ],
    examples: {
      valid: [
        { title: 'Extension off', text: apiserverPod([...others, '--service-account-extend-token-expiration=false']) },
        { title: 'Unset on 1.19, where the default was false', text: apiserverPodAt('1.19.16', others) },
      ],
      invalid: [
        { title: 'Default on 1.31', text: apiserverPod(others), fixed: apiserverPod([...others, '--service-account-extend-token-expiration=false']) },
        {
          title: 'Explicit true',
          text: apiserverPod([...others, '--service-account-extend-token-expiration=true']),
          fixed: apiserverPod([...others, '--service-account-extend-token-expiration=false']),
        },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const last = c.flags.last('service-account-extend-token-expiration');
      if (last?.unresolved) continue;
      if (last && c.flags.strays.some((s) => s.afterBoolFlag === last)) continue;
      const version = context.versionOf(c);
      if (last) {
        if (parseBool(last.value) !== true) continue;
      } else if (c.partial || !atLeast(version, '1.20')) {
        continue;
      }
      const range = flagRange(c, 'service-account-extend-token-expiration');
      if (!range) continue;
      const written = lastWritten(c, 'service-account-extend-token-expiration');
      const what = written
        ? spellOccurrence(c, written)
        : `kube-apiserver ${formatVersion(version)} has no ${spellSetting(c, 'service-account-extend-token-expiration', 'false')} and the flag defaults to true`;
      context.report({
        range,
        message: `${what}: service-account tokens injected into pods stay valid for a year instead of an hour, so a stolen one stays useful`,
        fixes: setFlagFix(context, c, 'service-account-extend-token-expiration', 'false'),
      });
    }
  },
};

export default rule;
