// Splits a YAML file into documents with source ranges and says what kind of Kubernetes object each one is.
import { Composer, Parser, type Document } from 'yaml';
import { isMarkerAt, splitDocuments } from './documentMarkers';
import { MAX_NESTING, nestingDepth } from './nesting';
import { withoutStacks } from './withoutStacks';
import { asMap, scalarText, mapValue } from './yamlNodes';

export type DocumentClass = 'workload' | 'kubernetes-other' | 'not-kubernetes';

export interface ParsedDocument {
  index: number;
  doc: Document.Parsed;
  apiVersion?: string;
  kind?: string;
  classification: DocumentClass;
  /** The document's start and end offsets in the file. */
  start: number;
  end: number;
}

/** Kinds whose pod template holds containers, mapped to the path of the pod spec. */
export const WORKLOAD_POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

function classify(apiVersion: string | undefined, kind: string | undefined): DocumentClass {
  if (!kind || !apiVersion) return 'not-kubernetes';
  if (WORKLOAD_POD_SPEC_PATHS[kind]) return 'workload';
  return 'kubernetes-other';
}

export function parseDocuments(text: string): ParsedDocument[] {
  const docs = withoutStacks(() => parsePieces(text));
  return docs.map((doc, index) => {
    const root = asMap(doc.contents);
    const apiVersion = root ? scalarText(mapValue(root, 'apiVersion')) : undefined;
    const kind = root ? scalarText(mapValue(root, 'kind')) : undefined;
    return {
      index,
      doc,
      apiVersion,
      kind,
      classification: classify(apiVersion, kind),
      start: doc.range[0],
      end: doc.range[2],
    };
  });
}

/**
 * Parses each piece between document marker lines on its own, with offsets into the whole text. YAML ends every node at
 * a marker line; parsing the text whole, the `yaml` parser lets a quoted scalar left open run on through later markers
 * when no quote closes it. Parsed this way, a file gives the documents that the editor, which parses each document
 * alone, gives, and those kubectl reads: Kubernetes' own YAML reader (apimachinery's util/yaml) also cuts a file at its
 * `---` lines before decoding each part. Like it, a `%YAML` directive line before a marker stays with the document
 * before, so it applies to no document.
 *
 * A piece nested deeper than any manifest is not parsed (see nesting.ts): it is read as comment lines, so it yields an
 * empty document rather than a crash, and the file's other documents are read as usual.
 */
function parsePieces(text: string): Document.Parsed[] {
  const docs: Document.Parsed[] = [];
  let start = 0;
  for (const piece of splitDocuments(text)) {
    const parser = new Parser();
    parser.offset = start;
    const composer = new Composer({ uniqueKeys: false, strict: false });
    for (const doc of composer.compose(parser.parse(nestingDepth(piece) > MAX_NESTING ? asComments(piece) : piece))) docs.push(doc);
    start += piece.length;
  }
  return docs;
}

/** A piece turned into comment lines: its `---` kept, every other character but line breaks a `#`, so offsets and lines stay. */
function asComments(piece: string): string {
  // A marker line keeps its `---` and a blank after it, so it still starts a document.
  const marker = isMarkerAt(piece, 0) ? 4 : 0;
  return piece.slice(0, marker) + piece.slice(marker).replace(/[^\r\n]+/g, (run) => '#'.repeat(run.length));
}
