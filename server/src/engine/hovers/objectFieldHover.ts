// Hover on the fields of API objects and client files that the rules read: APIService, webhook clientConfig, kubeconfig clusters and users, and more.
import { isMap, isSeq } from 'yaml';
import type { Analysis } from '../analyze';
import { CHANNELS } from '../docs/channels';
import { objectField } from '../docs/objectFields';
import type { HoverInfo } from '../hover';
import { keyName, keyRange, nodeRange, scalarText } from '../parse/yamlNodes';
import { groupOf } from '../rules/templates/documents';
import { contains, findingsAt } from './common';

/** The path from the document root to the key or scalar under the cursor, `*` for sequence items, with that pair. */
function pathAt(root: unknown, offset: number): { path: string[]; spelled: string; key: { start: number; end: number }; value: unknown } | undefined {
  const path: string[] = [];
  let spelled = '';
  let node: unknown = root;
  for (;;) {
    if (isSeq(node)) {
      const index = node.items.findIndex((i) => contains(nodeRange(i), offset));
      if (index < 0) return undefined;
      const item = node.items[index];
      path.push('*');
      spelled += `[${index}]`;
      node = item;
      continue;
    }
    if (!isMap(node)) return undefined;
    const pair = node.items.find((p) => contains({ start: keyRange(p)?.start ?? -1, end: nodeRange(p.value)?.end ?? keyRange(p)?.end ?? -1 }, offset));
    const name = pair && keyName(pair);
    const key = pair && keyRange(pair);
    if (!pair || name === undefined || !key) return undefined;
    path.push(name);
    spelled += spelled === '' ? name : `.${name}`;
    if (contains(key, offset) || (!isMap(pair.value) && !isSeq(pair.value))) return { path, spelled, key, value: pair.value };
    node = pair.value;
  }
}

export function objectFieldHover(analysis: Analysis, offset: number): HoverInfo | undefined {
  const document = analysis.model.documents.find((d) => offset >= d.start && offset <= d.end);
  if (!document?.kind) return undefined;
  const at = pathAt(document.doc.contents, offset);
  if (!at) return undefined;
  const field = objectField(document.kind, groupOf(document.apiVersion), at.path);
  if (!field) return undefined;
  const name = at.path[at.path.length - 1];
  const value = scalarText(at.value);
  const end = nodeRange(at.value)?.end ?? at.key.end;
  return {
    range: analysis.model.source.range(at.key),
    title: `${at.spelled} (${document.kind})`,
    channel: CHANNELS[field.channel],
    summary: field.summary,
    secure: field.secure !== undefined ? `${name}: ${field.secure}` : undefined,
    current: value !== undefined && !field.secret ? `This file sets \`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\`.` : undefined,
    findings: findingsAt(analysis, { start: at.key.start, end: Math.max(end, at.key.end) }),
  };
}
