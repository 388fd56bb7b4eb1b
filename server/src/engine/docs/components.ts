// What each control-plane component is and which channels it sits on, for hover and code lenses.
import type { ComponentName } from '../flags/catalog';
import type { ChannelId } from '../types';

/** The channels a component takes part in, in the order a summary lists them. */
export const COMPONENT_CHANNELS: Readonly<Record<ComponentName, readonly ChannelId[]>> = {
  'kube-apiserver': ['node-to-apiserver', 'apiserver-to-kubelet', 'apiserver-to-nodes-pods-services', 'control-plane-internal'],
  kubelet: ['node-to-apiserver', 'apiserver-to-kubelet'],
  'kube-controller-manager': ['node-to-apiserver', 'control-plane-internal'],
  'kube-scheduler': ['node-to-apiserver', 'control-plane-internal'],
  'kube-proxy': ['node-to-apiserver', 'control-plane-internal'],
  etcd: ['control-plane-internal'],
  'konnectivity-server': ['apiserver-to-nodes-pods-services'],
  'konnectivity-agent': ['apiserver-to-nodes-pods-services', 'node-to-apiserver'],
};

export const COMPONENT_SUMMARIES: Readonly<Record<ComponentName, string>> = {
  'kube-apiserver': 'The hub: every node, pod and component calls it, and it calls kubelets, webhooks, aggregated APIs and etcd.',
  kubelet: "The node agent: it calls the API server with its node credentials and serves the API server's logs, exec, attach and port-forward calls on port 10250.",
  'kube-controller-manager': 'Runs the controllers; a client of the API server with its own serving endpoint (port 10257).',
  'kube-scheduler': 'Assigns pods to nodes; a client of the API server with its own serving endpoint (port 10259).',
  'kube-proxy': 'Programs service routing on each node; a client of the API server with a metrics endpoint of its own.',
  etcd: "The cluster's store: only the API server should reach it, over mutually authenticated TLS.",
  'konnectivity-server': 'Runs next to the API server and carries its traffic to nodes, pods and services through tunnels the agents open.',
  'konnectivity-agent': 'Runs on the nodes and opens the tunnels the API server uses to reach nodes, pods and services.',
};

/** Channel names short enough for a one-line summary above a component. */
export const SHORT_CHANNEL_TITLES: Readonly<Record<ChannelId, string>> = {
  'node-to-apiserver': 'node → API server',
  'apiserver-to-kubelet': 'API server → kubelet',
  'apiserver-to-nodes-pods-services': 'API server → pods/services',
  'control-plane-internal': 'control plane',
  general: 'command line',
};
