// The engine's entry point: text in, findings with fixes out. Pure: no I/O, no editor types.
import { buildModel, type FileModel } from './parse/model';
import { NEWEST_KNOWN_VERSION, parseVersion, type KubeVersion } from './version';
import { outerEdit, outerRange, type EmbeddedYaml } from './parse/embedded';
import type { Range } from './types';
import { RULES } from './rules/registry';
import type { FixSpec, Rule, RuleReport } from './rules/types';
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
  const findings: Finding[] = [];
  const setting = parseVersion(options.kubernetesVersion);
  const fileVersion = model.components.find((c) => c.version)?.version;
  const versionOf = (component?: { version?: KubeVersion }): KubeVersion => setting ?? component?.version ?? fileVersion ?? NEWEST_KNOWN_VERSION;
  const suppressions = new FileSuppressions(model);
  /** The rules that ran to the end, with their severity: a suppression of any other rule is not called unused. */
  const ran = new Map<string, Severity>();
  for (const rule of options.rules ?? RULES) {
    const severity = options.severity?.(rule.meta.id) ?? rule.meta.severity;
    if (severity === 'off') continue;
    const reports: RuleReport[] = [];
    try {
      rule.check({ model, versionOf, report: (r) => reports.push(r) });
    } catch (error) {
      options.onRuleError?.(rule.meta.id, error);
      continue;
    }
    ran.set(rule.meta.id, severity);
    for (const r of reports) {
      const range = model.source.range(r.range);
      findings.push({
        ruleId: rule.meta.id,
        ruleName: rule.meta.name,
        channel: rule.meta.channel,
        severity,
        message: r.message,
        range,
        fixes: (r.fixes ?? []).map((f) => toFix(model, f)),
        suppressions: suppressions.fixesFor(rule.meta.id, range),
      });
    }
  }
  const embedded = model.embedded.map(({ yaml, model: inner }) => ({ yaml, analysis: analyzeModel(inner, options) }));
  for (const { yaml, analysis } of embedded) findings.push(...analysis.findings.map((f) => toOuter(model, yaml, analysis.model, f, suppressions)));
  // Suppression hints are reported after every other rule, since whether a comment silences anything depends on them all.
  const kept = suppressions.apply(findings, {
    ran: (id) => ran.has(id),
    severity: (id) => (id === SUPPRESSION_UNUSED || id === SUPPRESSION_UNKNOWN_RULE ? ran.get(id) : undefined),
  });
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return { model, findings: kept, embedded };
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
