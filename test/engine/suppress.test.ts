// Suppression comments: what they silence, the hints for those that silence nothing, the edits that write them, hover.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, type AnalysisOptions } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { kubeletConfig, kubeletDaemonSet } from '../../server/src/engine/rules/examples';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits } from '../helpers';

const NEXT = '# kube-channel-guard-disable-next-line';
const FILE = '# kube-channel-guard-disable-file';

function findings(text: string, options?: AnalysisOptions): Finding[] {
  return analyzeText(text, options).findings;
}

function ids(text: string, options?: AnalysisOptions): string[] {
  return findings(text, options).map((f) => f.ruleId);
}

function only(text: string, ruleId: string): Finding {
  const found = findings(text).filter((f) => f.ruleId === ruleId);
  assert.equal(found.length, 1, `one ${ruleId} in:\n${text}`);
  return found[0];
}

/** The text a finding's range covers. */
function covered(text: string, finding: Finding): string {
  const lines = text.split('\n');
  assert.equal(finding.range.start.line, finding.range.end.line);
  return lines[finding.range.start.line].slice(finding.range.start.character, finding.range.end.character);
}

/** A kind cluster whose kubeadm patch, YAML in a block scalar, sets an insecure API server flag (KCG203). */
const KIND = [
  '# A kind cluster for the lab.',
  'kind: Cluster',
  'apiVersion: kind.x-k8s.io/v1alpha4',
  'kubeadmConfigPatches:',
  '- |',
  '  kind: ClusterConfiguration',
  '  apiVersion: kubeadm.k8s.io/v1beta3',
  '  apiServer:',
  '    extraArgs:',
  '      kubelet-https: "false"',
  '',
].join('\n');

describe('suppression comments', () => {
  it('disable-next-line silences the rule on the next line only, at any indentation, and draws no hint when used', () => {
    const text = kubeletConfig([`${NEXT} KCG207 -- scraped by the legacy metrics agent`, 'readOnlyPort: 10255']);
    assert.ok(ids(kubeletConfig(['readOnlyPort: 10255'])).includes('KCG207'));
    assert.ok(!ids(text).includes('KCG207'));
    assert.ok(!ids(text).some((id) => id === 'KCG002' || id === 'KCG003'));
    const daemonSet = kubeletDaemonSet(['--anonymous-auth=false', '--read-only-port=10255']).replace('        - --read-only-port', `        ${NEXT} KCG207\n        - --read-only-port`);
    assert.ok(ids(kubeletDaemonSet(['--anonymous-auth=false', '--read-only-port=10255'])).includes('KCG207'));
    assert.ok(!ids(daemonSet).includes('KCG207'), daemonSet);
    // A blank line between comment and finding: the comment is not directly above, so nothing is silenced.
    const gap = kubeletConfig([`${NEXT} KCG207`, '', 'readOnlyPort: 10255']);
    assert.ok(ids(gap).includes('KCG207'));
    assert.ok(ids(gap).includes('KCG002'));
  });

  it('reads several ids separated by commas or blanks, case-insensitively, and never the reason after --', () => {
    const text = kubeletConfig([`${FILE} KCG207,kcg208  KCG209 -- KCG999 is not read`, 'readOnlyPort: 10255']);
    const found = ids(text);
    for (const id of ['KCG207', 'KCG208', 'KCG209', 'KCG002', 'KCG003']) assert.ok(!found.includes(id), `${id} in ${found.join(' ')}`);
  });

  it('works with CRLF line endings', () => {
    const text = kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 10255']).replace(/\n/g, '\r\n');
    assert.ok(!ids(text).includes('KCG207'));
    const unused = kubeletConfig([`${NEXT} KCG207, KCG205`, 'readOnlyPort: 10255']).replace(/\n/g, '\r\n');
    const hint = only(unused, 'KCG002');
    assert.equal(applyEdits(unused, hint.fixes[0].edits), kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 10255']).replace(/\n/g, '\r\n'));
  });

  it('disable-file silences the rule everywhere in the file, wherever the comment stands', () => {
    const twice = kubeletConfig(['readOnlyPort: 10255', '---', 'apiVersion: kubelet.config.k8s.io/v1beta1', 'kind: KubeletConfiguration', 'readOnlyPort: 10255']);
    assert.equal(ids(twice).filter((id) => id === 'KCG207').length, 2);
    assert.equal(ids(`${twice}${FILE} KCG207\n`).filter((id) => id === 'KCG207').length, 0);
    assert.equal(ids(twice.replace('readOnlyPort: 10255\n---', `readOnlyPort: 10255 ${FILE} KCG207\n---`)).filter((id) => id === 'KCG207').length, 0, 'after content too');
  });

  it('is a YAML comment only: a # inside a quoted or block scalar suppresses nothing', () => {
    const quoted = kubeletDaemonSet([`"--read-only-port=10255 ${NEXT} KCG207"`]);
    assert.ok(!findings(quoted).some((f) => f.ruleId === 'KCG002'));
    const block = kubeletConfig(['readOnlyPort: 10255', 'note: |', `  ${FILE} KCG207`]);
    assert.ok(ids(block).includes('KCG207'));
    assert.ok(!ids(block).includes('KCG002'));
  });

  it('counts a scalar written over several lines as the line it starts on', () => {
    const script = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: kube-apiserver',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    image: registry.k8s.io/kube-apiserver:v1.31.0',
      '    command:',
      '    - /bin/sh',
      '    - -c',
      '    - |',
      '      exec kube-apiserver \\',
      '        --kubelet-https=false',
      '',
    ].join('\n');
    const finding = only(script, 'KCG203');
    assert.equal(finding.range.start.line, 13);
    const [line] = finding.suppressions;
    const suppressed = applyEdits(script, line.edits);
    assert.ok(suppressed.includes(`    ${NEXT} KCG203\n    - |\n`), suppressed);
    assert.ok(!ids(suppressed).includes('KCG203'));
    assert.ok(!ids(suppressed).includes('KCG002'));
  });

  it('a disable-next-line after YAML content silences nothing and says so; its fix removes the comment and keeps the content', () => {
    const text = kubeletConfig([`readOnlyPort: 10255 ${NEXT} KCG207`, 'authentication: {}']);
    assert.ok(ids(text).includes('KCG207'));
    const hint = only(text, 'KCG002');
    assert.equal(hint.severity, 'hint');
    assert.equal(covered(text, hint), 'KCG207');
    assert.match(hint.message, /written after YAML content it applies to no line; put it on its own line/);
    assert.equal(applyEdits(text, hint.fixes[0].edits), kubeletConfig(['readOnlyPort: 10255', 'authentication: {}']));
  });

  it('an id that silences nothing draws KCG002 on that id; the fix removes the id, or the line when it is the only one', () => {
    const two = kubeletConfig([`${NEXT} KCG205, KCG207 -- legacy agent`, 'readOnlyPort: 10255']);
    const hint = only(two, 'KCG002');
    assert.equal(covered(two, hint), 'KCG205');
    assert.equal(hint.fixes[0].title, 'Remove KCG205 from the suppression');
    assert.equal(applyEdits(two, hint.fixes[0].edits), kubeletConfig([`${NEXT} KCG207 -- legacy agent`, 'readOnlyPort: 10255']));
    assert.deepEqual(hint.suppressions, [], 'no suppression for the suppression hints');

    const last = kubeletConfig([`${NEXT} KCG207, KCG205`, 'readOnlyPort: 10255']);
    assert.equal(applyEdits(last, only(last, 'KCG002').fixes[0].edits), kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 10255']));

    const alone = kubeletConfig(['authentication: {}', `  ${NEXT} KCG207`, 'readOnlyPort: 0']);
    const lone = only(alone, 'KCG002');
    assert.match(lone.message, /KCG207 silences nothing: no KCG207 finding starts on the next line/);
    assert.equal(applyEdits(alone, lone.fixes[0].edits), kubeletConfig(['authentication: {}', 'readOnlyPort: 0']));

    const file = kubeletConfig([`${FILE} KCG203`, 'readOnlyPort: 0']);
    assert.match(only(file, 'KCG002').message, /there is no KCG203 finding in this file/);
    const none = kubeletConfig([FILE, 'readOnlyPort: 0']);
    const noIds = only(none, 'KCG002');
    assert.equal(covered(none, noIds), 'kube-channel-guard-disable-file');
    assert.equal(applyEdits(none, noIds.fixes[0].edits), kubeletConfig(['readOnlyPort: 0']));
  });

  it('an id that is no rule draws KCG003 on that id, and a rule name is pointed to its id', () => {
    const text = kubeletConfig([`${NEXT} KCG207, KCG2O7, kubelet-read-only-port-enabled`, 'readOnlyPort: 10255']);
    const hints = findings(text).filter((f) => f.ruleId === 'KCG003');
    assert.deepEqual(hints.map((h) => covered(text, h)), ['KCG2O7', 'kubelet-read-only-port-enabled']);
    assert.match(hints[0].message, /KCG2O7 is not a Kube Channel Guard rule id/);
    assert.match(hints[1].message, /kubelet-read-only-port-enabled is the name of KCG207: suppressions name rules by id/);
    assert.ok(!ids(text).includes('KCG207'), 'the known id still works');
    assert.equal(applyEdits(text, hints[1].fixes[0].edits), kubeletConfig([`${NEXT} KCG207, KCG2O7`, 'readOnlyPort: 10255']));
  });

  it('does not call a suppression unused when its rule did not run (turned off, or left out of the rules)', () => {
    const text = kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 10255']);
    assert.ok(!ids(text, { severity: (id) => (id === 'KCG207' ? 'off' : undefined) }).includes('KCG002'));
    assert.ok(!ids(text, { severity: (id) => (id === 'KCG002' ? 'off' : undefined) }).includes('KCG002'));
    assert.ok(!ids(kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 0']), { severity: (id) => (id === 'KCG002' ? 'off' : undefined) }).includes('KCG002'));
    assert.equal(only(kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 0']), 'KCG002').severity, 'hint');
    assert.equal(findings(kubeletConfig([`${NEXT} KCG207`, 'readOnlyPort: 0']), { severity: (id) => (id === 'KCG002' ? 'warning' : undefined) }).find((f) => f.ruleId === 'KCG002')?.severity, 'warning');
  });

  it('silences findings inside YAML embedded in a block scalar, from inside the block or from the outer file', () => {
    const inner = KIND.replace('      kubelet-https', `      ${NEXT} KCG203\n      kubelet-https`);
    assert.deepEqual(ids(inner), []);
    const outer = KIND.replace('- |', `${NEXT} KCG203\n- |`);
    assert.deepEqual(ids(outer), []);
    const file = KIND.replace('kind: Cluster', `kind: Cluster\n${FILE} KCG203`);
    assert.deepEqual(ids(file), []);
    const unusedInside = KIND.replace('  apiServer:', `  ${NEXT} KCG203\n  apiServer:`);
    const hint = only(unusedInside, 'KCG002');
    assert.equal(covered(unusedInside, hint), 'KCG203');
    assert.equal(applyEdits(unusedInside, hint.fixes[0].edits), KIND);
  });
});

describe('suppression code actions', () => {
  it('every finding but the suppression hints carries exactly the two, titled by its rule', () => {
    const all = findings(kubeletDaemonSet(['--read-only-port=10255']));
    assert.ok(all.length > 2);
    for (const f of all) assert.deepEqual(f.suppressions.map((s) => s.title), [`Disable ${f.ruleId} for this line`, `Disable ${f.ruleId} for this file`]);
  });

  it('"for this line" inserts a comment above the finding with its line\'s indentation and the file\'s line ending', () => {
    const text = kubeletDaemonSet(['--anonymous-auth=false', '--read-only-port=10255']);
    const finding = only(text, 'KCG207');
    const [line] = finding.suppressions;
    const fixed = applyEdits(text, line.edits);
    assert.ok(fixed.includes(`        - --anonymous-auth=false\n        ${NEXT} KCG207\n        - --read-only-port=10255\n`), fixed);
    assert.ok(!ids(fixed).includes('KCG207'));
    assert.deepEqual(line.edits.map((e) => e.range.start.line), [finding.range.start.line], 'touches only the finding\'s line');

    const crlf = text.replace(/\n/g, '\r\n');
    const crlfFixed = applyEdits(crlf, only(crlf, 'KCG207').suppressions[0].edits);
    assert.equal(crlfFixed, fixed.replace(/\n/g, '\r\n'));
  });

  it('"for this line" adds the id to a disable-next-line comment already there', () => {
    const text = kubeletConfig([`${NEXT} KCG205 -- legacy agent`, 'readOnlyPort: 10255']);
    const [line] = only(text, 'KCG207').suppressions;
    const fixed = applyEdits(text, line.edits);
    assert.equal(fixed, kubeletConfig([`${NEXT} KCG205, KCG207 -- legacy agent`, 'readOnlyPort: 10255']));
    assert.ok(!ids(fixed).includes('KCG207'));
  });

  it('"for this file" goes after a leading comment header and before ---, or joins a disable-file comment', () => {
    const body = kubeletConfig(['readOnlyPort: 10255']);
    const header = `# Kubelet settings.\n# Owned by the platform team.\n\n---\n${body}`;
    const [, file] = only(header, 'KCG207').suppressions;
    assert.equal(applyEdits(header, file.edits), `# Kubelet settings.\n# Owned by the platform team.\n${FILE} KCG207\n\n---\n${body}`);
    const bare = only(body, 'KCG207').suppressions[1];
    assert.equal(applyEdits(body, bare.edits), `${FILE} KCG207\n${body}`);
    const joined = `${body}${FILE} KCG205\n`;
    assert.equal(applyEdits(joined, only(joined, 'KCG207').suppressions[1].edits), `${body}${FILE} KCG205, KCG207\n`);
    const crlf = body.replace(/\n/g, '\r\n');
    assert.equal(applyEdits(crlf, only(crlf, 'KCG207').suppressions[1].edits), `${FILE} KCG207\r\n${crlf}`);
  });

  it('"for this file" does not slip between a disable-next-line comment at the top and its line', () => {
    const text = `${NEXT} KCG207\n${kubeletConfig(['readOnlyPort: 10255'])}`.replace('kind: KubeletConfiguration\n', 'kind: KubeletConfiguration\nrotateCertificates: false\n');
    const finding = findings(text).find((f) => f.ruleId !== 'KCG207' && f.ruleId !== 'KCG002');
    assert.ok(finding);
    const fixed = applyEdits(text, finding.suppressions[1].edits);
    assert.ok(fixed.startsWith(`${FILE} ${finding.ruleId}\n${NEXT} KCG207\n`), fixed);
  });

  it('for a finding in embedded YAML, "for this line" writes inside the block with its indentation, "for this file" in the outer file', () => {
    const finding = only(KIND, 'KCG203');
    const [line, file] = finding.suppressions;
    const inBlock = applyEdits(KIND, line.edits);
    assert.equal(inBlock, KIND.replace('      kubelet-https', `      ${NEXT} KCG203\n      kubelet-https`));
    assert.deepEqual(ids(inBlock), []);
    const outer = applyEdits(KIND, file.edits);
    assert.equal(outer, KIND.replace('# A kind cluster for the lab.\n', `# A kind cluster for the lab.\n${FILE} KCG203\n`));
    assert.deepEqual(ids(outer), []);
    const crlf = KIND.replace(/\n/g, '\r\n');
    assert.equal(applyEdits(crlf, only(crlf, 'KCG203').suppressions[0].edits), inBlock.replace(/\n/g, '\r\n'));
  });
});

describe('hover on a suppression comment', () => {
  const text = kubeletConfig([`${NEXT} KCG207, KCG999 -- legacy agent`, 'readOnlyPort: 10255']);

  it('shows the rule an id names', () => {
    const info = hoverAt(analyzeText(text), text.indexOf('KCG207') + 2);
    assert.equal(info?.title, 'KCG207 kubelet-read-only-port-enabled');
    assert.equal(info?.channel?.id, 'apiserver-to-kubelet');
    assert.match(info?.summary ?? '', /read-only/i);
    assert.deepEqual(info?.findings, []);
    const start = text.indexOf('KCG207');
    const lines = text.slice(0, start).split('\n');
    assert.deepEqual(info?.range, { start: { line: lines.length - 1, character: lines[lines.length - 1].length }, end: { line: lines.length - 1, character: lines[lines.length - 1].length + 6 } });
  });

  it('shows nothing for an unknown id or the rest of the comment', () => {
    assert.equal(hoverAt(analyzeText(text), text.indexOf('KCG999') + 2), undefined);
    assert.equal(hoverAt(analyzeText(text), text.indexOf('legacy') + 2), undefined);
  });

  it('works inside embedded YAML', () => {
    const inner = KIND.replace('      kubelet-https', `      ${NEXT} KCG203\n      kubelet-https`);
    const info = hoverAt(analyzeText(inner), inner.indexOf('KCG203') + 1);
    assert.equal(info?.title, 'KCG203 kubelet-https-disabled');
  });
});
