// The rule model: metadata that feeds messages, docs, hover and the CLI, plus one check function.
import type { OffsetEdit } from '../fix/yamlEdits';
import type { Component } from '../parse/component';
import type { FileModel } from '../parse/model';
import type { KubeVersion } from '../version';
import type { ChannelId, Finding, Fix, OffsetRange, Range, RelatedLocation, Severity } from '../types';
import type { ChannelEnds } from '../workspace/channelEnds';

export interface RuleExample {
  /** What the example shows, in a few words. */
  title: string;
  text: string;
  /** For invalid examples of fixable rules: the text after applying the first fix. */
  fixed?: string;
  /**
   * For workspace rules: the files the example is made of (the two ends of a channel). `text` then holds the same
   * documents as one multi-document file, which must give the same result.
   */
  files?: ExampleFile[];
}

/** One file of a workspace rule's example. */
export interface ExampleFile {
  /** A file name that says what it holds: `kube-apiserver.yaml`, `kubelet-config.yaml`. */
  name: string;
  text: string;
  /** For the file the finding is in, when the rule is fixable: its text after applying the first fix. */
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
  /** What the whole file says about `fact` (one the rule declares in `facts`), whatever part of the file `model` holds. */
  fact<T>(fact: FileFact<T>): T;
  report(report: RuleReport): void;
}

/**
 * Something a rule reads from the other documents of its file, as data (rules/fileFacts.ts): worked out for each
 * document on its own and joined over the file's documents in order, so that each document can be checked by itself
 * and re-checked only when its own text or a fact it reads changes (server/src/engine/incremental/).
 */
export interface FileFact<T> {
  readonly name: string;
  /** The fact over the context's model (a document, or the whole file). */
  of(context: RuleContext): T;
  /** The facts of consecutive parts of a file, in file order, as one. */
  join(parts: readonly T[]): T;
  /** Text that changes whenever the value does. */
  key(value: T): string;
  /** For a fact holding ranges: the same fact with each range moved (from a document's lines to the file's). */
  move?(value: T, move: (range: Range) => Range): T;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /** The facts `check` reads from other documents of the file; a rule reads nothing outside its documents but these. */
  facts?: ReadonlyArray<FileFact<unknown>>;
  /**
   * Completes a finding of this rule with what only the whole file gives (a fix with edits in other documents): run in
   * file coordinates once every document was checked, reading only the facts it declares.
   */
  complete?: {
    facts: ReadonlyArray<FileFact<unknown>>;
    finding(finding: Finding, fact: <T>(fact: FileFact<T>) => T): Finding;
  };
}

/** What a workspace rule reports: a finding in one file, with the other end(s) of the channel as related locations. */
export interface WorkspaceReport {
  /** The file the finding is in, as the caller named it. */
  uri: string;
  range: Range;
  message: string;
  /** Edits in the finding's own file. */
  fixes?: Fix[];
  related: RelatedLocation[];
}

export interface WorkspaceRuleContext {
  /** Every file's channel ends, in file coordinates. */
  readonly files: ReadonlyArray<{ readonly uri: string; readonly ends: ChannelEnds }>;
  /** The Kubernetes version the user set for the workspace, if any. */
  readonly kubernetesVersion?: KubeVersion;
  report(report: WorkspaceReport): void;
}

/**
 * A rule that needs both ends of a channel, which may sit in different files or documents. It is a Rule (so ruleById,
 * suppression comments, docs and settings know it) whose single-file `check` finds nothing; it runs over the workspace's
 * channel-end index instead, outside the single-file RULES loop.
 */
export interface WorkspaceRule extends Rule {
  readonly scope: 'workspace';
  checkWorkspace(context: WorkspaceRuleContext): void;
}
