// Reads one file or standard input as text, or says why it is skipped: over the size cap, or binary.
import * as fs from 'node:fs';
import { describeError, PathError, type FileSource } from './files';

/** The text of a file, with a warning when some of its bytes had to be replaced; or why it is not analysed. */
export type ReadResult = { kind: 'text'; text: string; warning?: string } | { kind: 'skipped'; reason: string };

/**
 * The text of a file, or why it is not analysed. A file over `maxFileSizeKiB` is skipped before it is read, so a
 * stray 2 GB dump cannot exhaust memory; standard input cannot be measured first and is measured after reading.
 */
export function readSource(source: FileSource, maxFileSizeKiB: number): ReadResult {
  const limit = maxFileSizeKiB * 1024;
  let bytes: Buffer;
  if (source.kind === 'stdin') {
    const read = readStdin(limit);
    if (read.size > limit) return { kind: 'skipped', reason: overCap(read.size, maxFileSizeKiB) };
    bytes = read.bytes;
  } else {
    try {
      const size = fs.statSync(source.path).size;
      if (size > limit) return { kind: 'skipped', reason: overCap(size, maxFileSizeKiB) };
      bytes = fs.readFileSync(source.path);
    } catch (error) {
      throw new PathError(`cannot read ${source.path}: ${describeError(error)}`);
    }
  }
  return decode(bytes);
}

/**
 * Standard input up to `limit` bytes. Past the limit it is still read to the end, to measure it and so that the writer
 * is not cut off, but no longer kept, so memory stays bounded whatever is piped in.
 */
function readStdin(limit: number): { bytes: Buffer; size: number } {
  const chunks: Buffer[] = [];
  const chunk = Buffer.alloc(1 << 16);
  let size = 0;
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A non-blocking pipe with nothing in it yet: wait for the writer rather than spinning.
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if (code === 'EOF') break;
      throw new PathError(`cannot read standard input: ${describeError(error)}`);
    }
    if (n === 0) break;
    size += n;
    if (size <= limit) chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return { bytes: Buffer.concat(chunks), size };
}

function overCap(size: number, maxFileSizeKiB: number): string {
  return `${Math.ceil(size / 1024)} KiB is over maxFileSizeKiB (${maxFileSizeKiB})`;
}

/**
 * YAML is UTF-8, UTF-16 or UTF-32 text (YAML 1.2, 5.2); we read UTF-8 with or without a byte order mark and UTF-16 with
 * one. A NUL byte in UTF-8 means a binary file, which is skipped. Invalid sequences elsewhere (a Latin-1 comment) are
 * read as U+FFFD, as editors show them, with a warning: skipping the whole file for one byte in a comment would hide
 * its findings, and a replacement character can neither form nor break a flag that was valid before.
 */
export function decode(bytes: Uint8Array): ReadResult {
  let encoding = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  if (encoding === 'utf-8' && bytes.includes(0)) return { kind: 'skipped', reason: 'binary file (it contains NUL bytes), not YAML' };
  // The decoder drops a leading byte order mark, which editors do not count as a column either.
  try {
    return { kind: 'text', text: new TextDecoder(encoding, { fatal: true }).decode(bytes) };
  } catch {
    const name = encoding === 'utf-8' ? 'UTF-8' : 'UTF-16';
    return { kind: 'text', text: new TextDecoder(encoding).decode(bytes), warning: `not valid ${name}: invalid bytes were read as U+FFFD` };
  }
}
