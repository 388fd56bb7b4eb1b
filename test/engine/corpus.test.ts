// Real manifests: nothing crashes anywhere in the corpus, and Helm templates and big unrelated bundles draw no finding.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { CORPUS } from '../helpers';

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

describe('real-world corpus', () => {
  for (const folder of ['helm', 'big']) {
    it(`${folder}/: no crash and no finding`, () => {
      const files = yamlFiles(path.join(CORPUS, 'realworld', folder));
      assert.ok(files.length > 0, `files in ${folder}`);
      for (const file of files) {
        const errors: string[] = [];
        const { findings } = analyzeText(fs.readFileSync(file, 'utf8'), { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
        assert.deepEqual(errors, [], file);
        assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.message}`), [], file);
      }
    });
  }

  it('every corpus file analyses without a rule error, and hover answers at every line start', () => {
    const files = yamlFiles(CORPUS);
    assert.ok(files.length > 150);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const errors: string[] = [];
      const analysis = analyzeText(text, { onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
      assert.deepEqual(errors, [], file);
      const { source } = analysis.model;
      for (let line = 0; line < Math.min(source.lineStarts.length, 400); line++) hoverAt(analysis, source.lineStarts[line] + 6);
    }
  });

  it('finds KCG201 in the kubeadm static pod and not where the flag is set', () => {
    const kubeadm = fs.readFileSync(path.join(CORPUS, 'realworld', 'control-plane', 'kubeadm_etc_kubernetes__manifests_kube-apiserver.yaml'), 'utf8');
    const ids = analyzeText(kubeadm).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('KCG201'));
    assert.ok(!ids.includes('KCG202'), 'kubeadm sets the kubelet client certificate');
  });
});
