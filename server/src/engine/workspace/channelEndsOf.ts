// Builds the channel-end index of one FileModel, YAML embedded in its block scalars included, in the model's coordinates.
import { outerEdit, outerRange, type EmbeddedYaml } from '../parse/embedded';
import type { FileModel } from '../parse/model';
import type { Range, TextEdit } from '../types';
import { concatEnds, mapEnds, type ChannelEnds, type EndMapping } from './channelEnds';
import { apiServerEnds, kubeadmEndpointEnds } from './ends/apiServers';
import { kubeletEnds } from './ends/kubelets';
import { certificateEnds, issuerEnds, kubeconfigClusterEnds, serviceClientEnds } from './ends/objects';

export function channelEndsOf(model: FileModel): ChannelEnds {
  const own: ChannelEnds = {
    apiServers: apiServerEnds(model),
    kubeadmEndpoints: kubeadmEndpointEnds(model),
    kubelets: kubeletEnds(model),
    kubeconfigClusters: kubeconfigClusterEnds(model),
    serviceClients: serviceClientEnds(model),
    certificates: certificateEnds(model),
    issuers: issuerEnds(model),
  };
  const embedded = model.embedded.map(({ yaml, model: inner }) => mapEnds(channelEndsOf(inner), embeddedMapping(model, yaml, inner)));
  return concatEnds([own, ...embedded]);
}

/** From the coordinates of YAML in a block scalar to the outer file's; inserted line breaks keep the block's indentation. */
function embeddedMapping(outer: FileModel, yaml: EmbeddedYaml, inner: FileModel): EndMapping {
  const offsets = (r: Range) => ({ start: inner.source.offsetAt(r.start), end: inner.source.offsetAt(r.end) });
  return {
    range: (r) => outer.source.range(outerRange(yaml, offsets(r))),
    edit: (e: TextEdit) => {
      const mapped = outerEdit(yaml, { ...offsets(e.range), newText: e.newText });
      return { range: outer.source.range(mapped), newText: mapped.newText };
    },
  };
}
