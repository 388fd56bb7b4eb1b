// Reads feature gates the way Kubernetes components do: `--feature-gates` pairs merged across repeats, or a config `featureGates` map.
import type { FlagOccurrence } from '../../flags/flagset';
import type { Component } from '../../parse/component';

/** One `Name=value` pair of a `--feature-gates` value, with where its value sits inside that value. */
export interface GateEntry {
  name: string;
  /** The trimmed text after `=`; undefined when the pair has no `=` (the component rejects that). */
  value?: string;
  valueStart: number;
  valueEnd: number;
}

/**
 * Splits a `--feature-gates` value as component-base does: on commas, skipping empty parts, then
 * at the first `=`, trimming the name and the value. The value is read with strconv.ParseBool.
 */
export function parseGatePairs(text: string): GateEntry[] {
  const entries: GateEntry[] = [];
  let start = 0;
  for (const part of text.split(',')) {
    const partStart = start;
    start += part.length + 1;
    if (part.length === 0) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      entries.push({ name: part.trim(), valueStart: partStart + part.length, valueEnd: partStart + part.length });
      continue;
    }
    const raw = part.slice(eq + 1);
    const value = raw.trim();
    const valueStart = partStart + eq + 1 + (raw.length - raw.trimStart().length);
    entries.push({ name: part.slice(0, eq).trim(), value, valueStart, valueEnd: valueStart + value.length });
  }
  return entries;
}

/** Where a gate's effective value comes from on a command line: the flag occurrence and the pair inside it. */
export interface GateSetting {
  occurrence: FlagOccurrence;
  entry: GateEntry & { value: string };
}

/**
 * The effective command-line setting of one gate: every `--feature-gates` occurrence merges into
 * one map and the last pair naming the gate wins. Undefined when no pair names it, or when a
 * value the file cannot show (`$(VAR)` from a secret) comes after the last pair that does.
 */
export function gateOnCommandLine(component: Component, gate: string): GateSetting | undefined {
  let found: GateSetting | undefined;
  for (const occurrence of component.flags.all('feature-gates')) {
    if (occurrence.form === 'implied') continue;
    if (occurrence.unresolved) {
      found = undefined;
      continue;
    }
    for (const entry of parseGatePairs(occurrence.value)) {
      if (entry.name === gate && entry.value !== undefined) found = { occurrence, entry: { ...entry, value: entry.value } };
    }
  }
  return found;
}

/** The occurrence's value with one gate's value replaced, for a fix; undefined when the value was expanded from `$(VAR)`. */
export function withGateValue(setting: GateSetting, value: string): string | undefined {
  const { occurrence, entry } = setting;
  const raw = occurrence.form === 'split' ? occurrence.valueToken?.text : occurrence.token?.text.slice(occurrence.token.text.indexOf('=') + 1);
  if (raw !== undefined && raw !== occurrence.value) return undefined;
  return occurrence.value.slice(0, entry.valueStart) + value + occurrence.value.slice(entry.valueEnd);
}
