// KCG306: a ClusterRole grants nodes/proxy, the kubelet's whole API including exec, past admission control.
import { isScalar, type Scalar } from 'yaml';
import { asSeq, mapPair, mapValue, nodeRange } from '../../parse/yamlNodes';
import type { Rule } from '../types';
import { clusterRole } from './examples';
import { describe } from './objects';
import { documentsOf } from '../templates/documents';

/** Verbs the kubelet's authorizer derives from the HTTP method: GET (a websocket exec included) is `get`, POST is `create`. */
const GRANTING_VERBS = ['get', 'create', '*'];

/**
 * Resource entries that match nodes/proxy in RBAC, most specific first. `*` matches every resource
 * and subresource and `*` + `/proxy` every proxy subresource; `nodes/*` is no wildcard in RBAC and
 * matches nothing but a subresource literally named `*`.
 */
const MATCHING_RESOURCES = ['nodes/proxy', '*/proxy', '*'];

function texts(node: unknown): Scalar[] {
  return (asSeq(node)?.items ?? []).filter((i): i is Scalar => isScalar(i) && i.value !== null);
}

const NODES_PROXY_READER = ['- apiGroups: [""]', '  resources: ["nodes/proxy"]', '  verbs: ["get"]'];

const rule: Rule = {
  meta: {
    id: 'KCG306',
    name: 'rbac-nodes-proxy-granted',
    channel: 'apiserver-to-nodes-pods-services',
    severity: 'warning',
    summary: 'A ClusterRole grants `get` or `create` on `nodes/proxy` (or on `*/proxy` or `*` in the core API group), which opens the whole kubelet API to its holders.',
    rationale: [
      'With webhook authorization every kubelet endpoint without a dedicated subresource (`/exec`, `/run`, `/attach`, `/portForward`, `/pods`, `/containerLogs`, …) is authorized as `nodes/proxy`. A holder can reach it through the API server (`/api/v1/nodes/<node>/proxy/…`) or straight on port 10250 with its token: run commands in any container on any node, read every pod spec on the node, and take over the node through a privileged pod. The exec never passes admission as a `pods/exec` request, so PodSecurity and the webhooks that guard exec do not see it, and on the direct path the API server does not see it at all, audit log included.',
      '',
      '`get` is not read-only here: the kubelet maps a websocket upgrade, which is an HTTP GET, to the `get` verb, so `get` on `nodes/proxy` is enough to exec (the Kubernetes documentation warns about this). Monitoring agents are the usual holders; they need only `nodes/metrics` and `nodes/stats`, and since Kubernetes 1.33 (KubeletFineGrainedAuthz, on by default; GA in 1.36) `nodes/pods`, `nodes/healthz` and `nodes/configz` cover the rest.',
      '',
      'RBAC matching decides what counts: `*` in `resources` grants every subresource and `*/proxy` every proxy subresource, so both are reported when the rule covers the core API group; a bare `*` is reported only when the rule names the core group ("") itself, since `*` resources in `*` API groups is a cluster-admin grant whose problem is much wider than nodes/proxy (and outside this rule); `nodes/*` is not a wildcard in RBAC and is not reported. Roles are not checked: a Role cannot grant a cluster-scoped resource such as nodes. ClusterRoles with an `aggregationRule` are filled from other ClusterRoles, which are checked themselves. CIS Kubernetes Benchmark 5.1.10 covers this (Manual); Trivy KSV047 matches only the literal `nodes/proxy`.',
    ].join('\n'),
    remediation: 'Replace `nodes/proxy` with the subresources the workload needs: `nodes/metrics` and `nodes/stats` for metrics, `nodes/log` for node logs, `nodes/pods`, `nodes/healthz`, `nodes/configz` on 1.33+ kubelets. Where `*` was meant as "read everything", list the resources. There is no quick fix: what the holder needs is for you to decide.',
    formats: ['ClusterRole'],
    references: [
      { title: 'Kubelet authentication/authorization: get on nodes/proxy is not read-only', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#get-nodes-proxy-warning' },
      { title: 'RBAC good practices: nodes/proxy', url: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes' },
      { title: 'KEP-2862: Fine-grained kubelet API authorization', url: 'https://github.com/kubernetes/enhancements/tree/master/keps/sig-node/2862-fine-grained-kubelet-authz' },
      { title: 'CIS Kubernetes Benchmark 5.1.10', cis: '5.1.10' },
    ],
    examples: {
      valid: [
        {
          title: 'A monitoring role with the narrow subresources',
          text: clusterRole('node-metrics-reader', ['- apiGroups: [""]', '  resources: ["nodes/metrics", "nodes/stats"]', '  verbs: ["get"]']),
        },
        { title: 'nodes/proxy with update only', text: clusterRole('odd-role', ['- apiGroups: [""]', '  resources: ["nodes/proxy"]', '  verbs: ["update"]']) },
        { title: 'A wildcard limited to another API group', text: clusterRole('apps-reader', ['- apiGroups: ["apps"]', '  resources: ["*"]', '  verbs: ["get", "list", "watch"]']) },
      ],
      invalid: [
        { title: 'A monitoring role with nodes/proxy', text: clusterRole('prometheus', NODES_PROXY_READER) },
        { title: '"Read everything" in the core group', text: clusterRole('core-reader', ['- apiGroups: [""]', '  resources: ["*"]', '  verbs: ["get", "list", "watch"]']) },
      ],
    },
  },
  check(context) {
    for (const object of documentsOf(context.model, ['ClusterRole'], ['rbac.authorization.k8s.io'])) {
      if (mapPair(object.root, 'aggregationRule')) continue;
      for (const item of asSeq(mapValue(object.root, 'rules'))?.items ?? []) {
        const groups = texts(mapValue(item, 'apiGroups')).map((s) => String(s.value));
        if (!groups.includes('') && !groups.includes('*')) continue;
        const verbs = texts(mapValue(item, 'verbs')).map((s) => String(s.value)).filter((v) => GRANTING_VERBS.includes(v));
        if (verbs.length === 0) continue;
        const resources = texts(mapValue(item, 'resources'));
        // `*` on every resource of every API group is a cluster-admin grant, a bigger finding than nodes/proxy: a bare `*`
        // counts here only when the rule names the core group itself.
        const matching = groups.includes('') ? MATCHING_RESOURCES : MATCHING_RESOURCES.filter((r) => r !== '*');
        const entry = matching.map((r) => resources.find((s) => String(s.value) === r)).find((s) => s !== undefined);
        const range = entry && nodeRange(entry);
        if (!entry || !range) continue;
        const spelled = String(entry.value);
        const what = spelled === 'nodes/proxy' ? 'nodes/proxy' : `nodes/proxy (through ${spelled} in resources)`;
        const instead = spelled === 'nodes/proxy' ? 'grant nodes/metrics or nodes/stats instead' : `list the resources the role needs instead of ${spelled}`;
        context.report({
          range,
          message: `${describe(object)} grants ${verbs.join(', ')} on ${what}: its holders can exec into any pod on any node through the kubelet API (a websocket GET is enough), past the admission checks on pods/exec and, on port 10250, past the API server's audit log; ${instead}`,
        });
      }
    }
  },
};

export default rule;
