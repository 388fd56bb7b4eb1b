// KCG301: an APIService tells the aggregator not to verify the extension API server's certificate.
import { replaceScalar } from '../../fix/yamlEdits';
import { asMap, asScalar, mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { FixSpec, Rule } from '../types';
import { removePairLine } from './edits';
import { documentsOf, yamlBool } from '../templates/documents';
import { apiService, CA_BUNDLE } from './examples';
import { caInjector, describe, nonEmptyScalar } from './objects';

const rule: Rule = {
  meta: {
    id: 'KCG301',
    name: 'apiservice-insecure-skip-tls-verify',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'error',
    summary: 'An APIService sets `insecureSkipTLSVerify: true`, so the API server does not verify the certificate of the aggregated API server it proxies to.',
    rationale: [
      'The aggregation layer proxies every request for the APIService\'s group (for example `metrics.k8s.io`, which the HorizontalPodAutoscaler and `kubectl top` read) to the service named in `spec.service`. With `insecureSkipTLSVerify: true` the API server accepts whatever certificate answers there. Anyone who can intercept or redirect that traffic (a compromised node on the path, a hijacked service endpoint or DNS answer) can read the forwarded requests, with the calling user\'s identity in the `X-Remote-User` headers, and return forged responses: fake metrics to drive autoscaling, or fake objects for any custom API.',
      '',
      'The Kubernetes API reference calls the field "strongly discouraged". It is common in quick-start manifests (metrics-server, prometheus-adapter, kube-prometheus) because the extension server signs its own certificate at start. The API server also rejects `insecureSkipTLSVerify: true` next to a non-empty `caBundle` ("may not be true if caBundle is present"), so a caBundle that cert-manager injects never lands while the field is set. An APIService without `spec.service` is served by kube-apiserver itself, so the field does nothing there (current API servers reject it) and is not reported. No established scanner checks this field; Kubescape C-0089 only looks at APIServices on versions affected by CVE-2022-3172.',
    ].join('\n'),
    remediation: [
      'Give the extension API server a certificate signed by a CA you control (cert-manager, or the `--tls-cert-file` flags of metrics-server), put that CA in `spec.caBundle` (base64 PEM), or let cert-manager inject it with the `cert-manager.io/inject-ca-from` annotation, and remove `insecureSkipTLSVerify`.',
      '',
      'The quick fix is offered only when `spec.caBundle` is already there, or a cert-manager or OpenShift annotation injects it: it removes the `insecureSkipTLSVerify` line, since `false` is the default and a removed line cannot be flipped back by accident (in a flow mapping it writes `false` instead). Without a `caBundle` there is no fix: only you know the CA that signs the extension server.',
    ].join('\n'),
    formats: ['APIService'],
    references: [
      { title: 'APIService v1 API reference (insecureSkipTLSVerify, caBundle)', url: 'https://kubernetes.io/docs/reference/kubernetes-api/cluster-resources/api-service-v1/' },
      { title: 'Configure the aggregation layer: authentication flow', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/' },
    ],
    examples: {
      valid: [
        { title: 'The CA of the extension server is pinned', text: apiService([`caBundle: ${CA_BUNDLE}`]) },
        { title: 'Verification explicitly on, CA injected by cert-manager', text: apiService(['insecureSkipTLSVerify: false'], ['cert-manager.io/inject-ca-from: kube-system/metrics-server']) },
      ],
      invalid: [
        { title: 'The metrics-server quick-start APIService', text: apiService(['insecureSkipTLSVerify: true']) },
        {
          title: 'Skip-verify left next to a caBundle',
          text: apiService(['insecureSkipTLSVerify: true', `caBundle: ${CA_BUNDLE}`]),
          fixed: apiService([`caBundle: ${CA_BUNDLE}`]),
        },
        {
          title: 'Skip-verify left on while cert-manager injects the CA',
          text: apiService(['insecureSkipTLSVerify: true'], ['cert-manager.io/inject-ca-from: kube-system/metrics-server']),
          fixed: apiService([], ['cert-manager.io/inject-ca-from: kube-system/metrics-server']),
        },
      ],
    },
  },
  check(context) {
    const { source } = context.model;
    for (const object of documentsOf(context.model, ['APIService'], ['apiregistration.k8s.io'])) {
      const spec = asMap(mapPathPair(object.root, ['spec'])?.value);
      const pair = mapPathPair(spec, ['insecureSkipTLSVerify']);
      if (!spec || !pair || !yamlBool(pair.value) === true) continue;
      const range = pairRange(pair);
      if (!range) continue;
      // A local APIService (no spec.service) is served inside kube-apiserver: there is no connection to verify.
      const service = mapValue(spec, 'service');
      if (!service) continue;
      const name = describe(object);
      const target = `service ${scalarText(mapValue(service, 'namespace')) ?? '?'}/${scalarText(mapValue(service, 'name')) ?? '?'}`;
      const fixes: FixSpec[] = [];
      let message = `${name} sets insecureSkipTLSVerify: true: the API server does not verify the certificate of ${target}, so anyone who can intercept that traffic can read the requests it forwards and answer with forged ${scalarText(mapValue(spec, 'group')) ?? 'API'} responses`;
      const injector = caInjector(object.root);
      if (nonEmptyScalar(spec, 'caBundle') || injector) {
        message = injector
          ? `${name} sets insecureSkipTLSVerify: true although its annotation ${injector} injects a caBundle: the API server refuses that caBundle next to it ("may not be true if caBundle is present"), so ${target} stays unverified`
          : `${name} sets insecureSkipTLSVerify: true next to a caBundle: the API server rejects it ("may not be true if caBundle is present"), and without the caBundle ${target} would go unverified`;
        const removal = removePairLine(source, spec, pair);
        const scalar = asScalar(pair.value);
        const replacement = scalar && replaceScalar(scalar, 'false', true);
        if (removal) fixes.push({ title: 'Remove insecureSkipTLSVerify', edits: [removal] });
        else if (replacement) fixes.push({ title: 'Set insecureSkipTLSVerify: false', edits: [replacement] });
      }
      context.report({ range, message, fixes });
    }
  },
};

export default rule;
