// Node → API server settings that a component reads from a flag or from a field of its config file, with both defaults.
import type { Setting } from './settings';

/** The settings by name, for the rules that read them. */
export const NODE_TO_APISERVER_SETTING = {
  rotateCertificates: {
    component: 'kubelet',
    flag: 'rotate-certificates',
    field: ['rotateCertificates'],
    type: 'bool',
    flagDefault: 'false',
    configDefault: 'false',
    channel: 'node-to-apiserver',
    summary: 'Whether the kubelet renews its client certificate for the API server through the certificates API before it expires (kubeadm writes `true`).',
    secure: 'true',
  },
} as const satisfies Record<string, Setting>;

export const NODE_TO_APISERVER_SETTINGS: readonly Setting[] = Object.values(NODE_TO_APISERVER_SETTING);
