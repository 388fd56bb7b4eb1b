// Expands the paths given on the command line into the files to check, honouring --exclude.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_FILE } from '../settings/projectConfig';
import { UsageError } from './args';
import type { ExcludeMatcher } from './glob';

/** Folders walked for manifests skip these, and the project file, which holds settings, not manifests. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/** The path a user wrote to mean standard input. */
export const STDIN_PATH = '-';

/** A path the CLI cannot read or write: one line naming it and the reason, exit status 2. */
export class PathError extends Error {}

/** One file to check: the path shown in output, and where its bytes come from. */
export type FileSource = { kind: 'file'; path: string } | { kind: 'stdin'; path: string };

/**
 * Files given by name are checked whatever their extension; folders contribute their *.yaml and *.yml files. `-` is
 * standard input, shown as `stdinName`. Excluded paths are left out whether named or found in a folder.
 */
export function collectFiles(paths: readonly string[], exclude: ExcludeMatcher, stdinName: string): FileSource[] {
  const files: FileSource[] = [];
  for (const p of paths) {
    if (p === STDIN_PATH) {
      files.push({ kind: 'stdin', path: stdinName });
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      throw new PathError(`cannot read ${p}: ${describeError(error)}`);
    }
    if (stat.isDirectory()) walk(p, p, exclude, files);
    else if (!exclude.excludes(p)) files.push({ kind: 'file', path: p });
  }
  return unique(files);
}

/**
 * Each file once, where it first appears (`examples examples/a.yaml` names a.yaml twice): a file checked twice would
 * report its findings twice and meet itself as the other end of its channels.
 */
function unique(files: readonly FileSource[]): FileSource[] {
  const seen = new Map<string, FileSource['kind']>();
  return files.filter((f) => {
    const key = path.resolve(f.path);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      if (f.kind === 'stdin' || earlier === 'stdin') throw new UsageError(`--stdin-filename ${f.path} names a file that is also checked; give standard input another name`);
      return false;
    }
    seen.set(key, f.kind);
    return true;
  });
}

function walk(root: string, dir: string, exclude: ExcludeMatcher, files: FileSource[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new PathError(`cannot read folder ${dir}: ${describeError(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const relative = path.relative(root, full);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !exclude.excludes(relative, full)) walk(root, full, exclude, files);
    } else if (/\.ya?ml$/i.test(entry.name) && entry.name !== PROJECT_FILE && isFile(entry, full) && !exclude.excludes(relative, full)) {
      files.push({ kind: 'file', path: full });
    }
  }
}

/** Symbolic links to files are followed; links to folders are not, so that a link cycle cannot make the walk endless. */
function isFile(entry: fs.Dirent, full: string): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false;
  }
}

/** The part of a file-system error a user can act on: "no such file or folder", "permission denied". */
export function describeError(error: unknown): string {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    default:
      return (error as Error).message;
  }
}
