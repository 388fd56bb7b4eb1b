// The cheap check that lets a large document go unparsed. A CustomResourceDefinition without a conversion webhook, or a
// ConfigMap, gives no finding unless Kubernetes YAML sits in one of its block scalars; such documents are most of the
// bulk of big manifests (calico, argo-cd, cert-manager and prometheus-operator CRDs, grafana dashboards). Being wrong
// here costs findings, so the check says "inert" only when the text proves it; anything else is parsed.

/**
 * Kinds no rule or carrier reads, and the text that would make one of them read after all: rules read only a CRD's
 * `spec.conversion` (its webhook's client config), and nothing reads a ConfigMap but the YAML embedded in its values.
 */
const INERT_KINDS: ReadonlyMap<string, string | undefined> = new Map([
  ['CustomResourceDefinition', 'conversion'],
  ['ConfigMap', undefined],
  ['ConfigMapList', undefined],
]);

const KIND_LINE = /^kind:[ \t]*["']?([A-Za-z]+)["']?[ \t]*(#.*)?\r?$/;

/** The value of the document's top-level `kind:` line, when there is exactly one. */
function topLevelKind(text: string): string | undefined {
  let kind: string | undefined;
  for (let at = text.startsWith('kind:') ? 0 : text.indexOf('\nkind:'); at >= 0; at = text.indexOf('\nkind:', at + 1)) {
    const start = text.charCodeAt(at) === 10 ? at + 1 : at;
    const end = text.indexOf('\n', start);
    const m = KIND_LINE.exec(text.slice(start, end < 0 ? text.length : end));
    if (!m || kind !== undefined) return undefined;
    kind = m[1];
  }
  return kind;
}

export function isInertDocument(text: string): boolean {
  if (text.length < 4096) return false;
  const kind = topLevelKind(text);
  if (kind === undefined || !INERT_KINDS.has(kind)) return false;
  const reads = INERT_KINDS.get(kind);
  // Templates (`{{ }}`) make the whole file partial, which the analyzer decides from every document's text, inert or not.
  if ((reads !== undefined && text.includes(reads)) || text.includes('kube-channel-guard-')) return false;
  return !hasEmbeddedYaml(text);
}

/** A literal block scalar header, from its `|` on: `|`, `|-`, `|2+`, then blanks, a comment or the line's end. */
const LITERAL_HEADER = /^\|[-+0-9]*[ \t]*(#.*)?\r?$/;

/** The offsets of the `|` of each literal block header (`key: |`, `- |-`): the only scalars YAML is read from. */
function* literalHeaders(text: string): Generator<number> {
  for (let at = text.indexOf('|'); at >= 0; at = text.indexOf('|', at + 1)) {
    let before = at - 1;
    while (text.charCodeAt(before) === 32 || text.charCodeAt(before) === 9) before--;
    if (before === at - 1 || (text[before] !== ':' && text[before] !== '-')) continue;
    const end = text.indexOf('\n', at);
    if (LITERAL_HEADER.test(text.slice(at, end < 0 ? text.length : end))) yield at;
  }
}

/**
 * Whether some literal block scalar holds lines starting with `apiVersion:` and `kind:` at its content indentation, as
 * YAML embedded in a block does (parse/embedded.ts reads exactly those blocks). Each block's end, its content
 * indentation and the two keys are found by native searches, without visiting the block's lines one by one.
 */
function hasEmbeddedYaml(text: string): boolean {
  for (const header of literalHeaders(text)) {
    const headerIndent = indentAt(text, text.lastIndexOf('\n', header) + 1);
    const headerEnd = text.indexOf('\n', header);
    if (headerEnd < 0) continue;
    // The block ends before the first line that is not blank (spaces only, or a CR) and is indented no deeper than its header.
    const ending = new RegExp(`\\n {0,${headerIndent}}(?=[^ \\r\\n])`, 'g');
    ending.lastIndex = headerEnd;
    const end = ending.exec(text)?.index ?? text.length;
    // Its content indentation is that of its first line that is not blank.
    const content = / *(?=[^ \r\n])/y;
    let contentIndent = -1;
    for (let at = headerEnd; at >= 0 && at < end; at = text.indexOf('\n', at + 1)) {
      content.lastIndex = at + 1;
      const m = content.exec(text);
      if (m) {
        contentIndent = m[0].length;
        break;
      }
    }
    if (contentIndent < 0) continue;
    // A slice shares the text's memory, and bounds the searches to the block.
    const body = text.slice(headerEnd, end);
    const prefix = '\n' + ' '.repeat(contentIndent);
    if (body.includes(prefix + 'apiVersion:') && body.includes(prefix + 'kind:')) return true;
  }
  return false;
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text.charCodeAt(i) === 32) i++;
  return i - lineStart;
}
