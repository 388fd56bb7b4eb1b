// The analysed view of one file: its documents, the components its containers run and its KubeletConfiguration documents.
import { SourceText } from '../text';
import { findComponents, type ComponentInvocation } from './components';
import { parseDocuments, type ParsedDocument } from './documents';

export interface FileModel {
  source: SourceText;
  documents: ParsedDocument[];
  components: ComponentInvocation[];
  kubeletConfigs: ParsedDocument[];
}

export function buildModel(text: string): FileModel {
  const source = new SourceText(text);
  const documents = parseDocuments(text);
  const components: ComponentInvocation[] = [];
  const kubeletConfigs: ParsedDocument[] = [];
  for (const document of documents) {
    if (document.classification === 'workload') components.push(...findComponents(document, text));
    else if (document.classification === 'kubelet-config') kubeletConfigs.push(document);
  }
  return { source, documents, components, kubeletConfigs };
}
