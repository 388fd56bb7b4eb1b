// The check shared by KCG416 and KCG417: the controller manager's and scheduler's plain-HTTP port, by Kubernetes version.
import type { ComponentName } from '../../flags/catalog';
import { flagFormats } from '../../docs/formats';
import type { Component } from '../../parse/component';
import { asMap, mapValue, scalarText } from '../../parse/yamlNodes';
import { atLeast, formatVersion, type KubeVersion } from '../../version';
import { componentsOf, flagRemoved } from '../templates/flags';
import type { Rule, RuleContext, RuleMeta } from '../types';
import { isLoopbackHost } from './addresses';

export interface InsecurePortFacts {
  component: ComponentName;
  /** The plain-HTTP port's default, and the HTTPS port that replaced it. */
  insecurePort: string;
  securePort: string;
  /** The minor version that stopped serving plain HTTP (the flags then accept only `--port=0`). */
  disabledIn: string;
  /** The minor version that removed `--port` and `--address`. */
  removedIn: string;
}

/**
 * The plain-HTTP address kubeadm wrote itself: `--address=127.0.0.1` up to 1.13 (kubernetes/kubeadm#1235),
 * before kubernetes/kubernetes#71973 moved it to `--bind-address`. Its `--port=0` (1.19, and the July
 * 2020 patch releases of 1.16 to 1.18) comes with the carrier's implied flags.
 */
function kubeadmAddress(c: Component, version: KubeVersion): string | undefined {
  return c.carrier.kind === 'kubeadm' && !atLeast(version, '1.14') ? '127.0.0.1' : undefined;
}

/** The address the plain-HTTP port listens on: `--address`, else 0.0.0.0; undefined when the file cannot tell. */
function insecureAddress(c: Component, version: KubeVersion): string | undefined {
  const o = c.flags.last('address');
  if (!o) return kubeadmAddress(c, version) ?? '0.0.0.0';
  if (o.unresolved) return undefined;
  return o.value.trim() === '' ? '0.0.0.0' : o.value.trim();
}

/** True when one of the container's probes calls the plain-HTTP port: turning it off would restart the pod forever. */
function probedOn(c: Component, port: string): boolean {
  if (c.carrier.kind !== 'argv') return false;
  return ['livenessProbe', 'readinessProbe', 'startupProbe'].some((probe) => {
    const httpGet = asMap(mapValue(mapValue(c.node, probe), 'httpGet'));
    return httpGet !== undefined && scalarText(mapValue(httpGet, 'port')) === port;
  });
}

function checkComponent(context: RuleContext, meta: RuleMeta, facts: InsecurePortFacts, c: Component): void {
  const version: KubeVersion = context.versionOf(c);
  const v = formatVersion(version);
  const served = !atLeast(version, facts.disabledIn);
  const one = { ...context, model: { ...context.model, components: [c] } };
  const olderPort = (value: string): string | undefined => {
    const port = value.trim();
    if (port === '0') return undefined;
    if (!served) return `${c.carrier.spellSetting('port', port)}: ${facts.component} ${v} accepts only --port=0 (insecure serving was turned off in ${facts.disabledIn}) and will not start`;
    const address = insecureAddress(c, version);
    if (address === undefined || isLoopbackHost(address)) return undefined;
    return `${c.carrier.spellSetting('port', port)}: ${facts.component} ${v} serves /metrics, /healthz and /debug/pprof over plain HTTP, without authentication, on ${address}:${port}`;
  };
  // From removedIn on, --port and --address stop the component; before, --address alone changes nothing worth a finding.
  flagRemoved(meta, facts.component, 'port', facts.removedIn, olderPort).check(one);
  flagRemoved(meta, facts.component, 'address', facts.removedIn, () => undefined).check(one);

  // Before disabledIn, leaving --port out serves plain HTTP on its default port.
  if (!served || c.partial || c.flags.last('port')) return;
  const address = insecureAddress(c, version);
  if (address === undefined || isLoopbackHost(address)) return;
  const range = c.carrier.homeRange();
  if (!range) return;
  const probed = probedOn(c, facts.insecurePort);
  const edits = probed ? undefined : c.carrier.addFlag(context.model.source, 'port', '0');
  context.report({
    range,
    message:
      `${facts.component} ${v} runs without ${c.carrier.spellSetting('port', '0')}: it serves /metrics, /healthz and /debug/pprof over plain HTTP, without authentication, on ${address}:${facts.insecurePort}` +
      (probed ? ` (a probe of this container uses that port: move it to the HTTPS port ${facts.securePort} before turning the port off)` : ''),
    fixes: edits ? [{ title: `Add ${c.carrier.spellSetting('port', '0')}`, edits }] : [],
  });
}

export function insecurePortRule(meta: RuleMeta, facts: InsecurePortFacts): Rule {
  return {
    meta: { ...meta, formats: meta.formats ?? flagFormats(facts.component) },
    check(context) {
      for (const c of componentsOf(context, facts.component)) checkComponent(context, meta, facts, c);
    },
  };
}
