// KCG309: konnectivity-agent runs without --ca-cert, so it has no CA to verify konnectivity-server with and exits at start.
import { flagFormats } from '../../docs/formats';
import { WORKLOAD_POD_SPEC_PATHS } from '../../parse/documents';
import { mapPathPair, mapValue, scalarText } from '../../parse/yamlNodes';
import { componentsOf } from '../templates/flags';
import { isSet, parseBool } from '../templates/values';
import type { Component } from '../../parse/component';
import type { Rule } from '../types';
import { AGENT_ARGS, konnectivityAgent } from './examples';

/** The cluster CA every pod gets with its service-account token, which the upstream setup guide passes as `--ca-cert`. */
const SA_CA = '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt';

/** False when the pod turns the service-account token mount off, so that the CA file of the fix would not exist. */
function mountsServiceAccountCa(component: Component): boolean {
  const path = component.document.kind ? WORKLOAD_POD_SPEC_PATHS[component.document.kind] : undefined;
  const podSpec = path ? mapPathPair(component.document.doc.contents, path)?.value : undefined;
  return parseBool(scalarText(mapValue(podSpec, 'automountServiceAccountToken'))) !== false;
}

const rule: Rule = {
  meta: {
    id: 'KCG309',
    name: 'konnectivity-agent-ca-missing',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'warning',
    summary: 'konnectivity-agent (proxy-agent) runs without `--ca-cert`: it has no CA to verify konnectivity-server with, and exits at start.',
    rationale: [
      'konnectivity-agent dials konnectivity-server from every node and carries the API server\'s traffic to the node, its pods and its services back through that tunnel. It must know the server is the real one: otherwise whoever answers on `--proxy-server-host` receives the agent\'s service-account token and can inject connections into the node network.',
      '',
      'proxy-agent never falls back to an unverified or system-trust connection: it reads `--ca-cert` unconditionally when it builds its TLS configuration (apiserver-network-proxy `pkg/util/certificates.go`), so without the flag it fails with "failed to read CA cert" and the tunnel from this node never comes up: with an egress selector in place, logs, exec and port-forward to its pods fail. The risk is what people do next; the fix is to give it the CA. Helm templates and other partial files draw no finding.',
    ].join('\n'),
    remediation: `Pass the CA that signed konnectivity-server's \`--cluster-cert\`. In the upstream setup that is the cluster CA, which every pod has at \`${SA_CA}\`; the quick fix adds \`--ca-cert=${SA_CA}\` (not offered when the pod sets \`automountServiceAccountToken: false\`).`,
    formats: flagFormats('konnectivity-agent'),
    references: [
      { title: 'Set up Konnectivity service (konnectivity-agent DaemonSet)', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/setup-konnectivity/' },
      { title: 'apiserver-network-proxy: proxy-agent options', url: 'https://github.com/kubernetes-sigs/apiserver-network-proxy/blob/master/cmd/agent/app/options/options.go' },
    ],
    examples: {
      valid: [{ title: 'The upstream agent DaemonSet', text: konnectivityAgent([`--ca-cert=${SA_CA}`, ...AGENT_ARGS]) }],
      invalid: [{ title: 'An agent without a CA', text: konnectivityAgent(AGENT_ARGS), fixed: konnectivityAgent([...AGENT_ARGS, `--ca-cert=${SA_CA}`]) }],
    },
  },
  check(context) {
    const { source } = context.model;
    for (const c of componentsOf(context, 'konnectivity-agent')) {
      const last = c.flags.last('ca-cert');
      if (last && isSet(last.value)) continue;
      // A partial file may pass the flag from what we cannot see.
      if (!last && c.partial) continue;
      const written = last && last.form !== 'implied' ? last : undefined;
      const range = written ? written.range : c.carrier.homeRange();
      if (!range) continue;
      const edits = !mountsServiceAccountCa(c) ? undefined : written ? c.carrier.setFlag(source, written, SA_CA) : c.carrier.addFlag(source, 'ca-cert', SA_CA);
      context.report({
        range,
        message: `konnectivity-agent has no ${c.carrier.spell('ca-cert')}: it cannot verify konnectivity-server, so proxy-agent exits at start and the API server has no tunnel to this node`,
        fixes: edits ? [{ title: `${written ? 'Set' : 'Add'} ${c.carrier.spellSetting('ca-cert', SA_CA)}`, edits }] : [],
      });
    }
  },
};

export default rule;
