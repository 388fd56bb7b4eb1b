// The channel-end index: what each end says, where (ranges that cover exactly the setting), and moving ends into file coordinates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { buildModel } from '../../../server/src/engine/parse/model';
import { apiserverPod, kubeletConfig, kubeletDaemonSet } from '../../../server/src/engine/rules/examples';
import { SourceText } from '../../../server/src/engine/text';
import type { Range } from '../../../server/src/engine/types';
import { channelEndsOf, concatEnds, mapEndRanges, type ChannelEnds } from '../../../server/src/engine/workspace/analyzeWorkspace';
import type { SettingState } from '../../../server/src/engine/workspace/channelEnds';

function ends(text: string, partial = false): ChannelEnds {
  return channelEndsOf(buildModel(text, { partial }));
}

/** The text a range covers. */
function at(text: string, range: Range | undefined): string {
  assert.ok(range, 'a range');
  const source = new SourceText(text);
  return text.slice(source.offsetAt(range.start), source.offsetAt(range.end));
}

function setValue(s: SettingState): string {
  assert.equal(s.state, 'set');
  return (s as Extract<SettingState, { state: 'set' }>).value;
}

const PKI = '/etc/kubernetes/pki';

describe('API server ends', () => {
  it('reads the kubelet flags, the ports and the addresses of a static pod, with ranges over the flags as written', () => {
    const text = apiserverPod([`--kubelet-certificate-authority=${PKI}/ca.crt`, '--secure-port=443', '--advertise-address=10.0.0.10', '--bind-address=0.0.0.0']);
    const [api] = ends(text).apiServers;
    assert.equal(api.label, 'container kube-apiserver');
    assert.equal(api.carrier, 'argv');
    assert.equal(api.version, '1.31');
    const ca = api.kubeletCertificateAuthority as Extract<SettingState, { state: 'set' }>;
    assert.equal(at(text, ca.range), `--kubelet-certificate-authority=${PKI}/ca.crt`);
    assert.equal(at(text, ca.valueRange), `${PKI}/ca.crt`);
    assert.equal(setValue(api.securePort), '443');
    assert.deepEqual(api.kubeletClientCertificate, { state: 'default', value: undefined, spelled: '--kubelet-client-certificate' });
    // 0.0.0.0 names no host a client could use.
    assert.deepEqual(api.addresses.map((a) => [a.host, a.spelled, at(text, a.range)]), [['10.0.0.10', '--advertise-address', '--advertise-address=10.0.0.10']]);
  });

  it('gives the default secure port when the flag is left out, and unknown for a Helm template', () => {
    assert.deepEqual(ends(apiserverPod([])).apiServers[0].securePort, { state: 'default', value: '6443', spelled: '--secure-port' });
    const helm = apiserverPod(['--etcd-servers={{ .Values.etcd }}']);
    assert.deepEqual(ends(helm).apiServers[0].securePort, { state: 'unknown' });
    assert.deepEqual(ends(apiserverPod(['--kubelet-certificate-authority=$(CA)'])).apiServers[0].kubeletCertificateAuthority, { state: 'unknown' });
  });

  it("reads kubeadm's implied flags at the component, its certificatesDir, and its endpoints from the other documents of the file", () => {
    const text = [
      'apiVersion: kubeadm.k8s.io/v1beta3',
      'kind: InitConfiguration',
      'localAPIEndpoint:',
      '  advertiseAddress: 192.168.2.2',
      '  bindPort: 8443',
      '---',
      'apiVersion: kubeadm.k8s.io/v1beta3',
      'kind: ClusterConfiguration',
      'certificatesDir: /var/lib/kubernetes/pki',
      'controlPlaneEndpoint: "[fd00::1]:443"',
      'apiServer:',
      '  extraArgs:',
      '    authorization-mode: Node,RBAC',
      '',
    ].join('\n');
    const e = ends(text);
    const [api] = e.apiServers;
    assert.equal(api.carrier, 'kubeadm');
    assert.equal(api.certificatesDir, '/var/lib/kubernetes/pki');
    const client = api.kubeletClientCertificate as Extract<SettingState, { state: 'set' }>;
    assert.equal(client.value, `${PKI}/apiserver-kubelet-client.crt`);
    assert.equal(client.implied, true);
    assert.equal(at(text, client.range), 'extraArgs');
    assert.deepEqual(
      e.kubeadmEndpoints.map((x) => [x.kind, x.host, x.port, at(text, x.range)]),
      [
        ['local', '192.168.2.2', '8443', 'bindPort: 8443'],
        ['control-plane', 'fd00::1', '443', 'controlPlaneEndpoint: "[fd00::1]:443"'],
      ],
    );
  });
});

describe('kubelet ends', () => {
  it('marks a KubeletConfiguration without serverTLSBootstrap or tlsCertFile self-signed, where KCG209 reports it, with its fix', () => {
    const text = kubeletConfig(['authentication:', '  x509:', `    clientCAFile: "${PKI}/ca.crt"`, 'readOnlyPort: 0']);
    const [kubelet] = ends(text).kubelets;
    assert.equal(kubelet.serving.state, 'self-signed');
    const kcg209 = analyzeText(text).findings.find((f) => f.ruleId === 'KCG209');
    assert.ok(kcg209 && kubelet.serving.state === 'self-signed');
    assert.deepEqual(kubelet.serving.range, kcg209.range);
    assert.deepEqual(kubelet.serving.fixes, kcg209.fixes);
    const ca = kubelet.clientCAFile as Extract<SettingState, { state: 'set' }>;
    assert.equal(ca.spelled, 'authentication.x509.clientCAFile');
    assert.equal(at(text, ca.range), `clientCAFile: "${PKI}/ca.crt"`);
    // The quotes stay: a fix replaces what is inside them.
    assert.equal(at(text, ca.valueRange), `${PKI}/ca.crt`);
  });

  it('tells CA-signed, self-signed and unknowable serving certificates apart', () => {
    assert.equal(ends(kubeletConfig(['serverTLSBootstrap: true'])).kubelets[0].serving.state, 'ca-signed');
    assert.equal(ends(kubeletConfig(['tlsCertFile: /var/lib/kubelet/pki/kubelet.crt'])).kubelets[0].serving.state, 'ca-signed');
    assert.equal(ends(kubeletDaemonSet(['--rotate-server-certificates=true'])).kubelets[0].serving.state, 'ca-signed');
    assert.equal(ends(kubeletDaemonSet(['--anonymous-auth=false'])).kubelets[0].serving.state, 'self-signed');
    // A config file we cannot see decides, and a Helm template may add what it leaves out.
    assert.equal(ends(kubeletDaemonSet(['--config=/var/lib/kubelet/config.yaml'])).kubelets[0].serving.state, 'unknown');
    assert.equal(ends(kubeletConfig(['readOnlyPort: 0']), true).kubelets[0].serving.state, 'unknown');
    // Even serverTLSBootstrap: false says nothing in a template, which may still give tlsCertFile where we cannot see it.
    assert.equal(ends(kubeletConfig(['serverTLSBootstrap: false']), true).kubelets[0].serving.state, 'unknown');
    assert.equal(ends(kubeletConfig(['serverTLSBootstrap: false', 'tlsCertFile: ""']), true).kubelets[0].serving.state, 'self-signed');
  });
});

describe('object ends', () => {
  it('reads kubeconfig servers, skipping template placeholders', () => {
    const text = ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: a', '  cluster:', "    server: 'https://10.0.0.10:6443'", '- name: b', '  cluster:', '    server: https://{{ .Values.host }}', ''].join('\n');
    const clusters = ends(text).kubeconfigClusters;
    assert.deepEqual(clusters.map((c) => [c.name, c.server, at(text, c.range), at(text, c.valueRange)]), [['a', 'https://10.0.0.10:6443', "server: 'https://10.0.0.10:6443'", 'https://10.0.0.10:6443']]);
  });

  it('reads the Services webhooks and APIServices call, with their CA injection', () => {
    const text = [
      'apiVersion: admissionregistration.k8s.io/v1',
      'kind: MutatingWebhookConfiguration',
      'metadata:',
      '  name: policy',
      '  annotations:',
      '    cert-manager.io/inject-ca-from: policy-system/serving',
      'webhooks:',
      '- name: mutate.policy.example.com',
      '  clientConfig:',
      '    service:',
      '      name: policy-webhook',
      '      namespace: policy-system',
      '- name: kubebuilder.example.com',
      '  clientConfig:',
      '    service:',
      '      name: webhook-service',
      '      namespace: system',
      '---',
      'apiVersion: apiregistration.k8s.io/v1',
      'kind: APIService',
      'metadata:',
      '  name: v1beta1.metrics.k8s.io',
      '  annotations:',
      '    service.beta.openshift.io/inject-cabundle: "true"',
      'spec:',
      '  caBundle: ""',
      '  service:',
      '    name: metrics-server',
      '    namespace: kube-system',
      '',
    ].join('\n');
    const clients = ends(text).serviceClients;
    // kubebuilder's placeholder service is a Kustomize base, not a real end.
    assert.deepEqual(
      clients.map((c) => [c.kind, `${c.service.namespace}/${c.service.name}`, c.caBundleWritten, c.injectCaFrom?.value, c.otherInjector, at(text, c.range)]),
      [
        ['MutatingWebhookConfiguration', 'policy-system/policy-webhook', false, 'policy-system/serving', false, 'clientConfig'],
        ['APIService', 'kube-system/metrics-server', true, undefined, true, 'service'],
      ],
    );
    assert.equal(at(text, clients[0].injectCaFrom?.valueRange), 'policy-system/serving');
  });

  it("reads cert-manager Certificates and Issuers, leaving out external issuers' references", () => {
    const text = [
      'apiVersion: cert-manager.io/v1',
      'kind: Certificate',
      'metadata:',
      '  name: serving',
      '  namespace: policy-system',
      'spec:',
      '  secretName: serving-tls',
      '  dnsNames: [policy-webhook.policy-system.svc]',
      '  issuerRef: {name: ca-issuer, kind: Issuer}',
      '---',
      'apiVersion: cert-manager.io/v1',
      'kind: Certificate',
      'metadata:',
      '  name: external',
      'spec:',
      '  secretName: external-tls',
      '  issuerRef: {name: step, kind: StepIssuer, group: certmanager.step.sm}',
      '---',
      'apiVersion: cert-manager.io/v1',
      'kind: ClusterIssuer',
      'metadata:',
      '  name: ca-issuer',
      'spec:',
      '  ca:',
      '    secretName: root-ca',
      '',
    ].join('\n');
    const e = ends(text);
    assert.deepEqual(
      e.certificates.map((c) => [c.namespace, c.name, c.dnsNames, c.secretName, c.issuerRef, at(text, c.range)]),
      [
        ['policy-system', 'serving', ['policy-webhook.policy-system.svc'], 'serving-tls', { kind: 'Issuer', name: 'ca-issuer' }, 'serving'],
        [undefined, 'external', [], 'external-tls', undefined, 'external'],
      ],
    );
    assert.deepEqual(e.issuers.map((i) => [i.kind, i.namespace, i.name, i.type, i.caSecretName]), [['ClusterIssuer', undefined, 'ca-issuer', 'ca', 'root-ca']]);
  });
});

describe('coordinates', () => {
  it('maps the ends of YAML embedded in a block scalar into the outer file, fixes included', () => {
    const text = [
      'apiVersion: kops.k8s.io/v1alpha2',
      'kind: FileAsset',
      'spec:',
      '  contents: |',
      '    apiVersion: kubelet.config.k8s.io/v1beta1',
      '    kind: KubeletConfiguration',
      '    authentication:',
      '      x509:',
      `        clientCAFile: ${PKI}/ca.crt`,
      '',
    ].join('\n');
    const [kubelet] = ends(text).kubelets;
    assert.equal(at(text, (kubelet.clientCAFile as Extract<SettingState, { state: 'set' }>).range), `clientCAFile: ${PKI}/ca.crt`);
    assert.equal(kubelet.serving.state, 'self-signed');
    if (kubelet.serving.state !== 'self-signed') return;
    // The fix's new line keeps the block's indentation, so it lands inside the block scalar.
    const [edit] = kubelet.serving.fixes[0].edits;
    assert.match(edit.newText, /\n {4}serverTLSBootstrap: true$/);
  });

  it('gives the same ends for a file analysed whole as for its documents analysed apart and shifted into file coordinates', () => {
    const first = apiserverPod([`--kubelet-certificate-authority=${PKI}/ca.crt`, '--advertise-address=10.0.0.10']);
    const second = kubeletConfig(['authentication:', '  x509:', `    clientCAFile: ${PKI}/ca.crt`]);
    const whole = `${first}---\n${second}`;
    const lines = first.split('\n').length;
    const shift = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
    const parts = concatEnds([ends(first), mapEndRanges(ends(second), shift)]);
    assert.deepEqual(parts, ends(whole));
    // The test can fail: without the shift the kubelet's ranges differ.
    assert.notDeepEqual(concatEnds([ends(first), ends(second)]), ends(whole));
  });
});
