// SARIF 2.1.0 from the CLI: valid against the schema's rules, with rule help, 1-based regions, related locations and fixes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { formatSarif, type SarifLog } from '../../server/src/cli/sarif';
import { renderRulePage } from '../../server/src/engine/docs/ruleDocs';
import { ruleById } from '../../server/src/engine/rules/registry';
import type { Finding } from '../../server/src/engine/types';
import { CORPUS, ROOT } from '../helpers';
import { cli, crossFileFixture, fixtureDir, rm, type JsonReport } from './run';
import { sarifProblems } from './sarifShape';

type Run = SarifLog['runs'][number];

function sarif(args: string[], options: { cwd?: string; input?: string } = {}): Run {
  const r = cli(['--format', 'sarif', ...args], options);
  assert.notEqual(r.status, 2, r.stderr);
  const log = JSON.parse(r.stdout) as SarifLog;
  assert.deepEqual(sarifProblems(log), []);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  // Each result's ruleIndex points at its rule's descriptor, and each rule appears once.
  const ids = run.tool.driver.rules.map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const result of run.results) assert.equal(ids[result.ruleIndex], result.ruleId);
  return run;
}

describe('kube-channel-guard --format sarif', () => {
  it('describes the tool and each rule that has results, with help from the rule page', () => {
    const run = sarif(['examples/kube-apiserver.yaml']);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run.tool.driver.name, 'kube-channel-guard');
    assert.equal(run.tool.driver.semanticVersion, version);
    assert.ok(!('informationUri' in run.tool.driver));
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id).sort(), ['KCG101', 'KCG132', 'KCG201', 'KCG418']);
    const rule = run.tool.driver.rules.find((r) => r.id === 'KCG201');
    assert.ok(rule);
    const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'KCG201.md'), 'utf8');
    assert.equal(rule.name, 'kubelet-certificate-authority-missing');
    assert.equal(rule.shortDescription.text, 'kube-apiserver runs without --kubelet-certificate-authority, so it does not verify the certificates kubelets serve.');
    assert.match(rule.fullDescription.markdown ?? '', /^Every `kubectl logs`, `exec`/);
    assert.match(rule.fullDescription.text, /^Every kubectl logs, exec/);
    assert.equal(rule.help.markdown, page);
    assert.equal(rule.help.text, page);
    // The page shipped next to dist/ in the package, as a file URI, and the page is there.
    assert.equal(rule.helpUri, pathToFileURL(path.join(ROOT, 'docs', 'rules', 'KCG201.md')).href);
    assert.ok(fs.existsSync(new URL(rule.helpUri)));
    assert.deepEqual(rule.defaultConfiguration, { level: 'warning' });
    assert.deepEqual(rule.properties, { tags: ['security', 'apiserver-to-kubelet'], precision: 'high', 'security-severity': '5.0' });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: pathToFileURL(ROOT).href + '/' } });
  });

  it('points helpUri at --help-uri-base when given', () => {
    const run = sarif(['--help-uri-base', 'https://example.com/kcg/docs/rules/', 'examples/kube-apiserver.yaml']);
    for (const rule of run.tool.driver.rules) assert.equal(rule.helpUri, `https://example.com/kcg/docs/rules/${rule.id}.md`);
  });

  it('locates each result with a 1-based region relative to %SRCROOT%, and maps severities to levels', () => {
    const run = sarif(['examples/kube-apiserver.yaml']);
    const json = JSON.parse(cli(['--format', 'json', 'examples/kube-apiserver.yaml']).stdout) as JsonReport;
    assert.equal(run.results.length, json.files[0].findings.length);
    const kcg201 = run.results.find((r) => r.ruleId === 'KCG201');
    assert.deepEqual(kcg201?.locations, [
      { physicalLocation: { artifactLocation: { uri: 'examples/kube-apiserver.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 13, startColumn: 5, endLine: 13, endColumn: 12 } } },
    ]);
    assert.equal(kcg201?.level, 'warning');
    assert.equal(kcg201?.message.text, json.files[0].findings.find((f) => f.rule === 'KCG201')?.message);
    // KCG418 is info and KCG132 a hint-or-info rule: SARIF has only note below warning.
    assert.equal(run.results.find((r) => r.ruleId === 'KCG418')?.level, 'note');
    const error = sarif(['examples/kubelet-config.yaml']).results.find((r) => r.ruleId === 'KCG204');
    assert.equal(error?.level, 'error');
  });

  it('counts columns in UTF-16 code units after non-ASCII text, as the region says', () => {
    const pod = fs.readFileSync(path.join(ROOT, 'examples', 'kube-apiserver.yaml'), 'utf8').replace('metadata:\n', 'metadata:\n  annotations: {note: "🔒 ünïcode"}\n');
    const dir = fixtureDir({ 'pod.yaml': pod.replace('    - --authorization-mode', '    - --kubelet-https=false # 🔒🔒\n    - --authorization-mode') });
    const run = sarif(['pod.yaml'], { cwd: dir });
    const result = run.results.find((r) => r.ruleId === 'KCG203');
    assert.ok(result, 'KCG203 reports --kubelet-https=false');
    const region = result.locations[0].physicalLocation.region;
    assert.ok(region);
    const line = pod.replace('    - --authorization-mode', '    - --kubelet-https=false # 🔒🔒\n    - --authorization-mode').split('\n')[region.startLine - 1];
    assert.match(line.slice(region.startColumn - 1, region.endColumn - 1), /kubelet-https|false/);
    rm(dir);
  });

  it('carries each quick fix as a replacement of a 1-based region', () => {
    const run = sarif(['examples/kube-apiserver.yaml']);
    const kcg201 = run.results.find((r) => r.ruleId === 'KCG201');
    assert.deepEqual(kcg201?.fixes, [
      {
        description: { text: 'Add --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'examples/kube-apiserver.yaml', uriBaseId: '%SRCROOT%' },
            replacements: [{ deletedRegion: { startLine: 34, startColumn: 63, endLine: 34, endColumn: 63 }, insertedContent: { text: '\n    - --kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt' } }],
          },
        ],
      },
    ]);
  });

  it('writes files outside the current directory as absolute file URIs, and standard input as an encoded name', () => {
    const outside = path.join(CORPUS, 'realworld', 'control-plane', 'kubeadm_etc_kubernetes__manifests_kube-apiserver.yaml');
    const run = sarif([outside, '-'], { input: fs.readFileSync(outside, 'utf8') });
    const uris = [...new Set(run.results.map((r) => JSON.stringify(r.locations[0].physicalLocation.artifactLocation)))];
    assert.deepEqual(uris, [JSON.stringify({ uri: pathToFileURL(outside).href }), JSON.stringify({ uri: '%3Cstdin%3E', uriBaseId: '%SRCROOT%' })]);
    const named = sarif(['--stdin-filename', 'deploy/api server.yaml', '-'], { input: fs.readFileSync(outside, 'utf8') });
    assert.deepEqual(named.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'deploy/api%20server.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('is valid with no results, and reports skipped files as notifications', () => {
    const dir = fixtureDir({ 'ok.yaml': 'kind: ConfigMap\n', 'bin.yaml': Buffer.from([0, 1, 2]) });
    const run = sarif(['.'], { cwd: dir });
    assert.deepEqual(run.results, []);
    assert.deepEqual(run.tool.driver.rules, []);
    assert.deepEqual(run.invocations, [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'note', message: { text: 'skipped bin.yaml: binary file (it contains NUL bytes), not YAML' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'bin.yaml', uriBaseId: '%SRCROOT%' } } }] },
        ],
      },
    ]);
    rm(dir);
  });

  it('stays valid over a whole corpus folder', () => {
    const run = sarif([path.join(CORPUS, 'realworld', 'control-plane')]);
    assert.ok(run.results.length > 50, `${run.results.length} results`);
    assert.ok(run.results.some((r) => r.fixes && r.fixes.length > 0));
  });
});

describe('SARIF related locations', () => {
  it('points a cross-file finding at the other end of the channel, in another file', () => {
    const dir = crossFileFixture();
    const run = sarif(['.'], { cwd: dir });
    const result = run.results.find((r) => r.ruleId === 'KCG214');
    assert.ok(result, 'the API server verifies kubelets that sign their own certificates');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'control-plane/kube-apiserver.yaml', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 17, startColumn: 7, endLine: 17, endColumn: 65 });
    assert.deepEqual(result.relatedLocations, [
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'nodes/kubelet-config.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 4, startColumn: 7, endLine: 4, endColumn: 27 } },
        message: { text: 'KubeletConfiguration signs its own serving certificate: no serverTLSBootstrap, no tlsCertFile' },
      },
    ]);
    assert.match(result.message.text, /\. Related: \[KubeletConfiguration signs its own serving certificate: no serverTLSBootstrap, no tlsCertFile\]\(1\)\.$/);
    const rule = run.tool.driver.rules[result.ruleIndex];
    const kcg214 = ruleById('KCG214');
    assert.ok(kcg214);
    assert.equal(rule.help.markdown, renderRulePage(kcg214));
    rm(dir);
  });

  const finding: Finding = {
    ruleId: 'KCG201',
    ruleName: 'kubelet-certificate-authority-missing',
    channel: 'apiserver-to-kubelet',
    severity: 'error',
    message: 'the API server verifies kubelets against [the cluster CA], but this kubelet signs its own certificate',
    range: { start: { line: 2, character: 4 }, end: { line: 2, character: 10 } },
    fixes: [],
    suppressions: [],
    related: [
      { uri: 'control-plane/kube-apiserver.yaml', range: { start: { line: 11, character: 6 }, end: { line: 11, character: 40 } }, message: 'the API server sets --kubelet-certificate-authority here' },
      { uri: path.join('..', 'elsewhere', 'kubelet.yaml'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'another kubelet' },
    ],
  };

  it('lists the other ends of the channel with ids, regions and messages, and links them from the message', () => {
    const cwd = path.join(ROOT, 'tmp-project');
    const log = JSON.parse(formatSarif({ files: [{ path: 'nodes/kubelet.yaml', findings: [finding] }], skipped: [] }, { cwd, rulePagesDir: path.join(ROOT, 'docs', 'rules') })) as SarifLog;
    assert.deepEqual(sarifProblems(log), []);
    const result = log.runs[0].results[0];
    assert.deepEqual(result.relatedLocations, [
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'control-plane/kube-apiserver.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 7, endLine: 12, endColumn: 41 } },
        message: { text: 'the API server sets --kubelet-certificate-authority here' },
      },
      {
        id: 2,
        physicalLocation: { artifactLocation: { uri: pathToFileURL(path.join(ROOT, 'elsewhere', 'kubelet.yaml')).href }, region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 5 } },
        message: { text: 'another kubelet' },
      },
    ]);
    // Literal brackets are escaped once links are embedded (SARIF 3.11.6).
    assert.equal(
      result.message.text,
      'the API server verifies kubelets against \\[the cluster CA\\], but this kubelet signs its own certificate. Related: [the API server sets --kubelet-certificate-authority here](1); [another kubelet](2).',
    );
    // The run's level for the rule sets its security severity.
    assert.equal(log.runs[0].tool.driver.rules[0].properties['security-severity'], '8.0');
    assert.equal(log.runs[0].tool.driver.rules[0].defaultConfiguration.level, 'warning');
  });

  it('catches what the checker is for: a missing message or a 0-based region is reported', () => {
    const log = JSON.parse(formatSarif({ files: [{ path: 'a.yaml', findings: [finding] }], skipped: [] }, { cwd: ROOT, rulePagesDir: ROOT })) as SarifLog;
    const broken = JSON.parse(JSON.stringify(log)) as { runs: Array<{ results: Array<Record<string, unknown> & { locations: Array<{ physicalLocation: { region: { startLine: number } } }> }> }> };
    delete broken.runs[0].results[0].message;
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    assert.deepEqual(sarifProblems(broken), ['$.runs[0].results[0].locations[0].physicalLocation.region.startLine must be an integer >= 1', '$.runs[0].results[0].message is required']);
  });
});
