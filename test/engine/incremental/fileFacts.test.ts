// What rules read across documents (file facts) and the fixes only a whole file gives (Rule.complete): documents checked
// one by one give what the whole file gives, through edits that change those facts, and an edit that changes no fact
// re-checks only its own document, even among thousands of control-plane documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, checkModel } from '../../../server/src/engine/analyze';
import { IncrementalAnalyzer } from '../../../server/src/engine/incremental/analyzer';
import { ChunkedText } from '../../../server/src/engine/incremental/chunkedText';
import { buildModel } from '../../../server/src/engine/parse/model';
import { someDocument } from '../../../server/src/engine/rules/fileFacts';
import { RULES } from '../../../server/src/engine/rules/registry';
import type { Rule } from '../../../server/src/engine/rules/types';
import { SourceText } from '../../../server/src/engine/text';
import { generateControlPlaneFile } from '../../../scripts/bench/generate';
import { prng } from '../../helpers';

/** The rules that read other documents, and their multi-document examples. */
const CROSS_DOCUMENT = RULES.filter((r) => (r.facts?.length ?? 0) > 0 || r.complete);
const examples = CROSS_DOCUMENT.flatMap((r) => [...r.meta.examples.valid, ...r.meta.examples.invalid].map((e) => ({ id: r.meta.id, title: e.title, text: e.text }))).filter((e) => e.text.includes('\n---'));

/** Edits that add, remove or change what the facts read: services, names, CA paths, certgen flags, kubelet settings. */
const INSERTS = ['x', '\n', ' ', '\n---\n', '# ', 'service:\n', '  name: other\n', '--client-ca-file=/etc/kubernetes/pki/ca.crt', 'patch', '--webhook-name=x', 'serverTLSBootstrap: true\n', ''];

describe('file facts', () => {
  it('covers every rule that reads other documents, each with multi-document examples', () => {
    assert.deepEqual(CROSS_DOCUMENT.map((r) => r.meta.id).sort(), ['KCG201', 'KCG302', 'KCG304', 'KCG312', 'KCG422']);
    for (const rule of CROSS_DOCUMENT) assert.ok(examples.some((e) => e.id === rule.meta.id), `${rule.meta.id} has a multi-document example`);
  });

  it('checking documents one by one equals the whole file, through 400 random edits of those examples', () => {
    const random = prng(7);
    let edits = 0;
    for (let round = 0; edits < 400; round++) {
      const example = examples[round % examples.length];
      let plain = example.text + (round % 2 === 0 ? `---\n${examples[(round + 3) % examples.length].text}` : '');
      const chunked = new ChunkedText(plain);
      const analyzer = new IncrementalAnalyzer();
      assert.deepEqual(analyzer.analyze(chunked, {}, '').findings, analyzeText(plain).findings, `${example.id} ${example.title}`);
      for (let step = 0; step < 10; step++, edits++) {
        const source = new SourceText(plain);
        const a = Math.floor(random() * (plain.length + 1));
        const b = Math.min(plain.length, a + (random() < 0.6 ? 0 : Math.floor(random() * 40)));
        const insert = INSERTS[Math.floor(random() * INSERTS.length)];
        chunked.update({ range: { start: source.positionAt(a), end: source.positionAt(b) }, text: insert });
        plain = plain.slice(0, a) + insert + plain.slice(b);
        assert.deepEqual(analyzer.analyze(chunked, {}, '').findings, analyzeText(plain).findings, `${example.id} ${example.title}, step ${step}`);
      }
    }
  });

  it("gives KCG201 its second fix, with the edits of the other documents' kubelets, in file order", () => {
    const example = examples.find((e) => e.id === 'KCG201' && analyzeText(e.text).findings.some((f) => f.ruleId === 'KCG201' && f.fixes.length === 2));
    assert.ok(example, 'an example where KCG201 has two fixes');
    const text = `${example.text}---\n${example.text}`;
    const [first] = new IncrementalAnalyzer().analyze(new ChunkedText(text), {}, '').findings.filter((f) => f.ruleId === 'KCG201');
    const edits = first.fixes[1].edits;
    const lines = edits.map((e) => e.range.start.line);
    assert.ok(lines.some((l) => l > text.split('\n').length / 2), 'edits reach the kubelets of the second copy');
    assert.deepEqual(lines.slice(1), [...lines.slice(1)].sort((x, y) => x - y), 'kubelet edits in file order');
  });

  it('re-checks one document of a 20,000-line control-plane file when an edit changes no fact, and all when one does', () => {
    const text = generateControlPlaneFile(20_000);
    const chunked = new ChunkedText(text);
    const analyzer = new IncrementalAnalyzer();
    analyzer.analyze(chunked, {}, '');
    const documents = chunked.chunks.length;
    assert.ok(documents > 500, `${documents} documents`);
    const at = (pattern: RegExp) => chunked.getText().split('\n').findIndex((l) => pattern.test(l));
    const work = (line: number, insert: string) => {
      const { parsedDocuments, checkedUnits } = analyzer.stats;
      chunked.update({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert });
      const result = analyzer.analyze(chunked, {}, '');
      assert.deepEqual(result.findings, analyzeText(chunked.getText()).findings);
      return { parsed: analyzer.stats.parsedDocuments - parsedDocuments, checked: analyzer.stats.checkedUnits - checkedUnits };
    };
    // A comment in a kube-apiserver command line: its document alone.
    assert.deepEqual(work(at(/^ {4}- kube-apiserver$/) + 1, '    # edited\n'), { parsed: 1, checked: 1 });
    // A new client CA for an API server changes what the etcd rule reads (KCG422): every document is checked again,
    // none is parsed again but the edited one.
    const changed = work(at(/--client-ca-file=/) + 1, '    - --client-ca-file=/etc/kubernetes/pki/other-ca.crt\n');
    assert.equal(changed.parsed, 1);
    assert.ok(changed.checked > documents / 2, `${changed.checked} of ${documents} re-checked`);
  });

  it('refuses a fact a rule reads without declaring it, naming the rule', () => {
    const undeclared = someDocument('undeclared', () => true);
    const rule: Rule = { meta: RULES[0].meta, check: (context) => void context.fact(undeclared) };
    const errors: string[] = [];
    checkModel(buildModel('a: 1\n'), { rules: [rule], onRuleError: (id, error) => errors.push(`${id}: ${String(error)}`) });
    assert.deepEqual(errors, [`${RULES[0].meta.id}: Error: ${RULES[0].meta.id} reads the undeclared file fact undeclared`]);
  });
});
