// The analysed view of one file: its documents, the components it configures and their config documents.
import { findComponents } from '../carriers/containers';
import { SourceText } from '../text';
import type { Component, ConfigSource } from './component';
import { configSourceOf } from './configDocuments';
import { parseDocuments, type ParsedDocument } from './documents';

export interface ModelOptions {
  /** The file is a fragment merged into something we cannot see (a Kustomize patch): missing settings draw nothing. */
  partial?: boolean;
}

export interface FileModel {
  source: SourceText;
  documents: ParsedDocument[];
  components: Component[];
  configs: ConfigSource[];
}

/** Helm and other template files: what they render is not in the file, so missing settings say nothing. */
function isTemplate(text: string): boolean {
  return text.includes('{{');
}

export function buildModel(text: string, options: ModelOptions = {}): FileModel {
  const source = new SourceText(text);
  const documents = parseDocuments(text);
  const partial = options.partial === true || isTemplate(text);
  const components: Component[] = [];
  const configs: ConfigSource[] = [];
  for (const document of documents) {
    if (document.classification === 'workload') components.push(...findComponents(document, text));
    const config = configSourceOf(document);
    if (config) configs.push(config);
  }
  for (const c of components) c.partial ||= partial;
  for (const c of configs) c.partial ||= partial;
  return { source, documents, components, configs };
}
