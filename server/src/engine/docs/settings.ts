// Settings that a component reads from a flag or from a field of its config file, with both defaults.
import type { ComponentName } from '../flags/catalog';
import type { ChannelId } from '../types';
import { CONTROL_PLANE_SETTINGS } from './controlPlaneSettings';
import { KUBELET_SETTINGS } from './kubeletSettings';
import { NODE_TO_APISERVER_SETTINGS } from './nodeToApiserverSettings';

export interface Setting {
  component: ComponentName;
  flag: string;
  /** The field path in the component's config document, when it has one. */
  field?: readonly string[];
  type: 'bool' | 'int' | 'string' | 'list';
  /** The value when the flag is absent and no config file is given (pflag default). */
  flagDefault?: string;
  /** The value when the field is absent from the config document (config default). */
  configDefault?: string;
  channel: ChannelId;
  summary: string;
  /** The secure value, as written after `--flag=` or after `field: `. */
  secure?: string;
}

/** The flag that points a component at its config file; when given, flags left unset say nothing. */
export const CONFIG_FLAGS: Partial<Record<ComponentName, string>> = {
  kubelet: 'config',
  'kube-scheduler': 'config',
  'kube-proxy': 'config',
  etcd: 'config-file',
};

export const SETTINGS: readonly Setting[] = [...Object.values(KUBELET_SETTINGS), ...NODE_TO_APISERVER_SETTINGS, ...CONTROL_PLANE_SETTINGS];

export function settingByFlag(component: ComponentName, flag: string): Setting | undefined {
  return SETTINGS.find((s) => s.component === component && s.flag === flag);
}

export function settingByField(component: ComponentName, path: readonly string[]): Setting | undefined {
  const joined = path.join('.');
  return SETTINGS.find((s) => s.component === component && s.field?.join('.') === joined);
}
