// The flag model follows spf13/pflag: split values, bool syntax, repeats, lists and env expansion, each with its source range.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { buildModel } from '../../server/src/engine/parse/model';

function kubelet(items: string[], extra: string[] = []): string {
  return ['apiVersion: v1', 'kind: Pod', 'metadata: {name: k}', 'spec:', '  containers:', '  - name: kubelet', '    command:', '    - kubelet', ...items.map((i) => `    - ${i}`), ...extra, ''].join('\n');
}

function flagsOf(text: string) {
  return buildModel(text).components[0].flags;
}

describe('flag model', () => {
  it('takes the next word as the value of a value flag (--f v)', () => {
    const text = kubelet(['--read-only-port', '"0"']);
    const occurrence = flagsOf(text).last('read-only-port');
    assert.equal(occurrence?.value, '0');
    assert.equal(occurrence?.form, 'split');
    assert.equal(text.slice(occurrence?.range.start, occurrence?.range.end), '--read-only-port\n    - "0');
    assert.equal(text.slice(occurrence?.valueRange.start, occurrence?.valueRange.end), '0');
  });

  it('reads a bool flag as true when its value is a separate word, and reports the stray word', () => {
    const flags = flagsOf(kubelet(['--anonymous-auth', 'false']));
    assert.equal(flags.last('anonymous-auth')?.value, 'true');
    assert.equal(flags.strays.length, 1);
    assert.equal(flags.strays[0].token.text, 'false');
    assert.equal(flags.strays[0].afterBoolFlag?.name, 'anonymous-auth');
    const findings = analyzeText(kubelet(['--anonymous-auth', 'false'])).findings;
    assert.deepEqual(findings.filter((f) => f.ruleId === 'KCG001').map((f) => f.range), [{ start: { line: 8, character: 6 }, end: { line: 9, character: 11 } }]);
    // The security rule leaves the split form to KCG001, whose fix writes what the user meant.
    assert.equal(findings.filter((f) => f.ruleId === 'KCG204').length, 0);
  });

  it('lets the last occurrence of a scalar flag win', () => {
    const text = kubelet(['--anonymous-auth=false', '--anonymous-auth=true']);
    assert.equal(flagsOf(text).last('anonymous-auth')?.value, 'true');
    const [finding] = analyzeText(text).findings.filter((f) => f.ruleId === 'KCG204');
    assert.equal(finding.range.start.line, 9, 'the finding points at the occurrence that decides');
  });

  it('appends list flags across occurrences and commas', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: a', '    command: [kube-apiserver, "--authorization-mode=Node,RBAC", --authorization-mode, AlwaysAllow]', ''].join('\n');
    assert.deepEqual(flagsOf(text).list('authorization-mode'), ['Node', 'RBAC', 'AlwaysAllow']);
  });

  it('expands $(VAR) from literal env values, keeps $$(VAR) and unknown references', () => {
    const text = kubelet(['--client-ca-file=$(PKI)/ca.crt', '--node-ip=$(NODE_IP)', '--hostname-override=$$(PKI)'], [
      '    env:',
      '    - {name: PKI, value: /etc/kubernetes/pki}',
      '    - name: NODE_IP',
      '      valueFrom: {fieldRef: {fieldPath: status.hostIP}}',
    ]);
    const flags = flagsOf(text);
    assert.equal(flags.last('client-ca-file')?.value, '/etc/kubernetes/pki/ca.crt');
    assert.equal(flags.last('node-ip')?.value, '$(NODE_IP)');
    assert.equal(flags.last('hostname-override')?.value, '$(PKI)');
  });

  it('keeps exact ranges through quotes, escapes and CRLF line endings', () => {
    const text = kubelet(['"--read-only-port=10255"', "'--anonymous-auth=true'"]).replace(/\n/g, '\r\n');
    const flags = flagsOf(text);
    const port = flags.last('read-only-port');
    assert.equal(text.slice(port?.valueRange.start, port?.valueRange.end), '10255');
    const anon = flags.last('anonymous-auth');
    assert.equal(text.slice(anon?.range.start, anon?.range.end), '--anonymous-auth=true');
  });

  it('maps words of a double-quoted shell script with escapes back to the source', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: a', '    command: ["sh", "-c", "exec kubelet --node-labels=\\"a=b\\" --read-only-port=10255"]', ''].join('\n');
    const port = flagsOf(text).last('read-only-port');
    assert.equal(port?.token?.inShell, true);
    assert.equal(text.slice(port?.range.start, port?.range.end), '--read-only-port=10255');
    assert.equal(flagsOf(text).last('node-labels')?.value, '"a=b"'.replace(/"/g, ''));
  });

  it('reads flow sequences as well as block ones', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: a', '    command: [kubelet, --read-only-port=0, --anonymous-auth=false]', ''].join('\n');
    assert.deepEqual(flagsOf(text).occurrences.map((o) => `${o.name}=${o.value}`), ['read-only-port=0', 'anonymous-auth=false']);
  });

  it('treats everything after a bare -- as positional', () => {
    const flags = flagsOf(kubelet(['--', '--anonymous-auth=true']));
    assert.equal(flags.last('anonymous-auth'), undefined);
  });
});

describe('values the file cannot tell', () => {
  it('says nothing about a kubelet setting whose value comes from a valueFrom env var', () => {
    const text = kubelet(['--read-only-port=$(PORT)'], ['    env:', '    - name: PORT', '      valueFrom: {configMapKeyRef: {name: k, key: port}}']);
    assert.equal(flagsOf(text).last('read-only-port')?.unresolved, true);
    assert.deepEqual(analyzeText(text).findings.filter((f) => f.ruleId === 'KCG207'), []);
  });

  it('says nothing about kubelet settings a --config file may set, but still reads the flags given', () => {
    const text = kubelet(['--config=/var/lib/kubelet/config.yaml', '--read-only-port=10255']);
    assert.deepEqual(analyzeText(text).findings.map((f) => f.ruleId), ['KCG207']);
  });
});
