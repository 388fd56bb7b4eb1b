// The pieces a file is held in: every edit an editor can send leaves the same text, lines and positions a plain string
// would, and pieces split exactly at document markers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ChunkedText, splitDocuments } from '../../../server/src/engine/incremental/chunkedText';
import { SourceText } from '../../../server/src/engine/text';
import { prng } from '../../helpers';

/** Editors never place a position between the CR and the LF of a line break. */
function outsideCrlf(text: string, offset: number): number {
  return text[offset - 1] === '\r' && text[offset] === '\n' ? offset + 1 : offset;
}

const SAMPLE = ['apiVersion: v1\nkind: Pod\n', '---\n# second\nkind: Service\n', '--- # marker with a comment\nkind: X\r\n', '---\nlast: no newline'].join('');

/** Inserted texts that create, break and join document markers and lines. */
const PIECES = ['x', '\n', '---', '\n---\n', '-', '\r\n', '', 'kind: Pod\n', ' ', '---x', '\n--- \n'];

describe('ChunkedText', () => {
  it('splits at marker lines only', () => {
    assert.deepEqual(splitDocuments('a: 1\n---\nb: 2\n---x\nc: 3\n--- # c\n---\n'), ['a: 1\n', '---\nb: 2\n---x\nc: 3\n', '--- # c\n', '---\n']);
    assert.deepEqual(splitDocuments('---\n'), ['---\n']);
    assert.deepEqual(splitDocuments(''), ['']);
    assert.deepEqual(splitDocuments('key: |\n  ---\n  x\n'), ['key: |\n  ---\n  x\n']);
  });

  it('keeps text, pieces and positions equal to a plain string through 3,000 random edits', () => {
    const random = prng(7);
    const chunked = new ChunkedText(SAMPLE);
    let plain = SAMPLE;
    for (let step = 0; step < 3000; step++) {
      const source = new SourceText(plain);
      const a = outsideCrlf(plain, Math.floor(random() * (plain.length + 1)));
      const b = outsideCrlf(plain, Math.min(plain.length, a + Math.floor(random() * 6)));
      const text = PIECES[Math.floor(random() * PIECES.length)];
      const range = { start: source.positionAt(a), end: source.positionAt(b) };
      chunked.update({ range, text });
      plain = plain.slice(0, a) + text + plain.slice(b);
      // Keep the text from growing without bound.
      if (plain.length > 400) {
        chunked.update({ text: SAMPLE });
        plain = SAMPLE;
      }
      assert.equal(chunked.getText(), plain, `step ${step}`);
      assert.deepEqual(chunked.chunks.map((c) => c.text), splitDocuments(plain), `pieces at step ${step}`);
      const expected = new SourceText(plain);
      assert.equal(chunked.lineCount, expected.lineCount);
      assert.equal(chunked.eol, expected.eol);
      for (let k = 0; k < 5; k++) {
        const offset = outsideCrlf(plain, Math.floor(random() * (plain.length + 1)));
        const position = expected.positionAt(offset);
        assert.deepEqual(chunked.positionAt(offset), position, `positionAt(${offset}) at step ${step}`);
        assert.equal(chunked.offsetAt(position), offset);
        assert.equal(chunked.lineStart(offset), expected.lineStart(offset));
        assert.equal(chunked.lineEnd(offset), expected.lineEnd(offset));
        assert.equal(chunked.slice(offset, offset + 7), plain.slice(offset, offset + 7));
      }
    }
  });

  it('counts its size in UTF-8 bytes as the disk does, without joining its pieces', () => {
    const text = `a: "é ✓ 😀 \ud800"\n---\nb: 1\n`;
    const chunked = new ChunkedText(text);
    assert.equal(chunked.byteLength, Buffer.byteLength(text, 'utf8'));
    chunked.update({ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'ü' });
    assert.equal(chunked.byteLength, Buffer.byteLength(chunked.getText(), 'utf8'));
  });

  it('places every offset where an editor does, with LF, CRLF and lone CR line breaks', () => {
    const text = 'a: 1\nb: "x\ry"\r\n---\r\nc: 3\rd: 4\n\r\n';
    const editor = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
    const source = new SourceText(text);
    const chunked = new ChunkedText(text);
    for (let offset = 0; offset <= text.length; offset++) {
      // Editors never place a position between the CR and the LF of a line break.
      if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
      assert.deepEqual(source.positionAt(offset), editor.positionAt(offset), `offset ${offset}`);
      assert.deepEqual(chunked.positionAt(offset), editor.positionAt(offset), `offset ${offset} in pieces`);
    }
    assert.equal(source.lineCount, editor.lineCount);
  });

  it('clamps positions past a line or the end as an editor does', () => {
    const chunked = new ChunkedText('a: 1\r\n---\nb: 2\n');
    assert.equal(chunked.offsetAt({ line: 0, character: 99 }), 4);
    assert.equal(chunked.offsetAt({ line: 99, character: 0 }), chunked.length);
    assert.deepEqual(chunked.positionAt(999), { line: 3, character: 0 });
  });
});
