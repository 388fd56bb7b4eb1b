// Kubelet settings on the API server → kubelet channel, each with its flag, its KubeletConfiguration field and both defaults.
import type { ChannelId } from '../types';

export interface KubeletSetting {
  flag: string;
  field: readonly string[];
  type: 'bool' | 'int' | 'string';
  /** The value when the flag is absent and no config file is given (pflag default). */
  flagDefault?: string;
  /** The value when the field is absent from a KubeletConfiguration (config default). */
  configDefault?: string;
  channel: ChannelId;
  summary: string;
  /** The secure value, as written after `--flag=` or after `field: `. */
  secure?: string;
}

export const KUBELET_SETTINGS = {
  anonymousAuth: {
    flag: 'anonymous-auth',
    field: ['authentication', 'anonymous', 'enabled'],
    type: 'bool',
    flagDefault: 'true',
    configDefault: 'false',
    channel: 'apiserver-to-kubelet',
    summary: "Whether the kubelet's HTTPS endpoint serves requests without credentials as `system:anonymous`.",
    secure: 'false',
  },
  webhookAuthentication: {
    flag: 'authentication-token-webhook',
    field: ['authentication', 'webhook', 'enabled'],
    type: 'bool',
    flagDefault: 'false',
    configDefault: 'true',
    channel: 'apiserver-to-kubelet',
    summary: 'Whether the kubelet checks bearer tokens with a TokenReview against the API server.',
    secure: 'true',
  },
  authorizationMode: {
    flag: 'authorization-mode',
    field: ['authorization', 'mode'],
    type: 'string',
    flagDefault: 'AlwaysAllow',
    configDefault: 'Webhook',
    channel: 'apiserver-to-kubelet',
    summary: 'How the kubelet authorizes requests to its API: `Webhook` asks the API server (SubjectAccessReview); `AlwaysAllow` lets every caller run exec and read logs.',
    secure: 'Webhook',
  },
  readOnlyPort: {
    flag: 'read-only-port',
    field: ['readOnlyPort'],
    type: 'int',
    flagDefault: '10255',
    configDefault: '0',
    channel: 'apiserver-to-kubelet',
    summary: 'Port of the kubelet\'s unauthenticated plain-HTTP read-only API (pods, node stats); `0` turns it off.',
    secure: '0',
  },
  clientCAFile: {
    flag: 'client-ca-file',
    field: ['authentication', 'x509', 'clientCAFile'],
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: "CA bundle the kubelet uses to verify client certificates, such as the API server's kubelet client certificate.",
    secure: '/etc/kubernetes/pki/ca.crt',
  },
  serverTLSBootstrap: {
    flag: 'rotate-server-certificates',
    field: ['serverTLSBootstrap'],
    type: 'bool',
    flagDefault: 'false',
    configDefault: 'false',
    channel: 'apiserver-to-kubelet',
    summary: 'Whether the kubelet requests its serving certificate from the cluster CA (a `kubernetes.io/kubelet-serving` CSR someone must approve) instead of signing its own.',
    secure: 'true',
  },
  tlsCertFile: {
    flag: 'tls-cert-file',
    field: ['tlsCertFile'],
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: "The kubelet's serving certificate; without it (and without `serverTLSBootstrap`) the kubelet signs its own.",
  },
  tlsPrivateKeyFile: {
    flag: 'tls-private-key-file',
    field: ['tlsPrivateKeyFile'],
    type: 'string',
    channel: 'apiserver-to-kubelet',
    summary: "Private key of the kubelet's serving certificate.",
  },
} as const satisfies Record<string, KubeletSetting>;

export type KubeletSettingKey = keyof typeof KUBELET_SETTINGS;

export function kubeletSettingByFlag(flag: string): KubeletSetting | undefined {
  return Object.values(KUBELET_SETTINGS).find((s) => s.flag === flag);
}

export function kubeletSettingByField(path: readonly string[]): KubeletSetting | undefined {
  return Object.values(KUBELET_SETTINGS).find((s) => s.field.join('.') === path.join('.'));
}
