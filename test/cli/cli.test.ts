// The CLI as CI uses it: compiler-style text, the documented JSON shape, and exit codes 0, 1 and 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Range } from '../../server/src/engine/types';
import { applyEdits, ROOT } from '../helpers';
import { cli, crossFileFixture, rm, type JsonReport } from './run';

describe('kube-channel-guard CLI', () => {
  it('prints one compiler-style line per finding and exits 1 when there are findings', () => {
    const r = cli(['examples/kube-apiserver.yaml']);
    assert.equal(r.status, 1);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('examples/kube-apiserver.yaml:13:5 warning KCG201 kube-apiserver has no --kubelet-certificate-authority: the API server does not verify kubelet serving certificates, so logs, exec, attach and port-forward can be intercepted'));
    for (const line of lines.slice(0, -1)) assert.match(line, /^examples\/kube-apiserver\.yaml:\d+:\d+ (error|warning|info|hint) KCG\d{3} \S/);
    assert.equal(lines[lines.length - 1], `${lines.length - 1} findings in 1 of 1 file.`);
  });

  it('walks folders for YAML files', () => {
    const r = cli(['examples']);
    assert.equal(r.status, 1);
    for (const file of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))) {
      assert.ok(r.stdout.includes(`examples/${file}:`), `${file} is checked`);
    }
  });

  it('prints the documented JSON object with 0-based positions', () => {
    const r = cli(['--format', 'json', 'examples/kube-apiserver.yaml']);
    assert.equal(r.status, 1);
    const output = JSON.parse(r.stdout) as { files: Array<{ path: string; findings: Array<{ rule: string; fixes: unknown[] }> }>; skipped: unknown[] };
    assert.equal(output.files.length, 1);
    assert.equal(output.files[0].path, 'examples/kube-apiserver.yaml');
    assert.deepEqual(output.skipped, []);
    const finding = output.files[0].findings.find((f) => f.rule === 'KCG201');
    assert.deepEqual({ ...finding, fixes: undefined }, {
      rule: 'KCG201',
      name: 'kubelet-certificate-authority-missing',
      channel: 'apiserver-to-kubelet',
      severity: 'warning',
      message: 'kube-apiserver has no --kubelet-certificate-authority: the API server does not verify kubelet serving certificates, so logs, exec, attach and port-forward can be intercepted',
      range: { start: { line: 12, character: 4 }, end: { line: 12, character: 11 } },
      fixable: true,
      fixes: undefined,
      related: [],
    });
    assert.deepEqual(finding?.fixes, [
      {
        title: 'Add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt',
        edits: [{ range: { start: { line: 33, character: 62 }, end: { line: 33, character: 62 } }, newText: '\n    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt' }],
      },
    ]);
  });

  it('gives each finding its fixes as edits that, applied, clear the finding', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8');
    const output = JSON.parse(cli(['--format', 'json', 'examples/kube-apiserver.yaml']).stdout) as JsonReport;
    const finding = output.files[0].findings.find((f) => f.rule === 'KCG201');
    assert.ok(finding && finding.fixes.length > 0);
    const fixed = applyEdits(text, finding.fixes[0].edits as Array<{ range: Range; newText: string }>);
    assert.match(fixed, /- --kubelet-certificate-authority=\/etc\/kubernetes\/pki\/ca\.crt\n/);
    const after = JSON.parse(cli(['--format', 'json', '-'], { input: fixed }).stdout) as JsonReport;
    assert.ok(!after.files[0].findings.some((f) => f.rule === 'KCG201'));
  });

  it('names the other end of a cross-file finding: a related line in text, related entries in JSON', () => {
    const dir = crossFileFixture();
    const text = cli(['.'], { cwd: dir }).stdout.split('\n');
    const at = text.findIndex((l) => l.startsWith('control-plane/kube-apiserver.yaml:17:7 warning KCG214 '));
    assert.ok(at >= 0, text.join('\n'));
    assert.equal(text[at + 1], '    related nodes/kubelet-config.yaml:4:7 KubeletConfiguration signs its own serving certificate: no serverTLSBootstrap, no tlsCertFile');
    const json = JSON.parse(cli(['--format', 'json', '.'], { cwd: dir }).stdout) as JsonReport;
    const finding = json.files.find((f) => f.path === path.join('control-plane', 'kube-apiserver.yaml'))?.findings.find((f) => f.rule === 'KCG214');
    assert.deepEqual(finding?.related, [
      {
        path: path.join('nodes', 'kubelet-config.yaml'),
        range: { start: { line: 3, character: 6 }, end: { line: 3, character: 26 } },
        message: 'KubeletConfiguration signs its own serving certificate: no serverTLSBootstrap, no tlsCertFile',
      },
    ]);
    // Checked alone, neither file shows the mismatch: it takes both ends.
    const alone = JSON.parse(cli(['--format', 'json', 'control-plane/kube-apiserver.yaml'], { cwd: dir }).stdout) as JsonReport;
    assert.ok(!alone.files[0].findings.some((f) => f.rule === 'KCG214'));
    rm(dir);
  });

  it('exits 0 with no findings', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-'));
    fs.writeFileSync(path.join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    const r = cli([dir]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No findings in 1 file.\n');
    fs.rmSync(dir, { recursive: true });
  });

  it('exits 2 with a one-line message for an unreadable path or a usage error', () => {
    const missing = cli(['no-such-file.yaml']);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, 'kube-channel-guard: cannot read no-such-file.yaml: no such file or folder\n');
    const format = cli(['--format', 'xml', 'examples']);
    assert.equal(format.status, 2);
    assert.equal(format.stderr, 'kube-channel-guard: --format takes text, json, sarif or html, not xml\n');
    assert.equal(cli([]).status, 2);
    assert.equal(cli(['--frobnicate', 'examples']).status, 2);
  });

  it('explains a rule from the same text as its docs page', () => {
    const r = cli(['explain', 'KCG201']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'KCG201.md'), 'utf8'));
    assert.equal(cli(['explain', 'KCG999']).status, 2);
  });

  it('treats a file a kustomization lists as a patch as a fragment: explicit insecure values only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-kustomize-'));
    const patch = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: kube-apiserver}', 'spec:', '  containers:', '  - name: kube-apiserver', '    command: [kube-apiserver, --kubelet-https=false]', ''].join('\n');
    fs.writeFileSync(path.join(dir, 'apiserver-patch.yaml'), patch);
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: [base.yaml]\npatches:\n- path: apiserver-patch.yaml\n');
    const asPatch = JSON.parse(cli(['--format', 'json', path.join(dir, 'apiserver-patch.yaml')]).stdout);
    assert.deepEqual(asPatch.files[0].findings.map((f: { rule: string }) => f.rule).filter((r: string) => r.startsWith('KCG2')), ['KCG203']);
    fs.rmSync(path.join(dir, 'kustomization.yaml'));
    const alone = JSON.parse(cli(['--format', 'json', path.join(dir, 'apiserver-patch.yaml')]).stdout);
    assert.ok(alone.files[0].findings.some((f: { rule: string }) => f.rule === 'KCG201'));
    fs.rmSync(dir, { recursive: true });
  });

  it('takes a target Kubernetes version, and rejects one that is not a version', () => {
    assert.equal(cli(['--kubernetes-version', '1.31', 'examples/kube-apiserver.yaml']).status, 1);
    const bad = cli(['--kubernetes-version', 'latest', 'examples']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--kubernetes-version takes a version like 1.31, not latest/);
  });

  it('reads .kube-channel-guard.yaml: rule levels and off apply, and an invalid file is one line and exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-config-'));
    fs.copyFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), path.join(dir, 'kube-apiserver.yaml'));
    const run = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
    const before = JSON.parse(run(['--format', 'json', '.']).stdout).files[0].findings as Array<{ rule: string; severity: string }>;
    assert.equal(before.find((f) => f.rule === 'KCG201')?.severity, 'warning');
    fs.writeFileSync(path.join(dir, '.kube-channel-guard.yaml'), 'rules:\n  KCG201: error\n  KCG101: off\n');
    const after = JSON.parse(run(['--format', 'json', '.']).stdout).files[0].findings as Array<{ rule: string; severity: string }>;
    assert.equal(after.find((f) => f.rule === 'KCG201')?.severity, 'error');
    assert.ok(!after.some((f) => f.rule === 'KCG101'));
    fs.writeFileSync(path.join(dir, '.kube-channel-guard.yaml'), 'rules:\n  KCG999: off\n');
    const bad = run(['.']);
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, 'kube-channel-guard: .kube-channel-guard.yaml:2:3: unknown rule id KCG999\n');
    fs.rmSync(dir, { recursive: true });
  });
});
