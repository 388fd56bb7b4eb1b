// Property test over every YAML file of the shared corpus (real-world manifests and the peers' fixtures): each quick
// fix applied alone, each suppression, and fix-all leave valid YAML, remove what they fix, add no finding and touch
// only their lines.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { analyzeText } from '../../server/src/engine/analyze';
import { fixAll } from '../../server/src/engine/fixAll';
import { SourceText } from '../../server/src/engine/text';
import type { Finding, TextEdit } from '../../server/src/engine/types';
import { applyEdits, CORPUS, yamlFiles } from '../helpers';

/** YAML errors of a text, duplicate keys included (stricter than the engine's own parse). */
function yamlErrors(text: string): number {
  return parseAllDocuments(text).reduce((n, d) => n + d.errors.length, 0);
}

/** Offsets of the edits in the original text, sorted. */
function resolve(source: SourceText, edits: readonly TextEdit[]) {
  return edits.map((e) => ({ start: source.offsetAt(e.range.start), end: source.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Where an original offset lands after the edits: shifted by every edit that ends at or before it (an insertion at
 * the offset itself comes before it), and moved to the edit's start when the edit replaces it.
 */
function mapOffset(edits: ReturnType<typeof resolve>, offset: number): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset) {
      delta += e.newText.length - (e.end - e.start);
      continue;
    }
    if (e.start < offset) return e.start + delta;
    break;
  }
  return offset + delta;
}

/**
 * The findings after a fix that are not one of the findings before it. A finding after is the same as one before when
 * it has the same rule, message and (mapped) line; failing that, the same rule and message
 * (it moved: removing the last flag of `command:` moves "flag missing" findings to `args:`, where new flags go now).
 * A changed message alone is no new finding: adding --tls-cert-file rightly turns "neither the certificate nor the
 * key" into "the key is missing".
 */
function newFindings(before: ReadonlyArray<{ finding: Finding; line: number }>, after: readonly Finding[]): Finding[] {
  const unmatched = [...before];
  const take = (test: (b: { finding: Finding; line: number }) => boolean) => {
    const i = unmatched.findIndex(test);
    if (i < 0) return false;
    unmatched.splice(i, 1);
    return true;
  };
  const same = (b: { finding: Finding; line: number }, f: Finding) => b.finding.ruleId === f.ruleId && b.line === f.range.start.line;
  const exact = after.filter((f) => !take((b) => same(b, f) && b.finding.message === f.message));
  const moved = exact.filter((f) => !take((b) => b.finding.ruleId === f.ruleId && b.finding.message === f.message));
  return moved.filter((f) => !take((b) => same(b, f)));
}

/** The line endings of a text: which kinds of line break it uses. */
function lineBreaks(text: string): { crlf: boolean; lf: boolean } {
  return { crlf: /\r\n/.test(text), lf: /(^|[^\r])\n/.test(text) };
}

interface Tally {
  files: number;
  findings: number;
  withFix: number;
  fixesAlone: number;
  fixAllFiles: number;
  fixAllApplied: number;
  suppressions: number;
  failures: string[];
  notApplied: string[];
}

/** Whole lines an edit replaces that it writes back unchanged: a fix that re-serialises instead of editing. */
function rewrittenLines(text: string, edit: { start: number; end: number; newText: string }): string[] {
  const lines = text.slice(edit.start, edit.end).split('\n');
  // Only lines that start and end inside the replaced range are whole; the first and last may be partial.
  const whole = lines.slice(edit.start === 0 || text[edit.start - 1] === '\n' ? 0 : 1, -1).map((l) => l.replace(/\r$/, ''));
  return whole.filter((l) => l.trim() !== '' && edit.newText.split(/\r?\n/).includes(l));
}

function checkFile(name: string, text: string, tally: Tally): void {
  const { failures } = tally;
  tally.files++;
  const source = new SourceText(text);
  const errorsBefore = yamlErrors(text);
  const { findings } = analyzeText(text);
  tally.findings += findings.length;
  const breaks = lineBreaks(text);
  for (const finding of findings) {
    if (finding.fixes.length === 0) continue;
    tally.withFix++;
    for (const fix of finding.fixes) {
      tally.fixesAlone++;
      const where = `${name}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}"`;
      const edits = resolve(source, fix.edits);
      if (edits.some((e, i) => i > 0 && e.start < edits[i - 1].end)) {
        failures.push(`${where}: overlapping edits`);
        continue;
      }
      const after = applyEdits(text, fix.edits);
      // (a) The result parses without new YAML errors.
      const errorsAfter = yamlErrors(after);
      if (errorsAfter > errorsBefore) failures.push(`${where}: ${errorsAfter - errorsBefore} new YAML error(s)`);
      // (b) The finding is gone: fewer findings of its rule start on the line it maps to than the original had there
      // (a removed line maps to where it was, so a duplicate moving up into its place is not taken for it).
      // (c) No new finding: every finding after the fix is one of the others before it (see newFindings).
      const afterSource = new SourceText(after);
      const lineOf = (f: Finding) => afterSource.positionAt(mapOffset(edits, source.offsetAt(f.range.start))).line;
      const now = analyzeText(after).findings;
      const line = lineOf(finding);
      const sameRuleBefore = findings.filter((f) => f.ruleId === finding.ruleId && lineOf(f) === line).length;
      const sameRuleNow = now.filter((f) => f.ruleId === finding.ruleId && f.range.start.line === line).length;
      if (sameRuleNow >= sameRuleBefore) failures.push(`${where}: the finding is still there`);
      const others = findings.filter((f) => f !== finding).map((f) => ({ finding: f, line: lineOf(f) }));
      for (const f of newFindings(others, now)) failures.push(`${where}: new finding ${f.ruleId}:${f.range.start.line + 1} ${f.message}`);
      // (d) Lines outside the edits' lines are unchanged; no edit rewrites a whole line it leaves as it was; line
      // breaks keep the file's style and the final newline stays as it was.
      const first = source.positionAt(edits[0].start).line;
      const last = source.positionAt(edits[edits.length - 1].end).line;
      const origLines = text.split('\n');
      const newLines = after.split('\n');
      const tail = origLines.length - 1 - last;
      if (origLines.slice(0, first).join('\n') !== newLines.slice(0, first).join('\n') || origLines.slice(last + 1).join('\n') !== newLines.slice(newLines.length - tail).join('\n')) {
        failures.push(`${where}: lines outside the edits changed`);
      }
      for (const e of edits) for (const l of rewrittenLines(text, e)) failures.push(`${where}: rewrites the unchanged line "${l.trim()}"`);
      const inserted = fix.edits.map((e) => e.newText).join('');
      if ((breaks.crlf && !breaks.lf && /(^|[^\r])\n/.test(inserted)) || (breaks.lf && !breaks.crlf && /\r\n/.test(inserted))) failures.push(`${where}: inserts line breaks of the other style`);
      if (text.endsWith('\n') !== after.endsWith('\n')) failures.push(`${where}: the final newline changed`);
    }
  }
  // Suppressions: "Disable for this line" and "for this file" of every finding
  // leave valid YAML, silence the rule there, add nothing (no unused-suppression hint either) and keep line breaks.
  // Findings of one rule on one line share their suppressions: each distinct one is checked once.
  const seen = new Set<string>();
  for (const finding of findings) {
    const [lineFix, fileFix] = finding.suppressions;
    if (!lineFix || !fileFix) continue;
    for (const fix of [lineFix, fileFix]) {
      const key = JSON.stringify(fix);
      if (seen.has(key)) continue;
      seen.add(key);
      tally.suppressions++;
      const where = `${name}:${finding.range.start.line + 1} ${finding.ruleId} "${fix.title}"`;
      const edits = resolve(source, fix.edits);
      const after = applyEdits(text, fix.edits);
      if (yamlErrors(after) > errorsBefore) failures.push(`${where}: new YAML error(s)`);
      const afterSource = new SourceText(after);
      const lineOf = (f: Finding) => afterSource.positionAt(mapOffset(edits, source.offsetAt(f.range.start))).line;
      const now = analyzeText(after).findings;
      const line = lineOf(finding);
      const left = now.filter((f) => f.ruleId === finding.ruleId && (fix === fileFix || f.range.start.line === line));
      if (left.length > 0) failures.push(`${where}: ${finding.ruleId} is still reported on line ${left[0].range.start.line + 1}`);
      const others = findings.filter((f) => f !== finding).map((f) => ({ finding: f, line: lineOf(f) }));
      for (const f of newFindings(others, now)) failures.push(`${where}: new finding ${f.ruleId}:${f.range.start.line + 1} ${f.message}`);
      const inserted = fix.edits.map((e) => e.newText).join('');
      if ((breaks.crlf && !breaks.lf && /(^|[^\r])\n/.test(inserted)) || (breaks.lf && !breaks.crlf && /\r\n/.test(inserted))) failures.push(`${where}: inserts line breaks of the other style`);
    }
  }
  if (!findings.some((f) => f.fixes.length > 0)) return;
  // Fix-all: parses, leaves no fixable finding unless its fix could not apply, and a second run changes nothing.
  tally.fixAllFiles++;
  const all = fixAll(text);
  tally.fixAllApplied += all.applied;
  if (applyEdits(text, all.edits) !== all.text) failures.push(`${name}: fix-all edits do not give fix-all text`);
  const errorsAll = yamlErrors(all.text);
  if (errorsAll > errorsBefore) failures.push(`${name}: fix-all adds ${errorsAll - errorsBefore} YAML error(s)`);
  const left = analyzeText(all.text).findings.filter((f) => f.fixes.length > 0);
  for (const f of left) tally.notApplied.push(`${name}:${f.range.start.line + 1} ${f.ruleId} "${f.fixes[0].title}"`);
  const again = fixAll(all.text);
  if (again.text !== all.text || again.applied !== 0) failures.push(`${name}: a second fix-all changes the text (${again.applied} fixes)`);
  if (text.endsWith('\n') !== all.text.endsWith('\n')) failures.push(`${name}: fix-all changed the final newline`);
  const allBreaks = lineBreaks(all.text);
  if (allBreaks.crlf !== breaks.crlf || allBreaks.lf !== breaks.lf) failures.push(`${name}: fix-all changed the line-break style`);
}

it('every quick fix alone, and fix-all, on every corpus file: valid YAML, the finding gone, nothing new, other lines untouched, idempotent', () => {
  const started = Date.now();
  const files = yamlFiles(CORPUS);
  assert.ok(files.length > 150, 'the corpus is there');
  const tally: Tally = { files: 0, findings: 0, withFix: 0, fixesAlone: 0, fixAllFiles: 0, fixAllApplied: 0, suppressions: 0, failures: [], notApplied: [] };
  for (const file of files) checkFile(path.relative(CORPUS, file), fs.readFileSync(file, 'utf8'), tally);
  // The corpus has few CRLF files: the control-plane manifests are checked once more with CRLF line breaks.
  let crlf = 0;
  for (const file of yamlFiles(path.join(CORPUS, 'realworld', 'control-plane'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.includes('\r')) continue;
    crlf++;
    checkFile(`${path.relative(CORPUS, file)} (CRLF)`, text.replace(/\n/g, '\r\n'), tally);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fix property: ${tally.files} files (${files.length} corpus files, ${crlf} again with CRLF), ${tally.findings} findings (${tally.withFix} with a fix), ` +
      `${tally.fixesAlone} fixes applied alone, fix-all on ${tally.fixAllFiles} files (${tally.fixAllApplied} fixes applied), ` +
      `${tally.notApplied.length} fixable findings fix-all could not fix, ${tally.suppressions} suppressions applied alone, ${tally.failures.length} failures, ${seconds}s`,
  );
  for (const n of tally.notApplied) console.log(`  fix-all left: ${n}`);
  for (const f of tally.failures.slice(0, 40)) console.log(`  FAIL ${f}`);
  assert.deepEqual(tally.failures, []);
  assert.deepEqual(tally.notApplied, []);
});
