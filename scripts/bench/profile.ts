// Summarises a V8 CPU profile (.cpuprofile) as the functions with the most self and total time, to show where the server spends it.
import * as fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface Hotspot {
  name: string;
  ms: number;
  share: number;
}

/** Samples that are not work: the server waiting for the editor, or the profiler's own bookkeeping. */
const NOT_WORK = new Set(['(idle)', '(program)', '(root)']);

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\//, '')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
}

const top = (times: Map<string, number>, total: number, count: number): Hotspot[] =>
  [...times.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }));

/**
 * The functions with the most self time (where the CPU was) and the most total time (self plus callees: which caller
 * the work belongs to). Each sample lasts until the next, as the profile's time deltas say.
 */
export function hotspots(file: string, count = 15): { totalMs: number; self: Hotspot[]; inclusive: Hotspot[] } {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node || NOT_WORK.has(node.callFrame.functionName)) continue;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    total += ms;
    const name = label(node);
    self.set(name, (self.get(name) ?? 0) + ms);
    // Each function on the stack counts once per sample, however often recursion puts it there.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const frame = byId.get(id);
      if (!frame || NOT_WORK.has(frame.callFrame.functionName)) continue;
      const key = label(frame);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
    }
  }
  return { totalMs: total, self: top(self, total, count), inclusive: top(inclusive, total, count) };
}

/** The newest .cpuprofile in a folder, if any. */
export function newestProfile(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => `${dir}/${f}`)
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}
