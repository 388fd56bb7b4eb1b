// Reads a component's argv the way spf13/pflag does, keeping the source range of every occurrence.
import type { OffsetRange } from '../types';
import { flagSpec, type ComponentName, type FlagSpec } from './catalog';
import { tokenSubRange, type ArgToken } from './tokens';

export interface FlagOccurrence {
  name: string;
  /** The value pflag sees, after `$(VAR)` expansion; `true` for a bare bool flag. */
  value: string;
  /** `implied` for a flag the tool that writes the real command line adds (kubeadm's defaults): it has no text of its own. */
  form: 'equals' | 'split' | 'bare' | 'implied';
  /** The command-line word, for flags written in an argv. */
  token?: ArgToken;
  /** The token holding the value in the split form `--flag value`. */
  valueToken?: ArgToken;
  /** From the first dash of the flag to the end of its value. */
  range: OffsetRange;
  /** The value's characters, or for a bare flag the flag's name. */
  valueRange: OffsetRange;
  spec?: FlagSpec;
  /** True when the value still holds a `$(VAR)` reference we could not expand (a `valueFrom`, say): its value is unknown. */
  unresolved: boolean;
}

/** A word pflag does not take as a flag or a flag's value: for a component that takes no positional arguments, an error. */
export interface StrayArgument {
  token: ArgToken;
  /** The bool flag just before it, when the word was meant as that flag's value (`--anonymous-auth false`). */
  afterBoolFlag?: FlagOccurrence;
}

export class FlagSet {
  constructor(
    readonly component: ComponentName,
    readonly occurrences: readonly FlagOccurrence[],
    readonly strays: readonly StrayArgument[],
  ) {}

  all(name: string): FlagOccurrence[] {
    return this.occurrences.filter((o) => o.name === name);
  }

  /** The occurrence that decides a scalar flag's value: the last one, as in pflag. */
  last(name: string): FlagOccurrence | undefined {
    for (let i = this.occurrences.length - 1; i >= 0; i--) if (this.occurrences[i].name === name) return this.occurrences[i];
    return undefined;
  }

  /** The elements of a list flag: every occurrence appends its values (comma-separated, except for a `stringArray`). */
  list(name: string): string[] {
    return this.all(name).flatMap((o) =>
      o.spec?.type === 'stringArray' ? (o.value === '' ? [] : [o.value]) : o.value.split(',').map((v) => v.trim()).filter((v) => v !== ''),
    );
  }

  /** The last occurrence written in the file, where new flags are best added next to. */
  lastWritten(): FlagOccurrence | undefined {
    for (let i = this.occurrences.length - 1; i >= 0; i--) if (this.occurrences[i].form !== 'implied') return this.occurrences[i];
    return undefined;
  }
}

/** Expands `$(VAR)` from literal container env values; `$$(VAR)` stays `$(VAR)`; unknown references are kept, as Kubernetes does. */
function expand(text: string, env: ReadonlyMap<string, string>): { value: string; unresolved: boolean } {
  let unresolved = false;
  if (!text.includes('$(')) return { value: text, unresolved };
  const value = text.replace(/\$\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, escaped: string | undefined, name: string | undefined) => {
    if (escaped !== undefined) return `$(${escaped})`;
    if (name !== undefined && env.has(name)) return env.get(name) as string;
    unresolved = true;
    return whole;
  });
  return { value, unresolved };
}

export function parseFlags(component: ComponentName, argv: readonly ArgToken[], env: ReadonlyMap<string, string>): FlagSet {
  const occurrences: FlagOccurrence[] = [];
  const strays: StrayArgument[] = [];
  let i = 0;
  let previousBool: FlagOccurrence | undefined;
  while (i < argv.length) {
    const token = argv[i];
    const t = token.text;
    if (t === '--') {
      // Everything after a bare `--` is positional.
      for (const rest of argv.slice(i + 1)) strays.push({ token: rest });
      break;
    }
    // etcd parses with Go's standard flag package, which also takes `-name`; pflag components need `--name`.
    const dashes = t.startsWith('--') ? 2 : component === 'etcd' && /^-[a-z]/.test(t) ? 1 : 0;
    if (dashes === 0 || t.length === dashes) {
      strays.push({ token, afterBoolFlag: previousBool });
      previousBool = undefined;
      i++;
      continue;
    }
    previousBool = undefined;
    const eq = t.indexOf('=');
    const name = t.slice(dashes, eq < 0 ? undefined : eq);
    const spec = flagSpec(component, name);
    const whole = tokenSubRange(token, 0, t.length);
    if (eq >= 0) {
      occurrences.push({
        name, spec, token, form: 'equals',
        ...expand(t.slice(eq + 1), env),
        range: whole,
        valueRange: eq + 1 < t.length ? tokenSubRange(token, eq + 1, t.length) : { start: whole.end, end: whole.end },
      });
      i++;
      continue;
    }
    const next = argv[i + 1];
    // A bool flag never takes the next word; an unknown flag takes it unless it looks like another flag.
    const takesNext = next !== undefined && (spec ? spec.type !== 'bool' : !next.text.startsWith('-'));
    if (takesNext) {
      occurrences.push({
        name, spec, token, form: 'split', valueToken: next,
        ...expand(next.text, env),
        range: { start: whole.start, end: next.range.end },
        valueRange: next.range,
      });
      i += 2;
      continue;
    }
    // A bare value flag is an error in pflag ("flag needs an argument"); it sets nothing.
    const occurrence: FlagOccurrence = {
      name, spec, token, form: 'bare', value: spec && spec.type !== 'bool' ? '' : 'true', unresolved: false, range: whole, valueRange: tokenSubRange(token, dashes, t.length),
    };
    occurrences.push(occurrence);
    if (spec?.type === 'bool') previousBool = occurrence;
    i++;
  }
  return new FlagSet(component, occurrences, strays);
}
