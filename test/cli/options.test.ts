// The CLI's options as a CI job uses them: standard input, --exclude, --fail-on thresholds, --output, --version, --help.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CORPUS, ROOT } from '../helpers';
import { apiserverPod, CLEAN, CLI, cli, fixtureDir, rm, type JsonReport } from './run';

const APISERVER = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8');

function paths(report: JsonReport): string[] {
  return report.files.map((f) => f.path.split(path.sep).join('/'));
}

describe('kube-channel-guard standard input', () => {
  it('reads - as <stdin>, with the same findings as the file', () => {
    const fromFile = cli(['examples/kube-apiserver.yaml']);
    const fromStdin = cli(['-'], { input: APISERVER });
    assert.equal(fromStdin.status, 1);
    assert.equal(fromStdin.stdout, fromFile.stdout.replaceAll('examples/kube-apiserver.yaml:', '<stdin>:'));
  });

  it('names standard input after --stdin-filename, alongside files', () => {
    const r = cli(['--format', 'json', '--stdin-filename', 'deploy/apiserver.yaml', '-', 'examples/kubelet-config.yaml'], { input: APISERVER });
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual(paths(report), ['deploy/apiserver.yaml', 'examples/kubelet-config.yaml']);
    assert.ok(report.files[0].findings.some((f) => f.rule === 'KCG201'));
  });

  it('checks empty standard input as an empty file', () => {
    const r = cli(['-'], { input: '' });
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'No findings in 1 file.\n');
  });
});

describe('kube-channel-guard folders and --exclude', () => {
  const tree = {
    'apiserver.yaml': APISERVER,
    'charts/x/templates/apiserver.yaml': APISERVER,
    'base/kubelet.yml': CLEAN,
    'base/apiserver.tmpl.yaml': APISERVER,
    'nested/deep/test/apiserver.yaml': APISERVER,
    'README.md': '# not YAML\n',
    '.git/config.yaml': APISERVER,
    'node_modules/pkg/apiserver.yaml': APISERVER,
  };

  it('walks folders recursively for .yaml and .yml, skipping .git and node_modules', () => {
    const dir = fixtureDir(tree);
    const report = JSON.parse(cli(['--format', 'json', '.'], { cwd: dir }).stdout) as JsonReport;
    assert.deepEqual(paths(report), ['apiserver.yaml', 'base/apiserver.tmpl.yaml', 'base/kubelet.yml', 'charts/x/templates/apiserver.yaml', 'nested/deep/test/apiserver.yaml']);
    rm(dir);
  });

  it('leaves out what --exclude names: ** across folders, * within one, base names, repeatable', () => {
    const dir = fixtureDir(tree);
    const run = (...globs: string[]) => paths(JSON.parse(cli(['--format', 'json', ...globs.flatMap((g) => ['--exclude', g]), '.'], { cwd: dir }).stdout) as JsonReport);
    assert.deepEqual(run('charts/**'), ['apiserver.yaml', 'base/apiserver.tmpl.yaml', 'base/kubelet.yml', 'nested/deep/test/apiserver.yaml']);
    assert.deepEqual(run('*.tmpl.yaml'), ['apiserver.yaml', 'base/kubelet.yml', 'charts/x/templates/apiserver.yaml', 'nested/deep/test/apiserver.yaml']);
    assert.deepEqual(run('**/test/**', 'base/*.yml'), ['apiserver.yaml', 'base/apiserver.tmpl.yaml', 'charts/x/templates/apiserver.yaml']);
    assert.deepEqual(run('templates'), ['apiserver.yaml', 'base/apiserver.tmpl.yaml', 'base/kubelet.yml', 'nested/deep/test/apiserver.yaml']);
    assert.deepEqual(run('base/kubelet.ym?'), ['apiserver.yaml', 'base/apiserver.tmpl.yaml', 'charts/x/templates/apiserver.yaml', 'nested/deep/test/apiserver.yaml']);
    // `*` stays within a folder: it does not reach into base/.
    assert.deepEqual(run('*/kubelet.yml', '*.yaml'), []);
    assert.deepEqual(run('b*'), ['apiserver.yaml', 'charts/x/templates/apiserver.yaml', 'nested/deep/test/apiserver.yaml']);
    rm(dir);
  });

  it('matches --exclude relative to the folder given, not to the current directory', () => {
    const dir = fixtureDir(tree);
    const report = JSON.parse(cli(['--format', 'json', '--exclude', 'x/**', path.join(dir, 'charts')]).stdout) as JsonReport;
    assert.deepEqual(report.files, []);
    const kept = JSON.parse(cli(['--format', 'json', '--exclude', 'x/**', dir]).stdout) as JsonReport;
    assert.equal(kept.files.length, 5);
    rm(dir);
  });

  it('checks a file named twice once, and refuses a standard input named like a checked file', () => {
    const twice = JSON.parse(cli(['--format', 'json', 'examples', 'examples/kube-apiserver.yaml', './examples/kube-apiserver.yaml']).stdout) as JsonReport;
    assert.deepEqual(paths(twice), ['examples/kube-apiserver-shell.yaml', 'examples/kube-apiserver.yaml', 'examples/kubelet-config.yaml', 'examples/kubelet-daemonset.yaml']);
    const clash = cli(['--stdin-filename', 'examples/kubelet-config.yaml', 'examples', '-'], { input: CLEAN });
    assert.equal(clash.status, 2);
    assert.equal(clash.stderr, 'kube-channel-guard: --stdin-filename examples/kubelet-config.yaml names a file that is also checked; give standard input another name\n');
  });

  it('takes every argument after -- as a path, even one that starts with -', () => {
    const dir = fixtureDir({ '-odd.yaml': APISERVER });
    const r = cli(['--format', 'json', '--', '-odd.yaml'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.deepEqual(paths(JSON.parse(r.stdout) as JsonReport), ['-odd.yaml']);
    rm(dir);
  });

  it('walks a real corpus folder and excludes by glob', () => {
    const folder = path.join(CORPUS, 'realworld', 'control-plane');
    const all = JSON.parse(cli(['--format', 'json', folder]).stdout) as JsonReport;
    const yaml = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f));
    assert.equal(all.files.length, yaml.length);
    const noKops = JSON.parse(cli(['--format', 'json', '--exclude', 'kops__*', folder]).stdout) as JsonReport;
    assert.equal(noKops.files.length, yaml.filter((f) => !f.startsWith('kops__')).length);
    assert.ok(noKops.files.length < all.files.length);
  });
});

describe('kube-channel-guard --fail-on', () => {
  /** examples/kube-apiserver.yaml with every finding at one level, set by the project file. */
  function atLevel(level: string): string {
    return fixtureDir({
      'kube-apiserver.yaml': APISERVER,
      '.kube-channel-guard.yaml': `rules:\n  KCG101: ${level}\n  KCG132: ${level}\n  KCG201: ${level}\n  KCG418: ${level}\n`,
    });
  }

  it('exits 1 only for a finding at or above the threshold', () => {
    const expected: Record<string, Record<string, number>> = {
      error: { error: 1, warning: 1, info: 1, hint: 1, never: 0 },
      warning: { error: 0, warning: 1, info: 1, hint: 1, never: 0 },
      info: { error: 0, warning: 0, info: 1, hint: 1, never: 0 },
      hint: { error: 0, warning: 0, info: 0, hint: 1, never: 0 },
    };
    for (const [level, byThreshold] of Object.entries(expected)) {
      const dir = atLevel(level);
      for (const [threshold, status] of Object.entries(byThreshold)) {
        const r = cli(['--fail-on', threshold, '.'], { cwd: dir });
        assert.equal(r.status, status, `findings at ${level} with --fail-on ${threshold}`);
        // The report is the same whatever the threshold: --fail-on changes only the exit status.
        assert.match(r.stdout, /^4 findings in 1 of 1 file\.$/m);
      }
      rm(dir);
    }
  });

  it('fails on any finding by default, hints included', () => {
    const dir = atLevel('hint');
    assert.equal(cli(['.'], { cwd: dir }).status, 1);
    assert.equal(cli(['--fail-on=hint', '.'], { cwd: dir }).status, 1);
    rm(dir);
  });

  it('exits 0 with no findings whatever the threshold', () => {
    const dir = fixtureDir({ 'ok.yaml': CLEAN });
    for (const threshold of ['error', 'hint', 'never']) assert.equal(cli(['--fail-on', threshold, dir]).status, 0);
    rm(dir);
  });
});

describe('kube-channel-guard standard output', () => {
  it('ends quietly with the findings exit status when the reader closes the pipe early (| head)', async () => {
    const child = spawn(process.execPath, [CLI, '--format', 'json', path.join(CORPUS, 'realworld')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    assert.equal(status, 1);
    assert.doesNotMatch(stderr, /EPIPE|Error/);
  });
});

describe('kube-channel-guard --output', () => {
  it('writes the report to the file, not to standard output, and replaces an older one', () => {
    const dir = fixtureDir({ 'report.json': 'old' });
    const out = path.join(dir, 'report.json');
    const r = cli(['--format', 'json', '--output', out, 'examples/kube-apiserver.yaml']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as JsonReport;
    assert.equal(report.files[0].path, 'examples/kube-apiserver.yaml');
    // No temporary file is left next to it.
    assert.deepEqual(fs.readdirSync(dir), ['report.json']);
    rm(dir);
  });

  it('writes any format, text included', () => {
    const dir = fixtureDir({});
    const out = path.join(dir, 'report.txt');
    assert.equal(cli(['--output', out, 'examples/kube-apiserver.yaml']).status, 1);
    assert.equal(fs.readFileSync(out, 'utf8'), cli(['examples/kube-apiserver.yaml']).stdout);
    rm(dir);
  });

  it('says in one line when the folder to write into does not exist, and exits 2', () => {
    const r = cli(['--output', 'no-such-folder/report.sarif', '--format', 'sarif', 'examples/kube-apiserver.yaml']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'kube-channel-guard: cannot write no-such-folder/report.sarif: no such file or folder\n');
  });
});

describe('kube-channel-guard --version, --help and --kubernetes-version', () => {
  it('prints the package version', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const r = cli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  });

  it('lists every option in --help', () => {
    const r = cli(['--help']);
    assert.equal(r.status, 0);
    for (const option of ['--format', '--output', '--fail-on', '--exclude', '--stdin-filename', '--kubernetes-version', '--config', '--help-uri-base', '--title', '--version']) {
      assert.ok(r.stdout.includes(option), option);
    }
    assert.match(r.stdout, /Exit status: 0 .* 1 .* 2 /);
  });

  it('checks against the version given: a flag removed in 1.24 is reported only from then on', () => {
    const pod = apiserverPod(['--insecure-port=0']);
    const rules = (version: string) => (JSON.parse(cli(['--format', 'json', '--kubernetes-version', version, '-'], { input: pod }).stdout) as JsonReport).files[0].findings.map((f) => f.rule);
    assert.notDeepEqual(rules('1.23'), rules('1.31'));
  });
});
