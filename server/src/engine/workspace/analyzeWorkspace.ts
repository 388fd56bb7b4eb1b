// The workspace facade: several files analysed together, so that checks needing both ends of a channel can see them.
// The CLI, the language server's workspace scan and the channel map all go through it. Pure: callers read the files.
//
// The language server, which analyses files one at a time and keeps each file's analysis, uses the pieces instead:
// channelEndsOf(model) per analysed model (mapEndRanges into file coordinates when a model covers part of a file),
// crossFileFindings over every file's ends, then per file finishCrossFileFindings (its suppression comments) and
// mergeFindings with the file's own findings. analyzeWorkspace is exactly that sequence for files given at once, each
// file analysed document by document as the server does (documents with the same text once, large inert ones unparsed).
import type { AnalysisOptions } from '../analyze';
import type { FileAnalysis } from '../incremental/analyzer';
import { analyzeFileOnce, fileEnds } from '../incremental/ends';
import type { WorkspaceRule } from '../rules/types';
import type { Finding } from '../types';
import { crossFileFindings, crossFileFindingsIn, finishCrossFileFindings, mergeFindings } from './crossFile';

export { channelEndsOf } from './channelEndsOf';
export { concatEnds, emptyEnds, mapEndRanges, type ChannelEnds } from './channelEnds';
export { FileSuppressions } from '../suppress';
export { isWorkspaceRule } from './workspaceRule';
export { crossFileFindings, crossFileFindingsIn, finishCrossFileFindings, mergeFindings, type CrossFileFinding, type CrossFileOptions, type FileEnds, type SuppressionView } from './crossFile';

export interface WorkspaceInput {
  /** How the caller names the file (a path for the CLI, a URI for the language server); findings' related locations use it. Unique per input. */
  uri: string;
  text: string;
  /** The file is a fragment (a Kustomize patch): settings it leaves out draw no finding. */
  partial?: boolean;
}

export interface WorkspaceFileResult {
  uri: string;
  analysis: FileAnalysis;
  /** The file's own findings plus the cross-file findings located in it, suppressions applied, sorted by position. */
  findings: Finding[];
}

export interface WorkspaceResult {
  files: WorkspaceFileResult[];
}

export type WorkspaceOptions = Omit<AnalysisOptions, 'partial'> & {
  /** The workspace rules to run (all of them by default); `rules` selects the single-file rules. */
  workspaceRules?: readonly WorkspaceRule[];
};

export function analyzeWorkspace(inputs: readonly WorkspaceInput[], options: WorkspaceOptions = {}): WorkspaceResult {
  const analysed = inputs.map((input) => ({ uri: input.uri, analysis: analyzeFileOnce(input.text, { ...options, partial: input.partial }) }));
  const cross = crossFileFindings(
    analysed.map(({ uri, analysis }) => ({ uri, ends: fileEnds(analysis) })),
    { severity: options.severity, kubernetesVersion: options.kubernetesVersion, rules: options.workspaceRules, onRuleError: options.onRuleError },
  );
  const files = analysed.map(({ uri, analysis }) => {
    const located = finishCrossFileFindings(crossFileFindingsIn(uri, cross), analysis.suppressions);
    return { uri, analysis, findings: mergeFindings(analysis.findings, located) };
  });
  return { files };
}
