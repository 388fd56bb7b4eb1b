// The API objects this channel's rules read (APIServices, webhook configurations, CRD conversion webhooks) and the run-time injectors that fill their caBundle in.
import { isScalar, type Pair, type YAMLMap } from 'yaml';
import { WORKLOAD_POD_SPEC_PATHS } from '../../parse/documents';
import type { FileModel } from '../../parse/model';
import { asMap, asSeq, mapPair, mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';
import { parseBool } from '../templates/values';
import type { FileFact } from '../types';
import { documentsOf, type MatchedDocument } from '../templates/documents';

export type KubeObject = MatchedDocument;

/** Helm templates and fragments merged into something we cannot see: fields they leave out draw no finding. */
export function fileIsPartial(model: FileModel): boolean {
  return model.partial;
}

export function annotation(root: YAMLMap<unknown, unknown>, key: string): string | undefined {
  return scalarText(mapPathPair(root, ['metadata', 'annotations', key])?.value);
}

/** Annotations that make cert-manager's CA injector write `caBundle` (cert-manager.io since 0.11, certmanager.k8s.io before). */
const CERT_MANAGER_INJECTION = ['cert-manager.io/inject-ca-from', 'cert-manager.io/inject-ca-from-secret', 'certmanager.k8s.io/inject-ca-from', 'certmanager.k8s.io/inject-ca-from-secret'];

/**
 * The annotation that makes an injector write this object's caBundle, if there is one: cert-manager's
 * cainjector, or OpenShift's service CA operator. A caBundle that will be there is as good as one written.
 */
export function caInjector(root: YAMLMap<unknown, unknown>): string | undefined {
  for (const key of CERT_MANAGER_INJECTION) {
    const value = annotation(root, key);
    if (value !== undefined && value.trim() !== '') return key;
  }
  if (parseBool(annotation(root, 'cert-manager.io/inject-apiserver-ca')) === true) return 'cert-manager.io/inject-apiserver-ca';
  if (parseBool(annotation(root, 'service.beta.openshift.io/inject-cabundle')) === true) return 'service.beta.openshift.io/inject-cabundle';
  return undefined;
}

export interface CertgenTargets {
  validatingWebhooks: Set<string>;
  mutatingWebhooks: Set<string>;
  apiServices: Set<string>;
}

/**
 * The objects a kube-webhook-certgen `patch` container in this file writes a caBundle into
 * (ingress-nginx, kube-prometheus-stack and others run it as a Job right after install):
 * `--webhook-name` patches both webhook configurations of that name unless `--patch-validating=false`
 * or `--patch-mutating=false`; `--apiservice-name` patches an APIService.
 */
export function certgenTargets(model: FileModel): CertgenTargets {
  const targets: CertgenTargets = { validatingWebhooks: new Set(), mutatingWebhooks: new Set(), apiServices: new Set() };
  for (const document of model.documents) {
    const path = document.kind ? WORKLOAD_POD_SPEC_PATHS[document.kind] : undefined;
    if (!path) continue;
    const podSpec = mapPathPair(document.doc.contents, path)?.value;
    for (const key of ['initContainers', 'containers']) {
      for (const container of asSeq(mapValue(podSpec, key))?.items ?? []) {
        const words = ['command', 'args'].flatMap((k) => (asSeq(mapValue(container, k))?.items ?? []).flatMap((i) => (isScalar(i) && i.value !== null ? [String(i.value)] : [])));
        if (!words.includes('patch')) continue;
        const flags = flagValues(words);
        const webhook = flags.get('webhook-name');
        if (webhook) {
          if (parseBool(flags.get('patch-validating') ?? 'true') !== false) targets.validatingWebhooks.add(webhook);
          if (parseBool(flags.get('patch-mutating') ?? 'true') !== false) targets.mutatingWebhooks.add(webhook);
        }
        const apiService = flags.get('apiservice-name');
        if (apiService) targets.apiServices.add(apiService);
      }
    }
  }
  return targets;
}

/** What the file's certgen Jobs patch (KCG302, KCG304). */
export const CERTGEN_TARGETS: FileFact<CertgenTargets> = {
  name: 'certgen-targets',
  of: (context) => certgenTargets(context.model),
  join: (parts) => ({
    validatingWebhooks: new Set(parts.flatMap((p) => [...p.validatingWebhooks])),
    mutatingWebhooks: new Set(parts.flatMap((p) => [...p.mutatingWebhooks])),
    apiServices: new Set(parts.flatMap((p) => [...p.apiServices])),
  }),
  key: (t) => [t.validatingWebhooks, t.mutatingWebhooks, t.apiServices].map((names) => [...names].sort().join('\n')).join('\n\n'),
};

/** `--name=value` and `--name value` words of a command line, last one winning; certgen's bool flags only take `=value`. */
function flagValues(words: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  const bools = new Set(['patch-validating', 'patch-mutating']);
  for (let i = 0; i < words.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(words[i]);
    if (!m) continue;
    if (m[2] !== undefined) values.set(m[1], m[2]);
    else if (bools.has(m[1])) values.set(m[1], 'true');
    else if (words[i + 1] !== undefined && !words[i + 1].startsWith('-')) values.set(m[1], words[++i]);
  }
  return values;
}

/** A place where the API server is told how to call a webhook: an admission webhook or a CRD conversion webhook. */
export interface ClientConfigSite {
  object: KubeObject;
  clientConfigPair: Pair<unknown, unknown>;
  clientConfig: YAMLMap<unknown, unknown>;
  /** How the user would name it: `webhook validate.nginx.ingress.kubernetes.io`, `the conversion webhook`. */
  label: string;
  /** The field path of the clientConfig, as written: `webhooks[0].clientConfig`, `spec.conversion.webhook.clientConfig`. */
  path: string;
}

const WEBHOOK_KINDS = ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'];

export function clientConfigSites(model: FileModel): ClientConfigSite[] {
  const sites: ClientConfigSite[] = [];
  for (const object of documentsOf(model, WEBHOOK_KINDS, ['admissionregistration.k8s.io'])) {
    const webhooks = asSeq(mapValue(object.root, 'webhooks'))?.items ?? [];
    webhooks.forEach((webhook, i) => {
      const pair = mapPair(webhook, 'clientConfig');
      const clientConfig = asMap(pair?.value);
      if (!pair || !clientConfig) return;
      const name = scalarText(mapValue(webhook, 'name'));
      sites.push({ object, clientConfigPair: pair, clientConfig, label: name ? `webhook ${name}` : `webhooks[${i}]`, path: `webhooks[${i}].clientConfig` });
    });
  }
  for (const object of documentsOf(model, ['CustomResourceDefinition'], ['apiextensions.k8s.io'])) {
    const conversion = mapPathPair(object.root, ['spec', 'conversion'])?.value;
    if (scalarText(mapValue(conversion, 'strategy')) !== 'Webhook') continue;
    // apiextensions.k8s.io/v1 nests it under `webhook`; v1beta1 calls it `webhookClientConfig`.
    const v1 = mapPathPair(conversion, ['webhook', 'clientConfig']);
    const pair = v1 ?? mapPair(conversion, 'webhookClientConfig');
    const clientConfig = asMap(pair?.value);
    if (!pair || !clientConfig) continue;
    sites.push({ object, clientConfigPair: pair, clientConfig, label: 'the conversion webhook', path: v1 ? 'spec.conversion.webhook.clientConfig' : 'spec.conversion.webhookClientConfig' });
  }
  return sites;
}

/**
 * kubebuilder scaffolds (`config/webhook/manifests.yaml`, `config/crd/patches/webhook_in_*.yaml`) point
 * at the placeholder service `webhook-service` in namespace `system`: they are Kustomize bases whose
 * overlay renames the service and adds cert-manager's injection annotation, so they are fragments.
 */
export function isKubebuilderPlaceholder(clientConfig: YAMLMap<unknown, unknown>): boolean {
  const service = mapValue(clientConfig, 'service');
  return scalarText(mapValue(service, 'namespace')) === 'system' && scalarText(mapValue(service, 'name')) === 'webhook-service';
}

/** Whether a caBundle-like field is written at all; an explicit empty string is a placeholder some installer fills at run time. */
export function fieldWritten(map: unknown, key: string): boolean {
  return mapPair(map, key) !== undefined;
}

export function nonEmptyScalar(map: unknown, key: string): boolean {
  const text = scalarText(mapValue(map, key));
  return text !== undefined && text.trim() !== '';
}

/** How a message names an object: `APIService v1beta1.metrics.k8s.io`, or `this APIService` when it has no name. */
export function describe(object: KubeObject): string {
  return object.name ? `${object.kind} ${object.name}` : `this ${object.kind}`;
}
