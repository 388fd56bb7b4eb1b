// Builders for the manifests used as examples by the API server → kubelet rules, beyond the shared ones in ../examples.
import { componentPod } from '../examples';

export function controllerManagerPod(flags: readonly string[]): string {
  return componentPod('kube-controller-manager', flags);
}
