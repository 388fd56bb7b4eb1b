// The engine's entry point: text in, findings with fixes out. Pure: no I/O, no editor types.
import { buildModel, type FileModel } from './parse/model';
import { NEWEST_KNOWN_VERSION, parseVersion, type KubeVersion } from './version';
import { outerEdit, outerRange, type EmbeddedYaml } from './parse/embedded';
import type { Range } from './types';
import { RULES } from './rules/registry';
import type { FileFact, FixSpec, Rule, RuleContext, RuleReport } from './rules/types';
import { FileSuppressions, SUPPRESSION_UNKNOWN_RULE, SUPPRESSION_UNUSED } from './suppress';
import type { Finding, Fix, Severity } from './types';

export interface AnalysisOptions {
  rules?: readonly Rule[];
  /** Overrides a rule's default severity; `off` drops its findings. */
  severity?: (ruleId: string) => Severity | 'off' | undefined;
  /** Called when a rule throws; the other rules' findings are still returned. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** The Kubernetes version to check against (`1.31`); by default what the file says, else the newest the rules know. */
  kubernetesVersion?: string;
  /** The file is a fragment (a Kustomize patch): settings it leaves out draw no finding. */
  partial?: boolean;
}

export interface Analysis {
  model: FileModel;
  /** All findings, those inside embedded YAML included, in this file's coordinates. */
  findings: Finding[];
  /** The analyses of the YAML embedded in block scalars, in their own coordinates (for hover). */
  embedded: Array<{ yaml: EmbeddedYaml; analysis: Analysis }>;
}

export function analyzeText(text: string, options: AnalysisOptions = {}): Analysis {
  return analyzeModel(buildModel(text, { partial: options.partial }), options);
}

export function analyzeModel(model: FileModel, options: AnalysisOptions = {}): Analysis {
  const unit = checkModel(model, options);
  const suppressions = FileSuppressions.of(model);
  return { model, findings: applySuppressions(unit, suppressions), embedded: unit.embedded };
}

/** What the rules found in one model before the file's suppression comments are applied. */
export interface UnitCheck {
  model: FileModel;
  /**
   * Findings of the rules (the first `own`) and of the embedded YAML, each with its line and file suppression payloads.
   * For a model that is part of a file, the rules' own findings are not completed yet (Rule.complete).
   */
  findings: Finding[];
  own: number;
  embedded: Array<{ yaml: EmbeddedYaml; analysis: Analysis }>;
  /** The rules that ran to the end, with their severity: a suppression of any other rule is not called unused. */
  ran: Map<string, Severity>;
}

/** What the whole file says, for a model that holds only part of it (server/src/engine/incremental/). */
export interface FileContext {
  /** The version the file names (its first component's that has one). */
  version: KubeVersion | undefined;
  /** The file's facts (FileFact), joined over its documents. */
  fact: <T>(fact: FileFact<T>) => T;
}

/** The version a model's components run when nothing says otherwise: the first version the model names. */
export function modelVersion(model: FileModel): KubeVersion | undefined {
  return model.components.find((c) => c.version)?.version;
}

/** How rules pick a component's version: the user's setting, else the component's own, else the file's, else the newest known. */
export function versionPicker(options: AnalysisOptions, fileVersion: KubeVersion | undefined): (component?: { version?: KubeVersion }) => KubeVersion {
  const setting = parseVersion(options.kubernetesVersion);
  return (component) => setting ?? component?.version ?? fileVersion ?? NEWEST_KNOWN_VERSION;
}

/** The facts of one model, each worked out when first asked for. */
export function modelFacts(model: FileModel, versionOf: RuleContext['versionOf']): FileContext['fact'] {
  const cache = new Map<FileFact<unknown>, unknown>();
  const fact = <T>(f: FileFact<T>): T => {
    if (!cache.has(f)) cache.set(f, f.of({ model, versionOf, fact, report: () => undefined }));
    return cache.get(f) as T;
  };
  return fact;
}

/**
 * Runs the rules over one model: the whole file, or (with `file`) some of its documents, told what the rest of the file
 * says. Only a whole file's findings are completed here (Rule.complete): a part's are completed once placed in the file.
 */
export function checkModel(model: FileModel, options: AnalysisOptions = {}, file?: FileContext): UnitCheck {
  const findings: Finding[] = [];
  const versionOf = versionPicker(options, file ? file.version : modelVersion(model));
  const fact = file?.fact ?? modelFacts(model, versionOf);
  const suppressions = FileSuppressions.of(model);
  const ran = new Map<string, Severity>();
  for (const rule of options.rules ?? RULES) {
    const severity = options.severity?.(rule.meta.id) ?? rule.meta.severity;
    if (severity === 'off') continue;
    const reports: RuleReport[] = [];
    const declared = new Set(rule.facts ?? []);
    const factOf = <T>(f: FileFact<T>): T => {
      // A fact the rule does not declare would be read from this model alone when the model is part of a file.
      if (!declared.has(f as FileFact<unknown>)) throw new Error(`${rule.meta.id} reads the undeclared file fact ${f.name}`);
      return fact(f);
    };
    try {
      rule.check({ model, versionOf, fact: factOf, report: (r) => reports.push(r) });
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error);
      continue;
    }
    ran.set(rule.meta.id, severity);
    for (const r of reports) {
      const range = model.source.range(r.range);
      const finding: Finding = {
        ruleId: rule.meta.id,
        ruleName: rule.meta.name,
        channel: rule.meta.channel,
        severity,
        message: r.message,
        range,
        fixes: (r.fixes ?? []).map((f) => toFix(model, f)),
        suppressions: suppressions.fixesFor(rule.meta.id, range),
      };
      findings.push(file || !rule.complete ? finding : completeFinding(rule, finding, fact));
    }
  }
  const own = findings.length;
  const embedded = model.embedded.map(({ yaml, model: inner }) => ({ yaml, analysis: analyzeModel(inner, options) }));
  for (const { yaml, analysis } of embedded) findings.push(...analysis.findings.map((f) => toOuter(model, yaml, analysis.model, f, suppressions)));
  return { model, findings, own, embedded, ran };
}

/** A finding completed by its rule (Rule.complete) with the file's facts, reading only those the completion declares. */
export function completeFinding(rule: Rule, finding: Finding, fact: FileContext['fact']): Finding {
  if (!rule.complete) return finding;
  const declared = new Set(rule.complete.facts);
  return rule.complete.finding(finding, <T>(f: FileFact<T>): T => {
    if (!declared.has(f as FileFact<unknown>)) throw new Error(`${rule.meta.id} completes with the undeclared file fact ${f.name}`);
    return fact(f);
  });
}

/** Drops what the file's suppression comments silence, adds the hints about the comments themselves, and sorts. */
export function applySuppressions(unit: Pick<UnitCheck, 'findings' | 'ran'>, suppressions: FileSuppressions): Finding[] {
  const { ran } = unit;
  // Suppression hints are reported after every other rule, since whether a comment silences anything depends on them all.
  const kept = suppressions.apply(unit.findings, {
    ran: (id) => ran.has(id),
    severity: (id) => (id === SUPPRESSION_UNUSED || id === SUPPRESSION_UNKNOWN_RULE ? ran.get(id) : undefined),
  });
  return kept.sort(byPosition);
}

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}

/**
 * Moves a finding of embedded YAML into the outer file's coordinates. Its line suppression stays inside the block
 * scalar (the embedded YAML is where the comment means something); its file suppression goes to the outer file.
 */
function toOuter(outer: FileModel, yaml: EmbeddedYaml, inner: FileModel, finding: Finding, suppressions: FileSuppressions): Finding {
  const offsets = (r: Range) => ({ start: inner.source.offsetAt(r.start), end: inner.source.offsetAt(r.end) });
  const mapFix = (fix: Fix): Fix => ({
    title: fix.title,
    edits: fix.edits.map((e) => {
      const mapped = outerEdit(yaml, { ...offsets(e.range), newText: e.newText });
      return { range: outer.source.range(mapped), newText: mapped.newText };
    }),
  });
  const [line] = finding.suppressions;
  return {
    ...finding,
    range: outer.source.range(outerRange(yaml, offsets(finding.range))),
    fixes: finding.fixes.map(mapFix),
    suppressions: line ? [mapFix(line), suppressions.fileFix(finding.ruleId)] : [],
  };
}

function toFix(model: FileModel, fix: FixSpec): Fix {
  return {
    title: fix.title,
    edits: fix.edits.map((e) => ({ range: model.source.range(e), newText: e.newText })),
  };
}
