// Flag knowledge of the node → API server channel.
import type { ChannelFlagSpecs } from '../catalog';

export const NODE_TO_APISERVER_FLAGS: ChannelFlagSpecs = {
  'kube-apiserver': {
    'anonymous-auth': {
      type: 'bool',
      default: 'true',
      channel: 'node-to-apiserver',
      summary: 'Whether requests without credentials are served as `system:anonymous`.',
      secure: 'false',
    },
    'authorization-mode': {
      type: 'stringSlice',
      default: 'AlwaysAllow',
      channel: 'node-to-apiserver',
      summary: 'Ordered list of authorizers for requests to the API server.',
      secure: 'Node,RBAC',
    },
    'client-ca-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'CA bundle that verifies client certificates of kubelets, controllers and users.',
      secure: '/etc/kubernetes/pki/ca.crt',
    },
  },
};
