// Writes the report to standard output, or atomically to the file --output names.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError, PathError } from './files';

/**
 * Writes `text` to `file` through a temporary file in the same folder and a rename, so that a reader (a CI upload step,
 * a browser reloading the report) never sees half a report, and a failed run leaves the previous report intact.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw new PathError(`cannot write ${file}: ${describeError(error)}`);
  }
}

/**
 * Standard output closed early (`| head`) is not an error worth a stack trace: the reader has what it wanted, and the
 * run still ends with the exit status its findings call for.
 */
export function writeStdout(text: string): void {
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  process.stdout.write(text);
}
