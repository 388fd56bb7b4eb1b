// The real-world corpus, one workspace per top-level folder: the cross-file findings are printed and must be exactly the
// reviewed ones below (none so far: the corpus holds unrelated projects' files, and no pair of ends in it decides a finding).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { buildModel } from '../../../server/src/engine/parse/model';
import { FileSuppressions } from '../../../server/src/engine/suppress';
import { channelEndsOf, crossFileFindings, crossFileFindingsIn, finishCrossFileFindings } from '../../../server/src/engine/workspace/analyzeWorkspace';
import { CORPUS, yamlFiles } from '../../helpers';

const REALWORLD = path.join(CORPUS, 'realworld');

/** Reviewed cross-file findings per folder, as `RULE file:line`; a new one must be read and judged before it is added here. */
const EXPECTED: Readonly<Record<string, readonly string[]>> = {};

const folders = fs.existsSync(REALWORLD) ? fs.readdirSync(REALWORLD, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort() : [];

describe('cross-file findings over the real-world corpus', () => {
  it('has the corpus folders', () => {
    assert.ok(folders.includes('control-plane') && folders.includes('kubelet') && folders.includes('other-channels'), folders.join(', '));
  });

  for (const folder of folders) {
    it(`${folder}: only the reviewed findings`, () => {
      const files = yamlFiles(path.join(REALWORLD, folder)).map((file) => ({ uri: path.relative(REALWORLD, file), model: buildModel(fs.readFileSync(file, 'utf8')) }));
      const found = crossFileFindings(files.map((f) => ({ uri: f.uri, ends: channelEndsOf(f.model) })));
      const lines: string[] = [];
      for (const f of files) {
        for (const finding of finishCrossFileFindings(crossFileFindingsIn(f.uri, found), FileSuppressions.of(f.model))) {
          const related = (finding.related ?? []).map((r) => `${r.uri}:${r.range.start.line + 1}`).join(', ');
          console.log(`${folder}: ${finding.ruleId} ${f.uri}:${finding.range.start.line + 1}: ${finding.message} [related: ${related}]`);
          lines.push(`${finding.ruleId} ${f.uri}:${finding.range.start.line + 1}`);
        }
      }
      assert.deepEqual(lines, EXPECTED[folder] ?? []);
    });
  }
});
