// Shrinks a failing input while it still fails: whole lines first, then characters, within a budget of attempts.

/**
 * Delta debugging over chunks: removes ever smaller chunks as long as `fails` stays true. Long repetitions of a short
 * unit (a thousand `[`, `- - - …`) are halved first, so that a deep-nesting input shrinks in a few dozen attempts.
 */
export async function minimize(input: string, fails: (candidate: string) => Promise<boolean>, maxAttempts = 300, maxMs = 60_000): Promise<string> {
  let attempts = 0;
  const deadline = performance.now() + maxMs;
  const tryCandidate = async (candidate: string): Promise<boolean> => {
    if (attempts >= maxAttempts || performance.now() > deadline || candidate === input) return false;
    attempts++;
    return fails(candidate);
  };
  const exhausted = (): boolean => attempts >= maxAttempts || performance.now() > deadline;
  let current = input;
  // Long runs of one short unit (`[`, `- `, `{a: `): drop half of the repeats while the failure persists.
  for (let changed = true; changed && !exhausted(); ) {
    changed = false;
    for (const m of current.matchAll(/(.{1,8}?)\1{31,}/gs)) {
      const keep = m[1].length * Math.ceil(m[0].length / m[1].length / 2);
      const half = current.slice(0, (m.index ?? 0) + keep) + current.slice((m.index ?? 0) + m[0].length);
      if (await tryCandidate(half)) {
        current = half;
        changed = true;
        break;
      }
    }
  }
  for (const unit of ['line', 'char'] as const) {
    let parts = unit === 'line' ? (current.match(/[^\n]*\n|[^\n]+$/g) ?? []) : [...current];
    let chunk = Math.max(1, parts.length >> 1);
    while (chunk >= 1 && !exhausted()) {
      let removed = false;
      for (let i = 0; i < parts.length && !exhausted(); ) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + chunk)];
        if (await tryCandidate(candidate.join(''))) {
          parts = candidate;
          removed = true;
        } else {
          i += chunk;
        }
      }
      current = parts.join('');
      if (!removed) chunk >>= 1;
    }
    if (unit === 'line' && current.length > 2000) break;
  }
  return current;
}
