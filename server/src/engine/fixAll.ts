// Fix-all: applies the first fix of every finding, round after round, and returns the change as minimal line edits.
import { parseAllDocuments } from 'yaml';
import type { AnalysisOptions } from './analyze';
import { Deadline, DeadlinePassed } from './deadline';
import { IncrementalAnalyzer } from './incremental/analyzer';
import { ChunkedText } from './incremental/chunkedText';
import { splitDocuments } from './parse/documentMarkers';
import { withoutStacks } from './parse/withoutStacks';
import { MAX_NESTING, nestingDepth } from './parse/nesting';
import type { OffsetEdit } from './fix/yamlEdits';
import { SourceText, type TextSource } from './text';
import type { Finding, Position, TextEdit } from './types';

/** Enough for fixes that make room for one another; a fix that never removes its finding stops here, not in a loop. */
const MAX_ROUNDS = 10;

/** What the server has read of a text already, so that fix-all does not read it again. */
export interface FixAllStart {
  /** The first fixes of the text's findings, in order of position. */
  findings: ReadonlyArray<Pick<Finding, 'fixes'>>;
  /**
   * The analyzer that found them, with the key of the options it ran with. Later rounds then parse only the documents
   * fix-all changed, and the editor's analysis of the fixed text finds those parsed too.
   */
  analyzer?: { analyzer: IncrementalAnalyzer; optionsKey: string };
}

/**
 * Applies the first fix of every finding that has one (never a suppression). Within a round, fixes are taken in
 * order of position; a fix whose edits overlap or touch an edit already taken waits for the next round, where it is
 * recomputed on the new text (touching edits wait too, so two removals next to each other cannot empty a list that
 * either alone would have kept). Rounds repeat until no fix applies or MAX_ROUNDS.
 *
 * One exception keeps a file that lacks a dozen flags from needing a dozen rounds: fixes that each insert at the same
 * point and nothing else (every "add --flag" fix of one command line appends after its last item) are merged into one
 * insertion when they cannot clash: they write different flags and different keys (see `insertionsCompatible`). Deeper
 * lines go first, so content nested under the last key comes before a sibling of that key. Insertions that each add
 * an item to the same list give what applying them one after another would; any other merge is checked: should it
 * give the YAML more errors than it had, the round is redone without merging.
 *
 * With `budgetMs`, fix-all stops once that much time has passed, at the next safe point: no round starts after it, a
 * round's analysis stops there (and fix-all with it), and a merge not yet checked is given up for the round without
 * merging. So a fix-all on save answers within about a second even on a file with tens of thousands of fixes: the
 * first round applies most of them, whatever is left shows as findings, and another fix-all takes it. Ordinary files
 * need a few milliseconds per round.
 *
 * Returns the fixed `text`; `edits`, non-overlapping edits that turn the original text into it, one per run of
 * changed lines, in the original's coordinates; `applied`, how many fixes were applied over all rounds; `rounds`,
 * how many rounds applied at least one fix; and `complete`, false when the budget stopped it with fixes left to try.
 */
export function fixAll(
  text: string,
  options?: AnalysisOptions,
  /** What the caller has read of `text` already (the server's analysis of the open document). */
  known?: FixAllStart,
  budgetMs = Infinity,
): { text: string; edits: TextEdit[]; applied: number; rounds: number; complete: boolean } {
  const deadline = Deadline.in(budgetMs);
  let complete = true;
  let current = text;
  let applied = 0;
  let rounds = 0;
  /** The YAML error count of `current`, when a merged round counted it already. */
  let currentErrors: number | undefined;
  // Rounds analyse document by document, reusing what an earlier round found in a document it left unchanged.
  const { analyzer, optionsKey } = known?.analyzer ?? { analyzer: new IncrementalAnalyzer(), optionsKey: 'fix-all' };
  const errors = new DocumentErrors();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const analysed = round === 0 && known ? { findings: known.findings, source: new SourceText(current) } : analyzeRound(analyzer, optionsKey, current, options, round > 0 ? deadline : undefined);
    if (!analysed) {
      complete = false;
      break;
    }
    const { findings, source } = analysed;
    const candidates = findings
      .filter((f) => f.fixes.length > 0)
      .map((f) => f.fixes[0].edits.map((e): OffsetEdit => ({ start: source.offsetAt(e.range.start), end: source.offsetAt(e.range.end), newText: e.newText })))
      .filter((edits) => edits.some((e) => current.slice(e.start, e.end) !== e.newText) && !selfOverlapping(edits))
      .map((edits, order) => ({ edits, order, start: Math.min(...edits.map((e) => e.start)) }))
      .sort((a, b) => a.start - b.start || a.order - b.order)
      .map((c) => c.edits);
    let taken = takeRound(candidates, source.eol, true);
    if (taken.count === 0) break;
    let next = applyOffsetEdits(current, taken.edits);
    let nextErrors: number | undefined;
    if (taken.unchecked) {
      nextErrors = errors.count(next, deadline);
      currentErrors ??= errors.count(current, deadline);
      if (nextErrors === undefined || currentErrors === undefined || nextErrors > currentErrors) {
        taken = takeRound(candidates, source.eol, false);
        next = applyOffsetEdits(current, taken.edits);
        nextErrors = undefined;
      }
    }
    current = next;
    currentErrors = nextErrors;
    applied += taken.count;
    rounds++;
  }
  return { text: current, edits: lineEdits(text, current), applied, rounds, complete };
}

/** A round's findings, or undefined when the deadline passed first. */
function analyzeRound(analyzer: IncrementalAnalyzer, optionsKey: string, text: string, options: AnalysisOptions | undefined, deadline: Deadline | undefined): { findings: ReadonlyArray<Pick<Finding, 'fixes'>>; source: TextSource & { offsetAt(p: Position): number } } | undefined {
  if (deadline?.passed) return undefined;
  const chunked = new ChunkedText(text);
  try {
    return { findings: analyzer.analyze(chunked, options ?? {}, optionsKey, deadline).firstFixes(), source: chunked };
  } catch (error) {
    if (error instanceof DeadlinePassed) return undefined;
    throw error;
  }
}

/** The fixes one round applies, as one list of non-overlapping edits. */
function takeRound(candidates: ReadonlyArray<readonly OffsetEdit[]>, eol: string, merge: boolean): { edits: OffsetEdit[]; count: number; unchecked: boolean } {
  const taken: OffsetEdit[] = [];
  /** Insertions merged at one offset, in the order they were taken. */
  const groups = new Map<number, OffsetEdit[]>();
  let count = 0;
  const index = new TakenIndex();
  const facts: InsertionFacts = new Map();
  for (const edits of candidates) {
    const clashes = index.touching(edits);
    if (clashes.length === 0) {
      taken.push(...edits);
      for (const e of edits) index.add(e);
      if (edits.length === 1 && edits[0].start === edits[0].end) groups.set(edits[0].start, [edits[0]]);
      count++;
      continue;
    }
    const [edit] = edits;
    const group = merge && edits.length === 1 && edit.start === edit.end && separated(edit.newText, eol) ? groups.get(edit.start) : undefined;
    if (!group || clashes.some((t) => !group.includes(t)) || !group.every((g) => separated(g.newText, eol) && insertionsCompatible(g.newText, edit.newText, eol, facts))) continue;
    group.push(edit);
    taken.push(edit);
    index.add(edit);
    count++;
  }
  const single = taken.filter((t) => !(t.start === t.end && (groups.get(t.start)?.length ?? 0) > 1));
  const merged = [...groups].filter(([, g]) => g.length > 1);
  const joined = merged.map(([at, g]) => ({ start: at, end: at, newText: orderInsertions(g, eol).join('') }));
  return { edits: [...single, ...joined], count, unchecked: merged.some(([, g]) => !itemsOfOneList(g, eol, facts)) };
}

/**
 * Whether insertions merged at one point each add an item to the same list: new lines that each hold one item at one
 * indentation, or items appended to a flow list. Their result is that of applying them one after another, and needs
 * no check for YAML errors (reading 2,000 documents twice for it took half a second).
 */
function itemsOfOneList(group: readonly OffsetEdit[], eol: string, facts: InsertionFacts): boolean {
  const firsts = group.map((e) => insertionFacts(facts, e.newText, eol).first);
  const [first] = firsts;
  if (first.inline) return firsts.every((f) => f.inline && f.line.startsWith(', ') && !f.line.includes('\n'));
  // Lines after an item's first belong to it: deeper than its dash.
  const withinItem = (newText: string) => newText.split(eol).slice(2).every((line) => line.length - line.trimStart().length > first.indent);
  return group.every((e, i) => !firsts[i].inline && firsts[i].item && firsts[i].indent === first.indent && withinItem(e.newText));
}

/**
 * The edits taken so far, sorted by start, for finding those an edit touches without comparing it with every one: with
 * thousands of fixes in a file, comparing each with all the others took most of a fix-all.
 */
class TakenIndex {
  private readonly sorted: OffsetEdit[] = [];
  /** The longest edit taken: no edit starting further back than this can reach a given offset. */
  private longest = 0;

  add(edit: OffsetEdit): void {
    this.sorted.splice(this.after(edit.start), 0, edit);
    this.longest = Math.max(this.longest, edit.end - edit.start);
  }

  /** The first position whose edit starts after `offset`. */
  private after(offset: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].start <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The taken edits that overlap, share an insertion point with, or are adjacent to any of `edits`. */
  touching(edits: readonly OffsetEdit[]): OffsetEdit[] {
    const found = new Set<OffsetEdit>();
    for (const e of edits) {
      for (let i = this.after(e.end) - 1; i >= 0 && this.sorted[i].start >= e.start - this.longest; i--) {
        if (touches(this.sorted[i], e)) found.add(this.sorted[i]);
      }
    }
    return [...found];
  }
}

/**
 * An insertion that starts with its own separator (a line break, a blank, a comma) can follow another one. The first
 * item of an empty flow sequence (`[]`) has none: two of them would run together.
 */
function separated(newText: string, eol: string): boolean {
  return newText.startsWith(eol) || /^[ \t,]/.test(newText);
}

/** What an insertion writes first: a word on the current line, a sequence item, or a mapping key, with its indentation. */
function firstLine(newText: string, eol: string): { inline: boolean; indent: number; item: boolean; key?: string; line: string } {
  if (!newText.startsWith(eol)) return { inline: true, indent: 0, item: false, line: newText };
  const line = newText.slice(eol.length).split(/\r?\n/)[0];
  const indent = /^ */.exec(line)?.[0].length ?? 0;
  const item = /^ *- /.test(line) || /^ *-$/.test(line);
  const key = item ? undefined : /^ *([^\s#][^:]*?):(\s|$)/.exec(line)?.[1];
  return { inline: false, indent, item, key, line: line.trim() };
}

/** The flag names an insertion writes (`--anonymous-auth`, k3s `anonymous-auth=`), so two fixes never write one flag twice. */
function flagNames(newText: string): Set<string> {
  const dashed = [...newText.matchAll(/(?:^|[\s"',[])--([a-z0-9][a-z0-9-]*)/g)].map((m) => m[1]);
  // k3s and RKE2 write `- "anonymous-auth=false"`, without dashes.
  const k3s = [...newText.matchAll(/-\s+["']?([a-z0-9][a-z0-9-]*)=/g)].map((m) => m[1]);
  return new Set([...dashed, ...k3s]);
}

/**
 * Two insertions at one point can both be written when they do not write the same thing twice: not the same line,
 * not the same mapping key at the same indentation (two fixes each creating `authentication:` must not both do it),
 * and not the same flag.
 */
function insertionsCompatible(a: string, b: string, eol: string, cache: InsertionFacts): boolean {
  const fa = insertionFacts(cache, a, eol);
  const fb = insertionFacts(cache, b, eol);
  if (fa.first.line === fb.first.line) return false;
  if (fa.first.key !== undefined && fa.first.key === fb.first.key && fa.first.indent === fb.first.indent) return false;
  for (const f of fb.flags) if (fa.flags.has(f)) return false;
  return true;
}

/**
 * What `insertionsCompatible` reads of an insertion, worked out once per text: a fix-all of thousands of components
 * compares each insertion with every other one at its point, and most of them write the same few texts.
 */
type InsertionFacts = Map<string, { first: ReturnType<typeof firstLine>; flags: Set<string> }>;
function insertionFacts(cache: InsertionFacts, newText: string, eol: string): { first: ReturnType<typeof firstLine>; flags: Set<string> } {
  let facts = cache.get(newText);
  if (!facts) cache.set(newText, (facts = { first: firstLine(newText, eol), flags: flagNames(newText) }));
  return facts;
}

/** Words on the current line first, then new lines from the deepest to the shallowest, items before keys. */
function orderInsertions(group: readonly OffsetEdit[], eol: string): string[] {
  return group
    .map((e, order) => ({ e, order, first: firstLine(e.newText, eol) }))
    .sort((x, y) => Number(x.first.inline === false) - Number(y.first.inline === false) || y.first.indent - x.first.indent || Number(y.first.item) - Number(x.first.item) || x.order - y.order)
    .map((x) => x.e.newText);
}

/** YAML errors counted document by document, each document's count kept by its text (fix-all rounds change few of them). */
class DocumentErrors {
  private readonly counts = new Map<string, number>();

  /** The text's YAML errors, or undefined when the deadline passed first. */
  count(text: string, deadline?: Deadline): number | undefined {
    const counts = new Map<string, number>();
    let total = 0;
    for (const piece of splitDocuments(text)) {
      if (deadline?.passed) return undefined;
      let n = counts.get(piece) ?? this.counts.get(piece);
      if (n === undefined) n = yamlErrors(piece);
      counts.set(piece, n);
      total = Math.min(Number.MAX_SAFE_INTEGER, total + n);
    }
    for (const [piece, n] of counts) this.counts.set(piece, n);
    return total;
  }
}

/**
 * The number of YAML errors of a text, duplicate keys included. Only counted, so not prettified: quoting the source
 * line around each error cost a line's length per error: seconds for one long line full of errors.
 */
function yamlErrors(text: string): number {
  // Too deep to parse (parse/nesting.ts): the parser would overflow the stack. Counted as the most errors there can be.
  if (nestingDepth(text) > MAX_NESTING) return Number.MAX_SAFE_INTEGER;
  return withoutStacks(() => parseAllDocuments(text, { prettyErrors: false })).reduce((n, d) => n + d.errors.length, 0);
}

/** Two edits overlap, share an insertion point, or are adjacent. */
function touches(a: OffsetEdit, b: OffsetEdit): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A fix whose own edits overlap cannot be applied as an editor would (LSP forbids it): it is left out. */
function selfOverlapping(edits: readonly OffsetEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && (e.start < sorted[i - 1].end || (e.start === sorted[i - 1].start && e.start === e.end)));
}

/**
 * Applies non-overlapping edits in one pass over the text (splicing them one by one copied the text once per edit:
 * quadratic for a file with thousands of fixes). Edits at one insertion point keep their old effect: the later first.
 */
function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = edits.map((e, order) => ({ e, order })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || b.order - a.order);
  const parts: string[] = [];
  let at = 0;
  for (const { e } of sorted) {
    parts.push(text.slice(at, e.start), e.newText);
    at = Math.max(at, e.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Lines with their line breaks, so that joining them gives the text back and a changed line ending is a changed line. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * The edits that turn `before` into `after`, one per run of changed lines (a Myers diff of the lines). A text without
 * a final line break is compared as if it had one (the file's own), so that lines added after its last line do not
 * count that line as changed.
 */
function lineEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const source = new SourceText(before);
  const virtual = !before.endsWith('\n') && !after.endsWith('\n') && before.length > 0 ? source.eol : '';
  const a = splitLines(before + virtual);
  const b = splitLines(after + virtual);
  const starts: number[] = [0];
  for (const line of a) starts.push(starts[starts.length - 1] + line.length);
  return diffLines(a, b).map((h) => {
    let start = starts[h.aStart];
    let end = starts[h.aEnd];
    let newText = b.slice(h.bStart, h.bEnd).join('');
    if (virtual && end > before.length) {
      // The run reaches the added line break, which is not in the file. When the new text ends the file it ends with
      // that line break too; when it is empty, the line kept before it becomes the last and loses its line break.
      if (h.bEnd > h.bStart) newText = newText.slice(0, newText.length - virtual.length);
      else start -= virtual.length;
      if (start > before.length) newText = virtual + newText;
      start = Math.min(start, before.length);
      end = before.length;
    }
    return { range: source.range({ start, end }), newText };
  });
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Beyond this many differing lines the diff gives up on minimality: the whole changed stretch becomes one hunk. Myers'
 * search costs O((N+M)D), and a fix-all of thousands of components changes tens of thousands of lines.
 */
const MAX_DIFF_LINES = 2000;

/** Runs of lines that differ between `a` and `b`, in order: Myers' O((N+M)D) shortest edit script. */
function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const x0 = a.slice(prefix, a.length - suffix);
  const y0 = b.slice(prefix, b.length - suffix);
  const n = x0.length;
  const m = y0.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Array<number>(2 * max + 3).fill(0);
  const trace: number[][] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    if (d > MAX_DIFF_LINES) return [{ aStart: prefix, aEnd: prefix + n, bStart: prefix, bEnd: prefix + m }];
    // Only diagonals -d-1 .. d+1 are read back for step d: keeping the whole of v made the trace quadratic in memory.
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && x0[x] === y0[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back through the trace, collecting the pairs of equal lines the script keeps.
  const pairs: Array<[number, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    /** v[offset + diagonal] as it was before step d. */
    const at = (diagonal: number): number => vd[diagonal + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      pairs.push([x - 1, y - 1]);
      x--;
      y--;
    }
    x = prevX;
    y = prevY;
  }
  pairs.reverse();
  pairs.push([n, m]);
  // The gaps between kept pairs are the hunks.
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of pairs) {
    if (pi > i || pj > j) hunks.push({ aStart: prefix + i, aEnd: prefix + pi, bStart: prefix + j, bEnd: prefix + pj });
    i = pi + 1;
    j = pj + 1;
  }
  return hunks;
}
