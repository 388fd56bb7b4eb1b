// Hover on a component's anchor (its `command:`/`args:` keys, kubeadm section, k3s arg list) or a config document's `kind`: each channel it sits on and its state.
import type { Analysis } from '../analyze';
import { channelStates, componentFindings, configFindings } from '../channelSummary';
import { CHANNELS } from '../docs/channels';
import { COMPONENT_SUMMARIES } from '../docs/components';
import type { ComponentName } from '../flags/catalog';
import type { HoverInfo } from '../hover';
import type { Component, ConfigSource } from '../parse/component';
import { RULES } from '../rules/registry';
import type { Finding, OffsetRange } from '../types';

function channelsOf(component: ComponentName, findings: readonly Finding[]): NonNullable<HoverInfo['channels']> {
  return channelStates(component, findings).map(({ channel, findings: own }) => {
    const checked = RULES.some((r) => r.meta.channel === channel);
    const ids = [...new Set(own.map((f) => f.ruleId))].sort().join(', ');
    const state = own.length > 0 ? `${own.length} finding${own.length > 1 ? 's' : ''}: ${ids}` : checked ? 'no findings' : 'not checked yet';
    return { channel: CHANNELS[channel], state };
  });
}

export function componentHover(analysis: Analysis, c: Component, range: OffsetRange): HoverInfo {
  return {
    range: analysis.model.source.range(range),
    title: c.label ? `${c.component} (${c.label})` : c.component,
    summary: COMPONENT_SUMMARIES[c.component],
    findings: [],
    channels: channelsOf(c.component, componentFindings(analysis, c)),
  };
}

/** The summary of a config document, shown on its `kind` value. */
export function configSummaryHover(analysis: Analysis, config: ConfigSource, range: OffsetRange): HoverInfo {
  return {
    range: analysis.model.source.range(range),
    title: `${config.component} (${config.label})`,
    summary: `${COMPONENT_SUMMARIES[config.component]} Fields left out of this document take the config-file defaults, which can differ from the flags' defaults.`,
    findings: [],
    channels: channelsOf(config.component, configFindings(analysis, config)),
  };
}
