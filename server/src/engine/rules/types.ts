// The rule model: metadata that feeds messages, docs, hover and the CLI, plus one check function.
import type { OffsetEdit } from '../fix/yamlEdits';
import type { Component } from '../parse/component';
import type { FileModel } from '../parse/model';
import type { KubeVersion } from '../version';
import type { ChannelId, OffsetRange, Severity } from '../types';

export interface RuleExample {
  /** What the example shows, in a few words. */
  title: string;
  text: string;
  /** For invalid examples of fixable rules: the text after applying the first fix. */
  fixed?: string;
}

export interface RuleReference {
  title: string;
  url?: string;
  /** CIS Kubernetes Benchmark id (v1.12 numbering) when the benchmark covers the setting. */
  cis?: string;
}

export interface RuleMeta {
  /** `KCG` plus three digits; the first digit is the channel (0 for the command line itself). */
  id: string;
  /** Kebab-case name of the bad pattern. */
  name: string;
  channel: ChannelId;
  severity: Severity;
  /** One sentence: what is wrong. */
  summary: string;
  /** Why it matters: what an attacker gains. Markdown. */
  rationale: string;
  /** What to do instead, and what the quick fix writes. Markdown. */
  remediation: string;
  references: RuleReference[];
  examples: { valid: RuleExample[]; invalid: RuleExample[] };
  /** The file formats the rule reads (`KubeletConfiguration`, `kubeconfig`); the flag and setting templates fill it in. */
  formats?: readonly string[];
}

export interface FixSpec {
  title: string;
  edits: OffsetEdit[];
}

export interface RuleReport {
  range: OffsetRange;
  message: string;
  fixes?: FixSpec[];
}

export interface RuleContext {
  readonly model: FileModel;
  /** The Kubernetes version a component runs: the user's setting, else what the file says, else the newest the rules know. */
  versionOf(component?: Component): KubeVersion;
  report(report: RuleReport): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
