// KCG128: a Secret asks for a legacy service-account token that never expires.
import { mapPair, mapPathPair, scalarText } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { documentsOf } from '../templates/documents';

function secret(type: string): string {
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: ci-deployer-token',
    '  namespace: ci',
    '  annotations:',
    '    kubernetes.io/service-account.name: ci-deployer',
    `type: ${type}`,
    '',
  ].join('\n');
}

const TYPE = 'kubernetes.io/service-account-token';

const rule: Rule = {
  meta: {
    id: 'KCG128',
    name: 'service-account-token-secret',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'A Secret of type `kubernetes.io/service-account-token` asks for a legacy service-account token that never expires.',
    rationale: [
      'For such a Secret the controller manager writes a signed service-account token into it. That token has no expiry and no audience and is not bound to a pod: it stays valid until the Secret is deleted, works from anywhere the API server is reachable, and anyone who can read the Secret (a backup, a GitOps repository, `get secrets` in that namespace) gets the service account\'s access indefinitely.',
      '',
      'Kubernetes stopped creating these Secrets automatically in 1.24 (`LegacyServiceAccountTokenNoAutoGeneration`) and cleans up unused auto-generated ones from 1.30 (`LegacyServiceAccountTokenCleanUp`), but one written in a manifest is still honoured and never cleaned up. The severity is a warning rather than info because it is a bearer credential to the API server that does not expire; it is not an error because some external systems still need a long-lived token, and this is the documented way to get one.',
    ].join('\n'),
    remediation: 'Use short-lived tokens instead: projected `serviceAccountToken` volumes for pods, `kubectl create token` or the TokenRequest API for external clients, or workload identity federation. If a long-lived token is truly needed, scope the service account tightly and rotate the Secret. There is no quick fix.',
    formats: ['Secret'],
    references: [
      { title: 'Manually create a long-lived API token for a ServiceAccount', url: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#manually-create-an-api-token-for-a-serviceaccount' },
      { title: 'Service account token Secrets', url: 'https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets' },
    ],
    examples: {
      valid: [{ title: 'An opaque Secret', text: secret('Opaque') }],
      invalid: [{ title: 'Legacy token Secret', text: secret(TYPE) }],
    },
  },
  check(context) {
    for (const { root } of documentsOf(context.model, ['Secret'], [''])) {
      const type = mapPair(root, 'type');
      if (!type || scalarText(type.value) !== TYPE) continue;
      const range = pairRange(type);
      if (!range) continue;
      const account = scalarText(mapPathPair(root, ['metadata', 'annotations', 'kubernetes.io/service-account.name'])?.value);
      context.report({
        range,
        message: `This Secret gets a token for service account ${account ?? '(not named)'} that never expires and is not bound to a pod: whoever reads it keeps that account's access until the Secret is deleted`,
      });
    }
  },
};

export default rule;
