// KCG310: konnectivity-server authenticates no agent, so anything that reaches its agent port can register as a node's agent.
import { flagFormats } from '../../docs/formats';
import { componentsOf } from '../templates/flags';
import { isSet } from '../templates/values';
import type { Rule } from '../types';
import { konnectivityServer, SERVER_ARGS, SERVER_TOKEN_AUTH } from './examples';

const rule: Rule = {
  meta: {
    id: 'KCG310',
    name: 'konnectivity-server-agent-authentication-missing',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'error',
    summary: 'konnectivity-server (proxy-server) has neither `--cluster-ca-cert` nor agent token authentication (`--agent-namespace`, `--agent-service-account`, `--authentication-audience`), so it accepts any agent.',
    rationale: [
      'konnectivity-server hands the API server\'s connections to nodes, pods and services (kubelet logs, exec and port-forward, and the pod, service and node proxy traffic) to whichever agents have registered with it. It authenticates agents in one of two ways: client certificates that chain to `--cluster-ca-cert`, or service-account tokens checked with a TokenReview when `--agent-namespace`, `--agent-service-account` and `--authentication-audience` are set (the upstream setup). With neither, any program that reaches the agent port (`--agent-port`, on the host network) can register as an agent, receive those connections, read whatever is not end-to-end TLS, answer in the node\'s place, or drop the traffic.',
      '',
      'The API-server side of konnectivity-server (the unix socket of `--uds-name`, or TCP with `--server-ca-cert`) is a separate question; this rule looks only at the agent side. The two authentication modes exclude each other (proxy-server refuses `--cluster-ca-cert` together with token authentication). Helm templates and other partial files draw no finding. No established scanner checks konnectivity.',
    ].join('\n'),
    remediation: 'Turn on token authentication as in the upstream setup: `--agent-namespace=kube-system`, `--agent-service-account=konnectivity-agent`, `--authentication-audience=system:konnectivity-server` and a `--kubeconfig` for the TokenReview, with the agents given a projected token of that audience (`--service-account-token-path`); or issue agents client certificates and set `--cluster-ca-cert` to their CA. There is no quick fix: both need objects and certificates outside this file.',
    formats: flagFormats('konnectivity-server'),
    references: [
      { title: 'Set up Konnectivity service', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/setup-konnectivity/' },
      { title: 'apiserver-network-proxy: proxy-server options', url: 'https://github.com/kubernetes-sigs/apiserver-network-proxy/blob/master/cmd/server/app/options/options.go' },
    ],
    examples: {
      valid: [
        { title: 'Agents authenticated with service-account tokens (upstream setup)', text: konnectivityServer([...SERVER_ARGS, ...SERVER_TOKEN_AUTH]) },
        { title: 'Agents authenticated with client certificates', text: konnectivityServer([...SERVER_ARGS, '--cluster-ca-cert=/etc/kubernetes/pki/konnectivity-agent-ca.crt']) },
      ],
      invalid: [{ title: 'No agent authentication', text: konnectivityServer(SERVER_ARGS) }],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'konnectivity-server')) {
      const byCertificate = isSet(c.flags.last('cluster-ca-cert')?.value);
      // proxy-server turns token authentication on with --agent-namespace; the other two flags must come with it.
      const byToken = isSet(c.flags.last('agent-namespace')?.value);
      if (byCertificate || byToken || c.partial) continue;
      const range = c.carrier.homeRange();
      if (!range) continue;
      context.report({
        range,
        message: `konnectivity-server has neither ${c.carrier.spell('cluster-ca-cert')} nor ${['agent-namespace', 'agent-service-account', 'authentication-audience'].map((f) => c.carrier.spell(f)).join('/')}: anything that reaches its agent port can register as an agent and receive the API server's connections to nodes, pods and services`,
      });
    }
  },
};

export default rule;
