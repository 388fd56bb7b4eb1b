// The kubelet ends of a model: where each kubelet's serving certificate comes from and which client CA it trusts.
import { modelFacts } from '../../analyze';
import { KUBELET_SETTINGS } from '../../docs/kubeletSettings';
import type { Component, ConfigSource } from '../../parse/component';
import type { FileModel } from '../../parse/model';
import kubeletServingCertificateSelfSigned from '../../rules/apiserver-to-kubelet/kubeletServingCertificateSelfSigned';
import { parseBool } from '../../rules/templates/values';
import type { RuleReport } from '../../rules/types';
import type { Fix } from '../../types';
import { NEWEST_KNOWN_VERSION } from '../../version';
import type { KubeletEnd, SettingState } from '../channelEnds';
import { componentRange, componentSetting, configSetting } from './settings';

export function kubeletEnds(model: FileModel): KubeletEnd[] {
  const fromFlags = model.components.filter((c) => c.component === 'kubelet').map((c) => componentEnd(model, c));
  const fromConfigs = model.configs.filter((c) => c.component === 'kubelet').map((c) => configEnd(model, c));
  return [...fromFlags, ...fromConfigs];
}

function componentEnd(model: FileModel, c: Component): KubeletEnd {
  const bootstrap = componentSetting(model, c, KUBELET_SETTINGS.serverTLSBootstrap);
  const certFile = componentSetting(model, c, KUBELET_SETTINGS.tlsCertFile);
  return {
    label: c.label ?? 'kubelet',
    range: componentRange(model, c),
    partial: c.partial,
    serving: serving(model, { ...model, components: [c], configs: [] }, bootstrap, certFile),
    clientCAFile: componentSetting(model, c, KUBELET_SETTINGS.clientCAFile),
  };
}

function configEnd(model: FileModel, config: ConfigSource): KubeletEnd {
  const bootstrap = configSetting(model, config, KUBELET_SETTINGS.serverTLSBootstrap);
  const certFile = configSetting(model, config, KUBELET_SETTINGS.tlsCertFile);
  const root = config.root.range;
  return {
    label: config.label,
    range: model.source.range(root ? { start: root[0], end: root[0] } : { start: config.document.start, end: config.document.start }),
    partial: config.partial,
    serving: serving(model, { ...model, components: [], configs: [config] }, bootstrap, certFile),
    clientCAFile: configSetting(model, config, KUBELET_SETTINGS.clientCAFile),
  };
}

/**
 * Self-signed exactly where KCG209 says so (same range, same fix that turns on serverTLSBootstrap), found by running that
 * rule on a model narrowed to this one kubelet; CA-signed when serverTLSBootstrap is on or a certificate file is given.
 */
function serving(model: FileModel, narrowed: FileModel, bootstrap: SettingState, certFile: SettingState): KubeletEnd['serving'] {
  const reports: RuleReport[] = [];
  const versionOf = () => NEWEST_KNOWN_VERSION;
  kubeletServingCertificateSelfSigned.check({ model: narrowed, versionOf, fact: modelFacts(narrowed, versionOf), report: (r) => reports.push(r) });
  const [report] = reports;
  if (report) {
    const fixes: Fix[] = (report.fixes ?? []).map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: model.source.range(e), newText: e.newText })) }));
    return { state: 'self-signed', range: model.source.range(report.range), fixes };
  }
  const on = bootstrap.state !== 'unknown' && parseBool(bootstrap.value) === true;
  const file = certFile.state === 'set' && certFile.value.trim() !== '';
  return on || file ? { state: 'ca-signed' } : { state: 'unknown' };
}
