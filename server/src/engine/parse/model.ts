// The analysed view of one file: its documents, the components it configures and their config documents.
import { findComponents } from '../carriers/containers';
import { findEksctlKubeletConfigs } from '../carriers/eksctl';
import { findK3sComponents } from '../carriers/k3s';
import { findKubeadmComponents } from '../carriers/kubeadm';
import { SourceText, type FileConventions } from '../text';
import type { Component, ConfigSource } from './component';
import { configSourceOf } from './configDocuments';
import { parseDocuments, type ParsedDocument } from './documents';
import { findEmbeddedYaml, type EmbeddedYaml } from './embedded';

export interface ModelOptions {
  /** The file is a fragment merged into something we cannot see (a Kustomize patch): missing settings draw nothing. */
  partial?: boolean;
  /** The text is one document of a file: fixes follow the whole file's line ending and indentation. */
  file?: FileConventions;
}

export interface FileModel {
  source: SourceText;
  /** The file shows only part of what it configures (a Helm template, a Kustomize or kind patch): missing settings say nothing. */
  partial: boolean;
  documents: ParsedDocument[];
  components: Component[];
  configs: ConfigSource[];
  /** Kubernetes YAML inside block scalars of this file, each modelled on its own. */
  embedded: Array<{ yaml: EmbeddedYaml; model: FileModel }>;
}

/** YAML inside YAML inside YAML is read; deeper nesting is left alone. */
const MAX_EMBEDDING_DEPTH = 2;

/** Helm and other template files: what they render is not in the file, so missing settings say nothing. */
function isTemplate(text: string): boolean {
  return text.includes('{{');
}

export function buildModel(text: string, options: ModelOptions = {}, depth = 0): FileModel {
  const source = new SourceText(text, options.file);
  const documents = parseDocuments(text);
  const partial = options.partial === true || isTemplate(text);
  const components: Component[] = [];
  const configs: ConfigSource[] = [];
  for (const document of documents) {
    if (document.classification === 'workload') components.push(...findComponents(document, text));
    else components.push(...findKubeadmComponents(document), ...findK3sComponents(document, text));
    const config = configSourceOf(document);
    if (config) configs.push(config);
    configs.push(...findEksctlKubeletConfigs(document));
  }
  for (const c of components) c.partial ||= partial;
  for (const c of configs) c.partial ||= partial;
  const embedded =
    depth < MAX_EMBEDDING_DEPTH
      ? findEmbeddedYaml(documents, source).map((yaml) => ({ yaml, model: buildModel(yaml.text, { partial: partial || yaml.partial }, depth + 1) }))
      : [];
  return { source, partial, documents, components, configs, embedded };
}
