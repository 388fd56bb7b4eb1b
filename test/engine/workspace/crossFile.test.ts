// Cross-file findings as a user sees them: in which file, pointing where, silenced by which comment, at which severity,
// and nothing where the files cannot decide (templates, unknown ends, another cluster's ends).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { apiserverPod, kubeletConfig, kubeletDaemonSet } from '../../../server/src/engine/rules/examples';
import { kubeconfig } from '../../../server/src/engine/rules/node-to-apiserver/examples';
import { WORKSPACE_RULES } from '../../../server/src/engine/rules/registry';
import type { WorkspaceRule } from '../../../server/src/engine/rules/types';
import { FileSuppressions } from '../../../server/src/engine/suppress';
import type { Finding } from '../../../server/src/engine/types';
import {
  analyzeWorkspace,
  channelEndsOf,
  crossFileFindings,
  crossFileFindingsIn,
  finishCrossFileFindings,
  mergeFindings,
  type WorkspaceInput,
  type WorkspaceOptions,
} from '../../../server/src/engine/workspace/analyzeWorkspace';
import { workspaceRule } from '../../../server/src/engine/workspace/workspaceRule';
import { applyEdits } from '../../helpers';

const PKI = '/etc/kubernetes/pki';
const VERIFYING = apiserverPod([`--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`, `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`, `--kubelet-certificate-authority=${PKI}/ca.crt`]);
const NOT_VERIFYING = apiserverPod([`--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`]);
const SELF_SIGNED = kubeletConfig(['authentication:', '  x509:', `    clientCAFile: ${PKI}/ca.crt`, 'readOnlyPort: 0']);
const NEXT = '# kube-channel-guard-disable-next-line';
const FILE = '# kube-channel-guard-disable-file';

function cross(inputs: readonly WorkspaceInput[], options?: WorkspaceOptions): Array<{ uri: string; finding: Finding }> {
  const ids = new Set(WORKSPACE_RULES.map((r) => r.meta.id));
  return analyzeWorkspace(inputs, options).files.flatMap((f) => f.findings.filter((x) => ids.has(x.ruleId)).map((finding) => ({ uri: f.uri, finding })));
}

function summary(inputs: readonly WorkspaceInput[], options?: WorkspaceOptions): string[] {
  return cross(inputs, options).map(({ uri, finding }) => `${finding.ruleId} ${uri}:${finding.range.start.line + 1} -> ${(finding.related ?? []).map((r) => `${r.uri}:${r.range.start.line + 1}`).join(' ')}`);
}

describe('cross-file findings', () => {
  it('link the ends of a channel across files, and across the documents of one file', () => {
    assert.deepEqual(summary([{ uri: 'apiserver.yaml', text: VERIFYING }, { uri: 'kubelet.yaml', text: SELF_SIGNED }]), ['KCG214 apiserver.yaml:14 -> kubelet.yaml:2']);
    const one = `${VERIFYING}---\n${SELF_SIGNED}`;
    assert.deepEqual(summary([{ uri: 'cluster.yaml', text: one }]), ['KCG214 cluster.yaml:14 -> cluster.yaml:17']);
    // Alone, neither end says anything across files.
    assert.deepEqual(summary([{ uri: 'apiserver.yaml', text: VERIFYING }]), []);
    assert.deepEqual(summary([{ uri: 'kubelet.yaml', text: SELF_SIGNED }]), []);
  });

  it('sit among the file\'s own findings, sorted, with "Disable for this line/file" edits that silence them', () => {
    const inputs = [{ uri: 'apiserver.yaml', text: VERIFYING }, { uri: 'kubelet.yaml', text: SELF_SIGNED }];
    const [file] = analyzeWorkspace(inputs).files;
    const positions = file.findings.map((f) => [f.range.start.line, f.range.start.character]);
    assert.deepEqual(positions, [...positions].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    const finding = file.findings.find((f) => f.ruleId === 'KCG214');
    assert.ok(finding);
    assert.deepEqual(finding.suppressions.map((s) => s.title), ['Disable KCG214 for this line', 'Disable KCG214 for this file']);
    for (const suppression of finding.suppressions) {
      const text = applyEdits(VERIFYING, suppression.edits);
      assert.deepEqual(summary([{ uri: 'apiserver.yaml', text }, inputs[1]]), [], suppression.title);
      // The comment draws no "unknown rule" or "unused suppression" hint.
      assert.deepEqual(analyzeText(text).findings.filter((f) => f.ruleId === 'KCG002' || f.ruleId === 'KCG003').map((f) => f.message), []);
    }
  });

  it('are silenced only by comments in the file they are in', () => {
    const kubelet = SELF_SIGNED.replace('readOnlyPort: 0', `readOnlyPort: 0\n${FILE} KCG214`);
    assert.deepEqual(summary([{ uri: 'apiserver.yaml', text: VERIFYING }, { uri: 'kubelet.yaml', text: kubelet }]), ['KCG214 apiserver.yaml:14 -> kubelet.yaml:2']);
    const above = VERIFYING.replace('    - --kubelet-certificate-authority', `    ${NEXT} KCG214 -- verified once kubelets bootstrap\n    - --kubelet-certificate-authority`);
    assert.deepEqual(summary([{ uri: 'apiserver.yaml', text: above }, { uri: 'kubelet.yaml', text: SELF_SIGNED }]), []);
    // A comment naming another rule silences nothing.
    const other = VERIFYING.replace('    - --kubelet-certificate-authority', `    ${NEXT} KCG209\n    - --kubelet-certificate-authority`);
    assert.equal(summary([{ uri: 'apiserver.yaml', text: other }, { uri: 'kubelet.yaml', text: SELF_SIGNED }]).length, 1);
  });

  it('follow the severity setting: off drops the rule, a level replaces its default', () => {
    const inputs = [{ uri: 'apiserver.yaml', text: VERIFYING }, { uri: 'kubelet.yaml', text: SELF_SIGNED }];
    assert.deepEqual(cross(inputs, { severity: (id) => (id === 'KCG214' ? 'off' : undefined) }), []);
    assert.deepEqual(cross(inputs, { severity: (id) => (id === 'KCG214' ? 'error' : undefined) }).map((f) => f.finding.severity), ['error']);
    // The language server's settings may differ per folder: the level is the one of the file the finding is in.
    const ends = inputs.map((i) => ({ uri: i.uri, ends: channelEndsOf(analyzeText(i.text).model) }));
    assert.deepEqual(crossFileFindings(ends, { severity: (_id, uri) => (uri === 'apiserver.yaml' ? 'off' : 'error') }), []);
    assert.deepEqual(crossFileFindings(ends, { severity: (_id, uri) => (uri === 'kubelet.yaml' ? 'off' : 'hint') }).map((f) => f.finding.severity), ['hint']);
  });

  it('are the same through the pieces the language server calls as through analyzeWorkspace', () => {
    const inputs = [{ uri: 'file:///w/apiserver.yaml', text: VERIFYING }, { uri: 'file:///w/kubelet.yaml', text: SELF_SIGNED }];
    const analyses = inputs.map((i) => ({ uri: i.uri, analysis: analyzeText(i.text) }));
    const found = crossFileFindings(analyses.map((a) => ({ uri: a.uri, ends: channelEndsOf(a.analysis.model) })));
    const pieces = analyses.map((a) => mergeFindings(a.analysis.findings, finishCrossFileFindings(crossFileFindingsIn(a.uri, found), FileSuppressions.of(a.analysis.model))));
    assert.deepEqual(pieces, analyzeWorkspace(inputs).files.map((f) => f.findings));
    assert.equal(found[0].finding.message.includes('(kubelet.yaml)'), true, 'messages name the other file by its name');
  });

  it('keep the other rules running when one throws', () => {
    const failing: WorkspaceRule = workspaceRule({ ...WORKSPACE_RULES[0].meta, id: 'KCG999' }, () => {
      throw new Error('boom');
    });
    const errors: string[] = [];
    const inputs = [{ uri: 'a.yaml', text: VERIFYING }, { uri: 'b.yaml', text: SELF_SIGNED }];
    const found = cross(inputs, { workspaceRules: [failing, ...WORKSPACE_RULES], onRuleError: (id) => errors.push(id) });
    assert.deepEqual(errors, ['KCG999']);
    assert.deepEqual(found.map((f) => f.finding.ruleId), ['KCG214']);
  });
});

describe('KCG214 kubelet-serving-certificate-unverifiable', () => {
  it('draws nothing when some API server of the workspace does not verify kubelets, or the files cannot tell', () => {
    assert.deepEqual(summary([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'b.yaml', text: NOT_VERIFYING }, { uri: 'k.yaml', text: SELF_SIGNED }]), []);
    const helmApi = apiserverPod(['--etcd-servers={{ .Values.etcd }}']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'b.yaml', text: helmApi }, { uri: 'k.yaml', text: SELF_SIGNED }]), []);
  });

  it('draws nothing for kubelets in Helm templates that leave the setting out, or that read a config file elsewhere', () => {
    const helm = kubeletConfig(['readOnlyPort: {{ .Values.readOnlyPort }}']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'templates/kubelet.yaml', text: helm }]), []);
    const flags = kubeletDaemonSet(['--config=/var/lib/kubelet/config.yaml']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'kubelet.yaml', text: flags }]), []);
  });

  it('lists every self-signed kubelet as a related location, and offers a fix only when all are in the API server\'s file', () => {
    const inputs = [{ uri: 'a.yaml', text: `${VERIFYING}---\n${SELF_SIGNED}` }, { uri: 'k.yaml', text: kubeletDaemonSet(['--anonymous-auth=false']) }];
    const [found] = cross(inputs);
    assert.deepEqual(found.finding.related?.map((r) => r.uri), ['a.yaml', 'k.yaml']);
    assert.match(found.finding.message, /2 kubelets sign their own \(this file, k\.yaml\)/);
    assert.deepEqual(found.finding.fixes, []);
  });
});

describe('KCG215 kubelet-client-ca-mismatch', () => {
  const kubelet = (ca: string) => kubeletConfig(['authentication:', '  x509:', `    clientCAFile: ${ca}`, 'serverTLSBootstrap: true']);

  it("reads kubeadm's implied client certificate, moved by certificatesDir", () => {
    const kubeadm = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'certificatesDir: /var/lib/minikube/certs', ''].join('\n');
    assert.deepEqual(summary([{ uri: 'kubeadm.yaml', text: kubeadm }, { uri: 'kubelet.yaml', text: kubelet('/var/lib/minikube/certs/ca.crt') }]), []);
    assert.deepEqual(summary([{ uri: 'kubeadm.yaml', text: kubeadm }, { uri: 'kubelet.yaml', text: kubelet('/var/lib/minikube/certs/etcd/ca.crt') }]), ['KCG215 kubelet.yaml:5 -> kubeadm.yaml:2']);
    // In another directory the paths decide nothing.
    assert.deepEqual(summary([{ uri: 'kubeadm.yaml', text: kubeadm }, { uri: 'kubelet.yaml', text: kubelet(`${PKI}/etcd/ca.crt`) }]), []);
  });

  it('draws nothing when an API server of the workspace might be the kubelet\'s', () => {
    const matching = apiserverPod([`--kubelet-client-certificate=${PKI}/front-proxy-client.crt`]);
    const unknown = apiserverPod(['--kubelet-client-certificate=$(CERT)']);
    const front = kubelet(`${PKI}/front-proxy-ca.crt`);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'b.yaml', text: matching }, { uri: 'k.yaml', text: front }]), []);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'b.yaml', text: unknown }, { uri: 'k.yaml', text: front }]), []);
    assert.deepEqual(summary([{ uri: 'k.yaml', text: front }]), []);
  });

  it('reads a kubelet run from flags, and fixes the flag in place', () => {
    const text = kubeletDaemonSet([`--client-ca-file=${PKI}/etcd/ca.crt`, '--rotate-server-certificates=true']);
    const [found] = cross([{ uri: 'a.yaml', text: VERIFYING }, { uri: 'k.yaml', text }]);
    assert.equal(found.finding.fixes[0].title, `Set --client-ca-file=${PKI}/ca.crt`);
    assert.equal(applyEdits(text, found.finding.fixes[0].edits), text.replace('etcd/ca.crt', 'ca.crt'));
    assert.match(found.finding.message, /every certificate the etcd CA signs becomes a client identity the kubelet accepts/);
  });
});

describe('KCG133 kubeconfig-server-mismatch', () => {
  const api = (flags: readonly string[]) => apiserverPod(['--advertise-address=10.0.0.10', ...flags]);
  const conf = (server: string) => kubeconfig([`server: ${server}`], ['token: abc']);

  it('draws nothing where an API server whose address the files do not tell might answer', () => {
    const elsewhere = apiserverPod(['--secure-port=6443']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: api(['--secure-port=443']) }, { uri: 'b.yaml', text: elsewhere }, { uri: 'k.conf', text: conf('https://10.0.0.10:6443') }]), []);
    // A template's API server listens where its values say: on a port it does not write, it might answer anywhere.
    const helm = apiserverPod(['--advertise-address={{ .Values.address }}']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: api(['--secure-port=443']) }, { uri: 'b.yaml', text: helm }, { uri: 'k.conf', text: conf('https://10.0.0.10:6443') }]), []);
    const helmOtherPort = apiserverPod(['--advertise-address={{ .Values.address }}', '--secure-port=8443']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: api(['--secure-port=443']) }, { uri: 'b.yaml', text: helmOtherPort }, { uri: 'k.conf', text: conf('https://10.0.0.10:6443') }]), ['KCG133 k.conf:6 -> a.yaml:13 a.yaml:12']);
    const unknownPort = apiserverPod(['--secure-port=$(PORT)']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: api(['--secure-port=443']) }, { uri: 'b.yaml', text: unknownPort }, { uri: 'k.conf', text: conf('https://10.0.0.10:6443') }]), []);
  });

  it('matches localhost only to an API server in the same file', () => {
    const both = `${api(['--secure-port=443'])}---\n${conf('https://127.0.0.1:6443')}`;
    assert.deepEqual(summary([{ uri: 'node.yaml', text: both }]), ['KCG133 node.yaml:20 -> node.yaml:13']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: api(['--secure-port=443']) }, { uri: 'k.conf', text: conf('https://127.0.0.1:6443') }]), []);
    const bound = `${api(['--secure-port=443', '--bind-address=10.0.0.10'])}---\n${conf('https://localhost:6443')}`;
    assert.deepEqual(summary([{ uri: 'node.yaml', text: bound }]), [], 'an API server bound to one address is not on loopback');
  });

  it("uses kubeadm's controlPlaneEndpoint with its own port, and leaves plain HTTP to old API servers with an insecure port to KCG121", () => {
    const kubeadm = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'controlPlaneEndpoint: lb.example.com:443', ''].join('\n');
    assert.deepEqual(summary([{ uri: 'kubeadm.yaml', text: kubeadm }, { uri: 'admin.conf', text: conf('https://lb.example.com:443') }]), []);
    assert.deepEqual(summary([{ uri: 'kubeadm.yaml', text: kubeadm }, { uri: 'admin.conf', text: conf('https://LB.example.com:6443') }]), ['KCG133 admin.conf:6 -> kubeadm.yaml:3']);
    const old = componentPodAt('1.18.20', ['--advertise-address=10.0.0.10', '--insecure-port=8080']);
    assert.deepEqual(summary([{ uri: 'a.yaml', text: old }, { uri: 'k.conf', text: conf('http://10.0.0.10:8080') }]), []);
  });
});

function componentPodAt(version: string, flags: readonly string[]): string {
  return apiserverPod(flags).replace('kube-apiserver:v1.31.0', `kube-apiserver:v${version}`);
}

describe('KCG313 webhook-injected-ca-mismatch', () => {
  const webhook = (inject: string) =>
    ['apiVersion: admissionregistration.k8s.io/v1', 'kind: ValidatingWebhookConfiguration', 'metadata:', '  name: w', '  annotations:', `    cert-manager.io/inject-ca-from: ${inject}`, 'webhooks:', '- name: v.example.com', '  clientConfig:', '    service: {name: svc, namespace: ns}', ''].join('\n');
  const cert = (name: string, dns: string, issuer: string, extra: readonly string[] = []) =>
    ['apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', `  name: ${name}`, '  namespace: ns', 'spec:', `  secretName: ${name}-tls`, `  dnsNames: [${dns}]`, `  issuerRef: {name: ${issuer}}`, ...extra, ''].join('\n');
  const issuer = (name: string, spec: string) => ['apiVersion: cert-manager.io/v1', 'kind: Issuer', 'metadata:', `  name: ${name}`, '  namespace: ns', 'spec:', `  ${spec}`, ''].join('\n');
  const docs = (...d: string[]) => d.join('---\n');

  it('reports two self-signed certificates, and not two certificates of one CA issuer', () => {
    const selfSigned = docs(issuer('self', 'selfSigned: {}'), cert('a', 'svc.ns.svc', 'self'), cert('b', 'other.ns.svc', 'self'));
    assert.deepEqual(summary([{ uri: 'w.yaml', text: webhook('ns/b') }, { uri: 'c.yaml', text: selfSigned }]), ['KCG313 w.yaml:6 -> c.yaml:12 c.yaml:22']);
    const shared = docs(issuer('self', 'selfSigned: {}'), cert('root', 'root', 'self', ['  isCA: true']), issuer('ca', 'ca: {secretName: root-tls}'), cert('a', 'svc.ns.svc', 'ca'), cert('b', 'other.ns.svc', 'ca'));
    assert.deepEqual(summary([{ uri: 'w.yaml', text: webhook('ns/b') }, { uri: 'c.yaml', text: shared }]), []);
  });

  it('draws nothing when the workspace cannot tell the CAs apart', () => {
    const acme = docs(issuer('self', 'selfSigned: {}'), issuer('acme', 'acme: {server: https://acme.example.com}'), cert('a', 'svc.ns.svc', 'acme'), cert('b', 'other.ns.svc', 'self'));
    assert.deepEqual(summary([{ uri: 'w.yaml', text: webhook('ns/b') }, { uri: 'c.yaml', text: acme }]), []);
    // The named Certificate is not in the workspace, or two Certificates cover the service.
    const selfSigned = docs(issuer('self', 'selfSigned: {}'), cert('a', 'svc.ns.svc', 'self'), cert('b', 'other.ns.svc', 'self'));
    assert.deepEqual(summary([{ uri: 'w.yaml', text: webhook('ns/elsewhere') }, { uri: 'c.yaml', text: selfSigned }]), []);
    const two = docs(selfSigned, cert('c', '"*.ns.svc"', 'self'));
    assert.deepEqual(summary([{ uri: 'w.yaml', text: webhook('ns/b') }, { uri: 'c.yaml', text: two }]), []);
    // A CA issuer whose key pair no Certificate in the workspace made.
    const handMade = docs(issuer('self', 'selfSigned: {}'), issuer('ca', 'ca: {secretName: corp-intermediate}'), cert('a', 'svc.ns.svc', 'ca'), cert('b', 'other.ns.svc', 'self'));
    assert.deepEqual(summary([{ uri: 'w.yaml', text: webhook('ns/b') }, { uri: 'c.yaml', text: handMade }]), []);
  });
});
