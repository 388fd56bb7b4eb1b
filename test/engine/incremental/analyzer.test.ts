// Incremental analysis: on every real file and through random edits it gives exactly the findings (fixes and
// suppression payloads included) a full analysis of the same text gives, and an edit re-parses only its document.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { completeAt } from '../../../server/src/engine/complete';
import { Deadline, DeadlinePassed } from '../../../server/src/engine/deadline';
import { fixAll } from '../../../server/src/engine/fixAll';
import { hoverAt } from '../../../server/src/engine/hover';
import { IncrementalAnalyzer } from '../../../server/src/engine/incremental/analyzer';
import { ChunkedText } from '../../../server/src/engine/incremental/chunkedText';
import { completeInFile, hoverInFile, lensesInFile } from '../../../server/src/engine/incremental/features';
import { componentLenses } from '../../../server/src/engine/lens';
import { SourceText } from '../../../server/src/engine/text';
import { CORPUS, prng, yamlFiles } from '../../helpers';

function incremental(text: string) {
  return new IncrementalAnalyzer().analyze(new ChunkedText(text), {}, '');
}

/** Texts inserted by the random edits: characters, lines, document markers, templates and suppression comments. */
const INSERTS = ['x', '\n', ' ', '\n---\n', '\n...\n%YAML 1.1\n', '"', '-', '{{ .Values.x }}', '# kube-channel-guard-disable-file KCG201\n', '# kube-channel-guard-disable-next-line KCG203\n', '  - --anonymous-auth=true\n', 'kind: ConfigMap\n', ''];

describe('incremental analysis', () => {
  it('equals a full analysis on every corpus file', () => {
    const files = yamlFiles(CORPUS);
    assert.ok(files.length > 500);
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(incremental(text).findings, analyzeText(text).findings, path.relative(CORPUS, file));
    }
  });

  it('equals a full analysis after each of 600 random edits to control-plane files', () => {
    const dir = path.join(CORPUS, 'realworld', 'control-plane');
    const files = yamlFiles(dir).filter((f) => fs.statSync(f).size < 20000);
    const random = prng(11);
    let edits = 0;
    for (let round = 0; edits < 600; round++) {
      const file = files[round % files.length];
      // Two files in three together, as one multi-document file; every third in CRLF.
      let plain = fs.readFileSync(file, 'utf8') + (round % 3 !== 0 ? `\n---\n${fs.readFileSync(files[(round + 1) % files.length], 'utf8')}` : '');
      if (round % 3 === 2) plain = plain.replace(/\r?\n/g, '\r\n');
      const chunked = new ChunkedText(plain);
      const analyzer = new IncrementalAnalyzer();
      analyzer.analyze(chunked, {}, '');
      for (let step = 0; step < 12; step++, edits++) {
        const source = new SourceText(plain);
        let a = Math.floor(random() * (plain.length + 1));
        if (plain[a - 1] === '\r') a++;
        const b = Math.min(plain.length, a + (random() < 0.5 ? 0 : Math.floor(random() * 30)));
        const end = plain[b - 1] === '\r' ? b + 1 : b;
        const insert = INSERTS[Math.floor(random() * INSERTS.length)];
        chunked.update({ range: { start: source.positionAt(a), end: source.positionAt(end) }, text: insert });
        plain = plain.slice(0, a) + insert + plain.slice(end);
        assert.deepEqual(analyzer.analyze(chunked, {}, '').findings, analyzeText(plain).findings, `${path.basename(file)} round ${round} step ${step}`);
      }
    }
  });

  it('re-parses only the edited document: strictly less work than a full re-check', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'realworld', 'big', 'argo-cd__manifests_install.yaml'), 'utf8');
    const full = analyzeText(text).model.documents.length;
    const chunked = new ChunkedText(text);
    const analyzer = new IncrementalAnalyzer();
    analyzer.analyze(chunked, {}, '');
    const opened = analyzer.stats.parsedDocuments;
    const line = text.split('\n').findIndex((l) => l.startsWith('kind: Deployment')) + 2;
    chunked.update({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '# edited\n' });
    analyzer.analyze(chunked, {}, '');
    const edited = analyzer.stats.parsedDocuments - opened;
    assert.equal(edited, 1, 'one document parsed after an edit inside it');
    assert.ok(edited < full, `${edited} < ${full}`);
    // Typing in a document that changes no file fact re-runs the rules over that document only.
    const checked = analyzer.stats.checkedUnits;
    chunked.update({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: 'x' });
    analyzer.analyze(chunked, {}, '');
    assert.equal(analyzer.stats.checkedUnits - checked, 1);
  });

  it("gives fix-all the first fixes of its findings, in order, so that fix-all from the editor's analysis fixes what a fresh one does", () => {
    const files = yamlFiles(path.join(CORPUS, 'realworld', 'control-plane')).slice(0, 60);
    let fixed = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const analysis = incremental(text);
      assert.deepEqual(
        analysis.firstFixes(),
        analysis.findings.filter((f) => f.fixes.length > 0).map((f) => ({ fixes: [f.fixes[0]] })),
        path.basename(file),
      );
      const fresh = fixAll(text);
      assert.equal(fixAll(text, {}, { findings: analysis.firstFixes() }).text, fresh.text, path.basename(file));
      if (fresh.applied > 0) fixed++;
    }
    assert.ok(fixed > 20, `${fixed} files had fixes`);
  });

  it("fix-all with the editor's analyzer parses only the documents it changes, and the editor's next analysis none", () => {
    // Without templates, which make the whole file partial: missing settings are then not reported.
    const texts = yamlFiles(path.join(CORPUS, 'realworld', 'control-plane')).map((f) => fs.readFileSync(f, 'utf8'));
    const text = texts.filter((t) => !t.includes('{{')).slice(0, 40).join('\n---\n');
    const analyzer = new IncrementalAnalyzer();
    const analysis = analyzer.analyze(new ChunkedText(text), {}, 'settings');
    const parsed = analyzer.stats.parsedDocuments;
    const result = fixAll(text, {}, { findings: analysis.firstFixes(), analyzer: { analyzer, optionsKey: 'settings' } });
    assert.equal(result.text, fixAll(text).text);
    const changed = new ChunkedText(result.text).chunks.filter((c) => !new ChunkedText(text).chunks.some((o) => o.text === c.text)).length;
    assert.ok(changed > 10, `${changed} documents changed`);
    // After each round that applied fixes, an analysis parses the documents it changed (one parse each, per round).
    const reparsed = analyzer.stats.parsedDocuments - parsed;
    assert.ok(reparsed <= changed * result.rounds, `${reparsed} parsed in ${result.rounds} rounds, ${changed} changed`);
    const before = analyzer.stats.parsedDocuments;
    assert.deepEqual(analyzer.analyze(new ChunkedText(result.text), {}, 'settings').findings, analyzeText(result.text).findings);
    assert.equal(analyzer.stats.parsedDocuments, before, 'the fixed text was parsed already');
  });

  it('stops at a deadline, and a later analysis of the same text is whole', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'realworld', 'big', 'calico__manifests_operator-crds.yaml'), 'utf8');
    const analyzer = new IncrementalAnalyzer();
    assert.throws(() => analyzer.analyze(new ChunkedText(text), {}, '', new Deadline(0)), DeadlinePassed);
    assert.equal(analyzer.stats.parsedDocuments, 0, 'stopped before its first document');
    assert.deepEqual(analyzer.analyze(new ChunkedText(text), {}, '', new Deadline(Infinity)).findings, analyzeText(text).findings);
  });

  it('does not parse large CustomResourceDefinitions without conversion webhooks at all', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'realworld', 'big', 'calico__manifests_operator-crds.yaml'), 'utf8');
    const analyzer = new IncrementalAnalyzer();
    const result = analyzer.analyze(new ChunkedText(text), {}, '');
    assert.deepEqual(result.findings, analyzeText(text).findings);
    assert.ok(analyzer.stats.parsedDocuments < 10, `${analyzer.stats.parsedDocuments} of 33 documents parsed`);
  });

  it('answers hover, completion and lenses as the full analysis does, in file coordinates', () => {
    const files = yamlFiles(path.join(CORPUS, 'realworld', 'control-plane')).slice(0, 40);
    const joined = files.map((f) => fs.readFileSync(f, 'utf8')).join('\n---\n');
    const full = analyzeText(joined);
    const file = incremental(joined);
    const source = new SourceText(joined);
    let compared = 0;
    // On every finding, and on a place in every fifth line.
    const offsets = [...full.findings.map((f) => source.offsetAt(f.range.start) + 1), ...source.lineStarts.filter((_, i) => i % 5 === 0).map((o) => o + 6)];
    for (const offset of offsets) {
      const position = source.positionAt(offset);
      assert.deepEqual(hoverInFile(file, position), hoverAt(full, offset), `hover at ${JSON.stringify(position)}`);
      assert.deepEqual(completeInFile(file, position), completeAt(full, offset), `completion at ${JSON.stringify(position)}`);
      compared++;
    }
    assert.ok(compared > 20);
    assert.deepEqual(lensesInFile(file), componentLenses(full));
  });
});
