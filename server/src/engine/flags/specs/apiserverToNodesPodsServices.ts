// Flag knowledge of the API server → nodes, pods and services channel.
import type { ChannelFlagSpecs } from '../catalog';

export const APISERVER_TO_NODES_PODS_SERVICES_FLAGS: ChannelFlagSpecs = {};
