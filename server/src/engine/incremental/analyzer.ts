// Analysis of a file that is re-checked on every keystroke: only the documents whose text changed are parsed and checked
// again, and what the file's documents say to each other is recomputed only when one of those documents changes.
//
// A file is cut into its documents (chunkedText.ts), and each document is a unit of analysis of its own. What rules read
// across documents is declared as file facts (FileFact in rules/types.ts): each document's facts are worked out once
// per text and joined over the file, and each document is checked with the joined facts and the version the file names.
// A document's check is cached by its text and reused while those facts and that version are unchanged. Rules whose
// findings need the whole file (a fix with edits in other documents) complete them once all documents are placed in the
// file; the file's suppression comments are applied over all units at the end. The result equals analyzeText() on the
// whole text (test/engine/incremental/).
import { checkModel, completeFinding, modelVersion, versionPicker, byPosition, type Analysis, type AnalysisOptions, type FileContext, type UnitCheck } from '../analyze';
import type { Deadline } from '../deadline';
import { buildModel, type FileModel } from '../parse/model';
import { checkFacts, completionFacts } from '../rules/fileFacts';
import { RULES } from '../rules/registry';
import type { FileFact, RuleContext } from '../rules/types';
import { FileSuppressions, findSuppressionComments, mayHoldSuppressions, multiLineScalarSpans, shiftComment, SUPPRESSION_UNKNOWN_RULE, SUPPRESSION_UNUSED, type SuppressionComment } from '../suppress';
import type { FileConventions } from '../text';
import type { Finding, Fix, Position, Severity } from '../types';
import { formatVersion, type KubeVersion } from '../version';
import type { Chunk, ChunkedText } from './chunkedText';
import { isInertDocument } from './inert';
import { LazyFileFindings, PlacedFindings, type FileFindingsView, type PlacedUnit } from './fileFindings';
import { findingToFile, LineMap } from './lineMap';

/** What one document's text gives, kept while the text is unchanged. */
interface ChunkEntry {
  text: string;
  partial: boolean;
  file: FileConventions;
  inert: boolean;
  model?: FileModel;
  /** The version the document's components name first (null: none). */
  version?: KubeVersion | null;
  /** The document's own file facts, for the file version they were worked out with. */
  facts?: { version: string; values: Map<FileFact<unknown>, unknown> };
  comments?: SuppressionComment[];
  check?: { context: string; result: UnitCheck };
  /** The check's findings in file coordinates, for the line the document started on last time (files with suppression comments). */
  placed?: { check: UnitCheck; line: number; findings: Finding[] };
}

/** One unit of analysis with the map of its lines to the file's. */
export interface UnitView {
  analysis: Analysis;
  map: LineMap;
}

export interface FileAnalysis extends FileFindingsView {
  /** The unit of analysis holding each document. */
  unitOfChunk: UnitView[];
  text: ChunkedText;
  /** The units the rules ran over (not the documents the cheap check skipped). */
  checkedUnits: ReadonlySet<UnitView>;
  /** The file's suppression comments, for findings made outside the file's own analysis (cross-file checks). */
  suppressions: FileSuppressions;
}

/** Work counters, for tests that check an edit re-reads less than the whole file. */
export interface WorkStats {
  /** YAML documents parsed. */
  parsedDocuments: number;
  /** Units the rules ran over. */
  checkedUnits: number;
}

export class IncrementalAnalyzer {
  private entries = new Map<string, ChunkEntry>();
  /** The check each unit finding came from. */
  private readonly owner = new WeakMap<Finding, UnitCheck>();
  private optionsKey?: string;
  /** The file's line ending and indentation step the entries were parsed with. */
  private conventions?: string;
  readonly stats: WorkStats = { parsedDocuments: 0, checkedUnits: 0 };

  /**
   * Analyses the current text. `optionsKey` names the options (settings) in force; the caches are dropped when it changes,
   * since the options' functions cannot be compared. With a `deadline`, throws DeadlinePassed when it passes before
   * every document is parsed and checked.
   */
  analyze(text: ChunkedText, options: AnalysisOptions, optionsKey: string, deadline?: Deadline): FileAnalysis {
    if (optionsKey !== this.optionsKey) {
      this.entries.clear();
      this.optionsKey = optionsKey;
    }
    const chunks = text.chunks;
    // Helm and other templates anywhere make the whole file partial, as analyzeText decides from the whole text.
    const partial = options.partial === true || chunks.some((c) => c.template);
    // Fixes follow the whole file's line ending and indentation; when those change, every document is parsed again.
    const fileConventions = text.conventions;
    const conventions = `${fileConventions.eol}${fileConventions.indentUnit}`;
    if (conventions !== this.conventions) {
      this.entries.clear();
      this.conventions = conventions;
    }
    // Documents with the same text share one entry: parsed and checked once (generated files repeat documents).
    const current = new Map<string, ChunkEntry>();
    const entries = chunks.map((chunk) => {
      deadline?.check();
      let entry = current.get(chunk.text);
      if (!entry || entry.partial !== partial) current.set(chunk.text, (entry = this.entryFor(chunk, partial, fileConventions)));
      return entry;
    });
    this.entries = current;
    const rules = options.rules ?? RULES;

    // What the whole file says: the version its first versioned component names, and the facts of all its documents.
    const fileVersion = entries.find((e) => e.version)?.version ?? undefined;
    const version = fileVersion ? formatVersion(fileVersion) : '';
    const versionOf = versionPicker(options, fileVersion);
    const maps = entries.map((_, i) => new LineMap([{ unitLine: 0, fileLine: text.startOf(i).line, lines: chunks[i].breaks }]));
    const joined = (facts: ReadonlyArray<FileFact<unknown>>) =>
      new Map(
        facts.map((f) => {
          const parts = entries.flatMap((e, i) => (e.model ? [this.factOf(e, f, version, versionOf, maps[i])] : []));
          return [f, f.join(parts)];
        }),
      );
    const read = joined(checkFacts(rules));
    const context: FileContext = { version: fileVersion, fact: <T>(f: FileFact<T>) => factIn(read, f) };
    const contextKey = [version, ...[...read].map(([f, value]) => f.key(value))].join('\0');

    const units: Array<PlacedUnit & { chunk: number; entry: ChunkEntry }> = [];
    const lazy: Array<{ view: UnitView; chunk: number }> = [];
    entries.forEach((entry, i) => {
      deadline?.check();
      const map = maps[i];
      if (entry.inert) lazy.push({ view: new LazyUnit(map, () => this.modelOf(entry)), chunk: i });
      else units.push({ check: this.checkOf(entry, options, context, contextKey), map, chunk: i, entry });
    });

    const file = this.fileSuppressions(text, entries, units);
    let completion: Map<FileFact<unknown>, unknown> | undefined;
    const completing = new Map(rules.filter((r) => r.complete).map((r) => [r.meta.id, r]));
    const fileFixes = new Map<string, Fix>();
    /** A unit finding moved into the file, completed by its rule, with the file's "Disable for this file". */
    const finish = (placed: Finding, unitFinding: Finding, check: UnitCheck): Finding => {
      let f = placed;
      const rule = completing.get(f.ruleId);
      if (rule && check.findings.indexOf(unitFinding) < check.own) {
        completion ??= joined(completionFacts(rules));
        const values = completion;
        f = completeFinding(rule, f, <T>(fact: FileFact<T>) => factIn(values, fact));
      }
      if (f.suppressions.length !== 2) return f;
      let fix = fileFixes.get(f.ruleId);
      if (!fix) fileFixes.set(f.ruleId, (fix = file.fileFix(f.ruleId)));
      return { ...f, suppressions: [f.suppressions[0], fix] };
    };
    const view = entries.some((e, i) => this.commentsOf(e, chunks[i]).length > 0) ? this.suppressAll(file, units, finish) : new LazyFileFindings(units, (f) => this.owner.get(f), finish);

    const unitOfChunk: UnitView[] = new Array(chunks.length);
    const checkedUnits = new Set<UnitView>();
    for (const { check, map, chunk } of units) {
      const kept = view instanceof PlacedFindings ? check.findings.filter((f) => view.fileFindingOf.has(f)) : check.findings;
      const unitView = { analysis: { model: check.model, findings: kept, embedded: check.embedded }, map };
      checkedUnits.add(unitView);
      unitOfChunk[chunk] = unitView;
    }
    for (const { view: lazyView, chunk } of lazy) unitOfChunk[chunk] = lazyView;
    return {
      get findings() {
        return view.findings;
      },
      fileFindingOf: view.fileFindingOf,
      mostSevere: (max) => view.mostSevere(max),
      firstFixes: () => view.firstFixes(),
      unitOfChunk,
      text,
      checkedUnits,
      suppressions: file,
    };
  }

  private entryFor(chunk: Chunk, partial: boolean, file: FileConventions): ChunkEntry {
    const cached = this.entries.get(chunk.text);
    if (cached && cached.partial === partial) return cached;
    const inert = isInertDocument(chunk.text);
    const entry: ChunkEntry = { text: chunk.text, partial, file, inert };
    if (!inert) entry.version = modelVersion(this.modelOf(entry)) ?? null;
    return entry;
  }

  private modelOf(entry: ChunkEntry): FileModel {
    if (!entry.model) {
      entry.model = buildModel(entry.text, { partial: entry.partial, file: entry.file });
      this.stats.parsedDocuments += entry.model.documents.length;
    }
    return entry.model;
  }

  /** A document's own part of a file fact, in file coordinates. */
  private factOf(entry: ChunkEntry, fact: FileFact<unknown>, version: string, versionOf: RuleContext['versionOf'], map: LineMap): unknown {
    if (entry.facts?.version !== version) entry.facts = { version, values: new Map() };
    const { values } = entry.facts;
    if (!values.has(fact)) {
      const model = this.modelOf(entry);
      const own = <T>(f: FileFact<T>): T => f.of({ model, versionOf, fact: own, report: () => undefined });
      values.set(fact, own(fact));
    }
    const value = values.get(fact);
    return fact.move ? fact.move(value, (r) => map.rangeToFile(r)) : value;
  }

  /** A document's check, reused while its text, the file's facts its rules read and the file's version are unchanged. */
  private checkOf(entry: ChunkEntry, options: AnalysisOptions, context: FileContext, contextKey: string): UnitCheck {
    if (entry.check?.context === contextKey) return entry.check.result;
    const result = checkModel(this.modelOf(entry), options, context);
    this.stats.checkedUnits++;
    entry.check = { context: contextKey, result };
    for (const f of result.findings) this.owner.set(f, result);
    return result;
  }

  /** A document's suppression comments, found once per text (most texts hold none, and are not scanned for them). */
  private commentsOf(entry: ChunkEntry, chunk: Chunk): SuppressionComment[] {
    entry.comments ??= mayHoldSuppressions(entry.text) ? findSuppressionComments(entry.model?.source ?? chunk.source) : [];
    return entry.comments;
  }

  /** The file's suppression comments over all its documents, with the multi-line scalars they cannot sit in. */
  private fileSuppressions(text: ChunkedText, entries: readonly ChunkEntry[], units: readonly PlacedUnit[]): FileSuppressions {
    return new FileSuppressions({
      source: text,
      comments: () => entries.flatMap((e, i) => this.commentsOf(e, text.chunks[i]).map((c) => shiftComment(c, text.startOf(i).offset, text.startOf(i).line))),
      spans: () => units.flatMap(({ check, map }) => spansOf(check.model).map(([first, last]): [number, number] => [map.toFile({ line: first, character: 1 }).line, map.toFile({ line: last, character: 1 }).line])),
    });
  }

  /**
   * A file with suppression comments: every finding is placed in the file and the comments are applied over all of
   * them. Placed findings are kept per document while it starts on the same line.
   */
  private suppressAll(file: FileSuppressions, units: ReadonlyArray<PlacedUnit & { entry: ChunkEntry }>, finish: (placed: Finding, unitFinding: Finding, check: UnitCheck) => Finding): PlacedFindings {
    const placed: Array<{ unit: Finding; file: Finding }> = [];
    for (const { check, map, entry } of units) {
      const line = map.toFile({ line: 0, character: 0 }).line;
      if (entry.placed?.check !== check || entry.placed.line !== line) entry.placed = { check, line, findings: check.findings.map((f) => findingToFile(f, map)) };
      const files = entry.placed.findings;
      check.findings.forEach((f, k) => placed.push({ unit: f, file: finish(files[k], f, check) }));
    }
    // A rule counts as run when it ran to the end in every unit; only then can its suppression be called unused.
    const checks = units.map((u) => u.check);
    const ran = new Map<string, Severity>();
    for (const [id, severity] of checks[0]?.ran ?? []) if (checks.every((c) => c.ran.has(id))) ran.set(id, severity);
    const kept = new Set(file.apply(placed.map((p) => p.file), { ran: (id) => ran.has(id), severity: (id) => (id === SUPPRESSION_UNUSED || id === SUPPRESSION_UNKNOWN_RULE ? ran.get(id) : undefined) }));
    const fileFindingOf = new Map<Finding, Finding>();
    for (const p of placed) if (kept.has(p.file)) fileFindingOf.set(p.unit, p.file);
    return new PlacedFindings([...kept].sort(byPosition), fileFindingOf);
  }
}

/** A document the cheap check skipped: parsed only when hover or completion asks about it. */
class LazyUnit implements UnitView {
  private cached?: Analysis;

  constructor(
    readonly map: LineMap,
    private readonly parse: () => FileModel,
  ) {}

  get analysis(): Analysis {
    this.cached ??= { model: this.parse(), findings: [], embedded: [] };
    return this.cached;
  }
}

/** The unit holding a file position, with the position in the unit's coordinates. */
export function unitAt(file: FileAnalysis, position: Position): { unit: UnitView; position: Position } | undefined {
  if (file.unitOfChunk.length === 0) return undefined;
  const unit = file.unitOfChunk[file.text.chunkAtLine(position.line)];
  const local = unit?.map.toUnit(position);
  return unit && local ? { unit, position: local } : undefined;
}

function factIn<T>(values: ReadonlyMap<FileFact<unknown>, unknown>, fact: FileFact<T>): T {
  if (!values.has(fact as FileFact<unknown>)) throw new Error(`the file fact ${fact.name} is not declared by any rule`);
  return values.get(fact as FileFact<unknown>) as T;
}

/** Each model's multi-line scalars, found once per model (a walk over every node): typing elsewhere reuses them. */
const spansCache = new WeakMap<FileModel, Array<[number, number]>>();
function spansOf(model: FileModel): Array<[number, number]> {
  let spans = spansCache.get(model);
  if (!spans) spansCache.set(model, (spans = multiLineScalarSpans(model)));
  return spans;
}

/** The most severe findings first: the server publishes at most a thousand per file. */
export { mostSevere } from './fileFindings';
