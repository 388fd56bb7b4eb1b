// Hover on a field of a component's config document (KubeletConfiguration, KubeSchedulerConfiguration, KubeProxyConfiguration, etcd's config file, eksctl kubeletExtraConfig).
import { isMap, isSeq } from 'yaml';
import type { Analysis } from '../analyze';
import { CHANNELS } from '../docs/channels';
import { fieldValueSource } from '../docs/flagKnowledge';
import { settingByField, type Setting } from '../docs/settings';
import type { HoverInfo } from '../hover';
import type { ConfigSource } from '../parse/component';
import { keyName, keyRange, nodeRange, scalarText } from '../parse/yamlNodes';
import { contains, findingsAt } from './common';

function currentText(setting: Setting, value: unknown): string | undefined {
  const defaults = `Left out, it defaults to ${setting.configDefault ?? 'nothing'} in a config file (the flag \`--${setting.flag}\` defaults to ${setting.flagDefault ?? 'nothing'}).`;
  const scalar = scalarText(value);
  if (scalar !== undefined) return `This file sets \`${scalar}\`. ${defaults}`;
  if (isSeq(value)) return `This file sets ${value.items.map((i) => scalarText(i) ?? '?').join(', ') || '(empty)'}. ${defaults}`;
  return defaults;
}

export function configFieldHover(analysis: Analysis, config: ConfigSource, offset: number): HoverInfo | undefined {
  let map: unknown = config.root;
  const path: string[] = [];
  while (isMap(map)) {
    const pair = map.items.find((p) => contains({ start: keyRange(p)?.start ?? -1, end: nodeRange(p.value)?.end ?? keyRange(p)?.end ?? -1 }, offset));
    const name = pair && keyName(pair);
    if (!pair || name === undefined) return undefined;
    path.push(name);
    const key = keyRange(pair);
    if (contains(key, offset) || !isMap(pair.value)) {
      const setting = settingByField(config.component, path);
      if (!setting || !key) return undefined;
      return {
        range: analysis.model.source.range(key),
        title: `${path.join('.')} (${config.label})`,
        channel: CHANNELS[setting.channel],
        summary: setting.summary,
        secure: setting.secure !== undefined ? `${path[path.length - 1]}: ${fieldValueSource(setting, setting.secure)}` : undefined,
        current: currentText(setting, pair.value),
        findings: findingsAt(analysis, { start: key.start, end: nodeRange(pair.value)?.end ?? key.end }),
      };
    }
    map = pair.value;
  }
  return undefined;
}
