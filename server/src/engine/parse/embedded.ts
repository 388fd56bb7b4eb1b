// YAML written inside block scalars of another YAML file (kind's kubeadmConfigPatches, kops `contents:`,
// Cluster API `files[].content`): found by content, with a map from each inner character to its outer offset.
import { isPair, isScalar, visit, type Scalar } from 'yaml';
import type { SourceText } from '../text';
import type { OffsetRange } from '../types';
import type { ParsedDocument } from './documents';
import { scalarValueOffsets } from './scalarSource';

export interface EmbeddedYaml {
  text: string;
  /** Outer offset of each inner character, plus one past the end. */
  offsets: number[];
  /** What a line break inserted inside the block must be followed by to stay inside it. */
  lineBreak: string;
  /** Under a key that names a patch (kubeadmConfigPatches): merged into something we cannot see. */
  partial: boolean;
}

/** Block scalars that hold Kubernetes YAML: an `apiVersion:` and a `kind:` at the start of a line. */
function looksLikeKubernetes(value: string): boolean {
  return /^apiVersion:/m.test(value) && /^kind:/m.test(value);
}

export function findEmbeddedYaml(documents: readonly ParsedDocument[], source: SourceText): EmbeddedYaml[] {
  const found: EmbeddedYaml[] = [];
  for (const document of documents) {
    visit(document.doc, {
      Scalar(_key, node: Scalar, path) {
        if (node.type !== 'BLOCK_LITERAL' || typeof node.value !== 'string' || !looksLikeKubernetes(node.value)) return;
        const offsets = scalarValueOffsets(node, source.text);
        if (!offsets || node.value.length === 0) return;
        const indent = source.text.slice(source.lineStart(offsets[0]), offsets[0]);
        if (indent.trim() !== '') return;
        const keys = path.filter(isPair).slice(-2).map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
        found.push({ text: node.value, offsets, lineBreak: `${source.eol}${indent}`, partial: keys.some((k) => /patch/i.test(k)) });
      },
    });
  }
  return found;
}

/** Maps an inner range to the outer file; the end is mapped from the last character so no indentation is included. */
export function outerRange(embedded: EmbeddedYaml, inner: OffsetRange): OffsetRange {
  const { offsets } = embedded;
  const start = offsets[Math.min(inner.start, offsets.length - 1)];
  const end = inner.end > inner.start ? offsets[Math.min(inner.end - 1, offsets.length - 1)] + 1 : start;
  return { start, end };
}

/** Maps an inner edit to the outer file: line breaks it inserts keep the block's indentation. */
export function outerEdit(embedded: EmbeddedYaml, edit: { start: number; end: number; newText: string }): { start: number; end: number; newText: string } {
  const { offsets } = embedded;
  return {
    start: offsets[Math.min(edit.start, offsets.length - 1)],
    end: offsets[Math.min(edit.end, offsets.length - 1)],
    newText: edit.newText.replace(/\r?\n/g, embedded.lineBreak),
  };
}

/** The inner offset of an outer one, if it falls inside the embedded text. */
export function innerOffset(embedded: EmbeddedYaml, outer: number): number | undefined {
  const { offsets } = embedded;
  if (outer < offsets[0] || outer > offsets[offsets.length - 1]) return undefined;
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= outer) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
