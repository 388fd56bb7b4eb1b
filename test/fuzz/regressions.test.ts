// Problems fuzzing found, kept fixed: each reproducer in test/fuzz/regressions/ runs through every engine entry point,
// and the slow paths fuzzing found in code lenses and fix-all stay linear.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fixAll';
import { IncrementalAnalyzer } from '../../server/src/engine/incremental/analyzer';
import { ChunkedText } from '../../server/src/engine/incremental/chunkedText';
import { componentLenses } from '../../server/src/engine/lens';
import { applyEdits, ROOT } from '../helpers';
import { exerciseEngine } from './engineExercise';

const DIR = path.join(ROOT, 'test', 'fuzz', 'regressions');

function cpuMs<T>(run: () => T): { ms: number; value: T } {
  const before = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, value };
}

describe('fuzz reproducers', () => {
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml'));
  it('there are reproducers to run', () => assert.ok(files.length >= 3));
  for (const file of files) {
    it(`${file}: analysis, hovers, completions, lenses and fix-all answer, inside the text, within a second of CPU`, () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      for (const seed of ['a', 'b', 'c']) {
        const report = exerciseEngine(text, `${file}/${seed}`, 64);
        assert.deepEqual(report.problems, []);
        assert.ok(report.analyzeCpuMs < 1000, `analysis took ${report.analyzeCpuMs} ms of CPU`);
      }
    });
  }
});

describe('fuzz regressions', () => {
  it('a fix-all that changes more lines than the diff searches gives one edit that still turns the text into the fixed text', () => {
    // 1,200 KubeletConfigurations that each gain four lines: more changed lines than the diff searches (2,000).
    const config = 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nport: 10250\n';
    const text = Array.from({ length: 1200 }, () => config).join('---\n');
    const result = fixAll(text);
    assert.ok(result.applied >= 2400);
    assert.equal(result.edits.length, 1);
    assert.equal(applyEdits(text, result.edits), result.text);
  });

  it('a fix at the end of a CRLF file goes before its last line break, not between CR and LF', () => {
    const text = fs.readFileSync(path.join(DIR, 'crlf-config-ends-in-a-map.yaml'), 'utf8');
    const edits = analyzeText(text).findings.flatMap((f) => f.fixes.flatMap((x) => x.edits));
    assert.ok(edits.length >= 2);
    // Line 3 is `  memory.available: "200Mi"`, 27 characters: a position past it pointed between the CR and the LF.
    for (const e of edits) assert.deepEqual(e.range.start, { line: 3, character: 27 });
    assert.equal(
      fixAll(text).text,
      'apiVersion: kubelet.config.k8s.io/v1beta1\r\nkind: KubeletConfiguration\r\nevictionHard:\r\n  memory.available: "200Mi"\r\nauthentication:\r\n  x509:\r\n    clientCAFile: /etc/kubernetes/pki/ca.crt\r\nserverTLSBootstrap: true\r\n',
    );
  });

  it('aliases are never expanded: a billion laughs and a merge-key bomb analyse in milliseconds', () => {
    for (const file of ['alias-bomb-command-line.yaml', 'merge-key-bomb.yaml']) {
      const { ms } = cpuMs(() => analyzeText(fs.readFileSync(path.join(DIR, file), 'utf8')));
      assert.ok(ms < 500, `${file}: ${ms} ms of CPU`);
    }
  });

  describe('a file of a thousand static pods, each with many findings', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, --anonymous-auth=true]\n';
    const text = Array.from({ length: 1000 }, () => pod).join('---\n');
    const analysed = cpuMs(() => analyzeText(text));

    it('its code lenses take a fraction of its analysis (each lens once filtered every finding of the file: about 10 s)', () => {
      const { ms, value } = cpuMs(() => componentLenses(analysed.value));
      assert.equal(value.length, 1000);
      assert.ok(ms < Math.max(300, analysed.ms / 2), `lenses ${ms} ms of CPU, analysis ${analysed.ms} ms`);
    });

    it('fix-all costs about its two analyses, not splicing and diffing quadratic in its edits (once six analyses and more)', () => {
      const { ms, value } = cpuMs(() => fixAll(text));
      assert.equal(value.rounds, 2);
      assert.ok(value.applied >= 10_000);
      assert.ok(ms < 4 * analysed.ms, `fix-all ${ms} ms of CPU, one analysis ${analysed.ms} ms`);
      assert.equal(applyEdits(text, value.edits), value.text);
    });
  });
});

/**
 * Crashes fuzzing found in the YAML parsing itself: the yaml package recurses once per nesting level, so
 * server/src/engine/parse/documents.ts skips documents nested deeper than any manifest (parse/nesting.ts).
 */
describe('deep nesting', () => {
  it('compact sequences 3,000 deep, then a line back at the margin: analysis does not throw', () => {
    // The yaml package's CST parser closes each level in a nested call: the dedent overflows the stack, uncaught.
    // The language server then exits (an unhandled rejection), and the CLI reports an internal error.
    const text = `${'- '.repeat(3000)}x\nback: 1\n`;
    assert.doesNotThrow(() => analyzeText(text));
  });

  it('a 20,000-deep flow sequence after a 1,000-deep one does not abort the process', () => {
    // The composer recurses until the stack overflows and catches that; a regexp that V8 compiles at that depth aborts
    // the whole process ("RegExpCompiler Allocation failed"), which no catch can stop. A child process takes the abort.
    const analyze = require.resolve('../../server/src/engine/analyze');
    const run = spawnSync(process.execPath, ['-e', `const { analyzeText } = require(${JSON.stringify(analyze)}); analyzeText('a: ' + '['.repeat(1000)); analyzeText('a: ' + '['.repeat(20000));`], { encoding: 'utf8' });
    assert.equal(run.signal, null, run.stderr.split('\n').find((l) => l.startsWith('FATAL')) ?? run.stderr.slice(0, 300));
    assert.equal(run.status, 0, run.stderr.slice(0, 300));
  });
});

describe('a document nested too deep among others', () => {
  const apiserver = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, --anonymous-auth=true]\n';
  const text = `${apiserver}---\na: ${'['.repeat(5000)}\n---\n${'- '.repeat(3000)}x\n---\n${apiserver}`;

  it('is skipped, and the documents around it are checked, by the editor as by the CLI', () => {
    const whole = analyzeText(text).findings;
    assert.deepEqual(
      whole.filter((f) => f.ruleId === 'KCG101').map((f) => f.range.start.line),
      [4, 14],
    );
    assert.deepEqual(new IncrementalAnalyzer().analyze(new ChunkedText(text), {}, '').findings, whole);
  });

  it('is skipped after a quote left open in the document before it, which the whole-file estimate of nesting skipped', () => {
    // Each document is parsed alone, so each is measured alone: the file's estimate read the open quote to the end.
    const deep = `a: "open\n---\n${'- '.repeat(3000)}x\nback: 1\n---\n${apiserver}`;
    assert.deepEqual(analyzeText(deep).findings.filter((f) => f.ruleId === 'KCG101').map((f) => f.range.start.line), [9]);
  });

  it('fix-all from the editor\'s findings fixes the others and never parses the deep ones (a stack overflow the fuzz test found)', () => {
    const known = new IncrementalAnalyzer().analyze(new ChunkedText(text), {}, '').findings;
    const fixed = fixAll(text, {}, { findings: known }).text;
    assert.equal(analyzeText(fixed).findings.filter((f) => f.ruleId === 'KCG101').length, 0);
  });
});

describe('a line of stray quotes', () => {
  it('60,000 YAML errors on one line are counted, not traced: analysis and fix-all within a second of CPU each', () => {
    // The yaml package reports each error as an Error; capturing a stack for each took over a second (fuzzing: 1.3 s).
    const text = `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver]\n    args: ["--a=${'"'.repeat(120_000)}"]\n`;
    const analysis = cpuMs(() => analyzeText(text));
    assert.ok(analysis.ms < 1000, `analysis took ${analysis.ms} ms of CPU`);
    assert.ok(analysis.value.model.documents[0].doc.errors.length > 50_000);
    const fixed = cpuMs(() => fixAll(text));
    assert.ok(fixed.ms < 1000, `fix-all took ${fixed.ms} ms of CPU`);
  });
});

describe('line breaks as editors count them', () => {
  it('a lone CR inside a quoted scalar does not move the findings after it off their line', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fuzz', 'regressions', 'lone-cr-in-a-quoted-scalar.yaml'), 'utf8');
    const editor = TextDocument.create('file:///lone-cr.yaml', 'yaml', 1, text);
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG101');
    assert.ok(finding, 'the anonymous API server is reported');
    assert.deepEqual(finding.range.start, editor.positionAt(text.indexOf('--anonymous-auth=true')));
  });
});

describe('a quote left open just before a document marker', () => {
  const open = fs.readFileSync(path.join(DIR, 'open-quote-before-document-marker.yaml'), 'utf8');
  const apiserver = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command: [kube-apiserver, --anonymous-auth=true]\n';

  it('ends at the marker: the next document is checked, by the CLI as by the editor', () => {
    // Parsing the file whole, the yaml package ran the quote on to the end of the file and the API server was not seen.
    const text = `${open}\n${apiserver}`;
    const whole = analyzeText(text).findings;
    assert.deepEqual(whole.filter((f) => f.ruleId === 'KCG101').map((f) => f.range.start.line), [11]);
    assert.deepEqual(new IncrementalAnalyzer().analyze(new ChunkedText(text), {}, '').findings, whole);
  });

  it('the list left open gets findings but no fix: fix-all once glued its flags onto the `---` line', () => {
    const findings = analyzeText(open).findings.filter((f) => f.ruleId.startsWith('KCG2'));
    assert.ok(findings.length >= 5, 'the kubelet is still reported');
    assert.deepEqual(findings.flatMap((f) => f.fixes), []);
    assert.equal(fixAll(open).text, open);
  });
});
