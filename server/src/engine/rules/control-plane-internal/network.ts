// Which network a component's loopback addresses belong to: the host's, or only its own pod's.
import type { Component } from '../../parse/component';
import { WORKLOAD_POD_SPEC_PATHS } from '../../parse/documents';
import { mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';

/**
 * True for a container of a pod without `hostNetwork: true`: its 127.0.0.1 is the pod's own network
 * namespace, which only the pod's containers share. Static pods, kubeadm's components and anything
 * run on the host (etcd from a config file) have the host's loopback, which every host process and
 * every hostNetwork pod can reach.
 */
export function inPodNetwork(component: Component): boolean {
  if (component.carrier.kind !== 'argv') return false;
  const { kind } = component.document;
  const path = kind ? WORKLOAD_POD_SPEC_PATHS[kind] : undefined;
  if (!path) return false;
  const spec = mapPathPair(component.document.doc.contents, path)?.value;
  return scalarText(mapValue(spec, 'hostNetwork')) !== 'true';
}
