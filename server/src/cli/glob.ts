// A small glob matcher for --exclude: `*` and `?` within one path segment, `**` across segments, nothing else special.

/**
 * Compiles a glob to an anchored regular expression over '/'-separated paths. `**` between slashes matches zero or
 * more whole segments, so `charts/**` names the folder itself and everything under it, and `**\/test` names every
 * `test` at any depth. Every other character is literal, so file names with brackets or braces need no escaping.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = normaliseGlob(glob);
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const atSegmentStart = i === 0 || pattern[i - 1] === '/';
      const next = pattern[i + 2];
      i++;
      while (pattern[i + 1] === '*') i++;
      if (atSegmentStart && next === '/') {
        // `**/` : any number of leading segments, including none.
        source += '(?:.*/)?';
        i++;
      } else if (atSegmentStart && next === undefined && source.endsWith('/')) {
        // `dir/**` : the folder itself or anything below it.
        source = `${source.slice(0, -1)}(?:/.*)?`;
      } else {
        source += '.*';
      }
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

/** Backslashes become slashes, and a leading `./` or a trailing `/` is dropped: `./charts/` and `charts` mean the same folder. */
function normaliseGlob(glob: string): string {
  let g = glob.replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  while (g.length > 1 && g.endsWith('/')) g = g.slice(0, -1);
  return g;
}

/**
 * The --exclude patterns of one run. As in .gitignore, a pattern with a slash matches whole paths (`charts/**`), and a
 * pattern without one matches a base name at any depth (`*.tmpl.yaml`, `vendor`).
 */
export class ExcludeMatcher {
  private readonly patterns: Array<{ re: RegExp; wholePath: boolean }>;

  constructor(globs: readonly string[]) {
    this.patterns = globs.map((g) => ({ re: globToRegExp(g), wholePath: normaliseGlob(g).includes('/') }));
  }

  /** `paths` are the ways the caller can name one entry (relative to the folder given, as displayed). */
  excludes(...paths: string[]): boolean {
    if (this.patterns.length === 0) return false;
    const whole = paths.map((p) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '')).filter((p) => p !== '' && p !== '.');
    const names = whole.map((p) => p.slice(p.lastIndexOf('/') + 1));
    return this.patterns.some(({ re, wholePath }) => (wholePath ? whole : names).some((c) => re.test(c)));
  }
}
