// Converts engine findings into LSP diagnostics. Each carries the document version it was computed for in `data`; the
// code action handler looks its fixes up in the server's findings for that version (sending them with every diagnostic
// tripled the size of each publish: 1.3 MB for a file with a thousand findings, on every keystroke).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { Finding, Severity } from '../engine/types';
import { ruleDocsUri } from './ruleDocsLink';

export const SOURCE = 'kube-channel-guard';

export interface DiagnosticData {
  /** The document version the finding was computed for; the fixes of an older version are never applied. */
  version: number;
}

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { version };
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
