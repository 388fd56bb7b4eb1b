// The engine's entry point: text in, findings with fixes out. Pure: no I/O, no editor types.
import { buildModel, type FileModel } from './parse/model';
import { NEWEST_KNOWN_VERSION, parseVersion, type KubeVersion } from './version';
import { RULES } from './rules/registry';
import type { FixSpec, Rule, RuleReport } from './rules/types';
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
  findings: Finding[];
}

export function analyzeText(text: string, options: AnalysisOptions = {}): Analysis {
  return analyzeModel(buildModel(text, { partial: options.partial }), options);
}

export function analyzeModel(model: FileModel, options: AnalysisOptions = {}): Analysis {
  const findings: Finding[] = [];
  const setting = parseVersion(options.kubernetesVersion);
  const fileVersion = model.components.find((c) => c.version)?.version;
  const versionOf = (component?: { version?: KubeVersion }): KubeVersion => setting ?? component?.version ?? fileVersion ?? NEWEST_KNOWN_VERSION;
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
    for (const r of reports) {
      findings.push({
        ruleId: rule.meta.id,
        ruleName: rule.meta.name,
        channel: rule.meta.channel,
        severity,
        message: r.message,
        range: model.source.range(r.range),
        fixes: (r.fixes ?? []).map((f) => toFix(model, f)),
      });
    }
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return { model, findings };
}

function toFix(model: FileModel, fix: FixSpec): Fix {
  return {
    title: fix.title,
    edits: fix.edits.map((e) => ({ range: model.source.range(e), newText: e.newText })),
  };
}
