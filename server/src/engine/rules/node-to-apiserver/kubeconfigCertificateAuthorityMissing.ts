// KCG122: a kubeconfig does not say which CA signs the API server's certificate.
import { mapPair, scalarText } from '../../parse/yamlNodes';
import { nearestPresentKey } from '../templates/fields';
import { isSet } from '../templates/values';
import type { Rule } from '../types';
import { CA_DATA, CLIENT_CERT, kubeconfig, SERVER } from './examples';
import { yamlBool } from '../templates/documents';
import { kubeconfigClusters } from './kubeconfigs';

const rule: Rule = {
  meta: {
    id: 'KCG122',
    name: 'kubeconfig-certificate-authority-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'A kubeconfig cluster has neither `certificate-authority` nor `certificate-authority-data`, so its clients trust every public CA for the API server.',
    rationale: [
      'Without a cluster CA, client-go verifies the API server against the host\'s system trust store. Cluster API servers present certificates from the cluster\'s own CA, so either the connection fails and users reach for `insecure-skip-tls-verify` (KCG120), or the endpoint uses a public certificate and any of the hundreds of public CAs, or a corporate TLS-inspection CA installed on the machine, can issue a certificate that impersonates the API server.',
      '',
      'Entries that skip verification or use `http://` are reported by KCG120 and KCG121 instead.',
    ].join('\n'),
    remediation: 'Embed the cluster CA with `certificate-authority-data` (base64 PEM), as kubeadm does, or point `certificate-authority` at the CA file. There is no quick fix: only you know the CA.',
    formats: ['kubeconfig'],
    references: [
      { title: 'kubeconfig (v1) reference: Cluster', url: 'https://kubernetes.io/docs/reference/config-api/kubeconfig.v1/#Cluster' },
    ],
    examples: {
      valid: [
        { title: 'Embedded CA', text: kubeconfig([SERVER, CA_DATA], CLIENT_CERT) },
        { title: 'CA file', text: kubeconfig([SERVER, 'certificate-authority: /etc/kubernetes/pki/ca.crt'], CLIENT_CERT) },
      ],
      invalid: [{ title: 'No CA', text: kubeconfig([SERVER], CLIENT_CERT) }],
    },
  },
  check(context) {
    for (const cluster of kubeconfigClusters(context)) {
      if (cluster.file.partial) continue;
      const body = cluster.body;
      if (isSet(scalarText(mapPair(body, 'certificate-authority')?.value)) || isSet(scalarText(mapPair(body, 'certificate-authority-data')?.value))) continue;
      if (yamlBool(mapPair(body, 'insecure-skip-tls-verify')?.value) === true) continue;
      const server = scalarText(mapPair(body, 'server')?.value);
      if (server !== undefined && /^http:\/\//i.test(server.trim())) continue;
      const range = nearestPresentKey(cluster.item, ['cluster', 'certificate-authority-data']);
      if (!range) continue;
      context.report({
        range,
        message: `kubeconfig cluster ${cluster.name} has no certificate-authority or certificate-authority-data: its clients verify the API server against every CA the host trusts`,
      });
    }
  },
};

export default rule;
