// The flag knowledge of every channel, merged into the catalog.
import type { ChannelFlagSpecs } from '../catalog';
import { APISERVER_TO_KUBELET_FLAGS } from './apiserverToKubelet';
import { APISERVER_TO_NODES_PODS_SERVICES_FLAGS } from './apiserverToNodesPodsServices';
import { CONTROL_PLANE_INTERNAL_FLAGS } from './controlPlaneInternal';
import { NODE_TO_APISERVER_FLAGS } from './nodeToApiserver';

export const CHANNEL_SPECS: readonly ChannelFlagSpecs[] = [
  NODE_TO_APISERVER_FLAGS,
  APISERVER_TO_KUBELET_FLAGS,
  APISERVER_TO_NODES_PODS_SERVICES_FLAGS,
  CONTROL_PLANE_INTERNAL_FLAGS,
];
