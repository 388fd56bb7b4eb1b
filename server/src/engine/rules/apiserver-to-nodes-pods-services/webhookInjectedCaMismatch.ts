// KCG313: a webhook or APIService gets its CA injected from one cert-manager Certificate while its Service is served by another, from another CA (workspace rule).
import { appendTo } from '../../multiMap';
import { caChain, certificatesNamed, covers, serviceHost } from '../../workspace/certManager';
import { endsOf, fileName, filesExample, related, workspaceRule } from '../../workspace/workspaceRule';
import type { Fix } from '../../types';
import { apiService, validatingWebhook, WEBHOOK_SERVICE } from './examples';

const INJECT = 'cert-manager.io/inject-ca-from';

function selfSignedIssuer(namespace: string): string {
  return ['apiVersion: cert-manager.io/v1', 'kind: Issuer', 'metadata:', '  name: selfsigned', `  namespace: ${namespace}`, 'spec:', '  selfSigned: {}', ''].join('\n');
}

function caIssuer(namespace: string, secret: string): string {
  return ['apiVersion: cert-manager.io/v1', 'kind: Issuer', 'metadata:', '  name: ca-issuer', `  namespace: ${namespace}`, 'spec:', '  ca:', `    secretName: ${secret}`, ''].join('\n');
}

function certificate(namespace: string, name: string, dnsName: string, issuer: string, isCA = false): string {
  return [
    'apiVersion: cert-manager.io/v1',
    'kind: Certificate',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    `  secretName: ${name}-tls`,
    ...(isCA ? ['  isCA: true', `  commonName: ${dnsName}`] : ['  dnsNames:', `  - ${dnsName}`]),
    '  issuerRef:',
    `    name: ${issuer}`,
    '    kind: Issuer',
    '',
  ].join('\n');
}

const NS = 'policy-system';
const SERVING = certificate(NS, 'policy-webhook-serving', 'policy-webhook.policy-system.svc', 'selfsigned');
const OTHER = certificate(NS, 'policy-metrics-serving', 'policy-metrics.policy-system.svc', 'selfsigned');
const CERTS = `${selfSignedIssuer(NS)}---\n${SERVING}---\n${OTHER}`;

const rule = workspaceRule(
  {
    id: 'KCG313',
    name: 'webhook-injected-ca-mismatch',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'warning',
    summary: 'A webhook or APIService has its caBundle injected from one cert-manager Certificate (`cert-manager.io/inject-ca-from`), but its Service is served by another Certificate that a different CA signs.',
    rationale: [
      'cert-manager\'s CA injector copies the `ca.crt` of the Certificate named in `cert-manager.io/inject-ca-from` into the object\'s `caBundle`, and the API server then accepts only serving certificates that chain to it. When the Certificate that covers `<service>.<namespace>.svc` is another one, signed by another CA (each certificate of a `selfSigned` issuer is its own CA; a `ca` issuer signs with its key pair), every call fails: admission requests are rejected under `failurePolicy: Fail` or the webhook is silently skipped under `Ignore`; an APIService turns unavailable. The way out people take is `insecureSkipTLSVerify` or a `failurePolicy: Ignore`, which leave the channel unchecked.',
      '',
      'This is a workspace rule: it reads the webhooks, APIServices, Certificates and Issuers of every file (and every document of one file), and reports only when the workspace decides it: the named Certificate exists and does not cover the service, exactly one other Certificate covers it, and both chains of CAs are known (self-signed and CA issuers, with the CA\'s own Certificate in the workspace) and share no CA. ACME, Vault and external issuers, and anything a template fills in, draw nothing.',
    ].join('\n'),
    remediation: 'Name the Certificate that serves the Service in `cert-manager.io/inject-ca-from: <namespace>/<certificate>`, or issue both from one CA issuer. The quick fix names the Certificate whose dnsNames cover the service.',
    formats: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'CustomResourceDefinition', 'APIService', 'cert-manager Certificate', 'cert-manager Issuer'],
    references: [
      { title: 'cert-manager CA injector', url: 'https://cert-manager.io/docs/concepts/ca-injector/' },
      { title: 'Dynamic admission control: contacting the webhook', url: 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#contacting-the-webhook' },
    ],
    examples: {
      valid: [
        filesExample('The CA comes from the Certificate that serves the webhook', [
          { name: 'webhook.yaml', text: validatingWebhook(WEBHOOK_SERVICE, [`${INJECT}: ${NS}/policy-webhook-serving`]) },
          { name: 'certificates.yaml', text: CERTS },
        ]),
        filesExample('The CA certificate of a CA issuer that signs the serving certificate', [
          { name: 'webhook.yaml', text: validatingWebhook(WEBHOOK_SERVICE, [`${INJECT}: ${NS}/policy-ca`]) },
          {
            name: 'certificates.yaml',
            text: `${selfSignedIssuer(NS)}---\n${certificate(NS, 'policy-ca', 'policy-ca', 'selfsigned', true)}---\n${caIssuer(NS, 'policy-ca-tls')}---\n${certificate(NS, 'policy-webhook-serving', 'policy-webhook.policy-system.svc', 'ca-issuer')}`,
          },
        ]),
      ],
      invalid: [
        filesExample('The annotation names the metrics certificate', [
          {
            name: 'webhook.yaml',
            text: validatingWebhook(WEBHOOK_SERVICE, [`${INJECT}: ${NS}/policy-metrics-serving`]),
            fixed: validatingWebhook(WEBHOOK_SERVICE, [`${INJECT}: ${NS}/policy-webhook-serving`]),
          },
          { name: 'certificates.yaml', text: CERTS },
        ]),
        filesExample('An APIService with the CA of another self-signed certificate', [
          {
            name: 'apiservice.yaml',
            text: apiService([], [`${INJECT}: kube-system/metrics-client`]),
            fixed: apiService([], [`${INJECT}: kube-system/metrics-server`]),
          },
          {
            name: 'certificates.yaml',
            text: `${selfSignedIssuer('kube-system')}---\n${certificate('kube-system', 'metrics-server', 'metrics-server.kube-system.svc', 'selfsigned')}---\n${certificate('kube-system', 'metrics-client', 'metrics-client.kube-system.svc', 'selfsigned')}`,
          },
        ]),
      ],
    },
  },
  (context) => {
    const certs = endsOf(context, 'certificates');
    if (certs.length === 0) return;
    const issuers = endsOf(context, 'issuers');
    const byName = new Map<string, typeof certs>();
    const byHost = new Map<string, typeof certs>();
    for (const c of certs) {
      appendTo(byName, c.end.name, c);
      for (const dns of c.end.dnsNames) appendTo(byHost, dns.trim().toLowerCase(), c);
    }
    for (const { uri, end } of endsOf(context, 'serviceClients')) {
      const inject = end.injectCaFrom;
      const m = inject && /^([^/\s]+)\/([^/\s]+)$/.exec(inject.value);
      if (!inject || !m) continue;
      const [, namespace, name] = m;
      const named = certificatesNamed(byName.get(name) ?? [], namespace, name);
      if (named.length !== 1) continue;
      const [injected] = named;
      const host = serviceHost(end.service);
      if (covers(injected.end, host)) continue;
      const candidates = [...(byHost.get(host) ?? []), ...(byHost.get(`*.${host.slice(host.indexOf('.') + 1)}`) ?? [])];
      const serving = [...new Set(candidates)].filter((c) => c !== injected && (c.end.namespace === undefined || c.end.namespace === end.service.namespace));
      if (serving.length !== 1) continue;
      const [served] = serving;
      const servedNamespace = served.end.namespace ?? end.service.namespace;
      const trusted = caChain(injected.end, injected.end.namespace ?? namespace, certs, issuers);
      const signing = caChain(served.end, servedNamespace, certs, issuers);
      if (!trusted || !signing || [...trusted].some((ca) => signing.has(ca))) continue;
      const target = `${servedNamespace}/${served.end.name}`;
      const fixes: Fix[] = inject.valueRange ? [{ title: `Set ${INJECT}: ${target}`, edits: [{ range: inject.valueRange, newText: target }] }] : [];
      const where = (u: string) => (u === uri ? 'this file' : fileName(u));
      context.report({
        uri,
        range: inject.range,
        message: `${end.label} trusts the CA of Certificate ${namespace}/${name} (${where(injected.uri)}), but ${host} is served by Certificate ${target} (${where(served.uri)}), which another CA signs: the API server rejects the service's certificate, so every call fails`,
        fixes,
        related: [
          related(served.uri, served.end.range, `Certificate ${target} covers ${host}`),
          related(injected.uri, injected.end.range, `Certificate ${namespace}/${name}, whose CA is injected, does not cover ${host}`),
        ],
      });
    }
  },
);

export default rule;
