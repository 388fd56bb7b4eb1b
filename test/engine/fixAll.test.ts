// Fix-all: every first fix applied, clashing edits left for the next round, minimal line edits, idempotent.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyzeText } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fixAll';
import { apiserverPod, kubeletConfig, kubeletDaemonSet } from '../../server/src/engine/rules/examples';
import type { Rule } from '../../server/src/engine/rules/types';
import { applyEdits, ROOT, yamlFiles } from '../helpers';

function yamlErrors(text: string): number {
  return parseAllDocuments(text).reduce((n, d) => n + d.errors.length, 0);
}

function fixable(text: string): string[] {
  return analyzeText(text)
    .findings.filter((f) => f.fixes.length > 0)
    .map((f) => `${f.ruleId} ${f.fixes[0].title}`);
}

/** Checks what holds for every fix-all: the edits give the text, nothing fixable is left, and a second run changes nothing. */
function fixAllChecked(text: string) {
  const result = fixAll(text);
  assert.equal(applyEdits(text, result.edits), result.text, 'the edits turn the original into the result');
  assert.deepEqual(fixable(result.text), [], 'no fixable finding is left');
  assert.ok(yamlErrors(result.text) <= yamlErrors(text), 'no new YAML error');
  const again = fixAll(result.text);
  assert.equal(again.text, result.text, 'a second fix-all changes nothing');
  assert.deepEqual([again.applied, again.rounds, again.edits], [0, 0, []]);
  return result;
}

describe('fixAll', () => {
  it('adds every missing flag of a command line in one round', () => {
    const text = apiserverPod(['--etcd-servers=https://127.0.0.1:2379']);
    const before = fixable(text);
    assert.ok(before.length > 5);
    const result = fixAllChecked(text);
    assert.equal(result.applied, before.length);
    assert.equal(result.rounds, 1);
    assert.equal(result.edits.length, 1, 'one run of added lines');
    assert.deepEqual(result.edits[0].range, { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, 'inserted after the last item, no line rewritten');
    assert.equal(result.text.split('\n').filter((l) => l.includes('--anonymous-auth=false')).length, 1);
  });

  it('leaves a fix whose edits overlap or touch another for the next round, where it is recomputed', () => {
    // Removing the only item of a flow sequence touches the point where the other fixes append.
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: kube-apiserver',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    image: registry.k8s.io/kube-apiserver:v1.31.0',
      '    command: ["kube-apiserver"]',
      '    args: ["--secure-port=0"]',
      '',
    ].join('\n');
    const result = fixAllChecked(text);
    assert.ok(result.rounds >= 2, `rounds: ${result.rounds}`);
    const args = result.text.split('\n')[9];
    assert.ok(!args.includes('--secure-port=0'), args);
    // The emptied list has no item style left to copy: plain items, quoted where a comma would split them.
    assert.match(args, /^ {4}args: \[--anonymous-auth=false, "--authorization-mode=Node,RBAC", --enable-admission-plugins=NodeRestriction, /);
    assert.equal(result.edits.length, 1);
    assert.deepEqual([result.edits[0].range.start.line, result.edits[0].range.end.line], [9, 10], 'only the args line changes');
  });

  it('starts no round after the first once its time budget is spent, and says it stopped with fixes left', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: kube-apiserver', 'spec:', '  containers:', '  - name: kube-apiserver', '    image: registry.k8s.io/kube-apiserver:v1.31.0', '    command: ["kube-apiserver"]', '    args: ["--secure-port=0"]', ''].join('\n');
    const full = fixAll(text);
    assert.ok(full.rounds >= 2 && full.complete);
    const bounded = fixAll(text, {}, undefined, 0);
    assert.equal(bounded.rounds, 1);
    assert.equal(bounded.complete, false);
    assert.ok(bounded.applied > 0 && bounded.applied < full.applied, `${bounded.applied} of ${full.applied} fixes in one round`);
    // What is left is fixed by another fix-all, as the user would run it.
    assert.equal(fixAll(bounded.text).text, full.text);
  });

  it('with its budget spent, still merges flags added to one list, but not keys, whose merge would need checking', () => {
    // Flags appended to one command line: one insertion, as the fixes would write them one after another.
    const pod = apiserverPod(['--etcd-servers=https://127.0.0.1:2379']);
    const items = fixAll(pod, {}, undefined, 0);
    assert.equal(items.text, fixAll(pod).text);
    assert.equal(items.rounds, 1);
    // Two settings of a KubeletConfiguration added at its end: merged only once the YAML is checked, which takes time.
    const config = kubeletConfig(['port: 10250']);
    const keys = fixAll(config, {}, undefined, 0);
    assert.deepEqual([keys.applied, keys.complete], [1, false]);
    assert.deepEqual([fixAll(config).applied, fixAll(config).rounds], [2, 1]);
    assert.equal(fixAll(keys.text).text, fixAll(config).text, 'another fix-all adds the other');
  });

  it('does not write a parent mapping twice: fixes creating the same key wait for the next round', () => {
    const text = ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', 'kubernetesVersion: v1.31.0', 'networking:', '  podSubnet: 192.168.0.0/16', ''].join('\n');
    const result = fixAllChecked(text);
    assert.equal(result.rounds, 2);
    assert.equal(result.text.split('\n').filter((l) => l === 'apiServer:').length, 1);
    assert.equal(yamlErrors(result.text), 0);
    assert.match(result.text, /apiServer:\n {2}extraArgs:\n {4}anonymous-auth: "false"\n(?: {4}.*\n)*controllerManager:\n/);
  });

  it('keeps CRLF line endings and a missing final newline, and edits only the changed lines', () => {
    const lf = kubeletDaemonSet(['--anonymous-auth=true', '--read-only-port=10255', '--authorization-mode=Webhook']).replace(/\n$/, '');
    const text = lf.replace(/\n/g, '\r\n');
    const result = fixAllChecked(text);
    assert.ok(!/(^|[^\r])\n/.test(result.text), 'no bare LF');
    assert.ok(!result.text.endsWith('\n'), 'still no final newline');
    assert.equal(result.text, fixAll(lf).text.replace(/\n/g, '\r\n'), 'the same result as with LF');
    // Minimal: no edit starts or ends with a line it leaves as it was.
    const lines = text.split('\r\n');
    for (const edit of result.edits) {
      const { start, end } = edit.range;
      if (end.line > start.line) {
        assert.ok(!edit.newText.startsWith(`${lines[start.line]}\r\n`), `rewrites ${lines[start.line]}`);
        assert.ok(!edit.newText.endsWith(`${lines[end.line - 1]}\r\n`), `rewrites ${lines[end.line - 1]}`);
      }
    }
    assert.deepEqual(
      result.edits.map((e) => [e.range.start.line, e.range.end.line]),
      [[20, 22], [22, 22]],
      'the two changed flags, and the flags added after the last line without rewriting it',
    );
  });

  it('never applies a suppression, and removes suppressions that silence nothing', () => {
    const text = kubeletConfig(['# kube-channel-guard-disable-next-line KCG205', 'readOnlyPort: 10255']);
    const result = fixAllChecked(text);
    assert.ok(!result.text.includes('kube-channel-guard'), result.text);
    assert.match(result.text, /readOnlyPort: 0/);
  });

  it('stops after 10 rounds when a fix never removes its finding', () => {
    const stubborn: Rule = {
      meta: { id: 'KCG999', name: 'stubborn', channel: 'general', severity: 'hint', summary: '', rationale: '', remediation: '', references: [], examples: { valid: [], invalid: [] } },
      check(context) {
        context.report({ range: { start: 0, end: 0 }, message: 'always', fixes: [{ title: 'Add a line', edits: [{ start: 0, end: 0, newText: '# again\n' }] }] });
      },
    };
    const result = fixAll('a: 1\n', { rules: [stubborn] });
    assert.equal(result.rounds, 10);
    assert.equal(result.applied, 10);
    assert.equal(result.text, `${'# again\n'.repeat(10)}a: 1\n`);
    assert.deepEqual(result.edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '# again\n'.repeat(10) }]);
  });

  it('fixes the examples/ files completely', () => {
    const files = yamlFiles(path.join(ROOT, 'examples'));
    assert.ok(files.length >= 4);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const result = fixAllChecked(text);
      assert.ok(result.applied > 0, `${path.basename(file)} has something to fix`);
      assert.ok(result.rounds <= 3, `${path.basename(file)}: ${result.rounds} rounds`);
      assert.equal(text.split('\n').slice(0, 2).join('\n'), result.text.split('\n').slice(0, 2).join('\n'), 'the header comment is kept');
    }
  });
});

describe('fixes the corpus property test found wrong', () => {
  const pod = (command: string) =>
    ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: kube-apiserver', 'spec:', '  containers:', '  - name: kube-apiserver', '    image: registry.k8s.io/kube-apiserver:v1.31.0', `    command: ${command}`, ''].join('\n');

  it('quotes a plain item of a flow sequence that a value with a comma would split', () => {
    const text = pod('[kube-apiserver, --authorization-mode=Node]');
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG106');
    assert.ok(finding);
    assert.equal(applyEdits(text, finding.fixes[0].edits), pod('[kube-apiserver, "--authorization-mode=Node,RBAC"]'));
    const added = analyzeText(pod('[kube-apiserver]')).findings.find((f) => f.ruleId === 'KCG104');
    assert.equal(applyEdits(pod('[kube-apiserver]'), added?.fixes[0].edits ?? []), pod('[kube-apiserver, "--authorization-mode=Node,RBAC"]'));
  });

  it('turns etcd auto TLS off only together with a certificate, so KCG404 does not take its place', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: etcd', 'spec:', '  containers:', '  - name: etcd', '    image: registry.k8s.io/etcd:3.5.15-0', '    command:', '    - etcd', '    - --auto-tls=true', ''].join('\n');
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG407');
    assert.ok(finding);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.match(fixed, /- --auto-tls=false\n {4}- --cert-file=\/etc\/kubernetes\/pki\/etcd\/server.crt\n {4}- --key-file=\/etc\/kubernetes\/pki\/etcd\/server.key\n$/);
    const ids = analyzeText(fixed).findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('KCG407') && !ids.includes('KCG404'), ids.join(' '));
  });
});
