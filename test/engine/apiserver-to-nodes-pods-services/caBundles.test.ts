// KCG301, KCG302 and KCG304: skip-verify and missing CA bundles, and every way a caBundle gets filled in after install.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { apiService, CA_BUNDLE, certgenJob, conversionCrd, validatingWebhook, WEBHOOK_SERVICE } from '../../../server/src/engine/rules/apiserver-to-nodes-pods-services/examples';
import { applyEdits } from '../../helpers';

function findings(id: string, text: string) {
  return analyzeText(text).findings.filter((f) => f.ruleId === id);
}

/** A kube-webhook-certgen patch Job as ingress-nginx ships it. */
describe('KCG301 apiservice-insecure-skip-tls-verify', () => {
  it('reads YAML 1.1 booleans as the API server does, and ignores quoted strings the API server would reject', () => {
    assert.equal(findings('KCG301', apiService(['insecureSkipTLSVerify: yes'])).length, 1);
    assert.equal(findings('KCG301', apiService(['insecureSkipTLSVerify: True'])).length, 1);
    assert.equal(findings('KCG301', apiService(['insecureSkipTLSVerify: "true"'])).length, 0);
    assert.equal(findings('KCG301', apiService(['insecureSkipTLSVerify: false'])).length, 0);
  });

  it('ignores a local APIService, which kube-apiserver serves itself', () => {
    const local = ['apiVersion: apiregistration.k8s.io/v1', 'kind: APIService', 'metadata:', '  name: v1beta1.metrics.k8s.io', 'spec:', '  group: metrics.k8s.io', '  version: v1beta1', '  insecureSkipTLSVerify: true', ''].join('\n');
    assert.equal(findings('KCG301', local).length, 0);
  });

  it('offers no fix without a caBundle, and none when the caBundle is an empty placeholder', () => {
    assert.deepEqual(findings('KCG301', apiService(['insecureSkipTLSVerify: true'])).map((f) => f.fixes.length), [0]);
    assert.deepEqual(findings('KCG301', apiService(['insecureSkipTLSVerify: true', 'caBundle: ""'])).map((f) => f.fixes.length), [0]);
  });

  it('removes the line with its comment, keeping CRLF line endings', () => {
    const text = apiService(['insecureSkipTLSVerify: true  # temporary', `caBundle: ${CA_BUNDLE}`]).replace(/\n/g, '\r\n');
    const [finding] = findings('KCG301', text);
    assert.equal(finding.fixes[0].title, 'Remove insecureSkipTLSVerify');
    assert.equal(applyEdits(text, finding.fixes[0].edits), apiService([`caBundle: ${CA_BUNDLE}`]).replace(/\n/g, '\r\n'));
  });

  it('writes false in a flow mapping, where a line cannot be removed', () => {
    const text = ['apiVersion: apiregistration.k8s.io/v1', 'kind: APIService', 'metadata: {name: v1.example.com}', `spec: {service: {name: s, namespace: n}, insecureSkipTLSVerify: true, caBundle: ${CA_BUNDLE}}`, ''].join('\n');
    const [finding] = findings('KCG301', text);
    assert.equal(finding.fixes[0].title, 'Set insecureSkipTLSVerify: false');
    assert.ok(applyEdits(text, finding.fixes[0].edits).includes('insecureSkipTLSVerify: false'));
  });

  it('still reports an explicit true in a Helm template', () => {
    const text = apiService(['insecureSkipTLSVerify: true']).replace('name: metrics-server', 'name: {{ include "metrics-server.fullname" . }}');
    assert.equal(findings('KCG301', text).length, 1);
    assert.equal(findings('KCG302', text).length, 0);
  });
});

describe('KCG302 apiservice-ca-bundle-missing', () => {
  for (const annotation of [
    'cert-manager.io/inject-ca-from: kube-system/metrics-server',
    'cert-manager.io/inject-ca-from-secret: kube-system/metrics-server-tls',
    'cert-manager.io/inject-apiserver-ca: "true"',
    'certmanager.k8s.io/inject-ca-from: kube-system/metrics-server',
    'service.beta.openshift.io/inject-cabundle: "true"',
  ]) {
    it(`treats ${annotation.split(':')[0]} as a caBundle that will be there`, () => {
      assert.equal(findings('KCG302', apiService([], [annotation])).length, 0);
    });
  }

  it('does not count injection annotations that are off or empty', () => {
    assert.equal(findings('KCG302', apiService([], ['service.beta.openshift.io/inject-cabundle: "false"'])).length, 1);
    assert.equal(findings('KCG302', apiService([], ['cert-manager.io/inject-ca-from: ""'])).length, 1);
  });

  it('leaves skip-verify to KCG301 and accepts a caBundle placeholder', () => {
    assert.equal(findings('KCG302', apiService(['insecureSkipTLSVerify: true'])).length, 0);
    assert.equal(findings('KCG302', apiService(['caBundle: ""'])).length, 0);
  });

  it('accepts an APIService a kube-webhook-certgen Job in the same file patches', () => {
    const job = certgenJob(['patch', '--apiservice-name=v1beta1.metrics.k8s.io', '--namespace=kube-system', '--secret-name=metrics-server-tls']);
    assert.equal(findings('KCG302', `${apiService([])}---\n${job}`).length, 0);
    const other = certgenJob(['patch', '--apiservice-name=v1beta1.custom.metrics.k8s.io']);
    assert.equal(findings('KCG302', `${apiService([])}---\n${other}`).length, 1);
  });

  it('points at spec, where the caBundle belongs', () => {
    const [finding] = findings('KCG302', apiService([]));
    assert.equal(finding.range.start.line, 4);
    assert.match(finding.message, /service kube-system\/metrics-server/);
  });
});

describe('KCG304 webhook-ca-bundle-missing', () => {
  const INGRESS_NGINX_PATCH = ['patch', '--webhook-name=policy-webhook', '--namespace=$(POD_NAMESPACE)', '--patch-mutating=false', '--secret-name=policy-webhook', '--patch-failure-policy=Fail'];

  it('accepts the ingress-nginx pattern: a certgen Job patches the validating configuration at run time', () => {
    assert.equal(findings('KCG304', `${validatingWebhook(WEBHOOK_SERVICE)}---\n${certgenJob(INGRESS_NGINX_PATCH)}`).length, 0);
  });

  it('still reports a mutating configuration of that name when the Job says --patch-mutating=false', () => {
    const mutating = validatingWebhook(WEBHOOK_SERVICE).replace('kind: ValidatingWebhookConfiguration', 'kind: MutatingWebhookConfiguration');
    assert.equal(findings('KCG304', `${mutating}---\n${certgenJob(INGRESS_NGINX_PATCH)}`).length, 1);
    assert.equal(findings('KCG304', `${mutating}---\n${certgenJob(['patch', '--webhook-name', 'policy-webhook'])}`).length, 0);
  });

  it('needs the patch subcommand: a certgen create Job writes no caBundle', () => {
    assert.equal(findings('KCG304', `${validatingWebhook(WEBHOOK_SERVICE)}---\n${certgenJob(['create', '--host=policy-webhook', '--secret-name=x'])}`).length, 1);
  });

  it('accepts the cert-manager and OpenShift annotations on the configuration and on a CRD', () => {
    assert.equal(findings('KCG304', validatingWebhook(WEBHOOK_SERVICE, ['cert-manager.io/inject-ca-from-secret: policy-system/webhook-ca'])).length, 0);
    assert.equal(findings('KCG304', validatingWebhook(WEBHOOK_SERVICE, ['service.beta.openshift.io/inject-cabundle: "true"'])).length, 0);
    assert.equal(findings('KCG304', conversionCrd(['service:', '  name: w', '  namespace: n'], ['cert-manager.io/inject-ca-from: n/w'])).length, 0);
  });

  it('treats kubebuilder scaffolds as Kustomize bases', () => {
    const scaffold = ['service:', '  name: webhook-service', '  namespace: system', '  path: /validate-v1-pod'];
    assert.equal(findings('KCG304', validatingWebhook(scaffold, [], 'validating-webhook-configuration')).length, 0);
    assert.equal(findings('KCG304', conversionCrd(['service:', '  name: webhook-service', '  namespace: system', '  path: /convert'])).length, 0);
  });

  it('reads v1beta1 CRDs, whose conversion config is webhookClientConfig, and only with strategy Webhook', () => {
    const v1beta1 = (strategy: string) =>
      ['apiVersion: apiextensions.k8s.io/v1beta1', 'kind: CustomResourceDefinition', 'metadata:', '  name: widgets.example.com', 'spec:', '  conversion:', `    strategy: ${strategy}`, '    webhookClientConfig:', '      service:', '        name: w', '        namespace: n', ''].join('\n');
    const [finding] = findings('KCG304', v1beta1('Webhook'));
    assert.match(finding.message, /spec\.conversion\.webhookClientConfig/);
    assert.equal(findings('KCG304', v1beta1('None')).length, 0);
  });

  it('reports each webhook of a configuration on its own clientConfig key', () => {
    const text = validatingWebhook(WEBHOOK_SERVICE) + ['- name: second.policy.example.com', '  clientConfig:', '    url: https://policy.example.com/second', ''].join('\n');
    const found = findings('KCG304', text);
    assert.deepEqual(found.map((f) => f.range.start.line), [9, 20]);
    assert.match(found[1].message, /policy\.example\.com that a CA in its host's system roots issued/);
  });

  it('says nothing about Helm templates', () => {
    const text = validatingWebhook(WEBHOOK_SERVICE).replace('metadata:\n  name: policy-webhook', 'metadata:\n  name: {{ .Release.Name }}');
    assert.ok(text.includes('{{'));
    assert.equal(findings('KCG304', text).length, 0);
  });

  it('ignores objects of other API groups that happen to share a kind name', () => {
    const text = validatingWebhook(WEBHOOK_SERVICE).replace('admissionregistration.k8s.io/v1', 'example.com/v1');
    assert.equal(findings('KCG304', text).length, 0);
  });
});
