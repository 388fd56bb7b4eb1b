// KCG123: a kubeconfig user authenticates with a static token or password.
import { mapPair, scalarText } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { CA_DATA, CLIENT_CERT, kubeconfig, SERVER } from './examples';
import { kubeconfigUsers } from './kubeconfigs';

const FIELDS = ['token', 'tokenFile', 'password', 'username'] as const;

/** Where Kubernetes mounts service-account tokens; projected ones there are short-lived and refreshed by the kubelet. */
const MOUNTED_TOKENS = /^\/var\/run\/secrets\//;

const rule: Rule = {
  meta: {
    id: 'KCG123',
    name: 'kubeconfig-static-credentials',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'A kubeconfig user authenticates with a static bearer token or a user name and password (`token`, `tokenFile`, `username`, `password`).',
    rationale: [
      'A token or password written into a kubeconfig is a long-lived secret in a file that gets copied to laptops, CI systems and backups. Static tokens (from `--token-auth-file`, legacy service-account Secrets, bootstrap tokens) do not expire and are not tied to a machine, so a copied kubeconfig keeps working for whoever holds it. User names and passwords are HTTP basic authentication, which Kubernetes 1.19 removed from the API server: such an entry is either dead or aimed at something else.',
      '',
      'Client certificates (`client-certificate`, rotated by the kubelet), `exec` credential plugins and OIDC `auth-provider`s are not reported. A `tokenFile` under `/var/run/secrets/` is not reported either: that is where Kubernetes mounts service-account tokens, and projected ones there expire and are refreshed by the kubelet.',
    ].join('\n'),
    remediation: 'Use client certificates with rotation for components, an `exec` plugin or OIDC for people, and bound service-account tokens (TokenRequest, projected volumes) for workloads. There is no quick fix.',
    formats: ['kubeconfig'],
    references: [
      { title: 'Authenticating: authentication strategies', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#authentication-strategies' },
      { title: 'kubeconfig (v1) reference: AuthInfo', url: 'https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#AuthInfo' },
      { title: 'CIS Kubernetes Benchmark 3.1.1', cis: '3.1.1' },
    ],
    examples: {
      valid: [
        { title: 'Client certificate', text: kubeconfig([SERVER, CA_DATA], CLIENT_CERT) },
        { title: 'Projected service-account token', text: kubeconfig([SERVER, CA_DATA], ['tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token']) },
      ],
      invalid: [
        { title: 'Static token', text: kubeconfig([SERVER, CA_DATA], ['token: 0123456789abcdef0123456789abcdef']) },
        { title: 'Basic authentication', text: kubeconfig([SERVER, CA_DATA], ['username: admin', 'password: secret']) },
      ],
    },
  },
  check(context) {
    for (const user of kubeconfigUsers(context)) {
      const present = FIELDS.filter((field) => {
        const value = scalarText(mapPair(user.body, field)?.value);
        if (value === undefined || value.trim() === '') return false;
        return !(field === 'tokenFile' && MOUNTED_TOKENS.test(value.trim()));
      });
      const first = present.map((field) => mapPair(user.body, field)).find((p) => p !== undefined);
      const range = first && pairRange(first);
      if (!range) continue;
      const basic = present.includes('password') || present.includes('username');
      const what = basic ? 'a user name and password (HTTP basic authentication, removed from the API server in 1.19)' : 'a static bearer token that does not expire';
      context.report({
        range,
        message: `kubeconfig user ${user.name} authenticates with ${what} (${present.join(', ')}): whoever copies the file keeps its access`,
      });
    }
  },
};

export default rule;
