// KCG304: an admission or conversion webhook has no caBundle, so the API server verifies it only against its system trust roots.
import { keyRange, mapValue, scalarText } from '../../parse/yamlNodes';
import type { Rule } from '../types';
import { CA_BUNDLE, certgenJob, conversionCrd, validatingWebhook, WEBHOOK_SERVICE } from './examples';
import { caInjector, CERTGEN_TARGETS, clientConfigSites, describe, fieldWritten, fileIsPartial, isKubebuilderPlaceholder, type CertgenTargets, type ClientConfigSite } from './objects';

function patchedAtRunTime(site: ClientConfigSite, certgen: CertgenTargets): boolean {
  const { kind, name } = site.object;
  if (name === undefined) return false;
  if (kind === 'ValidatingWebhookConfiguration') return certgen.validatingWebhooks.has(name);
  if (kind === 'MutatingWebhookConfiguration') return certgen.mutatingWebhooks.has(name);
  return false;
}

const rule: Rule = {
  meta: {
    id: 'KCG304',
    name: 'webhook-ca-bundle-missing',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'warning',
    summary: 'A webhook `clientConfig` has no `caBundle`, so the API server verifies the webhook only against the system trust roots of its host.',
    rationale: [
      'Without `caBundle` the API server checks the webhook\'s serving certificate against the system trust roots of the control-plane host. For a `url` webhook that means any public CA (or any private CA installed on the host) can issue a certificate the API server accepts for that host, and whoever holds one can receive the AdmissionReviews (whole objects, Secrets included) and answer them. For a `service` webhook those roots almost never signed a certificate for `<service>.<namespace>.svc`: every call fails, which blocks the matched requests under `failurePolicy: Fail` and silently skips the webhook\'s policy under `failurePolicy: Ignore`.',
      '',
      'A caBundle that is filled in after install counts as present: the cert-manager annotations `cert-manager.io/inject-ca-from`, `cert-manager.io/inject-ca-from-secret` and `cert-manager.io/inject-apiserver-ca` on the configuration object (or on the CRD), OpenShift\'s `service.beta.openshift.io/inject-cabundle: "true"`, a kube-webhook-certgen `patch --webhook-name=<name>` Job in the same file (ingress-nginx, kube-prometheus-stack), or an explicit (even empty) `caBundle:` placeholder. kubebuilder\'s Kustomize bases (service `webhook-service` in namespace `system`) and Helm templates draw no finding. CRD conversion webhooks are checked too.',
    ].join('\n'),
    remediation: 'Set `clientConfig.caBundle` to the base64 PEM of the CA that signed the webhook\'s serving certificate, or annotate the object with `cert-manager.io/inject-ca-from: <namespace>/<certificate>` and let cert-manager write it. There is no quick fix: only you know that CA.',
    formats: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'CustomResourceDefinition'],
    references: [
      { title: 'Dynamic admission control: contacting the webhook (caBundle)', url: 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#contacting-the-webhook' },
      { title: 'cert-manager CA injector', url: 'https://cert-manager.io/docs/concepts/ca-injector/' },
    ],
    examples: {
      valid: [
        { title: 'The CA is pinned', text: validatingWebhook([...WEBHOOK_SERVICE, `caBundle: ${CA_BUNDLE}`]) },
        { title: 'cert-manager injects the CA', text: validatingWebhook(WEBHOOK_SERVICE, ['cert-manager.io/inject-ca-from: policy-system/policy-webhook-tls']) },
        {
          title: 'A kube-webhook-certgen Job in the file patches the CA in',
          text: `${validatingWebhook(WEBHOOK_SERVICE)}---\n${certgenJob(['patch', '--webhook-name=policy-webhook', '--namespace=policy-system', '--patch-mutating=false', '--secret-name=policy-webhook-tls'])}`,
        },
        { title: 'A conversion webhook with its CA', text: conversionCrd(['service:', '  name: widgets-webhook', '  namespace: widgets', `caBundle: ${CA_BUNDLE}`]) },
      ],
      invalid: [
        { title: 'A service webhook without a CA', text: validatingWebhook(WEBHOOK_SERVICE) },
        { title: 'A URL webhook trusting the public roots', text: validatingWebhook(['url: https://policy.example.com/validate']) },
        { title: 'A conversion webhook without a CA', text: conversionCrd(['service:', '  name: widgets-webhook', '  namespace: widgets']) },
      ],
    },
  },
  facts: [CERTGEN_TARGETS],
  check(context) {
    if (fileIsPartial(context.model)) return;
    const certgen = context.fact(CERTGEN_TARGETS);
    for (const site of clientConfigSites(context.model)) {
      const { clientConfig } = site;
      const url = scalarText(mapValue(clientConfig, 'url'));
      const service = mapValue(clientConfig, 'service');
      if (url === undefined && service === undefined) continue;
      if (fieldWritten(clientConfig, 'caBundle') || caInjector(site.object.root) || isKubebuilderPlaceholder(clientConfig) || patchedAtRunTime(site, certgen)) continue;
      const range = keyRange(site.clientConfigPair);
      if (!range) continue;
      const consequence =
        url !== undefined
          ? `the API server accepts any certificate for ${hostOf(url)} that a CA in its host's system roots issued, and whoever holds one receives the reviews and answers them`
          : `the API server can verify service ${scalarText(mapValue(service, 'namespace')) ?? '?'}/${scalarText(mapValue(service, 'name')) ?? '?'} only against its host's system roots, so calls fail (and under failurePolicy: Ignore the webhook is silently skipped)`;
      context.report({ range, message: `${site.label} in ${describe(site.object)} has no caBundle in ${site.path}: ${consequence}` });
    }
  },
};

function hostOf(url: string): string {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/(?:[^/?#]*@)?([^/?#]*)/.exec(url)?.[1] || url;
}

export default rule;
