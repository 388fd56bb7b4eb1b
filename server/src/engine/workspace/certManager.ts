// cert-manager as the workspace shows it: which Certificate serves a Service, and which CA key pairs a Certificate chains up to.
import type { CertificateEnd, IssuerEnd, ServiceRef } from './channelEnds';
import type { Located } from './workspaceRule';

/**
 * The name the API server checks a webhook's or aggregated API server's certificate against: `<service>.<namespace>.svc`.
 * Go checks only the DNS SANs (not the common name), so only `dnsNames` count, wildcards included.
 */
export function serviceHost(service: ServiceRef): string {
  return `${service.name}.${service.namespace}.svc`.toLowerCase();
}

export function covers(cert: CertificateEnd, host: string): boolean {
  const wildcard = `*.${host.slice(host.indexOf('.') + 1)}`;
  return cert.dnsNames.some((n) => {
    const name = n.trim().toLowerCase();
    return name === host || name === wildcard;
  });
}

/** The Certificates named `name` that may live in `namespace` (one without a namespace is applied wherever it is). */
export function certificatesNamed(certs: ReadonlyArray<Located<CertificateEnd>>, namespace: string, name: string): Array<Located<CertificateEnd>> {
  return certs.filter((c) => c.end.name === name && (c.end.namespace === undefined || c.end.namespace === namespace));
}

/**
 * The CA key pairs (as `namespace/secret`) whose certificate may be in a Certificate's `ca.crt`, which is what
 * cert-manager's CA injector copies: for a self-signed issuer the certificate itself, for a CA issuer the issuer's key
 * pair and, when a Certificate in the workspace made that key pair, its own chain. Undefined when the workspace cannot
 * tell (an ACME, Vault or external issuer, an issuer or CA secret not in the workspace).
 */
export function caChain(
  cert: CertificateEnd,
  namespace: string,
  certs: ReadonlyArray<Located<CertificateEnd>>,
  issuers: ReadonlyArray<Located<IssuerEnd>>,
  depth = 0,
): Set<string> | undefined {
  const ref = cert.issuerRef;
  if (!ref || depth > 4) return undefined;
  const found = issuers.filter((i) => i.end.kind === ref.kind && i.end.name === ref.name && (ref.kind === 'ClusterIssuer' || i.end.namespace === undefined || i.end.namespace === namespace));
  if (found.length !== 1) return undefined;
  const issuer = found[0].end;
  if (issuer.type === 'selfSigned') return cert.secretName ? new Set([`${namespace}/${cert.secretName}`]) : undefined;
  if (issuer.type !== 'ca' || !issuer.caSecretName) return undefined;
  // A ClusterIssuer reads its secret from cert-manager's cluster resource namespace: the Certificate that made it says which.
  const owners = certs.filter((c) => c.end.secretName === issuer.caSecretName && (ref.kind === 'ClusterIssuer' || c.end.namespace === undefined || c.end.namespace === namespace));
  if (owners.length !== 1) return undefined;
  const owner = owners[0].end;
  const ownerNamespace = owner.namespace ?? namespace;
  const parents = caChain(owner, ownerNamespace, certs, issuers, depth + 1);
  if (!parents) return undefined;
  return new Set([`${ownerNamespace}/${issuer.caSecretName}`, ...parents]);
}
