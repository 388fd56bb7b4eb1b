// KCG312: kube-apiserver has no front-proxy client certificate, so aggregated API servers cannot authenticate the calls it forwards.
import { flagFormats } from '../../docs/formats';
import type { OffsetEdit } from '../../fix/yamlEdits';
import { mapPathPair } from '../../parse/yamlNodes';
import { apiserverPod } from '../examples';
import { componentsOf } from '../templates/flags';
import { isSet } from '../templates/values';
import type { Rule } from '../types';
import { apiService, CA_BUNDLE, FRONT_PROXY } from './examples';
import { documentsOf } from '../templates/documents';
import { someDocument } from '../fileFacts';

const PAIR = [
  { flag: 'proxy-client-cert-file', path: '/etc/kubernetes/pki/front-proxy-client.crt' },
  { flag: 'proxy-client-key-file', path: '/etc/kubernetes/pki/front-proxy-client.key' },
];

/** Inserts made at one place come out in reverse order when applied one by one; one edit keeps them in order. */
function merge(edits: OffsetEdit[]): OffsetEdit[] {
  const [first, ...rest] = edits;
  if (!first || rest.some((e) => e.start !== first.start || e.end !== first.start || first.end !== first.start)) return edits;
  return [{ start: first.start, end: first.end, newText: edits.map((e) => e.newText).join('') }];
}

/** Some APIService of the file is served by a Service: the aggregator calls it with its proxy client certificate. */
const SERVES_API_SERVICES = someDocument('serves-apiservices', (context) =>
  documentsOf(context.model, ['APIService'], ['apiregistration.k8s.io']).some((o) => mapPathPair(o.root, ['spec', 'service']) !== undefined),
);

const rule: Rule = {
  meta: {
    id: 'KCG312',
    name: 'apiserver-proxy-client-certificate-missing',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'info',
    summary: 'kube-apiserver has no `--proxy-client-cert-file`/`--proxy-client-key-file` although it uses request-header authentication or serves APIServices, so the aggregator calls aggregated API servers without a client certificate.',
    rationale: [
      'When the aggregation layer forwards a request to an aggregated API server (metrics-server, prometheus-adapter, any APIService with `spec.service`), it presents the front-proxy client certificate from `--proxy-client-cert-file` and names the user in `X-Remote-User` headers. The aggregated server believes those headers only from a certificate that chains to the request-header CA. Without the certificate it cannot tell the API server from any other caller: the forwarded user is lost, requests arrive anonymous and are refused, and the API group stops working, which tempts operators to allow anonymous access or skip authorization in the aggregated server.',
      '',
      'Severity is info: the channel fails closed, and the damage comes from the workarounds. The rule looks at kube-apiserver only when the file shows that aggregation is meant: `--requestheader-client-ca-file` is set, or the file also holds an APIService backed by a service. Partial files (Helm templates) draw no finding.',
    ].join('\n'),
    remediation: 'Give kube-apiserver a client certificate signed by the request-header CA, with a common name listed in `--requestheader-allowed-names`. The quick fix adds kubeadm\'s `--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt` and `--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key` (when one of the two is already set elsewhere than kubeadm\'s path, there is no fix).',
    formats: [...flagFormats('kube-apiserver'), 'APIService'],
    references: [
      { title: 'Configure the aggregation layer: kube-apiserver flags', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/#enable-kubernetes-apiserver-flags' },
      { title: 'kubeadm PKI certificates and requirements', url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' },
    ],
    examples: {
      valid: [
        { title: 'kubeadm\'s front-proxy flags', text: apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, FRONT_PROXY.cert, FRONT_PROXY.key]) },
        { title: 'No aggregation in sight', text: apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
      ],
      invalid: [
        {
          title: 'A request-header CA without the proxy certificate',
          text: apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names]),
          fixed: apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, FRONT_PROXY.cert, FRONT_PROXY.key]),
        },
        {
          title: 'An API server shipped with an APIService',
          text: `${apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt'])}---\n${apiService([`caBundle: ${CA_BUNDLE}`])}`,
          fixed: `${apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt', FRONT_PROXY.cert, FRONT_PROXY.key])}---\n${apiService([`caBundle: ${CA_BUNDLE}`])}`,
        },
      ],
    },
  },
  facts: [SERVES_API_SERVICES],
  check(context) {
    const { source } = context.model;
    const servesApiServices = context.fact(SERVES_API_SERVICES);
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const occurrences = PAIR.map((p) => c.flags.last(p.flag));
      if (occurrences.every((o) => o && isSet(o.value))) continue;
      const ca = c.flags.last('requestheader-client-ca-file');
      if (!servesApiServices && !(ca && isSet(ca.value))) continue;
      if (c.partial && occurrences.some((o) => !o)) continue;
      const missing = PAIR.filter((_, i) => !isSet(occurrences[i]?.value));
      const written = missing.map((p) => c.flags.last(p.flag)).find((o) => o && o.form !== 'implied');
      const range = written?.range ?? c.carrier.homeRange();
      if (!range) continue;
      // A certificate set elsewhere than kubeadm's path needs its own key: only the user knows where it is.
      const foreign = PAIR.some((p, i) => isSet(occurrences[i]?.value) && occurrences[i]?.value !== p.path);
      const edits: OffsetEdit[] = [];
      for (const p of foreign ? [] : missing) {
        const empty = c.flags.last(p.flag);
        const edit = empty && empty.form !== 'implied' ? c.carrier.setFlag(source, empty, p.path) : c.carrier.addFlag(source, p.flag, p.path);
        if (!edit) {
          edits.length = 0;
          break;
        }
        edits.push(...edit);
      }
      const spelled = missing.map((p) => c.carrier.spell(p.flag)).join(' and ');
      const why = ca && isSet(ca.value) ? `it trusts request headers from ${c.carrier.spell('requestheader-client-ca-file')}` : 'this file registers APIServices';
      context.report({
        range,
        message: `kube-apiserver has no ${spelled} although ${why}: the aggregator calls aggregated API servers without a client certificate, so they cannot trust the user it forwards and refuse the calls`,
        fixes: edits.length > 0 ? [{ title: `${written ? 'Set' : 'Add'} ${missing.map((p) => c.carrier.spellSetting(p.flag, p.path)).join(' and ')}`, edits: merge(edits) }] : [],
      });
    }
  },
};

export default rule;
