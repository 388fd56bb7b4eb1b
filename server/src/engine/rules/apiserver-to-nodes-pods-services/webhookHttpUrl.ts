// KCG303: an admission or conversion webhook URL uses plain http or carries credentials.
import { mapPair, scalarText } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { CA_BUNDLE, conversionCrd, validatingWebhook, WEBHOOK_SERVICE } from './examples';
import { clientConfigSites, describe, type ClientConfigSite } from './objects';

/** What the API server sends the webhook, for the message. */
function payload(site: ClientConfigSite): string {
  return site.object.kind === 'CustomResourceDefinition' ? 'every object of the resource, in ConversionReviews' : 'the objects under review, Secrets included, in AdmissionReviews';
}

const rule: Rule = {
  meta: {
    id: 'KCG303',
    name: 'webhook-http-url',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'error',
    summary: 'A webhook `clientConfig.url` uses `http://` or carries `user:password@` credentials.',
    rationale: [
      'The API server sends admission webhooks the full object of every request they match (Secrets, pod specs, tokens in TokenRequests) and conversion webhooks every stored object of the resource, and it acts on their answer. Over `http://` anyone on the path reads all of it and can answer in the webhook\'s place: allow what should be denied, or patch objects as they are created.',
      '',
      'The API server refuses both forms: `\'https\' is the only allowed URL scheme` and `user information is not permitted in the URL` are validation errors for ValidatingWebhookConfiguration, MutatingWebhookConfiguration and CRD conversion webhooks, so the manifest cannot even be applied. Credentials in the URL would also be readable by everyone who can read the configuration object. This covers `webhooks[].clientConfig.url`, `spec.conversion.webhook.clientConfig.url` (apiextensions.k8s.io/v1) and `spec.conversion.webhookClientConfig.url` (v1beta1). No established scanner checks webhook URLs.',
    ].join('\n'),
    remediation: 'Serve the webhook over HTTPS and point `clientConfig.url` at `https://…` with the serving CA in `caBundle`, or better, for a webhook running in the cluster, use `clientConfig.service` instead of a URL. Authenticate the API server to the webhook with a client certificate configured through the admission `kubeConfigFile`, never with credentials in the URL. There is no quick fix: switching the scheme needs TLS on the webhook first.',
    formats: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'CustomResourceDefinition'],
    references: [
      { title: 'Dynamic admission control: contacting the webhook (URL)', url: 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#url' },
      { title: 'Authenticate API servers to webhooks', url: 'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#authenticate-apiservers' },
      { title: 'Webhook conversion: configure the CustomResourceDefinition', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definition-versioning/#configure-customresourcedefinition-to-use-conversion-webhooks' },
    ],
    examples: {
      valid: [
        { title: 'An https URL with its CA', text: validatingWebhook(['url: https://policy.example.com/validate', `caBundle: ${CA_BUNDLE}`]) },
        { title: 'A service reference', text: validatingWebhook([...WEBHOOK_SERVICE, `caBundle: ${CA_BUNDLE}`]) },
      ],
      invalid: [
        { title: 'A plain-http admission webhook', text: validatingWebhook(['url: http://policy.example.com/validate']) },
        { title: 'Credentials in the URL', text: validatingWebhook(['url: https://admin:s3cret@policy.example.com/validate', `caBundle: ${CA_BUNDLE}`]) },
        { title: 'A plain-http conversion webhook', text: conversionCrd(['url: http://widgets.example.com/convert']) },
      ],
    },
  },
  check(context) {
    for (const site of clientConfigSites(context.model)) {
      const pair = mapPair(site.clientConfig, 'url');
      const url = scalarText(pair?.value)?.trim();
      const range = pair && pairRange(pair);
      if (!url || !range) continue;
      // Go's url.Parse lowercases the scheme and takes everything before the last `@` of the authority as user information.
      const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
      const userinfo = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*@/.test(url);
      const problems: string[] = [];
      if (scheme === 'http') problems.push(`uses plain http: an http webhook would receive ${payload(site)} in clear text`);
      if (userinfo) problems.push(`carries user information (user:password@) that anyone who can read the ${site.object.kind} can read`);
      if (problems.length === 0) continue;
      const refusal = scheme === 'http' ? "'https' is the only allowed URL scheme" : 'user information is not permitted in the URL';
      context.report({
        range,
        message: `The URL of ${site.label} in ${describe(site.object)} ${problems.join(', and ')}; the API server rejects the object (${refusal})`,
      });
    }
  },
};

export default rule;
