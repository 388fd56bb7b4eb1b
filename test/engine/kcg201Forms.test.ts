// KCG201 is found in every form people write a kube-apiserver command line, and its quick fix applies cleanly in each.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { applyEdits } from '../helpers';

const HEAD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: kube-apiserver', 'spec:', '  containers:', '  - name: kube-apiserver'];
const CA = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';

function doc(lines: string[], eol = '\n'): string {
  return [...HEAD, ...lines, ''].join(eol);
}

const FORMS: Array<{ name: string; before: string[]; after: string[]; eol?: string }> = [
  {
    name: 'block sequence in command, with a trailing comment',
    before: ['    command:', '    - kube-apiserver', '    - --secure-port=6443  # keep', '    image: k8s'],
    after: ['    command:', '    - kube-apiserver', '    - --secure-port=6443  # keep', `    - ${CA}`, '    image: k8s'],
  },
  {
    name: 'full path to the binary, quoted items',
    before: ['    command:', '    - "/usr/local/bin/kube-apiserver"', '    - "--secure-port=6443"'],
    after: ['    command:', '    - "/usr/local/bin/kube-apiserver"', '    - "--secure-port=6443"', `    - "${CA}"`],
  },
  {
    name: 'flags only in args, binary in command',
    before: ['    command: [kube-apiserver]', '    args:', '      - --secure-port=6443'],
    after: ['    command: [kube-apiserver]', '    args:', '      - --secure-port=6443', `      - ${CA}`],
  },
  {
    name: 'binary alone in command, empty-looking args list',
    before: ['    command: ["kube-apiserver"]', "    args: ['--v=2']"],
    after: ['    command: ["kube-apiserver"]', `    args: ['--v=2', '${CA}']`],
  },
  {
    name: 'flow sequence',
    before: ['    command: [kube-apiserver, --secure-port=6443]'],
    after: [`    command: [kube-apiserver, --secure-port=6443, ${CA}]`],
  },
  {
    name: 'split --flag value form',
    before: ['    command:', '    - kube-apiserver', '    - --secure-port', '    - "6443"'],
    after: ['    command:', '    - kube-apiserver', '    - --secure-port', '    - "6443"', `    - "${CA}"`],
  },
  {
    name: 'sh -c with a plain string',
    before: ['    command: [sh, -c]', '    args:', '    - exec kube-apiserver --secure-port=6443 && echo bye'],
    after: ['    command: [sh, -c]', '    args:', `    - exec kube-apiserver --secure-port=6443 ${CA} && echo bye`],
  },
  {
    name: 'sh -c with a double-quoted string',
    before: ['    command: ["/bin/sh", "-c", "exec kube-apiserver --secure-port=6443"]'],
    after: [`    command: ["/bin/sh", "-c", "exec kube-apiserver --secure-port=6443 ${CA}"]`],
  },
  {
    name: 'bash -ec with a block literal and line continuations',
    before: ['    command:', '    - /bin/bash', '    - -ec', '    - |', '      exec kube-apiserver \\', '        --secure-port=6443', '    image: k8s'],
    after: ['    command:', '    - /bin/bash', '    - -ec', '    - |', '      exec kube-apiserver \\', `        --secure-port=6443 ${CA}`, '    image: k8s'],
  },
  {
    name: 'CRLF line endings',
    before: ['    command:', '    - kube-apiserver', '    - --secure-port=6443'],
    after: ['    command:', '    - kube-apiserver', '    - --secure-port=6443', `    - ${CA}`],
    eol: '\r\n',
  },
];

describe('KCG201 in every form', () => {
  for (const form of FORMS) {
    it(form.name, () => {
      const text = doc(form.before, form.eol);
      const findings = analyzeText(text).findings.filter((f) => f.ruleId === 'KCG201');
      assert.equal(findings.length, 1);
      const fixed = applyEdits(text, findings[0].fixes[0].edits);
      assert.equal(fixed, doc(form.after, form.eol));
      assert.equal(analyzeText(fixed).findings.filter((f) => f.ruleId === 'KCG201').length, 0);
    });
  }

  it('says nothing once the flag is there, in any form', () => {
    for (const lines of [
      ['    command: [kube-apiserver, --kubelet-certificate-authority, /pki/ca.crt]'],
      ['    command: [sh, -c, "kube-apiserver --kubelet-certificate-authority=/pki/ca.crt"]'],
      ['    command: [kube-apiserver]', '    args: ["--kubelet-certificate-authority=$(PKI)/ca.crt"]', '    env: [{name: PKI, value: /pki}]'],
    ]) {
      assert.deepEqual(analyzeText(doc(lines)).findings.filter((f) => f.ruleId === 'KCG201'), [], lines.join('\n'));
    }
  });

  it('points a missing flag at the key of the list it belongs in', () => {
    const text = doc(['    command: [kube-apiserver]', '    args:', '    - --v=2']);
    const [finding] = analyzeText(text).findings.filter((f) => f.ruleId === 'KCG201');
    assert.deepEqual(finding.range, { start: { line: 8, character: 4 }, end: { line: 8, character: 8 } });
  });
});

describe('KCG201 next to kubelets that sign their own serving certificates', () => {
  it('offers a second fix that also turns on serverTLSBootstrap for them, and it leaves neither finding', () => {
    const text = [...HEAD, '    command: [kube-apiserver, --secure-port=6443]', '---', 'apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', 'readOnlyPort: 0', ''].join('\n');
    const [finding] = analyzeText(text).findings.filter((f) => f.ruleId === 'KCG201');
    assert.deepEqual(finding.fixes.map((f) => f.title), [`Add ${CA}`, `Add ${CA} and turn on serving certificates from the cluster CA for the kubelets in this file`]);
    const fixed = applyEdits(text, finding.fixes[1].edits);
    assert.ok(fixed.includes(`command: [kube-apiserver, --secure-port=6443, ${CA}]`));
    assert.ok(fixed.endsWith('readOnlyPort: 0\nserverTLSBootstrap: true\n'));
    const ids = analyzeText(fixed).findings.map((f) => f.ruleId);
    assert.ok(!ids.includes('KCG201') && !ids.includes('KCG209'));
  });

  it('offers only the flag when the file has no such kubelet', () => {
    const text = [...HEAD, '    command: [kube-apiserver, --secure-port=6443]', ''].join('\n');
    assert.equal(analyzeText(text).findings.filter((f) => f.ruleId === 'KCG201')[0].fixes.length, 1);
  });
});
