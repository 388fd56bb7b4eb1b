// The `kubeChannelGuard/channelMap` request: the channel map of the open documents (and of what the workspace scan keeps), as JSON the client renders.
import { assembleChannelMap, type ChannelMap, type ChannelMapPart } from '../engine/workspace/channelMap';

/** The request's method; it takes no parameters and answers a ChannelMap. The client renders it with server/src/report/channelMapHtml.ts. */
export const CHANNEL_MAP_REQUEST = 'kubeChannelGuard/channelMap';

/**
 * The map of the open documents' parts (from the server's own analyses, the same findings their diagnostics show) and
 * the scanned files' parts; an open document's part wins over what the scan read from disk.
 */
export function channelMapOfParts(open: readonly ChannelMapPart[], scanned: readonly ChannelMapPart[]): ChannelMap {
  const openUris = new Set(open.map((p) => p.uri));
  return assembleChannelMap([...open, ...scanned.filter((p) => !openUris.has(p.uri))]);
}
