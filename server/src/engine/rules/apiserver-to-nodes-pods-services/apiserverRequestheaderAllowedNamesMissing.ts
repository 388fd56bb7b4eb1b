// KCG311: kube-apiserver trusts X-Remote-User headers from any certificate of the request-header CA, since --requestheader-allowed-names is empty.
import { flagFormats } from '../../docs/formats';
import { apiserverPod } from '../examples';
import { componentsOf } from '../templates/flags';
import { isSet } from '../templates/values';
import type { Rule } from '../types';
import { FRONT_PROXY } from './examples';

/** kubeadm's front-proxy client certificate has this common name. */
const KUBEADM_NAME = 'front-proxy-client';

const rule: Rule = {
  meta: {
    id: 'KCG311',
    name: 'apiserver-requestheader-allowed-names-missing',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'warning',
    summary: 'kube-apiserver sets `--requestheader-client-ca-file` but leaves `--requestheader-allowed-names` empty, so any certificate from that CA may assert any user in `X-Remote-User`.',
    rationale: [
      'The request-header authenticator lets a front proxy (the aggregation layer itself, when it calls aggregated API servers, or an authenticating proxy in front of the API server) say who the user is: a request with a client certificate from `--requestheader-client-ca-file` may set `X-Remote-User`, `X-Remote-Group` and `X-Remote-Extra-*`, and is believed. `--requestheader-allowed-names` narrows that to certificates with the listed common names; left empty, every certificate the CA ever signed can claim to be `system:admin` in `system:masters`. kube-apiserver publishes the same CA and names in the `extension-apiserver-authentication` ConfigMap, so every aggregated API server (metrics-server and the rest) trusts them as well.',
      '',
      'How bad it is depends on the CA. kubeadm gives the front proxy its own CA (`front-proxy-ca.crt`) that signs a single certificate, and still sets `--requestheader-allowed-names=front-proxy-client`. When the request-header CA is the cluster CA (`--client-ca-file`), every kubelet and every user with a client certificate can impersonate anyone; the message says so.',
    ].join('\n'),
    remediation: 'Set `--requestheader-allowed-names` to the common name of the front-proxy client certificate, and give the front proxy a CA of its own. The quick fix adds kubeadm\'s `--requestheader-allowed-names=front-proxy-client`; it is offered only when `--proxy-client-cert-file` is unset or kubeadm\'s `front-proxy-client.crt`, whose common name that is.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Authenticating proxy (request header authentication)', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#authenticating-proxy' },
      { title: 'Configure the aggregation layer: CA reusage and conflicts', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/configure-aggregation-layer/#ca-reusage-and-conflicts' },
      { title: 'kubeadm PKI certificates and requirements', url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' },
    ],
    examples: {
      valid: [
        { title: 'kubeadm\'s front-proxy flags', text: apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, FRONT_PROXY.cert, FRONT_PROXY.key]) },
        { title: 'No request-header authentication', text: apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt']) },
      ],
      invalid: [
        {
          title: 'The allowed names left out',
          text: apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.cert, FRONT_PROXY.key]),
          fixed: apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.cert, FRONT_PROXY.key, FRONT_PROXY.names]),
        },
        {
          title: 'The cluster CA trusted for request headers, with another proxy certificate',
          text: apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt', '--requestheader-client-ca-file=/etc/kubernetes/pki/ca.crt', '--proxy-client-cert-file=/srv/aggregator.crt', '--proxy-client-key-file=/srv/aggregator.key']),
        },
      ],
    },
  },
  check(context) {
    const { source } = context.model;
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const ca = c.flags.last('requestheader-client-ca-file');
      if (!ca || !isSet(ca.value) || ca.unresolved) continue;
      const names = c.flags.last('requestheader-allowed-names');
      if (c.flags.list('requestheader-allowed-names').length > 0 || (!names && c.partial)) continue;
      const written = names && names.form !== 'implied' ? names : undefined;
      const range = written?.range ?? (ca.form !== 'implied' ? ca.range : c.carrier.homeRange());
      if (!range) continue;
      const proxyCert = c.flags.last('proxy-client-cert-file')?.value;
      const kubeadmProxy = !isSet(proxyCert) || proxyCert.endsWith('/front-proxy-client.crt') || proxyCert === 'front-proxy-client.crt';
      const edits = !kubeadmProxy ? undefined : written ? c.carrier.setFlag(source, written, KUBEADM_NAME) : c.carrier.addFlag(source, 'requestheader-allowed-names', KUBEADM_NAME);
      const spell = (flag: string) => c.carrier.spell(flag);
      const clusterCa = c.flags.last('client-ca-file')?.value;
      const who = clusterCa !== undefined && clusterCa.trim() === ca.value.trim()
        ? `and that CA is also ${spell('client-ca-file')}, so every kubelet and user certificate can impersonate any user, system:masters included`
        : 'so any certificate that CA signs can impersonate any user, here and in every aggregated API server';
      context.report({
        range,
        message: `kube-apiserver trusts X-Remote-User headers from certificates of ${spell('requestheader-client-ca-file')} (${ca.value}) but ${spell('requestheader-allowed-names')} is empty, ${who}`,
        fixes: edits ? [{ title: `${written ? 'Set' : 'Add'} ${c.carrier.spellSetting('requestheader-allowed-names', KUBEADM_NAME)}`, edits }] : [],
      });
    }
  },
};

export default rule;
