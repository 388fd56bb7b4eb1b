// Completion offers what a user types in a component's command line, kubeadm extraArgs, k3s args and config documents, and nothing elsewhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { completeAt, type CompletionItemInfo } from '../../server/src/engine/complete';
import { apiserverPod, kubeletConfig, kubeletDaemonSet } from '../../server/src/engine/rules/examples';
import { applyEdits } from '../helpers';

const CURSOR = '‸';

/** The completion items at the cursor mark, with the text without the mark. */
function complete(marked: string): { text: string; items: CompletionItemInfo[] } {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'the text has a cursor mark');
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  return { text, items: completeAt(analyzeText(text), offset) };
}

function item(items: readonly CompletionItemInfo[], label: string): CompletionItemInfo {
  const found = items.find((i) => i.label === label);
  assert.ok(found, `${label} is offered (got ${items.map((i) => i.label).join(', ') || 'nothing'})`);
  return found;
}

/** The labels in the order the editor shows them. */
function ordered(items: readonly CompletionItemInfo[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

/** The text after accepting an item (snippet placeholders resolved to their default). */
function accept(text: string, chosen: CompletionItemInfo): string {
  const inserted = chosen.snippet ? chosen.insertText.replace(/\$\{\d+:([^}]*)\}/g, '$1') : chosen.insertText;
  return applyEdits(text, [{ range: chosen.replace, newText: inserted }]);
}

describe('completion of flag names on a command line', () => {
  it('completes a partial flag with its secure value and a one-line description, replacing the partial word', () => {
    const { text, items } = complete(apiserverPod(['--anonymous-auth=false', `--anonymous-a${CURSOR}`]));
    const anonymous = items.find((i) => i.label === '--anonymous-auth');
    assert.equal(anonymous, undefined, 'a scalar flag already given is not offered again');
    const ca = item(items, '--kubelet-certificate-authority');
    assert.equal(ca.kind, 'flag');
    assert.equal(ca.insertText, '--kubelet-certificate-authority=${1:/etc/kubernetes/pki/ca.crt}');
    assert.equal(ca.snippet, true);
    assert.match(ca.detail ?? '', /^CA bundle the API server uses to verify each kubelet's serving certificate/);
    assert.ok(!(ca.detail ?? '').includes('\n'));
    assert.deepEqual(ca.replace, { start: { line: 12, character: 6 }, end: { line: 12, character: 19 } });
    assert.match(accept(text, ca), /\n {4}- --kubelet-certificate-authority=\/etc\/kubernetes\/pki\/ca\.crt\n/);
  });

  it('fills in plain secure values without a snippet', () => {
    const { text, items } = complete(apiserverPod([`--an${CURSOR}`]));
    const anonymous = item(items, '--anonymous-auth');
    assert.equal(anonymous.insertText, '--anonymous-auth=false');
    assert.notEqual(anonymous.snippet, true);
    assert.equal(item(items, '--authorization-mode').insertText, '--authorization-mode=Node,RBAC');
    assert.match(accept(text, anonymous), /\n {4}- --anonymous-auth=false\n/);
  });

  it('offers every flag in a new empty sequence item, at the cursor', () => {
    const { text, items } = complete(kubeletDaemonSet(['--anonymous-auth=false', CURSOR]));
    const port = item(items, '--read-only-port');
    assert.equal(port.insertText, '--read-only-port=0');
    assert.deepEqual(port.replace.start, port.replace.end);
    assert.match(accept(text, port), /\n {8}- --read-only-port=0\n/);
    assert.ok(!items.some((i) => i.label === '--anonymous-auth'));
  });

  it('sorts list flags already given last instead of leaving them out', () => {
    const { items } = complete(apiserverPod(['--enable-admission-plugins=NodeRestriction', `--${CURSOR}`]));
    const labels = ordered(items);
    assert.ok(labels.includes('--enable-admission-plugins'));
    assert.equal(labels[labels.length - 1], '--enable-admission-plugins');
  });

  it('leaves out flags the target version removed, and offers them for older versions', () => {
    assert.ok(!complete(apiserverPod([`--insecure-p${CURSOR}`])).items.some((i) => i.label === '--insecure-port'));
    const old = apiserverPod([`--insecure-p${CURSOR}`]).replace('kube-apiserver:v1.31.0', 'kube-apiserver:v1.18.0');
    assert.equal(item(complete(old).items, '--insecure-port').insertText, '--insecure-port=0');
  });

  it('completes inside a quoted item, keeping the quotes', () => {
    const { text, items } = complete(apiserverPod([`"--client-ca${CURSOR}"`]));
    const ca = item(items, '--client-ca-file');
    assert.match(accept(text, ca), /- "--client-ca-file=\/etc\/kubernetes\/pki\/ca\.crt"\n/);
  });

  it('completes a flag in a flow sequence', () => {
    const text = apiserverPod([]).replace('    command:\n    - kube-apiserver\n', `    command: [kube-apiserver, "--kubelet-client-c${CURSOR}"]\n`);
    const { text: plain, items } = complete(text);
    assert.match(accept(plain, item(items, '--kubelet-client-certificate')), /\["?kube-apiserver"?, "--kubelet-client-certificate=\/etc\/kubernetes\/pki\/apiserver-kubelet-client\.crt"\]/);
  });

  it('quotes a plain flow-sequence item whose value has a comma', () => {
    const text = apiserverPod([]).replace('    command:\n    - kube-apiserver\n', `    command: [kube-apiserver, --authorization-m${CURSOR}]\n`);
    const { text: plain, items } = complete(text);
    const mode = item(items, '--authorization-mode');
    assert.equal(mode.insertText, '"--authorization-mode=Node,RBAC"');
    assert.match(accept(plain, mode), /command: \[kube-apiserver, "--authorization-mode=Node,RBAC"\]/);
  });

  it('completes a flag inside a sh -c script', () => {
    const pod = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: etcd',
      'spec:',
      '  containers:',
      '  - name: etcd',
      '    image: registry.k8s.io/etcd:3.5.15-0',
      `    command: ["/bin/sh", "-c", "exec etcd --name=a --client-cert${CURSOR}"]`,
      '',
    ].join('\n');
    const { text, items } = complete(pod);
    const auth = item(items, '--client-cert-auth');
    assert.equal(auth.insertText, '--client-cert-auth=true');
    assert.match(accept(text, auth), /"exec etcd --name=a --client-cert-auth=true"\]/);
  });

  it('completes only the name when the word already has a value', () => {
    const { text, items } = complete(kubeletDaemonSet([`--read-only${CURSOR}=10255`]));
    const port = item(items, '--read-only-port');
    assert.equal(port.insertText, '--read-only-port');
    assert.match(accept(text, port), /- --read-only-port=10255\n/);
  });
});

describe('accepted flag completions', () => {
  const forms: Array<[string, string]> = [
    ['a command line', apiserverPod([CURSOR])],
    ['a quoted command-line item', apiserverPod([`"${CURSOR}"`])],
    ['kubeadm extraArgs', ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', `    ${CURSOR}`, ''].join('\n')],
    ['a k3s arg list', ['kube-apiserver-arg:', `- ${CURSOR}`, ''].join('\n')],
  ];
  for (const [where, marked] of forms) {
    it(`give a file where the component reads the flag with the inserted value, in ${where}`, () => {
      const { text, items } = complete(marked);
      assert.ok(items.length > 40);
      for (const chosen of items) {
        const accepted = analyzeText(accept(text, chosen));
        const apiserver = accepted.model.components.find((c) => c.component === 'kube-apiserver');
        const name = chosen.label.replace(/^--/, '');
        const occurrence = apiserver?.flags.all(name).find((o) => o.form !== 'implied');
        assert.ok(occurrence, `${chosen.label} is read back in ${where}`);
        const written = /^(?:--)?[a-z0-9-]+(?:=|: )(.*)$/.exec(chosen.insertText.replace(/\$\{1:([^}]*)\}/, '$1').replace(/^"|"$/g, ''));
        const value = (written?.[1] ?? '').replace(/^"|"$/g, '');
        assert.equal(occurrence.value, value, `${chosen.label} in ${where}`);
      }
    });
  }
});

describe('completion of flag values', () => {
  it("offers the API server's authorization modes after the last comma, without those already given, AlwaysAllow last and marked", () => {
    const { items } = complete(apiserverPod([`--authorization-mode=Node,${CURSOR}`]));
    assert.deepEqual(ordered(items), ['RBAC', 'Webhook', 'ABAC', 'AlwaysDeny', 'AlwaysAllow']);
    assert.match(item(items, 'AlwaysAllow').detail ?? '', /insecure/);
    assert.deepEqual(item(items, 'RBAC').replace, { start: { line: 11, character: 32 }, end: { line: 11, character: 32 } });
  });

  it('replaces the element under the cursor only', () => {
    const { text, items } = complete(apiserverPod([`--authorization-mode=Node,AlwaysA${CURSOR}llow,Webhook`]));
    assert.match(accept(text, item(items, 'RBAC')), /- --authorization-mode=Node,RBAC,Webhook\n/);
  });

  it("offers the kubelet's two authorization modes, Webhook first", () => {
    assert.deepEqual(ordered(complete(kubeletDaemonSet([`--authorization-mode=${CURSOR}`])).items), ['Webhook', 'AlwaysAllow']);
  });

  it('offers TLS versions with 1.0 and 1.1 marked insecure, and etcd its own names', () => {
    const { items } = complete(kubeletDaemonSet([`--tls-min-version=${CURSOR}`]));
    assert.deepEqual(ordered(items), ['VersionTLS12', 'VersionTLS13', 'VersionTLS10', 'VersionTLS11']);
    assert.match(item(items, 'VersionTLS10').detail ?? '', /insecure/);
    const etcd = apiserverPod([]).replace(/kube-apiserver/g, 'etcd').replace('    - etcd\n', `    - etcd\n    - --tls-min-version=${CURSOR}\n`);
    assert.deepEqual(ordered(complete(etcd).items), ['TLS1.2', 'TLS1.3']);
  });

  it('offers only strong cipher suites, for the element after the last comma', () => {
    const { items } = complete(apiserverPod([`--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_${CURSOR}`]));
    assert.ok(items.length >= 5);
    assert.ok(items.every((i) => /^TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_\d+_GCM_SHA\d+|CHACHA20_POLY1305(_SHA256)?)$/.test(i.label)), items.map((i) => i.label).join(' '));
    assert.ok(!items.some((i) => i.label === 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'), 'a suite already listed is not offered again');
    assert.deepEqual(items[0].replace, { start: { line: 11, character: 64 }, end: { line: 11, character: 74 } });
  });

  it('offers true and false for a bool flag, the secure value first', () => {
    assert.deepEqual(ordered(complete(kubeletDaemonSet([`--anonymous-auth=${CURSOR}`])).items), ['false', 'true']);
    assert.deepEqual(ordered(complete(kubeletDaemonSet([`--rotate-server-certificates=${CURSOR}`])).items), ['true', 'false']);
  });
});

describe('completion in kubeadm and k3s files', () => {
  const clusterConfig = (lines: string[]) => ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', ...lines, ''].join('\n');
  const clusterConfigV4 = (lines: string[]) => ['apiVersion: kubeadm.k8s.io/v1beta4', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', ...lines, ''].join('\n');

  it('completes extraArgs keys with quoted secure values', () => {
    const { text, items } = complete(clusterConfig(['    profiling: "false"', `    anon${CURSOR}`]));
    const anonymous = item(items, 'anonymous-auth');
    assert.equal(anonymous.insertText, 'anonymous-auth: "false"');
    assert.ok(!items.some((i) => i.label === 'profiling'));
    assert.equal(accept(text, anonymous), clusterConfig(['    profiling: "false"', '    anonymous-auth: "false"']));
    assert.equal(item(items, 'kubelet-certificate-authority').insertText, 'kubelet-certificate-authority: ${1:/etc/kubernetes/pki/ca.crt}');
  });

  it('completes extraArgs values', () => {
    const { items } = complete(clusterConfig([`    authorization-mode: Node,${CURSOR}`]));
    assert.equal(ordered(items)[0], 'RBAC');
    const bool = complete(clusterConfig([`    anonymous-auth: ${CURSOR}`]));
    assert.equal(item(bool.items, 'false').insertText, '"false"', 'kubeadm wants strings');
  });

  it('completes the name of a list-form extra argument, and its value', () => {
    const { text, items } = complete(clusterConfigV4(['  - name: anonymous-auth', '    value: "false"', `  - name: kubelet-cert${CURSOR}`]));
    const ca = item(items, 'kubelet-certificate-authority');
    assert.equal(ca.insertText, 'kubelet-certificate-authority');
    assert.equal(accept(text, ca), clusterConfigV4(['  - name: anonymous-auth', '    value: "false"', '  - name: kubelet-certificate-authority']));
    assert.deepEqual(ordered(complete(clusterConfigV4(['  - name: authorization-mode', `    value: Node,${CURSOR}`])).items).slice(0, 2), ['RBAC', 'Webhook']);
  });

  it('offers nothing for kubeadm keys that are not extra arguments', () => {
    assert.deepEqual(complete(['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', `  cert${CURSOR}`, ''].join('\n')).items, []);
  });

  it('completes k3s arg items without dashes', () => {
    const { text, items } = complete(['kube-apiserver-arg:', '- anonymous-auth=false', `- kubelet-cert${CURSOR}`, 'kubelet-arg:', '- read-only-port=0', ''].join('\n'));
    const ca = item(items, 'kubelet-certificate-authority');
    assert.equal(ca.insertText, 'kubelet-certificate-authority=${1:/etc/kubernetes/pki/ca.crt}');
    assert.match(accept(text, ca), /\n- kubelet-certificate-authority=\/etc\/kubernetes\/pki\/ca\.crt\nkubelet-arg:/);
    const kubelet = complete(['kubelet-arg:', '- read-only-port=0', `- ${CURSOR}`, ''].join('\n'));
    assert.equal(item(kubelet.items, 'anonymous-auth').insertText, 'anonymous-auth=false');
  });
});

describe('completion of config fields', () => {
  it('completes the root keys of a KubeletConfiguration with secure values for leaves', () => {
    const { text, items } = complete(kubeletConfig(['readOnlyPort: 0', CURSOR]));
    assert.ok(!items.some((i) => i.label === 'readOnlyPort'), 'a key already present is not offered');
    const bootstrap = item(items, 'serverTLSBootstrap');
    assert.equal(bootstrap.kind, 'field');
    assert.equal(bootstrap.insertText, 'serverTLSBootstrap: true');
    assert.equal(item(items, 'authentication').insertText, 'authentication:');
    assert.equal(accept(text, bootstrap), kubeletConfig(['readOnlyPort: 0', 'serverTLSBootstrap: true']));
  });

  it('completes the keys under a parent mapping', () => {
    assert.deepEqual(ordered(complete(kubeletConfig(['authentication:', `  ${CURSOR}`])).items), ['anonymous', 'webhook', 'x509']);
    const nested = complete(kubeletConfig(['authentication:', '  x509:', `    client${CURSOR}`]));
    assert.equal(item(nested.items, 'clientCAFile').insertText, 'clientCAFile: ${1:/etc/kubernetes/pki/ca.crt}');
    assert.deepEqual(ordered(complete(kubeletConfig(['authentication:', '  webhook:', '    enabled: true', `  ${CURSOR}`])).items), ['anonymous', 'x509']);
  });

  it('completes enumerated and bool field values', () => {
    assert.deepEqual(ordered(complete(kubeletConfig(['authorization:', `  mode: ${CURSOR}`])).items), ['Webhook', 'AlwaysAllow']);
    assert.deepEqual(ordered(complete(kubeletConfig(['authentication:', '  anonymous:', `    enabled: ${CURSOR}`])).items), ['false', 'true']);
  });

  it('completes scheduler, kube-proxy and etcd config fields', () => {
    const scheduler = complete(['apiVersion: kubescheduler.config.k8s.io/v1', 'kind: KubeSchedulerConfiguration', CURSOR, ''].join('\n'));
    assert.equal(item(scheduler.items, 'enableProfiling').insertText, 'enableProfiling: false');
    const proxy = complete(['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration', CURSOR, ''].join('\n'));
    assert.equal(item(proxy.items, 'metricsBindAddress').insertText, 'metricsBindAddress: 127.0.0.1:10249');
    const etcd = complete(['data-dir: /var/lib/etcd', 'listen-client-urls: https://127.0.0.1:2379', 'client-transport-security:', `  ${CURSOR}`, ''].join('\n'));
    assert.equal(item(etcd.items, 'client-cert-auth').insertText, 'client-cert-auth: true');
  });

  it('completes YAML embedded in a block scalar, in the outer file', () => {
    const marked = [
      'kind: Cluster',
      'apiVersion: kind.x-k8s.io/v1alpha4',
      'nodes:',
      '- role: control-plane',
      '  kubeadmConfigPatches:',
      '  - |',
      '    kind: KubeletConfiguration',
      '    apiVersion: kubelet.config.k8s.io/v1beta1',
      `    readOnly${CURSOR}`,
      '',
    ].join('\n');
    const { text, items } = complete(marked);
    const port = item(items, 'readOnlyPort');
    assert.deepEqual(port.replace, { start: { line: 8, character: 4 }, end: { line: 8, character: 12 } });
    assert.equal(accept(text, port), marked.replace(`readOnly${CURSOR}`, 'readOnlyPort: 0'));
  });
});

describe('completion on a blank line of embedded YAML', () => {
  const patch = (lines: string[]) =>
    ['kind: Cluster', 'apiVersion: kind.x-k8s.io/v1alpha4', 'nodes:', '- role: control-plane', '  kubeadmConfigPatches:', '  - |', '    kind: KubeletConfiguration', '    apiVersion: kubelet.config.k8s.io/v1beta1', ...lines, '- role: worker', ''].join('\n');

  it('counts the indentation from the block and inserts at the cursor, on the last line of the block', () => {
    const { text, items } = complete(patch(['    authentication:', `      ${CURSOR}`]));
    assert.deepEqual(ordered(items), ['anonymous', 'webhook', 'x509']);
    assert.deepEqual(items[0].replace, { start: { line: 9, character: 6 }, end: { line: 9, character: 6 } });
    assert.equal(accept(text, item(items, 'webhook')), patch(['    authentication:', '      webhook:']));
  });

  it('completes a blank line between lines of the block', () => {
    const { text, items } = complete(patch([`    ${CURSOR}`, '    readOnlyPort: 0']));
    assert.ok(!items.some((i) => i.label === 'readOnlyPort'));
    assert.equal(accept(text, item(items, 'serverTLSBootstrap')), patch(['    serverTLSBootstrap: true', '    readOnlyPort: 0']));
  });
});

describe('no completion elsewhere', () => {
  const cases: Array<[string, string]> = [
    ['a ConfigMap', ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', `  ${CURSOR}`, ''].join('\n')],
    ['YAML that is not Kubernetes', ['steps:', '- command:', '  - kube-apiserver', `  - --anon${CURSOR}`, ''].join('\n')],
    ['a container that runs no component', apiserverPod([]).replace(/kube-apiserver/g, 'nginx').replace('    - nginx\n', `    - nginx\n    - --anon${CURSOR}\n`)],
    ["a component's env list", apiserverPod([]).replace('    command:', `    env:\n    - ${CURSOR}\n    command:`)],
    ['before the binary', apiserverPod([]).replace('    - kube-apiserver\n', `    - ${CURSOR}\n    - kube-apiserver\n`)],
    ['a value word of a split flag', apiserverPod(['--authorization-mode', `No${CURSOR}`])],
    ['a KubeletConfiguration key the engine does not know', kubeletConfig(['evictionHard:', `  ${CURSOR}`])],
    ['the next document', [...kubeletConfig(['readOnlyPort: 0']).split('\n').slice(0, -1), '---', CURSOR, ''].join('\n')],
  ];
  for (const [what, text] of cases) {
    it(`offers nothing in ${what}`, () => assert.deepEqual(complete(text).items, []));
  }
});
