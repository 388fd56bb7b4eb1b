// Renders the engine's hover information as Markdown for the editor.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { HoverInfo } from '../engine/hover';
import { ruleDocsUri } from './ruleDocsLink';

export function toHover(info: HoverInfo): Hover {
  const lines = [`**${info.title}**`, ''];
  if (info.channel) lines.push(`Channel: **${info.channel.title}**. ${info.channel.description}`, '');
  lines.push(info.summary, '');
  if (info.channels) {
    for (const { channel, state } of info.channels) lines.push(`- ${channel.title}: ${state}`);
    lines.push('');
  }
  if (info.current) lines.push(info.current, '');
  if (info.secure) lines.push(`Secure value: \`${info.secure}\``, '');
  for (const f of info.findings) lines.push(`[${f.ruleId}](${ruleDocsUri(f.ruleId)}): ${f.message}`, '');
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n').trimEnd() }, range: info.range };
}
