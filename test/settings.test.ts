// Settings are typed once: package.json and the README are generated from the schema, and the project file is validated.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { withConfiguration, withSettingsTable } from '../scripts/generateSettings';
import { mergeSettings, parseProjectConfig } from '../server/src/settings/projectConfig';
import { DEFAULT_SETTINGS } from '../server/src/settings/schema';
import { ROOT } from './helpers';

const known = (id: string): boolean => /^KCG(001|201|418)$/.test(id);

describe('settings', () => {
  it("package.json's contributes.configuration and the README table are generated from the schema (run npm run settings when this fails)", () => {
    const pkg = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    assert.equal(withConfiguration(pkg), pkg);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    assert.equal(withSettingsTable(readme), readme);
  });

  it('reads every key of a project file', () => {
    const { settings, problems } = parseProjectConfig('kubernetesVersion: "1.30"\nrun: onSave\nrules:\n  KCG201: error\n  KCG418: off\ncodeLens: false\nenable: true\n', known);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, { kubernetesVersion: '1.30', run: 'onSave', rules: { KCG201: 'error', KCG418: 'off' }, codeLens: false, enable: true });
  });

  it('names each problem and where it is', () => {
    const text = 'rules:\n  KCG999: off\n  KCG201: loud\nrun: sometimes\ncolour: blue\nkubernetesVersion: latest\n';
    const { problems } = parseProjectConfig(text, known);
    assert.deepEqual(
      problems.map((p) => [p.message, text.slice(p.start, p.end)]),
      [
        ['unknown rule id KCG999', 'KCG999'],
        ['KCG201 must be one of error, warning, info, hint, off', 'loud'],
        ['run must be onType or onSave', 'sometimes'],
        ['unknown setting colour: the project file takes enable, kubernetesVersion, run, rules, codeLens, scanWorkspace and maxFileSizeKiB', 'colour'],
        ['kubernetesVersion must be a version like "1.31", not latest', 'latest'],
      ],
    );
    assert.match(parseProjectConfig('rules: [\n', known).problems[0].message, /^not valid YAML/);
    assert.deepEqual(parseProjectConfig('', known), { settings: {}, problems: [] });
  });

  it('refuses a project file nested deeper than the parser can take, with one problem instead of a crash', () => {
    const { settings, problems } = parseProjectConfig(`rules: ${'['.repeat(20000)}`, known);
    assert.deepEqual(settings, {});
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /nests more than \d+ levels deep/);
  });

  it('lets the project file win where it sets a key, merging rule levels per id', () => {
    const editor = { ...DEFAULT_SETTINGS, kubernetesVersion: '1.29', rules: { KCG201: 'off' as const, KCG418: 'error' as const } };
    assert.deepEqual(mergeSettings(editor, { rules: { KCG201: 'warning' }, run: 'onSave' }), {
      ...editor,
      run: 'onSave',
      rules: { KCG201: 'warning', KCG418: 'error' },
    });
    assert.equal(mergeSettings(editor, { kubernetesVersion: '' }).kubernetesVersion, '1.29');
  });
});
