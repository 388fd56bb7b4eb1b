// Whether a file is a Kustomize patch: a kustomization file next to it lists it as a patch, so it is a fragment.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The patch file names a kustomization lists under `patches`, `patchesStrategicMerge` and `patchesJson6902`. */
export function patchPaths(kustomization: unknown): string[] {
  if (typeof kustomization !== 'object' || kustomization === null) return [];
  const k = kustomization as Record<string, unknown>;
  const paths: string[] = [];
  for (const key of ['patches', 'patchesStrategicMerge', 'patchesJson6902']) {
    const entries = k[key];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (typeof entry === 'string') paths.push(entry);
      else if (entry && typeof entry === 'object' && typeof (entry as { path?: unknown }).path === 'string') paths.push((entry as { path: string }).path);
    }
  }
  return paths;
}

/** The patch paths a folder's kustomization lists, kept until the file's modification time changes (the server asks on every edit). */
const cache = new Map<string, { file: string; mtimeMs: number; patches: ReadonlySet<string> }>();

function patchesIn(dir: string): ReadonlySet<string> {
  for (const name of KUSTOMIZATION_FILES) {
    const file = path.join(dir, name);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const cached = cache.get(dir);
    if (cached && cached.file === file && cached.mtimeMs === mtimeMs) return cached.patches;
    let patches: ReadonlySet<string> = new Set();
    try {
      patches = new Set(patchPaths(parse(fs.readFileSync(file, 'utf8'))).map((p) => path.resolve(dir, p)));
    } catch {
      // An unreadable or invalid kustomization lists no patches.
    }
    cache.set(dir, { file, mtimeMs, patches });
    return patches;
  }
  cache.delete(dir);
  return new Set();
}

export function isKustomizePatch(file: string): boolean {
  return patchesIn(path.dirname(file)).has(path.resolve(file));
}
