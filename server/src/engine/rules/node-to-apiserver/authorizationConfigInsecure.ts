// KCG127: an AuthorizationConfiguration allows everything or lacks the Node and RBAC authorizers.
import { keyRange, mapPair, scalarText } from '../../parse/yamlNodes';
import { mapsAt, pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { documentsOf } from '../templates/documents';

function authorizationConfiguration(types: readonly string[]): string {
  return [
    'apiVersion: apiserver.config.k8s.io/v1',
    'kind: AuthorizationConfiguration',
    'authorizers:',
    ...types.flatMap((t) => [`- type: ${t}`, `  name: ${t.toLowerCase()}`]),
    '',
  ].join('\n');
}

const rule: Rule = {
  meta: {
    id: 'KCG127',
    name: 'authorization-config-insecure',
    channel: 'node-to-apiserver',
    severity: 'error',
    summary: 'An AuthorizationConfiguration has an `AlwaysAllow` authorizer, or lacks the `Node` or `RBAC` authorizer.',
    rationale: [
      'The `--authorization-config` file (GA in 1.32) replaces `--authorization-mode` with an ordered chain of authorizers. The same rules apply as for the flag (KCG104 to KCG106): `Node` and `RBAC` never deny, so an `AlwaysAllow` authorizer anywhere allows every authenticated request and makes any node or service-account credential cluster-admin; without `Node`, kubelets are not limited to their own node\'s objects; without `RBAC`, Roles and RoleBindings have no effect.',
      '',
      'The severity is an error because of `AlwaysAllow`; a missing `Node` or `RBAC` authorizer is reported under the same id. Other scanners read only `--authorization-mode`, so they report "Node/RBAC missing" on every API server that uses this file and never look inside it.',
    ].join('\n'),
    remediation: 'Use `authorizers: [{type: Node, name: node}, {type: RBAC, name: rbac}]`, followed by any webhooks, and no `AlwaysAllow`. There is no quick fix: the order of a custom chain is yours to decide.',
    formats: ['AuthorizationConfiguration'],
    references: [
      { title: 'Configuring the API server using an authorization config file', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#using-configuration-file-for-authorization' },
    ],
    examples: {
      valid: [{ title: 'Node then RBAC', text: authorizationConfiguration(['Node', 'RBAC']) }],
      invalid: [
        { title: 'AlwaysAllow at the end', text: authorizationConfiguration(['Node', 'RBAC', 'AlwaysAllow']) },
        { title: 'No Node authorizer', text: authorizationConfiguration(['RBAC']) },
      ],
    },
  },
  check(context) {
    for (const { root, partial } of documentsOf(context.model, ['AuthorizationConfiguration'], ['apiserver.config.k8s.io'])) {
      const list = mapPair(root, 'authorizers');
      const authorizers = mapsAt(root, ['authorizers']);
      for (const a of authorizers) {
        const type = mapPair(a, 'type');
        if (scalarText(type?.value) !== 'AlwaysAllow' || !type) continue;
        const range = pairRange(type);
        if (range) context.report({ range, message: 'The AlwaysAllow authorizer allows every request the authorizers before it do not decide: Node and RBAC never deny, so any node or service-account credential is cluster-admin' });
      }
      if (partial || !list) continue;
      const types = authorizers.map((a) => scalarText(mapPair(a, 'type')?.value));
      const missing = (['Node', 'RBAC'] as const).filter((t) => !types.includes(t));
      const range = keyRange(list);
      if (missing.length === 0 || !range) continue;
      const consequences = missing.map((t) => (t === 'Node' ? 'kubelets are not limited to their own node\'s objects' : 'Roles and RoleBindings have no effect'));
      context.report({ range, message: `authorizers has no ${missing.join(' or ')} authorizer: ${consequences.join(', and ')}` });
    }
  },
};

export default rule;
