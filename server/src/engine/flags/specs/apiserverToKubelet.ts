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
};
