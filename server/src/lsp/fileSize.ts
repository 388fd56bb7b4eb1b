// The size cap (`kubeChannelGuard.maxFileSizeKiB`): files over it are not analysed, and one informational diagnostic says so.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from './diagnostics';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Whether a file of `bytes` bytes is over the cap. */
export function overSizeLimit(bytes: number, maxKiB: number): boolean {
  return bytes > maxKiB * KIB;
}

/** A size the way a user reads it: `9.1 MiB`, `812 KiB`. */
export function formatSize(bytes: number, maxKiB: number): string {
  const mib = (bytes / MIB).toFixed(1);
  // Rounded to one decimal, a size just over the cap would read as the cap itself ("8.0 MiB, over ... (8192 KiB)").
  if (bytes >= MIB && Number(mib) * KIB > maxKiB) return `${mib} MiB`;
  return `${Math.ceil(bytes / KIB)} KiB`;
}

/** The one diagnostic a file over the cap gets, at the top of the file. */
export function sizeLimitDiagnostic(bytes: number, maxKiB: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message: `file is ${formatSize(bytes, maxKiB)}, over kubeChannelGuard.maxFileSizeKiB (${maxKiB} KiB): not analysed`,
  };
}
