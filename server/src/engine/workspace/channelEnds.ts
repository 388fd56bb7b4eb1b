// The index of channel ends one file holds (API servers, kubelets, kubeconfigs, webhooks, certificates), as plain data with ranges.
// Cross-file checks read only this index, never a FileModel, so a file analysed as several models (one per group of YAML
// documents) can shift each model's ends into file coordinates with mapEndRanges and concatenate them.
import type { Fix, Range, TextEdit } from '../types';

/**
 * A setting of one end as the component reads it: written in the file (with where), left to its default, or
 * unknowable from the file (a Helm template that leaves it out, an unexpanded `$(VAR)`, a config file we cannot see).
 */
export type SettingState =
  | {
      state: 'set';
      value: string;
      /** The whole setting (`--flag=value`, `key: value`), where a finding about it points. */
      range: Range;
      /** The value's characters, without quotes, when a fix may replace them. */
      valueRange?: Range;
      /** How the file spells the setting: `--secure-port`, `secure-port` in kubeadm extraArgs, `authentication.x509.clientCAFile`. */
      spelled: string;
      /** Written by the tool that generates the real command line (kubeadm's defaults), not in the file itself. */
      implied?: boolean;
    }
  | { state: 'default'; value?: string; spelled: string }
  | { state: 'unknown' };

/** An address an API server answers on, with the port a client must use there. */
export interface ApiServerAddress {
  host: string;
  /** The port a client must use at this address; undefined means the API server's secure port. */
  port?: string;
  /** Where the address (or endpoint) is written. */
  range: Range;
  /** How the file names it: `--advertise-address`, `controlPlaneEndpoint`. */
  spelled: string;
}

export interface ApiServerEnd {
  /** How the user would name it: `container kube-apiserver`, `ClusterConfiguration apiServer.extraArgs`. */
  label: string;
  /** Where the component is named (its command list or extraArgs key): related locations point here when no setting is written. */
  range: Range;
  carrier: 'argv' | 'kubeadm' | 'k3s';
  partial: boolean;
  /** The Kubernetes version the file says it runs (`1.31`), if any. */
  version?: string;
  kubeletCertificateAuthority: SettingState;
  kubeletClientCertificate: SettingState;
  securePort: SettingState;
  /** The plain-HTTP port before 1.20 (`--insecure-port`, default 8080); `0` is off. */
  insecurePort: SettingState;
  /** Addresses written on the command line: `--advertise-address`, a specific `--bind-address`. */
  addresses: ApiServerAddress[];
  /** kubeadm's `certificatesDir` when the configuration writes one: kubeadm's implied paths live there. */
  certificatesDir?: string;
}

/**
 * kubeadm's local API endpoint and control-plane endpoint, written in Init/Join/ClusterConfiguration documents. They
 * belong to the kubeadm API servers of the same file, which may sit in another document (or another group of documents).
 */
export interface KubeadmEndpointEnd {
  /** `localAPIEndpoint.advertiseAddress` and `localAPIEndpoint.bindPort`, or `controlPlaneEndpoint`. */
  kind: 'local' | 'control-plane';
  host?: string;
  port?: string;
  range: Range;
  spelled: string;
}

export interface KubeletEnd {
  /** `KubeletConfiguration`, `container kubelet`, `JoinConfiguration nodeRegistration.kubeletExtraArgs`. */
  label: string;
  range: Range;
  partial: boolean;
  /**
   * Where the kubelet's serving certificate comes from: it signs its own (with where that is decided and the edits that turn
   * on serverTLSBootstrap), or a CA signs it (`serverTLSBootstrap`, `tlsCertFile`), or the file cannot tell.
   */
  serving: { state: 'self-signed'; range: Range; fixes: Fix[] } | { state: 'ca-signed' } | { state: 'unknown' };
  clientCAFile: SettingState;
}

export interface KubeconfigClusterEnd {
  /** The cluster entry's name. */
  name: string;
  server: string;
  /** The `server: ...` pair. */
  range: Range;
  /** The URL's characters, when a fix may replace them. */
  valueRange?: Range;
  partial: boolean;
}

export interface ServiceRef {
  namespace: string;
  name: string;
}

/** An object that makes the API server call a Service over TLS: an admission webhook, a CRD conversion webhook, an APIService. */
export interface ServiceClientEnd {
  kind: string;
  /** `webhook validate.example.com in ValidatingWebhookConfiguration example`, `APIService v1beta1.metrics.k8s.io`. */
  label: string;
  service: ServiceRef;
  /** The `clientConfig` (or `spec.service`) key. */
  range: Range;
  /** A caBundle is written (even empty: a placeholder someone fills). */
  caBundleWritten: boolean;
  /** `cert-manager.io/inject-ca-from: <namespace>/<certificate>`, when the object has it. */
  injectCaFrom?: { value: string; range: Range; valueRange?: Range };
  /** Another injector fills the caBundle (inject-ca-from-secret, inject-apiserver-ca, OpenShift's service CA). */
  otherInjector: boolean;
  partial: boolean;
}

export interface CertificateEnd {
  namespace?: string;
  name: string;
  dnsNames: string[];
  commonName?: string;
  secretName?: string;
  issuerRef?: { kind: 'Issuer' | 'ClusterIssuer'; name: string };
  /** The `metadata.name` value, where related locations point. */
  range: Range;
  partial: boolean;
}

export interface IssuerEnd {
  kind: 'Issuer' | 'ClusterIssuer';
  namespace?: string;
  name: string;
  /** `selfSigned`: each certificate is its own CA; `ca`: signed by the key pair in `spec.ca.secretName`; anything else is unknowable here. */
  type: 'selfSigned' | 'ca' | 'other';
  caSecretName?: string;
  range: Range;
}

export interface ChannelEnds {
  apiServers: ApiServerEnd[];
  kubeadmEndpoints: KubeadmEndpointEnd[];
  kubelets: KubeletEnd[];
  kubeconfigClusters: KubeconfigClusterEnd[];
  serviceClients: ServiceClientEnd[];
  certificates: CertificateEnd[];
  issuers: IssuerEnd[];
}

export function emptyEnds(): ChannelEnds {
  return { apiServers: [], kubeadmEndpoints: [], kubelets: [], kubeconfigClusters: [], serviceClients: [], certificates: [], issuers: [] };
}

/** The ends of several parts of one file (groups of documents, embedded YAML), already in file coordinates. */
export function concatEnds(parts: readonly ChannelEnds[]): ChannelEnds {
  const all = emptyEnds();
  for (const p of parts) {
    all.apiServers.push(...p.apiServers);
    all.kubeadmEndpoints.push(...p.kubeadmEndpoints);
    all.kubelets.push(...p.kubelets);
    all.kubeconfigClusters.push(...p.kubeconfigClusters);
    all.serviceClients.push(...p.serviceClients);
    all.certificates.push(...p.certificates);
    all.issuers.push(...p.issuers);
  }
  return all;
}

/** How to move ends into other coordinates: every range, and every edit (whose new text may need changing too, inside a block scalar). */
export interface EndMapping {
  range(r: Range): Range;
  edit(e: TextEdit): TextEdit;
}

/** Moves every range of the ends (settings, anchors and the edits of their fixes) with `f`, for a model that is part of a larger file. */
export function mapEndRanges(ends: ChannelEnds, f: (r: Range) => Range): ChannelEnds {
  return mapEnds(ends, { range: f, edit: (e) => ({ range: f(e.range), newText: e.newText }) });
}

export function mapEnds(ends: ChannelEnds, m: EndMapping): ChannelEnds {
  const opt = (r: Range | undefined): Range | undefined => (r ? m.range(r) : undefined);
  const setting = (s: SettingState): SettingState => (s.state === 'set' ? { ...s, range: m.range(s.range), valueRange: opt(s.valueRange) } : s);
  const fix = (f: Fix): Fix => ({ title: f.title, edits: f.edits.map((e) => m.edit(e)) });
  return {
    apiServers: ends.apiServers.map((a) => ({
      ...a,
      range: m.range(a.range),
      kubeletCertificateAuthority: setting(a.kubeletCertificateAuthority),
      kubeletClientCertificate: setting(a.kubeletClientCertificate),
      securePort: setting(a.securePort),
      insecurePort: setting(a.insecurePort),
      addresses: a.addresses.map((x) => ({ ...x, range: m.range(x.range) })),
    })),
    kubeadmEndpoints: ends.kubeadmEndpoints.map((e) => ({ ...e, range: m.range(e.range) })),
    kubelets: ends.kubelets.map((k) => ({
      ...k,
      range: m.range(k.range),
      serving: k.serving.state === 'self-signed' ? { state: 'self-signed', range: m.range(k.serving.range), fixes: k.serving.fixes.map(fix) } : k.serving,
      clientCAFile: setting(k.clientCAFile),
    })),
    kubeconfigClusters: ends.kubeconfigClusters.map((c) => ({ ...c, range: m.range(c.range), valueRange: opt(c.valueRange) })),
    serviceClients: ends.serviceClients.map((s) => ({
      ...s,
      range: m.range(s.range),
      injectCaFrom: s.injectCaFrom && { ...s.injectCaFrom, range: m.range(s.injectCaFrom.range), valueRange: opt(s.injectCaFrom.valueRange) },
    })),
    certificates: ends.certificates.map((c) => ({ ...c, range: m.range(c.range) })),
    issuers: ends.issuers.map((i) => ({ ...i, range: m.range(i.range) })),
  };
}
