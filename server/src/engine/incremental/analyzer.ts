// Analysis of a file that is re-checked on every keystroke: only the documents whose text changed are parsed and checked
// again, and what the file's documents say to each other is recomputed only when one of those documents changes.
//
// A file is cut into its documents (chunkedText.ts). Documents that configure a control-plane component or a component
// config, or that rules read together with those (APIServices, webhooks), are "linked": they are joined into one unit
// and analysed together, exactly as the whole file would be. Every other document is a unit of its own, checked with
// the version the linked unit names. Each unit's result is cached by its text; the file's suppression comments are
// applied over all units at the end. The result equals analyzeText() on the whole text (test/engine/incremental/).
import { checkModel, byPosition, modelVersion, type Analysis, type AnalysisOptions, type UnitCheck } from '../analyze';
import { buildModel, type FileModel } from '../parse/model';
import { certgenTargets } from '../rules/apiserver-to-nodes-pods-services/objects';
import { FileSuppressions, findSuppressionComments, multiLineScalarSpans, shiftComment, SUPPRESSION_UNKNOWN_RULE, SUPPRESSION_UNUSED, type SuppressionComment } from '../suppress';
import type { Finding, Fix, Position, Severity } from '../types';
import { formatVersion, type KubeVersion } from '../version';
import type { Chunk, ChunkedText } from './chunkedText';
import { isInertDocument } from './inert';
import { findingToFile, LineMap } from './lineMap';

/** Kinds rules read together with components and each other, across the documents of a file. */
const LINKED_KINDS = new Set(['APIService', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

/**
 * Whether rules read a document together with others of its file: components and their config documents (flags, versions
 * and config files meet there), the objects above, and the certificate-patching Jobs that give webhooks their CA.
 */
function isLinked(model: FileModel): boolean {
  if (model.components.length > 0 || model.configs.length > 0) return true;
  if (model.documents.some((d) => d.kind !== undefined && LINKED_KINDS.has(d.kind))) return true;
  const targets = certgenTargets(model);
  return targets.apiServices.size + targets.validatingWebhooks.size + targets.mutatingWebhooks.size > 0;
}

/** What one document's text gives, kept while the text is unchanged. */
interface ChunkEntry {
  text: string;
  partial: boolean;
  inert: boolean;
  model?: FileModel;
  linked: boolean;
  comments?: SuppressionComment[];
  check?: { version: string; result: UnitCheck };
  /** The check's findings in file coordinates, for the line the document started on last time. */
  placed?: { line: number; findings: Finding[] };
}

/** One unit of analysis with the map of its lines to the file's. */
export interface UnitView {
  analysis: Analysis;
  map: LineMap;
}

export interface FileAnalysis {
  /** All findings in file coordinates, suppressions applied, sorted. */
  findings: Finding[];
  /** The unit of analysis holding each document (the same linked unit for all linked documents). */
  unitOfChunk: UnitView[];
  text: ChunkedText;
  /** The file finding of each unit finding that was kept (hover and lenses work in a unit, users see file findings). */
  fileFindingOf: ReadonlyMap<Finding, Finding>;
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
  private linked?: { entries: ChunkEntry[]; model: FileModel; check: UnitCheck; version: string };
  private optionsKey?: string;
  readonly stats: WorkStats = { parsedDocuments: 0, checkedUnits: 0 };

  /**
   * Analyses the current text. `optionsKey` names the options (settings) in force; the caches are dropped when it changes,
   * since the options' functions cannot be compared.
   */
  analyze(text: ChunkedText, options: AnalysisOptions, optionsKey: string): FileAnalysis {
    if (optionsKey !== this.optionsKey) {
      this.entries.clear();
      this.linked = undefined;
      this.optionsKey = optionsKey;
    }
    const chunks = text.chunks;
    // Helm and other templates anywhere make the whole file partial, as analyzeText decides from the whole text.
    const partial = options.partial === true || chunks.some((c) => c.template);
    const entries = chunks.map((chunk) => this.entryFor(chunk, partial));
    this.entries = new Map(entries.map((e) => [e.text, e]));

    const linkedIndexes = entries.flatMap((e, i) => (e.linked ? [i] : []));
    const linked = linkedIndexes.length > 0 ? this.linkedUnit(linkedIndexes.map((i) => entries[i]), options) : undefined;
    const fileVersion = linked ? modelVersion(linked.model) : undefined;
    const version = fileVersion ? formatVersion(fileVersion) : '';

    // Every unit finding in file coordinates, remembering which unit finding it came from.
    const placed: Array<{ unit: Finding; file: Finding }> = [];
    const units: Array<{ check: UnitCheck; map: LineMap; chunks: number[] }> = [];
    if (linked) {
      let unitLine = 0;
      const pieces = linkedIndexes.map((i) => {
        const piece = { unitLine, fileLine: text.startOf(i).line, lines: chunks[i].breaks };
        unitLine += chunks[i].breaks;
        return piece;
      });
      const map = new LineMap(pieces);
      units.push({ check: linked.check, map, chunks: linkedIndexes });
      for (const f of linked.check.findings) placed.push({ unit: f, file: findingToFile(f, map) });
    }
    const lazy: Array<{ view: UnitView; chunk: number }> = [];
    entries.forEach((entry, i) => {
      if (entry.linked) return;
      const line = text.startOf(i).line;
      const map = new LineMap([{ unitLine: 0, fileLine: line, lines: chunks[i].breaks }]);
      if (entry.inert) {
        lazy.push({ view: new LazyUnit(map, () => this.modelOf(entry)), chunk: i });
        return;
      }
      const check = this.standaloneCheck(entry, options, fileVersion, version);
      units.push({ check, map, chunks: [i] });
      if (entry.placed?.line !== line) entry.placed = { line, findings: check.findings.map((f) => findingToFile(f, map)) };
      check.findings.forEach((f, k) => placed.push({ unit: f, file: entry.placed!.findings[k] }));
    });

    const { findings, fileFindingOf, suppressions } = this.suppress(text, entries, units, placed);
    const unitOfChunk: UnitView[] = new Array(chunks.length);
    const checkedUnits = new Set<UnitView>();
    for (const { check, map, chunks: held } of units) {
      const kept = check.findings.filter((f) => fileFindingOf.has(f));
      const view = { analysis: { model: check.model, findings: kept, embedded: check.embedded }, map };
      checkedUnits.add(view);
      for (const i of held) unitOfChunk[i] = view;
    }
    for (const { view, chunk } of lazy) unitOfChunk[chunk] = view;
    return { findings, unitOfChunk, text, fileFindingOf, checkedUnits, suppressions };
  }

  private entryFor(chunk: Chunk, partial: boolean): ChunkEntry {
    const cached = this.entries.get(chunk.text);
    if (cached && cached.partial === partial) return cached;
    const inert = isInertDocument(chunk.text);
    const entry: ChunkEntry = { text: chunk.text, partial, inert, linked: false };
    if (!inert) {
      const model = this.modelOf(entry);
      entry.linked = isLinked(model);
    }
    return entry;
  }

  private modelOf(entry: ChunkEntry): FileModel {
    if (!entry.model) {
      entry.model = buildModel(entry.text, { partial: entry.partial });
      this.stats.parsedDocuments += entry.model.documents.length;
    }
    return entry.model;
  }

  /** The linked documents joined and analysed together; reused while none of them changed. */
  private linkedUnit(entries: ChunkEntry[], options: AnalysisOptions): { model: FileModel; check: UnitCheck } {
    const previous = this.linked;
    if (previous && previous.entries.length === entries.length && previous.entries.every((e, i) => e === entries[i])) return previous;
    if (entries.length > 1) {
      // The joined model will hold these documents; their own models were needed only to tell they are linked. Released
      // before the joined parse, so both never need memory at once.
      for (const entry of entries) entry.model = undefined;
    }
    const model = entries.length === 1 ? this.modelOf(entries[0]) : buildModel(entries.map((e) => e.text).join(''), { partial: entries[0].partial });
    if (entries.length > 1) this.stats.parsedDocuments += model.documents.length;
    const check = checkModel(model, options);
    this.stats.checkedUnits++;
    const version = modelVersion(model);
    this.linked = { entries, model, check, version: version ? formatVersion(version) : '' };
    return this.linked;
  }

  private standaloneCheck(entry: ChunkEntry, options: AnalysisOptions, fileVersion: KubeVersion | undefined, version: string): UnitCheck {
    if (entry.check?.version === version) return entry.check.result;
    const result = checkModel(this.modelOf(entry), options, fileVersion);
    this.stats.checkedUnits++;
    entry.check = { version, result };
    entry.placed = undefined;
    return result;
  }

  /**
   * Applies the file's suppression comments over all units and points every "Disable for this file" at the file's top.
   * Returns the file's findings and, for each unit finding kept, its finding in the file.
   */
  private suppress(
    text: ChunkedText,
    entries: readonly ChunkEntry[],
    units: ReadonlyArray<{ check: UnitCheck; map: LineMap }>,
    placed: ReadonlyArray<{ unit: Finding; file: Finding }>,
  ): { findings: Finding[]; fileFindingOf: Map<Finding, Finding>; suppressions: FileSuppressions } {
    const commentsOf = (entry: ChunkEntry, chunkIndex: number): SuppressionComment[] => {
      entry.comments ??= findSuppressionComments(entry.model?.source ?? text.chunks[chunkIndex].source);
      return entry.comments;
    };
    const file = new FileSuppressions({
      source: text,
      comments: () => entries.flatMap((e, i) => commentsOf(e, i).map((c) => shiftComment(c, text.startOf(i).offset, text.startOf(i).line))),
      spans: () => units.flatMap(({ check, map }) => multiLineScalarSpans(check.model).map(([first, last]): [number, number] => [map.toFile({ line: first, character: 1 }).line, map.toFile({ line: last, character: 1 }).line])),
    });
    let kept = placed.map((p) => p.file);
    if (entries.some((e, i) => commentsOf(e, i).length > 0)) {
      // A rule counts as run when it ran to the end in every unit; only then can its suppression be called unused.
      const checks = units.map((u) => u.check);
      const ran = new Map<string, Severity>();
      for (const [id, severity] of checks[0]?.ran ?? []) if (checks.every((c) => c.ran.has(id))) ran.set(id, severity);
      kept = file.apply(kept, { ran: (id) => ran.has(id), severity: (id) => (id === SUPPRESSION_UNUSED || id === SUPPRESSION_UNKNOWN_RULE ? ran.get(id) : undefined) });
    }
    const fileFixes = new Map<string, Fix>();
    const final = new Map<Finding, Finding>();
    for (const f of kept) {
      if (f.suppressions.length !== 2) {
        final.set(f, f);
        continue;
      }
      let fix = fileFixes.get(f.ruleId);
      if (!fix) fileFixes.set(f.ruleId, (fix = file.fileFix(f.ruleId)));
      final.set(f, { ...f, suppressions: [f.suppressions[0], fix] });
    }
    const fileFindingOf = new Map<Finding, Finding>();
    for (const p of placed) {
      const f = final.get(p.file);
      if (f) fileFindingOf.set(p.unit, f);
    }
    return { findings: [...final.values()].sort(byPosition), fileFindingOf, suppressions: file };
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
