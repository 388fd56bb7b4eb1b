// KCG104: the API server authorizes every authenticated request.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { authorizationModes, elementsOf, rewriteListFix, setFlagFix, spell, spellSetting } from './flagHelpers';

const others = secureApiserverFlagsExcept('authorization-mode');
const SECURE = 'Node,RBAC';

const rule: Rule = {
  meta: {
    id: 'KCG104',
    name: 'apiserver-authorization-always-allow',
    channel: 'node-to-apiserver',
    severity: 'error',
    summary: 'kube-apiserver authorizes every request: `--authorization-mode` includes `AlwaysAllow`, or is unset and defaults to it.',
    rationale: [
      'Authorizers are asked in order, and the first that allows or denies decides. `Node` and `RBAC` never deny, they only allow or have no opinion, so `AlwaysAllow` anywhere in the list allows everything the others do not: every kubelet, every pod\'s service-account token, every leaked credential of any user becomes cluster-admin. A compromised node can read every Secret and create privileged pods anywhere.',
      '',
      'The flag **defaults to `AlwaysAllow`** when neither `--authorization-mode` nor `--authorization-config` is given; kubeadm writes `--authorization-mode=Node,RBAC`. When `--authorization-config` is given (GA in 1.32), the authorizer chain lives in that file and this rule says nothing about it (see KCG127).',
      '',
      'Other scanners: checkov, KICS and Trivy report only an explicit `AlwaysAllow` and pass an API server that leaves the flag out; checkov stops at the first `--authorization-mode` item, and Trivy reads only `command`, so a repeated flag or flags in `args` slip through.',
    ].join('\n'),
    remediation: 'Use `--authorization-mode=Node,RBAC` (kubeadm\'s value). When the flag is missing the quick fix adds it; when it lists `AlwaysAllow` once, the quick fix removes that mode from the list (or writes `Node,RBAC` if it was the only one).',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Authorization modes', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authorization/#authorization-modules' },
      { title: 'CIS Kubernetes Benchmark 1.2.6', cis: '1.2.6' },
    ],
    examples: {
      valid: [
        { title: 'Node and RBAC', text: apiserverPod(['--authorization-mode=Node,RBAC', ...others]) },
        { title: 'Authorizers in an AuthorizationConfiguration file', text: apiserverPod([...others, '--authorization-config=/etc/kubernetes/authz.yaml']) },
      ],
      invalid: [
        { title: 'Flag left at its default', text: apiserverPod(others), fixed: apiserverPod([...others, '--authorization-mode=Node,RBAC']) },
        { title: 'AlwaysAllow after RBAC', text: apiserverPod(['--authorization-mode=Node,RBAC,AlwaysAllow', ...others]), fixed: apiserverPod(['--authorization-mode=Node,RBAC', ...others]) },
        { title: 'AlwaysAllow alone, split form', text: apiserverPod(['--authorization-mode', 'AlwaysAllow', ...others]), fixed: apiserverPod(['--authorization-mode', 'Node,RBAC', ...others]) },
        {
          title: 'Repeated flags append: AlwaysAllow comes from the second',
          text: apiserverPod(['--authorization-mode=Node,RBAC', ...others, '--authorization-mode=AlwaysAllow']),
          fixed: apiserverPod(['--authorization-mode=Node,RBAC', ...others]),
        },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const authz = authorizationModes(c);
      if (!authz) continue;
      if (authz.occurrences.length === 0) {
        if (c.partial) continue;
        const range = c.carrier.homeRange();
        if (!range) continue;
        context.report({
          range,
          message: `kube-apiserver has neither ${spell(c, 'authorization-mode')} nor ${spell(c, 'authorization-config')}, and the mode defaults to AlwaysAllow: every authenticated request is allowed, so any node or service-account credential is cluster-admin`,
          fixes: setFlagFix(context, c, 'authorization-mode', SECURE),
        });
        continue;
      }
      const holding = authz.occurrences.filter((o) => elementsOf(o).includes('AlwaysAllow'));
      const last = holding[holding.length - 1];
      if (!last) continue;
      const count = authz.modes.filter((m) => m === 'AlwaysAllow').length;
      const rest = elementsOf(last).filter((m) => m !== 'AlwaysAllow');
      // With AlwaysAllow alone in the only occurrence, removing it would leave no mode at all: write the secure list instead.
      const alone = rest.length === 0 && authz.occurrences.length === 1;
      const fixes = count !== 1 ? [] : alone ? rewriteListFix(context, c, last, SECURE.split(','), `Set ${spellSetting(c, 'authorization-mode', SECURE)}`) : rewriteListFix(context, c, last, rest, `Remove AlwaysAllow from ${spell(c, 'authorization-mode')}`);
      context.report({
        range: last.range,
        message: `${spell(c, 'authorization-mode')} includes AlwaysAllow (${authz.modes.join(',')}): Node and RBAC never deny, so every authenticated request is allowed and any node or service-account credential is cluster-admin`,
        fixes,
      });
    }
  },
};

export default rule;
