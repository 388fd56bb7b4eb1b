// KCG126: an AuthenticationConfiguration serves anonymous requests on every path.
import { isSeq } from 'yaml';
import { replaceScalar, setMapPath } from '../../fix/yamlEdits';
import { asScalar, mapPathPair } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { documentsOf, yamlBool } from '../templates/documents';

const CONDITIONS = '[{path: /livez}, {path: /readyz}, {path: /healthz}]';

function authenticationConfiguration(anonymous: readonly string[]): string {
  return [
    'apiVersion: apiserver.config.k8s.io/v1',
    'kind: AuthenticationConfiguration',
    'anonymous:',
    ...anonymous.map((l) => `  ${l}`),
    'jwt:',
    '- issuer:',
    '    url: https://issuer.example.com',
    '    audiences: [kubernetes]',
    '  claimMappings:',
    '    username:',
    '      claim: sub',
    '      prefix: "oidc:"',
    '',
  ].join('\n');
}

const rule: Rule = {
  meta: {
    id: 'KCG126',
    name: 'authentication-config-anonymous-unrestricted',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'An AuthenticationConfiguration turns anonymous requests on for every path (`anonymous.enabled: true` without `conditions`).',
    rationale: [
      'From Kubernetes 1.34 (beta from 1.32, alpha in 1.31) the `--authentication-config` file can configure the anonymous authenticator instead of `--anonymous-auth`. Its point is `conditions`: anonymous requests are then accepted only for the listed paths, typically the health endpoints that probes call without credentials, and rejected everywhere else. `enabled: true` without conditions is the same as `--anonymous-auth=true`: every request without credentials runs as `system:anonymous` on every path, limited only by what authorization grants to `system:unauthenticated` (see KCG101).',
      '',
      'The file\'s `anonymous` section and the `--anonymous-auth` flag are mutually exclusive: the API server refuses to start with both. No other scanner reads this file.',
    ].join('\n'),
    remediation: 'Keep anonymous access to the health checks only: `conditions: [{path: /livez}, {path: /readyz}, {path: /healthz}]`, or set `enabled: false`. The quick fix writes those three conditions.',
    formats: ['AuthenticationConfiguration'],
    references: [
      { title: 'Anonymous authenticator configuration', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-authenticator-configuration' },
      { title: 'KEP-4633: anonymous auth configurable endpoints', url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-auth/4633-anonymous-auth-configurable-endpoints' },
    ],
    examples: {
      valid: [
        { title: 'Health checks only', text: authenticationConfiguration(['enabled: true', 'conditions:', '- path: /livez', '- path: /readyz', '- path: /healthz']) },
        { title: 'Anonymous off', text: authenticationConfiguration(['enabled: false']) },
      ],
      invalid: [
        { title: 'Every path', text: authenticationConfiguration(['enabled: true']), fixed: authenticationConfiguration(['enabled: true', `conditions: ${CONDITIONS}`]) },
        { title: 'Empty conditions', text: authenticationConfiguration(['enabled: true', 'conditions: []']), fixed: authenticationConfiguration(['enabled: true', `conditions: ${CONDITIONS}`]) },
      ],
    },
  },
  check(context) {
    for (const { root } of documentsOf(context.model, ['AuthenticationConfiguration'], ['apiserver.config.k8s.io'])) {
      const enabled = mapPathPair(root, ['anonymous', 'enabled']);
      if (!enabled || yamlBool(enabled.value) !== true) continue;
      const conditions = mapPathPair(root, ['anonymous', 'conditions']);
      if (conditions && !(isSeq(conditions.value) && conditions.value.items.length === 0)) continue;
      const range = pairRange(enabled);
      if (!range) continue;
      const empty = asScalar(conditions?.value);
      const edit = conditions
        ? isSeq(conditions.value) && conditions.value.range
          ? { start: conditions.value.range[0], end: conditions.value.range[1], newText: CONDITIONS }
          : empty && replaceScalar(empty, CONDITIONS, true)
        : setMapPath(context.model.source, root, ['anonymous', 'conditions'], CONDITIONS);
      context.report({
        range,
        message: 'anonymous.enabled: true without conditions: requests without credentials are served as system:anonymous on every path, not just the health checks',
        fixes: edit ? [{ title: 'Limit anonymous requests to /livez, /readyz and /healthz', edits: [edit] }] : [],
      });
    }
  },
};

export default rule;
