// Hover explains every flag and field the engine knows, wherever it is written, with its channel: not only the insecure ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { SETTINGS } from '../../server/src/engine/docs/settings';
import { OBJECT_FIELDS } from '../../server/src/engine/docs/objectFields';
import { allFlags } from '../../server/src/engine/docs/flagKnowledge';
import { COMPONENT_NAMES, type ComponentName } from '../../server/src/engine/flags/catalog';
import { hoverAt } from '../../server/src/engine/hover';
import { apiserverPod, kubeletConfig } from '../../server/src/engine/rules/examples';

function hover(text: string, needle: string, delta = 1) {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the text`);
  return hoverAt(analyzeText(text), at + delta);
}

function pod(binary: string, flags: readonly string[]): string {
  return ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: x', 'spec:', '  containers:', '  - name: x', '    image: example.com/x:1', '    command:', `    - ${binary}`, ...flags.map((f) => `    - ${f}`), ''].join('\n');
}

/** The document a component's config fields are written in. */
function configDocument(component: ComponentName, lines: readonly string[]): string | undefined {
  const head: Partial<Record<ComponentName, string[]>> = {
    kubelet: ['apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration'],
    'kube-scheduler': ['apiVersion: kubescheduler.config.k8s.io/v1', 'kind: KubeSchedulerConfiguration'],
    'kube-proxy': ['apiVersion: kubeproxy.config.k8s.io/v1alpha1', 'kind: KubeProxyConfiguration'],
    etcd: ['data-dir: /var/lib/etcd', 'initial-cluster: a=https://127.0.0.1:2380'],
  };
  const first = head[component];
  return first ? [...first, ...lines, ''].join('\n') : undefined;
}

/** Nested YAML for a path of keys, `*` being a sequence item, with `value` at the end. */
function yamlAt(path: readonly string[], value: string): string[] {
  const lines: string[] = [];
  let indent = '';
  let item = false;
  path.forEach((key, i) => {
    if (key === '*') {
      item = true;
      return;
    }
    lines.push(`${indent}${item ? '- ' : ''}${key}:${i === path.length - 1 ? ` ${value}` : ''}`);
    indent += item ? '    ' : '  ';
    item = false;
  });
  return lines;
}

describe('hover on flags wherever they are written', () => {
  it('explains a kubeadm extraArgs key with the value spelled as kubeadm wants it', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', '    anonymous-auth: "true"', ''].join('\n');
    const info = hover(text, 'anonymous-auth');
    assert.equal(info?.title, 'anonymous-auth (kube-apiserver)');
    assert.equal(info?.channel?.id, 'node-to-apiserver');
    assert.equal(info?.secure, 'anonymous-auth: "false"');
    assert.match(info?.current ?? '', /^This file sets `anonymous-auth: "true"`\. Left out, it defaults to `true`\.$/);
    assert.deepEqual(info?.findings.map((f) => f.ruleId), ['KCG101']);
  });

  it('explains a list-form kubeadm extra argument', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta4', 'kind: ClusterConfiguration', 'apiServer:', '  extraArgs:', '  - name: profiling', '    value: "false"', ''].join('\n');
    const info = hover(text, 'profiling');
    assert.equal(info?.title, 'profiling (kube-apiserver)');
    assert.equal(info?.channel?.id, 'control-plane-internal');
    assert.equal(info?.findings.length, 0);
  });

  it('explains a k3s arg item', () => {
    const info = hover(['kubelet-arg:', '- read-only-port=10255', ''].join('\n'), 'read-only-port');
    assert.equal(info?.title, 'read-only-port (kubelet)');
    assert.equal(info?.secure, 'read-only-port=0');
    assert.deepEqual(info?.findings.map((f) => f.ruleId), ['KCG207']);
  });

  it('explains a secure flag, which draws no finding', () => {
    const info = hover(apiserverPod(['--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt']), '--kubelet-certificate-authority', 3);
    assert.equal(info?.channel?.id, 'apiserver-to-kubelet');
    assert.equal(info?.secure, '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt');
    assert.deepEqual(info?.findings, []);
  });

  it('says what it knows of a flag it reads only for parsing, on the command-line channel', () => {
    const info = hover(apiserverPod(['--allow-privileged=true']), '--allow-privileged', 3);
    assert.equal(info?.channel?.id, 'general');
    assert.match(info?.summary ?? '', /^A `bool` flag of kube-apiserver\./);
    assert.match(info?.current ?? '', /Left out, it defaults to `false`/);
  });

  it('says when a flag was removed', () => {
    assert.match(hover(apiserverPod(['--insecure-port=0']), '--insecure-port', 3)?.summary ?? '', /Removed in Kubernetes 1\.24/);
  });

  it('gives every flag of every component a hover with its channel and summary', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const component of COMPONENT_NAMES) {
      for (const k of allFlags(component)) {
        const flag = `--${k.name}=${k.type === 'bool' ? 'true' : 'x'}`;
        const text = pod(component, [flag]);
        const info = hoverAt(analyzeText(text), text.indexOf(flag) + 2);
        checked++;
        if (!info?.channel || !info.summary || info.title !== `--${k.name} (${component})`) missing.push(`${component} --${k.name}`);
        else if (k.channel && info.channel.id !== k.channel) missing.push(`${component} --${k.name}: channel ${info.channel.id}`);
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(checked > 200, `${checked} flags checked`);
  });
});

describe('hover on config fields', () => {
  it('gives every settings field of every config document a hover with its channel', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const setting of SETTINGS) {
      if (!setting.field) continue;
      const value = setting.type === 'bool' ? 'true' : setting.type === 'int' ? '1' : 'x';
      const text = configDocument(setting.component, yamlAt(setting.field, value));
      if (!text) continue;
      const leaf = setting.field[setting.field.length - 1];
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.trimStart().startsWith(`${leaf}:`));
      const offset = lines.slice(0, line).join('\n').length + 1 + lines[line].indexOf(leaf) + 1;
      const info = hoverAt(analyzeText(text), offset);
      checked++;
      if (!info || info.channel?.id !== setting.channel || !info.title.startsWith(setting.field.join('.'))) missing.push(`${setting.component} ${setting.field.join('.')}`);
    }
    assert.deepEqual(missing, []);
    assert.ok(checked >= SETTINGS.filter((s) => s.field).length, `${checked} fields checked`);
  });

  it('summarises a config document on its kind', () => {
    const text = kubeletConfig(['readOnlyPort: 10255']);
    const info = hover(text, 'KubeletConfiguration');
    assert.equal(info?.title, 'kubelet (KubeletConfiguration)');
    const states = Object.fromEntries((info?.channels ?? []).map((c) => [c.channel.id, c.state]));
    assert.match(states['apiserver-to-kubelet'], /KCG207/);
  });

  it('spells a list field\'s secure value as a YAML sequence', () => {
    const info = hover(kubeletConfig(['tlsCipherSuites:', '- TLS_RSA_WITH_AES_128_CBC_SHA']), 'tlsCipherSuites');
    assert.match(info?.secure ?? '', /^tlsCipherSuites: \[TLS_ECDHE_/);
    assert.match(info?.current ?? '', /^This file sets TLS_RSA_WITH_AES_128_CBC_SHA\./);
  });
});

describe('hover on the fields of API objects the rules read', () => {
  it('explains APIService insecureSkipTLSVerify with its secure value and finding, on the key and on the value', () => {
    const text = [
      'apiVersion: apiregistration.k8s.io/v1',
      'kind: APIService',
      'metadata:',
      '  name: v1beta1.metrics.k8s.io',
      'spec:',
      '  service:',
      '    name: metrics-server',
      '    namespace: kube-system',
      '  group: metrics.k8s.io',
      '  version: v1beta1',
      '  insecureSkipTLSVerify: true',
      '  groupPriorityMinimum: 100',
      '  versionPriority: 100',
      '',
    ].join('\n');
    for (const needle of ['insecureSkipTLSVerify', 'true']) {
      const info = hover(text, needle);
      assert.equal(info?.title, 'spec.insecureSkipTLSVerify (APIService)');
      assert.equal(info?.channel?.id, 'apiserver-to-nodes-pods-services');
      assert.equal(info?.secure, 'insecureSkipTLSVerify: false');
      assert.deepEqual(info?.findings.map((f) => f.ruleId), ['KCG301']);
    }
    assert.equal(hover(text, 'groupPriorityMinimum'), undefined, 'fields no rule reads have no hover');
  });

  it('explains a webhook URL with the index of its webhook', () => {
    const text = ['apiVersion: admissionregistration.k8s.io/v1', 'kind: ValidatingWebhookConfiguration', 'metadata:', '  name: x', 'webhooks:', '- name: a.example.com', '  clientConfig:', '    url: http://a.example.com/validate', ''].join('\n');
    const info = hover(text, 'url');
    assert.equal(info?.title, 'webhooks[0].clientConfig.url (ValidatingWebhookConfiguration)');
    assert.deepEqual(info?.findings.map((f) => f.ruleId), ['KCG303']);
  });

  it('explains kubeconfig fields and does not repeat a token', () => {
    const text = ['apiVersion: v1', 'kind: Config', 'clusters:', '- name: c', '  cluster:', '    server: https://10.0.0.1:6443', '    insecure-skip-tls-verify: true', 'users:', '- name: u', '  user:', '    token: s3cr3t-t0ken', ''].join('\n');
    assert.equal(hover(text, 'insecure-skip-tls-verify')?.secure, 'insecure-skip-tls-verify: false');
    assert.equal(hover(text, 'server')?.channel?.id, 'node-to-apiserver');
    const token = hover(text, 'token');
    assert.equal(token?.title, 'users[0].user.token (Config)');
    assert.ok(!JSON.stringify(token).includes('s3cr3t-t0ken'));
  });

  it('gives every field in the table a hover with its channel', () => {
    const missing: string[] = [];
    for (const field of OBJECT_FIELDS) {
      const group = field.groups.find((g) => g !== undefined) ?? '';
      const text = [`apiVersion: ${group === '' ? 'v1' : `${group}/v1`}`, `kind: ${field.kinds[0]}`, ...yamlAt(field.path, 'x'), ''].join('\n');
      const leaf = field.path[field.path.length - 1];
      const info = hover(text, `${leaf}:`);
      if (info?.channel?.id !== field.channel) missing.push(`${field.kinds[0]} ${field.path.join('.')}`);
    }
    assert.deepEqual(missing, []);
  });

  it('says nothing about the same key in other kinds', () => {
    assert.equal(hover(['apiVersion: v1', 'kind: ConfigMap', 'data:', '  server: http://x', ''].join('\n'), 'server'), undefined);
  });
});
