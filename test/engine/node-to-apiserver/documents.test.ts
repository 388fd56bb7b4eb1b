// The KCG1xx rules on whole documents: kubeconfigs, kubeadm joins, eksctl clusters, authn/authz config files, Secrets and kubelet configs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { CA_DATA, CLIENT_CERT, kubeconfig, kubeletConfig, SERVER } from '../../../server/src/engine/rules/node-to-apiserver/examples';
import { applyEdits } from '../../helpers';

function findings(id: string, text: string) {
  return analyzeText(text).findings.filter((f) => f.ruleId === id);
}

function ids(text: string): string[] {
  return analyzeText(text).findings.map((f) => f.ruleId).filter((id) => id.startsWith('KCG1'));
}

describe('kubeconfig rules', () => {
  it('reads YAML 1.1 booleans the way client-go does', () => {
    assert.equal(findings('KCG120', kubeconfig([SERVER, 'insecure-skip-tls-verify: yes'], CLIENT_CERT)).length, 1);
    assert.deepEqual(findings('KCG120', kubeconfig([SERVER, CA_DATA, 'insecure-skip-tls-verify: "true"'], CLIENT_CERT)), []);
  });

  it('removes the skip line next to a CA, keeping the other lines and a CRLF file intact', () => {
    const text = kubeconfig([SERVER, CA_DATA, 'insecure-skip-tls-verify: true'], CLIENT_CERT).replace(/\n/g, '\r\n');
    const [finding] = findings('KCG120', text);
    assert.equal(applyEdits(text, finding.fixes[0].edits), kubeconfig([SERVER, CA_DATA], CLIENT_CERT).replace(/\n/g, '\r\n'));
  });

  it('offers no fix in a flow mapping', () => {
    const text = ['apiVersion: v1', 'kind: Config', 'clusters:', `- {name: c, cluster: {server: "https://a:6443", certificate-authority: /ca.crt, insecure-skip-tls-verify: true}}`, 'users: []', ''].join('\n');
    const [finding] = findings('KCG120', text);
    assert.deepEqual(finding.fixes, []);
  });

  it('reports each problem of a cluster once, under the rule that names it', () => {
    assert.deepEqual(ids(kubeconfig(['server: http://10.0.0.10:8080'], CLIENT_CERT)), ['KCG121']);
    assert.deepEqual(ids(kubeconfig([SERVER, 'insecure-skip-tls-verify: true'], CLIENT_CERT)), ['KCG120']);
    assert.deepEqual(ids(kubeconfig([SERVER], CLIENT_CERT)), ['KCG122']);
  });

  it('does not report credentials that expire or come from a plugin', () => {
    const exec = ['exec:', '  apiVersion: client.authentication.k8s.io/v1', '  command: aws', '  args: [eks, get-token, --cluster-name, prod]'];
    assert.deepEqual(ids(kubeconfig([SERVER, CA_DATA], exec)), []);
    assert.deepEqual(ids(kubeconfig([SERVER, CA_DATA], ['tokenFile: /var/run/secrets/tokens/kube-api'])), []);
    assert.deepEqual(ids(kubeconfig([SERVER, CA_DATA], ['tokenFile: /etc/kubernetes/token'])), ['KCG123']);
  });

  it('ignores other kinds called Config and templates that leave the CA out', () => {
    assert.deepEqual(ids('apiVersion: example.com/v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: http://x\n'), []);
    assert.deepEqual(ids(kubeconfig(['server: https://{{ .Values.host }}:6443'], CLIENT_CERT)), []);
  });

  it('reads kubeconfigs embedded in a Secret block scalar', () => {
    const inner = kubeconfig([SERVER, 'insecure-skip-tls-verify: true'], CLIENT_CERT).split('\n').map((l) => (l ? `    ${l}` : l)).join('\n');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: kubeconfig\nstringData:\n  value: |\n${inner}`;
    const [finding] = findings('KCG120', text);
    assert.equal(text.split('\n')[finding.range.start.line].trim(), 'insecure-skip-tls-verify: true');
  });
});

describe('KCG124 kubeadm discovery', () => {
  it('ignores file-based discovery and other kinds', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: JoinConfiguration', 'discovery:', '  file:', '    kubeConfigPath: /etc/kubernetes/discovery.conf', ''].join('\n');
    assert.deepEqual(ids(text), []);
    assert.deepEqual(ids('apiVersion: example.com/v1\nkind: JoinConfiguration\ndiscovery:\n  bootstrapToken:\n    unsafeSkipCAVerification: true\n'), []);
  });

  it('treats an empty hash list as no pin', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: JoinConfiguration', 'discovery:', '  bootstrapToken:', '    token: abcdef.0123456789abcdef', '    caCertHashes: []', '    unsafeSkipCAVerification: true', ''].join('\n');
    assert.equal(findings('KCG124', text).length, 1);
  });
});

describe('KCG125 eksctl endpoint access', () => {
  const cluster = (vpc: readonly string[]) => ['apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig', 'metadata:', '  name: prod', '  region: eu-west-1', ...vpc, ''].join('\n');

  it('does not report a VPC section that leaves endpoint access alone', () => {
    assert.deepEqual(findings('KCG125', cluster(['vpc:', '  cidr: 10.10.0.0/16', '  nat:', '    gateway: Single'])), []);
  });

  it('does not report a private cluster or a closed public endpoint', () => {
    assert.deepEqual(findings('KCG125', cluster(['privateCluster:', '  enabled: true', 'vpc:', '  clusterEndpoints:', '    publicAccess: true'])), []);
    assert.deepEqual(findings('KCG125', cluster(['vpc:', '  clusterEndpoints:', '    publicAccess: false', '    privateAccess: true'])), []);
  });

  it('reports an explicit 0.0.0.0/0 among other CIDRs, and adds privateAccess under existing clusterEndpoints', () => {
    const text = cluster(['vpc:', '  clusterEndpoints:', '    publicAccess: true', '  publicAccessCIDRs: ["203.0.113.0/24", "0.0.0.0/0"]']);
    const [finding] = findings('KCG125', text);
    assert.equal(applyEdits(text, finding.fixes[0].edits), cluster(['vpc:', '  clusterEndpoints:', '    publicAccess: true', '    privateAccess: true', '  publicAccessCIDRs: ["203.0.113.0/24", "0.0.0.0/0"]']));
  });
});

describe('KCG126 and KCG127 API server config files', () => {
  it('replaces an empty flow list of conditions', () => {
    const text = ['apiVersion: apiserver.config.k8s.io/v1beta1', 'kind: AuthenticationConfiguration', 'anonymous:', '  enabled: true', '  conditions: []', ''].join('\n');
    const [finding] = findings('KCG126', text);
    assert.equal(applyEdits(text, finding.fixes[0].edits), text.replace('conditions: []', 'conditions: [{path: /livez}, {path: /readyz}, {path: /healthz}]'));
  });

  it('reports AlwaysAllow and the missing authorizers separately, and only AlwaysAllow in a template', () => {
    const text = ['apiVersion: apiserver.config.k8s.io/v1', 'kind: AuthorizationConfiguration', 'authorizers:', '- type: AlwaysAllow', '  name: allow', ''].join('\n');
    const messages = findings('KCG127', text).map((f) => f.message);
    assert.equal(messages.length, 2);
    assert.ok(messages.some((m) => /has no Node or RBAC authorizer/.test(m)));
    assert.equal(findings('KCG127', `${text}# {{ .Values.extra }}\n`).length, 1);
  });
});

describe('KCG119 kubelet client certificate rotation', () => {
  it('reports only an explicit false, wherever it is written', () => {
    assert.deepEqual(findings('KCG119', kubeletConfig(['authentication:', '  anonymous:', '    enabled: false'])), []);
    const eksctl = ['apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig', 'metadata:', '  name: prod', 'nodeGroups:', '- name: ng', '  kubeletExtraConfig:', '    rotateCertificates: false', ''].join('\n');
    assert.equal(findings('KCG119', eksctl).length, 1);
  });
});
