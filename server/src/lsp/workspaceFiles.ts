// The file-system side of the workspace scan: which files it takes, how it walks folders and reads files without leaving
// the workspace folder, and the URIs it publishes them under.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_FILE } from '../settings/projectConfig';
import type { FilesExclude } from './filesExclude';
import { overSizeLimit } from './fileSize';

/** Folders never worth walking: version control internals and installed packages. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** What reading a file gave; `version` (modification time and size) tells whether it changed since it was last read. */
export type ReadResult =
  | { kind: 'text'; text: string; version: string }
  | { kind: 'tooBig'; bytes: number; version: string }
  | { kind: 'unchanged' }
  | { kind: 'unreadable' };

/** The files the scan takes: `*.yaml` and `*.yml`, but not the project file, which holds settings rather than manifests. */
export function isYamlName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && name !== PROJECT_FILE;
}

/**
 * The URI VS Code gives a file path: every character but letters, digits, `-._~` and `/` percent-encoded. Publishing
 * under the same spelling as the editor's keeps one Problems entry per file.
 */
export function fileUri(file: string): string {
  let p = file.split(path.sep).join('/');
  if (/^[A-Za-z]:/.test(p)) p = `/${p[0].toLowerCase()}${p.slice(1)}`;
  const encoded = p
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
  return `file://${encoded}`;
}

/** The path of a file URI, or undefined for other schemes (untitled documents, remote files). */
export function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/**
 * Reads a file the walk found, but only a regular file whose real path lies where the walk saw it under the folder's real
 * path: a link anywhere on the way could lead out of the workspace. Non-blocking and no-follow flags keep a FIFO or a
 * link swapped in after the check from blocking the read or redirecting it.
 */
export async function readInside(file: string, folder: string, realFolder: string, maxKiB: number, lastVersion?: string): Promise<ReadResult> {
  try {
    const expected = path.join(realFolder, path.relative(folder, file));
    if ((await fs.promises.realpath(file)) !== expected || !(await fs.promises.lstat(file)).isFile()) return { kind: 'unreadable' };
    const flags = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
    const handle = await fs.promises.open(file, flags);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return { kind: 'unreadable' };
      const version = `${stat.mtimeMs}|${stat.size}`;
      if (version === lastVersion) return { kind: 'unchanged' };
      if (overSizeLimit(stat.size, maxKiB)) return { kind: 'tooBig', bytes: stat.size, version };
      const text = await handle.readFile('utf8');
      // Editors drop the byte-order mark from the text they hold; positions must agree with theirs.
      return { kind: 'text', text: text.startsWith('\uFEFF') ? text.slice(1) : text, version };
    } finally {
      await handle.close();
    }
  } catch {
    return { kind: 'unreadable' };
  }
}

export interface WalkOptions {
  /** The workspace folder: `files.exclude` patterns are relative to it. */
  root: string;
  exclude: FilesExclude;
  /** Folders left to another walk (a nested workspace folder). */
  skipDirectory(dir: string): boolean;
  /** The walk was superseded: stop reading folders. */
  cancelled(): boolean;
  found: Set<string>;
}

/**
 * Collects the YAML files under a folder. Links are not followed (Dirent types come from lstat, and a link is neither a
 * file nor a folder to them): a link could lead out of the workspace folder or into a cycle.
 */
export async function walkYamlFiles(dir: string, options: WalkOptions): Promise<void> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (options.cancelled()) return;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(entries.map((e) => e.name));
  for (const entry of entries) {
    if (entry.isSymbolicLink()) continue;
    const full = path.join(dir, entry.name);
    const relative = path.relative(options.root, full).split(path.sep).join('/');
    if (entry.isDirectory()) {
      if (SKIPPED_DIRS.has(entry.name) || options.exclude.excludes(relative, names) || options.skipDirectory(full)) continue;
      await walkYamlFiles(full, options);
    } else if (entry.isFile() && isYamlName(entry.name) && !options.exclude.excludes(relative, names)) {
      options.found.add(full);
    }
  }
}
