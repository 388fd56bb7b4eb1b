// Errors a user can act on: one line on stderr naming the problem, exit 2; oversized and binary files skipped with a message.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from '../helpers';
import { apiserverPod, CLEAN, cli, fixtureDir, rm, type JsonReport } from './run';

/** Asserts the run failed with exit 2 and exactly one line on stderr, and returns that line. */
function oneLineError(args: string[], options: { cwd?: string; input?: string } = {}): string {
  const r = cli(args, options);
  assert.equal(r.status, 2, `exit 2 for ${args.join(' ')}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kube-channel-guard: [^\n]+\n$/, `one line for ${args.join(' ')}: ${r.stderr}`);
  return r.stderr.trimEnd();
}

describe('kube-channel-guard usage errors', () => {
  it('names an unknown option and suggests the closest', () => {
    assert.equal(oneLineError(['--formt', 'json', 'examples']), 'kube-channel-guard: unknown option --formt (did you mean --format?); see kube-channel-guard --help');
    assert.equal(oneLineError(['--frobnicate', 'examples']), 'kube-channel-guard: unknown option --frobnicate; see kube-channel-guard --help');
    assert.equal(oneLineError(['-x', 'examples']), 'kube-channel-guard: unknown option -x; see kube-channel-guard --help');
  });

  it('names a mistyped --fail-on or --format value and the values it takes', () => {
    assert.equal(oneLineError(['--fail-on', 'warn', 'examples']), 'kube-channel-guard: --fail-on takes error, warning, info, hint or never, not warn (did you mean warning?)');
    assert.equal(oneLineError(['--fail-on=errors', 'examples']), 'kube-channel-guard: --fail-on takes error, warning, info, hint or never, not errors (did you mean error?)');
    assert.equal(oneLineError(['--format', 'sarf', 'examples']), 'kube-channel-guard: --format takes text, json, sarif or html, not sarf (did you mean sarif?)');
  });

  it('says which option lacks a value, and when no path is given', () => {
    assert.equal(oneLineError(['examples', '--format']), 'kube-channel-guard: --format needs a value');
    assert.equal(oneLineError(['--exclude', '--format', 'json', 'examples']), 'kube-channel-guard: --exclude needs a value');
    assert.equal(oneLineError([]), 'kube-channel-guard: no files or folders given; see kube-channel-guard --help');
    assert.equal(oneLineError(['--format', 'json']), 'kube-channel-guard: no files or folders given; see kube-channel-guard --help');
  });

  it('refuses --stdin-filename without -, - twice, and a help URI base that is not a URL', () => {
    assert.equal(oneLineError(['--stdin-filename', 'a.yaml', 'examples']), 'kube-channel-guard: --stdin-filename names standard input, so it needs - among the paths');
    assert.equal(oneLineError(['-', '-'], { input: '' }), 'kube-channel-guard: - (standard input) can be given only once');
    assert.equal(oneLineError(['--help-uri-base', 'docs/rules', 'examples']), 'kube-channel-guard: --help-uri-base takes an absolute URL such as https://example.com/docs/rules, not docs/rules');
  });

  it('names an unknown rule id for explain, and suggests a misread digit or a close name', () => {
    assert.equal(oneLineError(['explain', 'KCG999']), 'kube-channel-guard: unknown rule id KCG999; the rules are listed in docs/rules.md');
    assert.equal(oneLineError(['explain', 'KCG2O1']), 'kube-channel-guard: unknown rule id KCG2O1 (did you mean KCG201?); the rules are listed in docs/rules.md');
    assert.equal(oneLineError(['explain', 'kubelet-certificate-authority-mising']), 'kube-channel-guard: unknown rule id kubelet-certificate-authority-mising (did you mean kubelet-certificate-authority-missing?); the rules are listed in docs/rules.md');
    assert.equal(oneLineError(['explain']), 'kube-channel-guard: explain takes one rule id, for example: kube-channel-guard explain KCG201');
  });

  it('explains a rule by id in any case or by name', () => {
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'KCG201.md'), 'utf8');
    for (const id of ['KCG201', 'kcg201', 'kubelet-certificate-authority-missing']) {
      const r = cli(['explain', id]);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, page);
    }
  });
});

describe('kube-channel-guard unreadable paths and invalid project files', () => {
  it('names a missing file or folder', () => {
    assert.equal(oneLineError(['examples', 'no-such-dir/']), 'kube-channel-guard: cannot read no-such-dir/: no such file or folder');
  });

  // Root reads everything, so as root the CLI is run as nobody, which cannot read a mode-000 file.
  const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

  function unreadable(files: Record<string, string>, lock: string): { dir: string; restore: () => void } {
    const dir = fixtureDir(files);
    fs.chmodSync(dir, 0o755);
    for (const sub of Object.keys(files).map((f) => path.dirname(f)).filter((d) => d !== '.')) fs.chmodSync(path.join(dir, sub), 0o755);
    fs.chmodSync(path.join(dir, lock), 0o000);
    return { dir, restore: () => fs.chmodSync(path.join(dir, lock), 0o700) };
  }

  it('names a file it may not read', () => {
    const { dir, restore } = unreadable({ 'secret.yaml': CLEAN }, 'secret.yaml');
    const r = cli(['secret.yaml'], { cwd: dir, ...asUser });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'kube-channel-guard: cannot read secret.yaml: permission denied\n');
    restore();
    rm(dir);
  });

  it('names a folder it may not list', () => {
    const { dir, restore } = unreadable({ 'closed/a.yaml': CLEAN }, 'closed');
    const r = cli(['.'], { cwd: dir, ...asUser });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'kube-channel-guard: cannot read folder closed: permission denied\n');
    restore();
    rm(dir);
  });

  it('names a missing --config file', () => {
    assert.equal(oneLineError(['--config', 'nope.yaml', 'examples']), 'kube-channel-guard: cannot read project file nope.yaml: no such file or folder');
  });

  it('names the place and problem of an invalid project file, and counts the others', () => {
    const dir = fixtureDir({ 'a.yaml': CLEAN, '.kube-channel-guard.yaml': 'maxFileSizeKiB: lots\nrules:\n  KCG201: loud\n' });
    assert.equal(oneLineError(['.'], { cwd: dir }), 'kube-channel-guard: .kube-channel-guard.yaml:1:17: maxFileSizeKiB must be a number of KiB, 1 or more (and 1 more problem)');
    fs.writeFileSync(path.join(dir, 'kcg.yaml'), 'rules: [KCG201\n');
    assert.match(oneLineError(['--config', 'kcg.yaml', 'a.yaml'], { cwd: dir }), /^kube-channel-guard: kcg\.yaml:\d+:\d+: not valid YAML: /);
    rm(dir);
  });
});

describe('kube-channel-guard skipped files', () => {
  it('skips a file over maxFileSizeKiB with one line, and does not fail for it', () => {
    const big = apiserverPod([]) + `# ${'x'.repeat(9 * 1024 * 1024)}\n`;
    const dir = fixtureDir({ 'big.yaml': big, 'ok.yaml': CLEAN });
    const r = cli(['.'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, 'kube-channel-guard: skipped big.yaml: 9217 KiB is over maxFileSizeKiB (8192)\n');
    assert.equal(r.stdout, 'No findings in 1 file; 1 file skipped.\n');
    const json = JSON.parse(cli(['--format', 'json', '.'], { cwd: dir }).stdout) as JsonReport;
    assert.deepEqual(json.skipped, [{ path: 'big.yaml', reason: '9217 KiB is over maxFileSizeKiB (8192)' }]);
    rm(dir);
  });

  it('takes maxFileSizeKiB from the project file, and applies it to standard input', () => {
    const pod = apiserverPod(['--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt']);
    const dir = fixtureDir({ 'pod.yaml': pod, '.kube-channel-guard.yaml': 'maxFileSizeKiB: 1\n' });
    assert.ok(pod.length < 1024);
    assert.equal(cli(['pod.yaml'], { cwd: dir }).status, 1);
    const padded = pod + `# ${'x'.repeat(2000)}\n`;
    fs.writeFileSync(path.join(dir, 'pod.yaml'), padded);
    const r = cli(['pod.yaml'], { cwd: dir });
    assert.equal(r.status, 0);
    assert.equal(r.stderr, 'kube-channel-guard: skipped pod.yaml: 3 KiB is over maxFileSizeKiB (1)\n');
    const stdin = cli(['-'], { cwd: dir, input: padded });
    assert.equal(stdin.stderr, 'kube-channel-guard: skipped <stdin>: 3 KiB is over maxFileSizeKiB (1)\n');
    rm(dir);
  });

  it('skips binary files with a message, reads invalid UTF-8 with a warning, and reads UTF-16 with a byte order mark', () => {
    const pod = apiserverPod([]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pod, 'utf16le')]);
    const dir = fixtureDir({
      'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]),
      'latin1.yaml': Buffer.from('kind: ConfigMap\ndata: {a: "caf\xe9"}\n', 'latin1'),
      'utf16.yaml': utf16,
      'latin1-pod.yaml': Buffer.concat([Buffer.from(pod), Buffer.from('# r\xe9sum\xe9\n', 'latin1')]),
      'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pod)]),
    });
    const r = cli(['--format', 'json', '.'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      [
        'kube-channel-guard: skipped binary.yaml: binary file (it contains NUL bytes), not YAML',
        'kube-channel-guard: latin1-pod.yaml: not valid UTF-8: invalid bytes were read as U+FFFD',
        'kube-channel-guard: latin1.yaml: not valid UTF-8: invalid bytes were read as U+FFFD',
        '',
      ].join('\n'),
    );
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(report.files.map((f) => f.path), ['bom.yaml', 'latin1-pod.yaml', 'latin1.yaml', 'utf16.yaml']);
    assert.deepEqual(report.skipped, [{ path: 'binary.yaml', reason: 'binary file (it contains NUL bytes), not YAML' }]);
    // The byte order mark is not a column: positions match the same file without it.
    const plain = JSON.parse(cli(['--format', 'json', '-'], { input: pod }).stdout) as JsonReport;
    assert.deepEqual(report.files[0].findings, plain.files[0].findings);
    assert.deepEqual(report.files[3].findings, plain.files[0].findings);
    // A stray Latin-1 byte in a comment does not hide the file's findings.
    assert.deepEqual(report.files[1].findings, plain.files[0].findings);
    rm(dir);
  });
});
