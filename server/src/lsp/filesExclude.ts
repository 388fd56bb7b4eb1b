// VS Code's `files.exclude` setting as a matcher for the workspace scan: glob patterns relative to the workspace folder.
// Written here rather than taken from a glob package, because the scan needs only VS Code's small dialect and the
// server bundle takes no dependency it can do without.

/** The value of `files.exclude`: pattern -> true / false, or a sibling condition `{ "when": "$(basename).ts" }`. */
export type FilesExcludeSetting = Record<string, unknown>;

interface CompiledPattern {
  regex: RegExp;
  /** The sibling name (with `$(basename)` still in it) that must exist for the pattern to apply. */
  when?: string;
}

export class FilesExclude {
  private readonly patterns: CompiledPattern[];

  constructor(setting: unknown) {
    this.patterns = [];
    if (!setting || typeof setting !== 'object') return;
    for (const [pattern, value] of Object.entries(setting as FilesExcludeSetting)) {
      // A pattern set to false is how a user switches one of VS Code's default exclusions back off.
      const when = value && typeof value === 'object' ? (value as { when?: unknown }).when : undefined;
      if (value !== true && typeof when !== 'string') continue;
      const regex = globToRegExp(pattern);
      if (regex) this.patterns.push({ regex, when: typeof when === 'string' ? when : undefined });
    }
  }

  /**
   * Whether a file or folder is excluded. `relative` is its path from the workspace folder with `/` separators;
   * `siblings` are the names in its folder, for the `when` conditions.
   */
  excludes(relative: string, siblings?: ReadonlySet<string>): boolean {
    return this.patterns.some((p) => {
      if (!p.regex.test(relative)) return false;
      if (p.when === undefined) return true;
      const name = relative.slice(relative.lastIndexOf('/') + 1);
      const dot = name.lastIndexOf('.');
      const basename = dot > 0 ? name.slice(0, dot) : name;
      return siblings?.has(p.when.replace(/\$\(basename\)/g, basename)) === true;
    });
  }
}

/** Expands the outermost `{a,b}` groups (nested groups are expanded recursively): `*.{yaml,yml}` -> `*.yaml`, `*.yml`. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      const head = pattern.slice(0, open);
      const tail = expandBraces(pattern.slice(i + 1));
      const bounds = [open, ...commas, i];
      const options = bounds.slice(1).flatMap((end, k) => expandBraces(pattern.slice(bounds[k] + 1, end)));
      return options.flatMap((o) => tail.map((t) => head + o + t));
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  // An unclosed brace is a literal character.
  return expandBraces(pattern.slice(open + 1)).map((t) => pattern.slice(0, open + 1) + t);
}

/**
 * Compiles a glob into a regular expression over a relative path: `*` and `?` stay within one path segment, `**` spans
 * any number of segments, `[...]` is a character class and `{a,b}` alternatives. A pattern that names a folder excludes it,
 * and the scan does not descend into an excluded folder, which is how VS Code hides everything under it.
 */
export function globToRegExp(glob: string): RegExp | undefined {
  const alternatives = expandBraces(glob.replace(/\\/g, '/').replace(/^\.\//, ''))
    .map(segmentsToSource)
    .filter((s) => s.length > 0);
  if (alternatives.length === 0) return undefined;
  return new RegExp(`^(?:${alternatives.join('|')})$`);
}

function segmentsToSource(glob: string): string {
  const segments = glob.split('/').filter((s) => s.length > 0);
  let source = '';
  let separator = false;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      if (last) source += separator ? '(?:/.*)?' : '.*';
      else source += separator ? '/(?:[^/]+/)*' : '(?:[^/]+/)*';
      separator = false;
    } else {
      source += (separator ? '/' : '') + segmentToSource(segment);
      separator = true;
    }
  });
  return source;
}

function segmentToSource(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      out += `[${negated ? '^/' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else {
      out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
    }
  }
  return out;
}
