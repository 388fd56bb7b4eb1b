// Expands the paths given on the command line into the YAML files to check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJECT_FILE } from '../settings/projectConfig';

/** Folders walked for manifests skip these, and the project file, which holds settings, not manifests. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

export class UnreadablePathError extends Error {}

/** Files given by name are checked whatever their extension; folders contribute their *.yaml and *.yml files. */
export function collectFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      throw new UnreadablePathError(`cannot read ${p}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`);
    }
    if (stat.isDirectory()) walk(p, files);
    else files.push(p);
  }
  return files;
}

function walk(dir: string, files: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UnreadablePathError(`cannot read folder ${dir}: ${(error as Error).message}`);
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, files);
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && entry.name !== PROJECT_FILE) {
      files.push(full);
    }
  }
}

export function readFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UnreadablePathError(`cannot read ${file}: ${(error as Error).message}`);
  }
}
