// Settings of the controller manager, scheduler, kube-proxy and etcd that have both a flag and a config field.
import type { Setting } from './settings';

export const CONTROL_PLANE_SETTINGS: readonly Setting[] = [];
