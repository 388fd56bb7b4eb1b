// Hover on a flag wherever it is written (command line, kubeadm extraArgs, k3s args): what it does, what this file sets, the secure value.
import type { Analysis } from '../analyze';
import { CHANNELS } from '../docs/channels';
import { flagKnowledge, isListFlag, writtenFlag } from '../docs/flagKnowledge';
import type { FlagOccurrence } from '../flags/flagset';
import type { HoverInfo } from '../hover';
import type { Component } from '../parse/component';
import { findingsAt } from './common';

/** What the engine says about a flag it knows only for reading the command line. */
function parsingOnlySummary(component: string, type: string | undefined): string {
  const kind = type ? `A \`${type}\` flag` : 'A flag';
  return `${kind} of ${component}. The engine knows its type to read the command line correctly.`;
}

export function flagHover(analysis: Analysis, c: Component, occurrence: FlagOccurrence): HoverInfo | undefined {
  const knowledge = flagKnowledge(c.component, occurrence.name);
  if (!knowledge) return undefined;
  const { name } = occurrence;
  const carrier = c.carrier.kind;
  const list = isListFlag(knowledge);
  const last = c.flags.last(name);
  let current = list
    ? `This file sets ${c.flags.list(name).join(',') || '(empty)'} (every occurrence appends).`
    : last === occurrence
      ? `This file sets \`${writtenFlag(carrier, name, occurrence.value)}\`.`
      : `Overridden by a later \`${writtenFlag(carrier, name, last?.value ?? '')}\`: the last occurrence wins.`;
  if (knowledge.default !== undefined && knowledge.default !== '') current += ` Left out, it defaults to \`${knowledge.default}\`.`;
  let summary = knowledge.summary ?? parsingOnlySummary(c.component, knowledge.type);
  if (knowledge.removedIn !== undefined) summary += ` Removed in Kubernetes ${knowledge.removedIn}: from that version the component does not start with it.`;
  return {
    range: analysis.model.source.range(occurrence.range),
    title: `${c.carrier.spell(name)} (${c.component})`,
    channel: CHANNELS[knowledge.channel ?? 'general'],
    summary,
    secure: knowledge.secure !== undefined ? writtenFlag(carrier, name, knowledge.secure) : undefined,
    current,
    findings: findingsAt(analysis, occurrence.range),
  };
}
