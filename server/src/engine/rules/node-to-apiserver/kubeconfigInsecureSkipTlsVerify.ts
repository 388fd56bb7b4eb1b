// KCG120: a kubeconfig does not verify the API server's certificate.
import { removePair } from '../../fix/yamlEdits';
import { mapPair } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { CA_DATA, CLIENT_CERT, kubeconfig, SERVER } from './examples';
import { yamlBool } from '../templates/documents';
import { kubeconfigClusters } from './kubeconfigs';

const rule: Rule = {
  meta: {
    id: 'KCG120',
    name: 'kubeconfig-insecure-skip-tls-verify',
    channel: 'node-to-apiserver',
    severity: 'error',
    summary: 'A kubeconfig cluster has `insecure-skip-tls-verify: true`, so its clients do not verify the API server\'s certificate.',
    rationale: [
      'Kubeconfigs are how kubelets (`kubelet.conf`, `bootstrap-kubelet.conf`), the controller manager, the scheduler, webhooks and people reach the API server. With `insecure-skip-tls-verify: true` the client accepts any certificate, so anyone who can intercept the connection (ARP or DNS spoofing, a rogue load balancer, a compromised node on the path) can pose as the API server: they receive the client\'s bearer token or other credentials, and can feed it forged objects (for a kubelet: pods to run, Secrets to mount).',
      '',
      'client-go does not accept a CA together with this setting, so when the cluster entry also has `certificate-authority` or `certificate-authority-data` the line is both insecure and in the way. No other scanner checks kubeconfig files.',
    ].join('\n'),
    remediation: 'Remove `insecure-skip-tls-verify` and give the cluster its CA with `certificate-authority-data` (or `certificate-authority`). When the entry already has a CA, the quick fix removes the line; otherwise there is no quick fix, since only you know the CA.',
    formats: ['kubeconfig'],
    references: [
      { title: 'Organizing cluster access using kubeconfig files', url: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/' },
      { title: 'kubeconfig (v1) reference: Cluster', url: 'https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#Cluster' },
    ],
    examples: {
      valid: [
        { title: 'Cluster CA', text: kubeconfig([SERVER, CA_DATA], CLIENT_CERT) },
        { title: 'Explicit false', text: kubeconfig([SERVER, CA_DATA, 'insecure-skip-tls-verify: false'], CLIENT_CERT) },
      ],
      invalid: [
        { title: 'Skip verification with a CA present', text: kubeconfig([SERVER, 'insecure-skip-tls-verify: true', CA_DATA], CLIENT_CERT), fixed: kubeconfig([SERVER, CA_DATA], CLIENT_CERT) },
        { title: 'Skip verification without a CA', text: kubeconfig([SERVER, 'insecure-skip-tls-verify: true'], CLIENT_CERT) },
      ],
    },
  },
  check(context) {
    for (const cluster of kubeconfigClusters(context)) {
      const pair = mapPair(cluster.body, 'insecure-skip-tls-verify');
      if (!pair || yamlBool(pair.value) !== true) continue;
      const range = pairRange(pair);
      if (!range) continue;
      const hasCA = mapPair(cluster.body, 'certificate-authority') !== undefined || mapPair(cluster.body, 'certificate-authority-data') !== undefined;
      const edit = hasCA && !cluster.body.flow ? removePair(context.model.source, pair) : undefined;
      context.report({
        range,
        message: `kubeconfig cluster ${cluster.name} has insecure-skip-tls-verify: true: its clients accept any certificate, so whoever intercepts the connection can pose as the API server and collect their credentials`,
        fixes: edit ? [{ title: 'Remove insecure-skip-tls-verify and use the cluster CA', edits: [edit] }] : [],
      });
    }
  },
};

export default rule;
