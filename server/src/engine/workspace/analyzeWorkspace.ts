// The workspace facade: several files analysed together, so that checks needing both ends of a channel can see them.
// The CLI, the language server's workspace scan and the channel map all go through it. Pure: callers read the files.
import { analyzeText, type Analysis, type AnalysisOptions } from '../analyze';
import type { Finding } from '../types';

export interface WorkspaceInput {
  /** How the caller names the file (a path for the CLI, a URI for the language server); findings' related locations use it. */
  uri: string;
  text: string;
  /** The file is a fragment (a Kustomize patch): settings it leaves out draw no finding. */
  partial?: boolean;
}

export interface WorkspaceFileResult {
  uri: string;
  analysis: Analysis;
  /** The file's own findings plus the cross-file findings located in it, suppressions applied, sorted by position. */
  findings: Finding[];
}

export interface WorkspaceResult {
  files: WorkspaceFileResult[];
}

export type WorkspaceOptions = Omit<AnalysisOptions, 'partial'>;

export function analyzeWorkspace(inputs: readonly WorkspaceInput[], options: WorkspaceOptions = {}): WorkspaceResult {
  const files = inputs.map((input) => {
    const analysis = analyzeText(input.text, { ...options, partial: input.partial });
    return { uri: input.uri, analysis, findings: analysis.findings };
  });
  return { files };
}
