// Converts engine findings into LSP diagnostics; each carries its fixes in `data` for the code action handler.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine/types';
import { ruleDocsUri } from './ruleDocsLink';

export const SOURCE = 'kube-channel-guard';

export interface DiagnosticData {
  /** The document version the fixes were computed for; stale fixes are never applied. */
  version: number;
  fixes: Fix[];
  /** The "Disable ... for this line / file" edits. */
  suppressions: Fix[];
}

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { version, fixes: finding.fixes, suppressions: finding.suppressions };
  return {
    range: finding.range,
    severity: SEVERITIES[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUri(finding.ruleId) },
    message: finding.message,
    // The other end of a channel, for findings only both ends reveal: editors list it under the diagnostic and jump to it.
    ...(finding.related && finding.related.length > 0
      ? { relatedInformation: finding.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })) }
      : {}),
    data,
  };
}
