// The `kubeChannelGuard/channelMap` request: the channel map of the open documents (and of what the workspace scan keeps), as JSON the client renders.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisOptions } from '../engine/analyze';
import { analyzeWorkspace, type WorkspaceInput } from '../engine/workspace/analyzeWorkspace';
import { assembleChannelMap, channelMapPart, type ChannelMap, type ChannelMapPart } from '../engine/workspace/channelMap';
import type { Settings } from '../settings/schema';
import { textOverSizeLimit } from './fileSize';

/** The request's method; it takes no parameters and answers a ChannelMap. The client renders it with server/src/report/channelMapHtml.ts. */
export const CHANNEL_MAP_REQUEST = 'kubeChannelGuard/channelMap';

export interface ChannelMapSources {
  /** The open documents, whose editor text wins over what is on disk. */
  documents: readonly TextDocument[];
  settings(uri: string): Promise<Settings>;
  options(uri: string, settings: Settings): AnalysisOptions;
  /** Parts of files that are not open, kept by whoever analysed them (the workspace scan); an open document's own part wins. */
  scanned?: readonly ChannelMapPart[];
}

interface Group {
  settings: Settings;
  uri: string;
  inputs: WorkspaceInput[];
}

/**
 * The parts of the last request's open documents, with the texts and settings they came from. The panel asks again each
 * time any diagnostics change (a scan publishes hundreds), mostly with the open documents unchanged: then the analysis
 * is not repeated. Keyed by content, not by version, since a document closed and opened again starts at version 1.
 */
let last: { key: string[]; parts: ChannelMapPart[] } | undefined;

function sameKey(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Analyses the open documents through the workspace facade, so that cross-file findings between them are on the map too.
 * Documents under different settings (folders with their own project files) are analysed in separate groups, each with
 * its own rule levels, as their diagnostics are.
 */
export async function channelMapOfSources(sources: ChannelMapSources): Promise<ChannelMap> {
  const groups = new Map<string, Group>();
  for (const document of sources.documents) {
    const settings = await sources.settings(document.uri);
    const text = document.getText();
    if (!settings.enable || textOverSizeLimit(text, settings.maxFileSizeKiB)) continue;
    const key = JSON.stringify(settings);
    const group = groups.get(key) ?? { settings, uri: document.uri, inputs: [] };
    group.inputs.push({ uri: document.uri, text, partial: sources.options(document.uri, settings).partial });
    groups.set(key, group);
  }
  const key = [...groups.entries()].flatMap(([settings, g]) => [settings, ...g.inputs.flatMap((i) => [i.uri, i.text, String(i.partial)])]);
  let parts = last && sameKey(last.key, key) ? last.parts : undefined;
  if (!parts) {
    parts = [];
    for (const group of groups.values()) {
      const { partial: _partial, ...options } = sources.options(group.uri, group.settings);
      parts.push(...analyzeWorkspace(group.inputs, options).files.map(channelMapPart));
    }
    last = { key, parts };
  }
  const open = new Set(parts.map((p) => p.uri));
  return assembleChannelMap([...parts, ...(sources.scanned ?? []).filter((p) => !open.has(p.uri))]);
}
