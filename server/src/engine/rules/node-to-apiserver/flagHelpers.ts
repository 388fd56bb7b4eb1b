// Reading and editing the command-line settings the node → API server rules share: given flags, list flags, the authorizer chain.
import type { FlagOccurrence } from '../../flags/flagset';
import type { Component } from '../../parse/component';
import type { OffsetRange } from '../../types';
import type { FixSpec, RuleContext } from '../types';
import { isSet } from '../templates/values';

/** True when the flag has a value, or one we cannot read (a `$(VAR)` from a secret), which may be anything. */
export function flagGiven(c: Component, flag: string): boolean {
  const last = c.flags.last(flag);
  return last !== undefined && (last.unresolved || isSet(last.value));
}

/** The last occurrence of a flag that has text of its own in the file (not one a tool adds by default). */
export function lastWritten(c: Component, flag: string): FlagOccurrence | undefined {
  const written = c.flags.all(flag).filter((o) => o.form !== 'implied');
  return written[written.length - 1];
}

/** Where a finding about a flag belongs: the flag when it is written, else the list it would go in. */
export function flagRange(c: Component, flag: string): OffsetRange | undefined {
  return lastWritten(c, flag)?.range ?? c.carrier.homeRange();
}

/** A flag's name as this file writes it: `--anonymous-auth` on a command line, `anonymous-auth` in kubeadm extraArgs. */
export function spell(c: Component, flag: string): string {
  return c.carrier.spell(flag);
}

/** A flag with a value as this file writes it: `--anonymous-auth=false`, `anonymous-auth: "false" in apiServer.extraArgs`. */
export function spellSetting(c: Component, flag: string, value: string): string {
  return c.carrier.spellSetting(flag, value);
}

/** An occurrence as written, for messages; on a command line exactly as typed (`--authorization-mode=AlwaysAllow`). */
export function spellOccurrence(c: Component, occurrence: FlagOccurrence): string {
  return c.carrier.kind === 'argv' ? `--${occurrence.name}=${occurrence.value}` : c.carrier.spellSetting(occurrence.name, occurrence.value);
}

/** A fix that sets a flag to `value`: in place when it is written, else by adding it next to the others. */
export function setFlagFix(context: RuleContext, c: Component, flag: string, value: string): FixSpec[] {
  const { source } = context.model;
  const written = lastWritten(c, flag);
  const edits = written ? c.carrier.setFlag(source, written, value) : c.carrier.addFlag(source, flag, value);
  return edits ? [{ title: `${written ? 'Set' : 'Add'} ${spellSetting(c, flag, value)}`, edits }] : [];
}

/**
 * Reports a flag the component needs and lacks (absent or empty), with a fix that writes `value`.
 * `message` gets the flag as this file spells it. Partial files say nothing.
 */
export function reportMissingFlag(context: RuleContext, c: Component, flag: string, value: string | undefined, message: (spelled: string) => string): void {
  if (c.partial || flagGiven(c, flag)) return;
  const range = flagRange(c, flag);
  if (!range) return;
  context.report({ range, message: message(spell(c, flag)), fixes: value === undefined ? [] : setFlagFix(context, c, flag, value) });
}

/** The elements of one occurrence of a comma-separated list flag. */
export function elementsOf(occurrence: FlagOccurrence): string[] {
  return occurrence.value.split(',').map((v) => v.trim()).filter((v) => v !== '');
}

/** A fix that rewrites one occurrence of a list flag with new elements, or undefined where the text cannot be edited. */
export function rewriteListFix(context: RuleContext, c: Component, occurrence: FlagOccurrence, elements: readonly string[], title: string): FixSpec[] {
  if (occurrence.form === 'implied' || occurrence.unresolved) return [];
  const edits = elements.length === 0 ? c.carrier.removeFlags(context.model.source, [occurrence]) : c.carrier.setFlag(context.model.source, occurrence, elements.join(','));
  return edits ? [{ title, edits }] : [];
}

/**
 * The API server's authorization modes as pflag builds them (repeats append), or undefined when
 * `--authorization-config` replaces the flag (the chain is in a file we cannot see) or a value is unreadable.
 */
export interface AuthorizationModes {
  /** The occurrences of `--authorization-mode`, empty when the flag is not given. */
  occurrences: FlagOccurrence[];
  modes: string[];
}

export function authorizationModes(c: Component): AuthorizationModes | undefined {
  if (flagGiven(c, 'authorization-config')) return undefined;
  const occurrences = c.flags.all('authorization-mode');
  if (occurrences.some((o) => o.unresolved)) return undefined;
  return { occurrences, modes: occurrences.flatMap(elementsOf) };
}

/** True when the effective authorizer chain holds AlwaysAllow, counting the flag's default when it is not given. */
export function alwaysAllowActive(c: Component): boolean {
  const authz = authorizationModes(c);
  if (!authz) return false;
  if (authz.occurrences.length === 0) return !c.partial;
  return authz.modes.includes('AlwaysAllow');
}
