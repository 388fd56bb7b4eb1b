// KCG303 webhook URLs as Go's url.Parse reads them, and KCG306 nodes/proxy grants as RBAC matches them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { CA_BUNDLE, clusterRole, conversionCrd, validatingWebhook } from '../../../server/src/engine/rules/apiserver-to-nodes-pods-services/examples';

function findings(id: string, text: string) {
  return analyzeText(text).findings.filter((f) => f.ruleId === id);
}

describe('KCG303 webhook-http-url', () => {
  const url = (u: string) => validatingWebhook([`url: ${u}`, `caBundle: ${CA_BUNDLE}`]);

  it('lowercases the scheme, as url.Parse does', () => {
    assert.equal(findings('KCG303', url('HTTP://policy.example.com/validate')).length, 1);
    assert.equal(findings('KCG303', url('https://policy.example.com/validate')).length, 0);
  });

  it('finds user information anywhere in the authority, and reports http plus credentials once', () => {
    assert.equal(findings('KCG303', url('https://token@policy.example.com:8443/validate')).length, 1);
    const both = findings('KCG303', url('http://admin:pw@policy.example.com/validate'));
    assert.equal(both.length, 1);
    assert.match(both[0].message, /plain http.*user information/);
    // An @ in the path is not user information.
    assert.equal(findings('KCG303', url('https://policy.example.com/validate/@team')).length, 0);
  });

  it('checks apiextensions.k8s.io/v1beta1 conversion webhooks too', () => {
    const text = ['apiVersion: apiextensions.k8s.io/v1beta1', 'kind: CustomResourceDefinition', 'metadata:', '  name: widgets.example.com', 'spec:', '  conversion:', '    strategy: Webhook', '    webhookClientConfig:', '      url: http://convert.example.com/', ''].join('\n');
    const [finding] = findings('KCG303', text);
    assert.match(finding.message, /ConversionReviews/);
  });

  it('ignores a conversion URL when the strategy is not Webhook', () => {
    assert.equal(findings('KCG303', conversionCrd(['url: http://x.example.com/convert']).replace('strategy: Webhook', 'strategy: None')).length, 0);
  });
});

describe('KCG306 rbac-nodes-proxy-granted', () => {
  const rule = (groups: string, resources: string, verbs: string) => clusterRole('r', [`- apiGroups: ${groups}`, `  resources: ${resources}`, `  verbs: ${verbs}`]);

  it('matches nodes/proxy, */proxy and * as RBAC does, and not nodes/*', () => {
    assert.equal(findings('KCG306', rule('[""]', '["nodes/proxy"]', '["create"]')).length, 1);
    assert.equal(findings('KCG306', rule('[""]', '["*/proxy"]', '["get"]')).length, 1);
    assert.equal(findings('KCG306', rule('["*"]', '["*/proxy"]', '["get"]')).length, 1);
    assert.equal(findings('KCG306', rule('[""]', '["*"]', '["*"]')).length, 1);
    // Every resource of every group is a cluster-admin grant: a wider problem than this rule's.
    assert.equal(findings('KCG306', rule('["*"]', '["*"]', '["*"]')).length, 0);
    assert.equal(findings('KCG306', rule('[""]', '["nodes/*"]', '["get"]')).length, 0);
    assert.equal(findings('KCG306', rule('[""]', '["nodes"]', '["get", "list"]')).length, 0);
  });

  it('needs a verb the kubelet maps a request to: get, create or *', () => {
    assert.equal(findings('KCG306', rule('[""]', '["nodes/proxy"]', '["list", "watch"]')).length, 0);
    assert.equal(findings('KCG306', rule('[""]', '["nodes/proxy"]', '["*"]')).length, 1);
  });

  it('needs the core group (or *) in apiGroups', () => {
    assert.equal(findings('KCG306', rule('["metrics.k8s.io"]', '["*"]', '["get"]')).length, 0);
  });

  it('points at the most specific matching entry and names the verbs', () => {
    const text = rule('[""]', '["*", "nodes/proxy"]', '["get", "create", "list"]');
    const [finding] = findings('KCG306', text);
    assert.equal(text.split('\n')[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character), '"nodes/proxy"');
    assert.match(finding.message, /grants get, create on nodes\/proxy:/);
  });

  it('ignores Roles, which cannot grant the cluster-scoped nodes, and aggregated ClusterRoles', () => {
    assert.equal(findings('KCG306', rule('[""]', '["*"]', '["*"]').replace('kind: ClusterRole', 'kind: Role')).length, 0);
    const aggregated = ['apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: monitoring', 'aggregationRule:', '  clusterRoleSelectors:', '  - matchLabels:', '      rbac.example.com/aggregate-to-monitoring: "true"', 'rules:', '- apiGroups: [""]', '  resources: ["nodes/proxy"]', '  verbs: ["get"]', ''].join('\n');
    assert.equal(findings('KCG306', aggregated).length, 0);
  });

  it('reports each granting rule of a ClusterRole', () => {
    const text = clusterRole('two', ['- apiGroups: [""]', '  resources: ["nodes/proxy"]', '  verbs: ["get"]', '- apiGroups: ["*"]', '  resources: ["*/proxy"]', '  verbs: ["create"]']);
    assert.equal(findings('KCG306', text).length, 2);
  });
});
