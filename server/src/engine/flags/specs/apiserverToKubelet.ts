// Flag knowledge of the API server → kubelet channel.
import type { ChannelFlagSpecs } from '../catalog';

export const APISERVER_TO_KUBELET_FLAGS: ChannelFlagSpecs = {
  'kube-apiserver': {
    'kubelet-certificate-authority': {
      type: 'string',
      channel: 'apiserver-to-kubelet',
      summary: "CA bundle the API server uses to verify each kubelet's serving certificate before it sends logs, exec, attach and port-forward traffic.",
      secure: '/etc/kubernetes/pki/ca.crt',
    },
    'kubelet-client-certificate': {
      type: 'string',
      channel: 'apiserver-to-kubelet',
      summary: 'Client certificate the API server presents to kubelets, so that kubelets can authenticate it.',
      secure: '/etc/kubernetes/pki/apiserver-kubelet-client.crt',
    },
    'kubelet-client-key': {
      type: 'string',
      channel: 'apiserver-to-kubelet',
      summary: 'Private key of the client certificate the API server presents to kubelets.',
      secure: '/etc/kubernetes/pki/apiserver-kubelet-client.key',
    },
    'kubelet-https': {
      type: 'bool',
      default: 'true',
      channel: 'apiserver-to-kubelet',
      summary: 'Whether the API server uses HTTPS to reach kubelets; `false` sends exec, logs and port-forward traffic in clear text.',
      secure: 'true',
      removedIn: '1.22',
    },
    'kubelet-preferred-address-types': {
      type: 'stringSlice',
      channel: 'apiserver-to-kubelet',
      summary: 'Order of node address types the API server tries when it connects to a kubelet; it must match the names in the kubelet serving certificates.',
    },
  },
  kubelet: {
    'feature-gates': {
      type: 'map',
      channel: 'apiserver-to-kubelet',
      summary: 'Feature gates as comma-separated `Name=bool` pairs; repeated flags merge and the last value of a name wins. `RotateKubeletServerCertificate=false` leaves the kubelet with a self-signed serving certificate.',
    },
    'tls-cipher-suites': {
      type: 'stringSlice',
      channel: 'apiserver-to-kubelet',
      summary: "Cipher suites the kubelet's HTTPS endpoint offers for TLS 1.2; every occurrence appends.",
    },
    'tls-min-version': {
      type: 'string',
      channel: 'apiserver-to-kubelet',
      summary: "Lowest TLS version the kubelet's HTTPS endpoint accepts; left empty, TLS 1.2.",
      secure: 'VersionTLS12',
    },
    'streaming-connection-idle-timeout': {
      type: 'string',
      default: '4h0m0s',
      channel: 'apiserver-to-kubelet',
      summary: 'How long an exec, attach or port-forward stream may sit idle before it is closed; `0` means never (the kubelet applies it only to dockershim streams, before 1.24).',
      secure: '4h',
    },
  },
  'kube-controller-manager': {
    'feature-gates': {
      type: 'map',
      channel: 'apiserver-to-kubelet',
      summary: 'Feature gates as comma-separated `Name=bool` pairs; repeated flags merge and the last value of a name wins. CIS 1.3.6 asks that `RotateKubeletServerCertificate` is not turned off here.',
    },
  },
};
