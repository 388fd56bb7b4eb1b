// KCG121: a kubeconfig reaches the API server over plain HTTP.
import { mapPair, scalarText } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { CA_DATA, CLIENT_CERT, kubeconfig, SERVER } from './examples';
import { kubeconfigClusters } from './kubeconfigs';

const rule: Rule = {
  meta: {
    id: 'KCG121',
    name: 'kubeconfig-http-server',
    channel: 'node-to-apiserver',
    severity: 'error',
    summary: 'A kubeconfig cluster\'s `server` is an `http://` URL, so its clients talk to the API server in clear text.',
    rationale: [
      'A kubeconfig whose `server` starts with `http://` sends every request, and every bearer token or password in it, in clear text, and accepts any answer: anyone on the path reads the credentials and can forge API responses. Such URLs usually point at the API server\'s old insecure port (8080), which also skipped authentication and authorization and was removed in Kubernetes 1.20, or at a local proxy.',
    ].join('\n'),
    remediation: 'Point `server` at the API server\'s HTTPS endpoint (`https://<host>:6443`) and give the cluster its CA. There is no quick fix: the HTTPS host and port are yours to choose.',
    formats: ['kubeconfig'],
    references: [
      { title: 'Organizing cluster access using kubeconfig files', url: 'https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/' },
      { title: 'Controlling access: API server ports', url: 'https://kubernetes.io/docs/concepts/security/controlling-access/#api-server-ports-and-ips' },
    ],
    examples: {
      valid: [{ title: 'HTTPS', text: kubeconfig([SERVER, CA_DATA], CLIENT_CERT) }],
      invalid: [{ title: 'The old insecure port', text: kubeconfig(['server: http://10.0.0.10:8080'], CLIENT_CERT) }],
    },
  },
  check(context) {
    for (const cluster of kubeconfigClusters(context)) {
      const pair = mapPair(cluster.body, 'server');
      const url = scalarText(pair?.value);
      if (!pair || !url || !/^http:\/\//i.test(url.trim())) continue;
      const range = pairRange(pair);
      if (!range) continue;
      context.report({
        range,
        message: `kubeconfig cluster ${cluster.name} uses server: ${url}: requests and the credentials in them travel in clear text, and any answer is accepted`,
      });
    }
  },
};

export default rule;
