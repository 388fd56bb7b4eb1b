// The channel map as one self-contained HTML page, for --format html: the same map the editor's webview shows.
import { channelMapOf } from '../engine/workspace/channelMap';
import type { WorkspaceResult } from '../engine/workspace/analyzeWorkspace';
import { renderChannelMapHtml } from '../report/channelMapHtml';

export function formatHtml(workspace: WorkspaceResult, title: string | undefined): string {
  return renderChannelMapHtml(channelMapOf(workspace), title === undefined ? {} : { title });
}
