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

export function isKustomizePatch(file: string): boolean {
  const dir = path.dirname(file);
  for (const name of KUSTOMIZATION_FILES) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parse(text);
    } catch {
      return false;
    }
    return patchPaths(parsed).some((p) => path.resolve(dir, p) === path.resolve(file));
  }
  return false;
}
