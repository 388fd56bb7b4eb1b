// The analysed view of one file: its documents, the components its containers run and its KubeletConfiguration documents.
import { SourceText } from '../text';
import { findComponents } from '../carriers/containers';
import type { Component } from './component';
import { parseDocuments, type ParsedDocument } from './documents';

export interface FileModel {
  source: SourceText;
  documents: ParsedDocument[];
  components: Component[];
  kubeletConfigs: ParsedDocument[];
}

export function buildModel(text: string): FileModel {
  const source = new SourceText(text);
  const documents = parseDocuments(text);
  const components: Component[] = [];
  const kubeletConfigs: ParsedDocument[] = [];
  for (const document of documents) {
    if (document.classification === 'workload') components.push(...findComponents(document, text));
    else if (document.classification === 'kubelet-config') kubeletConfigs.push(document);
  }
  return { source, documents, components, kubeletConfigs };
}
