// Splits a YAML file into documents with source ranges and says what kind of Kubernetes object each one is.
import { parseAllDocuments, type Document } from 'yaml';
import { MAX_NESTING, nestingDepth } from './nesting';
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
  // Text nested deeper than any manifest is not parsed (see nesting.ts): it yields no document rather than a crash.
  if (nestingDepth(text) > MAX_NESTING) return [];
  const docs = parseAllDocuments(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
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
