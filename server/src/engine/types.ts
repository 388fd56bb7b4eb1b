// Shared vocabulary of the engine: channels, severities, ranges, findings and fixes.

/** The four control-plane channels, plus `general` for how a component reads its own command line. */
export type ChannelId =
  | 'node-to-apiserver'
  | 'apiserver-to-kubelet'
  | 'apiserver-to-nodes-pods-services'
  | 'control-plane-internal'
  | 'general';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A half-open range of UTF-16 offsets into the analysed text. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** A 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** What the fix does, in the imperative ("Add --kubelet-certificate-authority=..."). */
  title: string;
  edits: TextEdit[];
}

/** The other end of a channel, in another file or another document, shown next to a finding. */
export interface RelatedLocation {
  /** The file as the caller named it (a path for the CLI, a URI for the language server). */
  uri: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  channel: ChannelId;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  /**
   * "Disable KCG201 for this line" and "Disable KCG201 for this file": the edits that write a suppression comment for
   * this finding's rule. Empty for the hints about suppressions themselves (KCG002, KCG003).
   */
  suppressions: Fix[];
  /** For findings only both ends of a channel reveal: where the other end is. */
  related?: RelatedLocation[];
}
