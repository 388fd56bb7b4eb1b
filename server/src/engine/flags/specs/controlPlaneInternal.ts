// Flag knowledge of the control plane's internal channel.
import type { ChannelFlagSpecs } from '../catalog';

export const CONTROL_PLANE_INTERNAL_FLAGS: ChannelFlagSpecs = {};
