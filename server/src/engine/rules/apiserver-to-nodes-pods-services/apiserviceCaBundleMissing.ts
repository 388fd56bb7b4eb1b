// KCG302: an APIService served by a service has no caBundle, so the aggregator cannot verify the extension API server.
import { asMap, mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';
import { reportMissingField } from '../templates/fields';
import type { Rule } from '../types';
import { documentsOf, yamlBool } from '../templates/documents';
import { apiService, CA_BUNDLE, certgenJob } from './examples';
import { caInjector, CERTGEN_TARGETS, describe, fieldWritten, fileIsPartial } from './objects';

const rule: Rule = {
  meta: {
    id: 'KCG302',
    name: 'apiservice-ca-bundle-missing',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'warning',
    summary: 'An APIService that points at a service has no `spec.caBundle`, so the API server has no CA to verify the aggregated API server with.',
    rationale: [
      'Without `caBundle` the aggregator checks the extension API server\'s certificate against the system trust roots of the control-plane host. Those roots almost never signed a certificate for `<service>.<namespace>.svc`, so the APIService reports `FailedDiscoveryCheck`, its API group disappears from discovery, and the fix people reach for is `insecureSkipTLSVerify: true` (KCG301), which turns verification off for good. If a private CA does sit in the host\'s trust store, every certificate it ever issued is accepted for the service.',
      '',
      'A caBundle that an injector writes after install counts as present: the cert-manager annotations `cert-manager.io/inject-ca-from`, `cert-manager.io/inject-ca-from-secret` and `cert-manager.io/inject-apiserver-ca`, OpenShift\'s `service.beta.openshift.io/inject-cabundle: "true"`, a kube-webhook-certgen `patch --apiservice-name=<name>` Job in the same file, or an explicit (even empty) `caBundle:` placeholder. An APIService without `spec.service` is served by kube-apiserver itself and needs no CA. Helm templates draw no finding.',
    ].join('\n'),
    remediation: 'Set `spec.caBundle` to the base64 PEM of the CA that signs the extension server\'s serving certificate, or add `cert-manager.io/inject-ca-from: <namespace>/<certificate>` and let cert-manager fill it in. There is no quick fix: only you know that CA.',
    formats: ['APIService'],
    references: [
      { title: 'APIService v1 API reference (caBundle)', url: 'https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/api-service-v1/' },
      { title: 'cert-manager CA injector', url: 'https://cert-manager.io/docs/concepts/ca-injector/' },
    ],
    examples: {
      valid: [
        { title: 'The CA is pinned', text: apiService([`caBundle: ${CA_BUNDLE}`]) },
        { title: 'cert-manager injects the CA', text: apiService([], ['cert-manager.io/inject-ca-from: kube-system/metrics-server-tls']) },
        { title: 'OpenShift injects the service CA', text: apiService([], ['service.beta.openshift.io/inject-cabundle: "true"']) },
        {
          title: 'A kube-webhook-certgen Job in the file patches the CA in',
          text: `${apiService([])}---\n${certgenJob(['patch', '--apiservice-name=v1beta1.metrics.k8s.io', '--namespace=kube-system', '--secret-name=metrics-server-tls'])}`,
        },
        {
          title: 'A local APIService served by kube-apiserver',
          text: ['apiVersion: apiregistration.k8s.io/v1', 'kind: APIService', 'metadata:', '  name: v1.apps', 'spec:', '  group: apps', '  version: v1', '  groupPriorityMinimum: 17800', '  versionPriority: 15', ''].join('\n'),
        },
      ],
      invalid: [{ title: 'A service-backed APIService without a CA', text: apiService([]) }],
    },
  },
  facts: [CERTGEN_TARGETS],
  check(context) {
    if (fileIsPartial(context.model)) return;
    const patched = context.fact(CERTGEN_TARGETS).apiServices;
    for (const object of documentsOf(context.model, ['APIService'], ['apiregistration.k8s.io'])) {
      const spec = asMap(mapPathPair(object.root, ['spec'])?.value);
      const service = asMap(mapValue(spec, 'service'));
      if (!spec || !service) continue;
      // Skip-verify is KCG301's finding; a caBundle written, injected or patched in at run time is there.
      if (yamlBool(mapValue(spec, 'insecureSkipTLSVerify')) === true || fieldWritten(spec, 'caBundle')) continue;
      if (caInjector(object.root) || (object.name !== undefined && patched.has(object.name))) continue;
      const target = `${scalarText(mapValue(service, 'namespace')) ?? '?'}/${scalarText(mapValue(service, 'name')) ?? '?'}`;
      reportMissingField(
        context,
        object.root,
        ['spec', 'caBundle'],
        `${describe(object)} has no spec.caBundle: the API server can verify service ${target} only against its host's system trust roots, so the API stays unavailable or gets switched to insecureSkipTLSVerify`,
      );
    }
  },
};

export default rule;
