// The size cap (`kubeChannelGuard.maxFileSizeKiB`): files over it are not analysed, and one informational diagnostic says so.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { SOURCE } from './diagnostics';

const KIB = 1024;
const MIB = 1024 * 1024;

/** The size of a text in UTF-8 bytes, as it is on disk, computed only when the length alone cannot decide against the cap. */
function byteLength(text: string, limit: number): number {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair is 4 for 2 units), so the length bounds the size both ways.
  if (text.length > limit || text.length * 3 <= limit) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

/** Whether a file of `bytes` bytes is over the cap. */
export function overSizeLimit(bytes: number, maxKiB: number): boolean {
  return bytes > maxKiB * KIB;
}

/** Whether an open document's text is over the cap. */
export function textOverSizeLimit(text: string, maxKiB: number): boolean {
  return overSizeLimit(byteLength(text, maxKiB * KIB), maxKiB);
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

/** The diagnostics of an open document over the cap, or undefined when it is within it and should be analysed. */
export function oversizeDiagnostics(text: string, maxKiB: number): Diagnostic[] | undefined {
  const limit = maxKiB * KIB;
  const bytes = byteLength(text, limit);
  if (bytes <= limit) return undefined;
  return [sizeLimitDiagnostic(text.length > limit ? Buffer.byteLength(text, 'utf8') : bytes, maxKiB)];
}
