// KCG107: the API server does not run the NodeRestriction admission plugin.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { elementsOf, rewriteListFix, setFlagFix, spell, spellOccurrence } from './flagHelpers';

const others = secureApiserverFlagsExcept('enable-admission-plugins');
const PLUGIN = 'NodeRestriction';

const rule: Rule = {
  meta: {
    id: 'KCG107',
    name: 'apiserver-node-restriction-missing',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver does not run the `NodeRestriction` admission plugin, so kubelet credentials may change other nodes and their pods.',
    rationale: [
      'The Node authorizer decides which *kinds* of objects a kubelet may write; `NodeRestriction` limits *which* objects: a kubelet may then modify only its own Node object and the pods bound to it, and may not set `node-restriction.kubernetes.io/` labels on itself. Without the plugin, a stolen kubelet credential can relabel or taint any node, delete other nodes\' pods, or label its own node to attract workloads (and their Secrets) that are pinned to trusted nodes.',
      '',
      '`NodeRestriction` is **not** among the admission plugins enabled by default, so an API server without `--enable-admission-plugins` lacks it; kubeadm writes `--enable-admission-plugins=NodeRestriction`. The deprecated `--admission-control` flag lists the complete set of plugins and is read the same way.',
      '',
      'Other scanners: checkov passes an API server that does not give the flag at all, and matches the plugin name as a substring of the value.',
    ].join('\n'),
    remediation: 'Add `NodeRestriction` to `--enable-admission-plugins` and use the `Node` authorizer. The quick fix appends the plugin to the last list that names plugins, or adds `--enable-admission-plugins=NodeRestriction`.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Admission controllers: NodeRestriction', url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction' },
      { title: 'CIS Kubernetes Benchmark 1.2.14', cis: '1.2.14' },
    ],
    examples: {
      valid: [
        { title: 'NodeRestriction enabled', text: apiserverPod(['--enable-admission-plugins=NodeRestriction', ...others]) },
        { title: 'In the deprecated complete list', text: apiserverPod(['--admission-control=NamespaceLifecycle,ServiceAccount,NodeRestriction', ...others]) },
      ],
      invalid: [
        { title: 'No admission plugins given', text: apiserverPod(others), fixed: apiserverPod([...others, '--enable-admission-plugins=NodeRestriction']) },
        {
          title: 'Other plugins only',
          text: apiserverPod(['--enable-admission-plugins=PodSecurity,EventRateLimit', ...others]),
          fixed: apiserverPod(['--enable-admission-plugins=PodSecurity,EventRateLimit,NodeRestriction', ...others]),
        },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const lists = c.flags.occurrences.filter((o) => o.name === 'enable-admission-plugins' || o.name === 'admission-control');
      if (lists.some((o) => o.unresolved)) continue;
      if (lists.some((o) => elementsOf(o).includes(PLUGIN))) continue;
      const target = lists.filter((o) => o.form !== 'implied').pop();
      if (!target) {
        if (c.partial || lists.length > 0) continue;
        const range = c.carrier.homeRange();
        if (!range) continue;
        context.report({
          range,
          message: `kube-apiserver has no ${spell(c, 'enable-admission-plugins')} and NodeRestriction is not enabled by default: kubelet credentials may modify other nodes and their pods`,
          fixes: setFlagFix(context, c, 'enable-admission-plugins', PLUGIN),
        });
        continue;
      }
      context.report({
        range: target.range,
        message: `${spellOccurrence(c, target)} does not include NodeRestriction: kubelet credentials may modify other nodes and their pods, and label their own node to attract workloads`,
        fixes: rewriteListFix(context, c, target, [...elementsOf(target), PLUGIN], `Add NodeRestriction to ${spell(c, target.name)}`),
      });
    }
  },
};

export default rule;
