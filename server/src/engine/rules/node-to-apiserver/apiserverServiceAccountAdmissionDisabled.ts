// KCG108: the API server does not run the ServiceAccount admission plugin.
import { componentsOf } from '../templates/flags';
import type { Rule } from '../types';
import { apiserverPod, SECURE_APISERVER_FLAGS } from './examples';
import { flagFormats } from '../../docs/formats';
import { elementsOf, rewriteListFix, spell, spellOccurrence } from './flagHelpers';

const PLUGIN = 'ServiceAccount';

const rule: Rule = {
  meta: {
    id: 'KCG108',
    name: 'apiserver-service-account-admission-disabled',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver turns off the `ServiceAccount` admission plugin (`--disable-admission-plugins`, or a deprecated `--admission-control` list without it).',
    rationale: [
      'The `ServiceAccount` admission plugin gives every pod a service account, mounts its short-lived, pod-bound projected token and the cluster CA, rejects pods that name a service account that does not exist, and enforces `kubernetes.io/enforce-mountable-secrets`. With it off, pods are admitted with whatever token volumes their authors write, typically long-lived legacy Secret tokens, and references to missing service accounts are not caught.',
      '',
      'The plugin is **enabled by default**: only `--disable-admission-plugins` can turn it off, or the deprecated `--admission-control`, which lists the complete set of plugins to run. Other scanners: checkov (CKV_K8S_82) reports an `--enable-admission-plugins` list that does not name `ServiceAccount`, a false positive since the plugin is on by default.',
    ].join('\n'),
    remediation: 'Do not disable `ServiceAccount`. With the deprecated `--admission-control`, add `ServiceAccount` to the list (or better, move to `--enable-admission-plugins`, which keeps the default plugins). The quick fix removes `ServiceAccount` from `--disable-admission-plugins` (and the flag when it was the only plugin).',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Admission controllers: ServiceAccount', url: 'https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#serviceaccount' },
      { title: 'CIS Kubernetes Benchmark 1.2.12', cis: '1.2.12' },
    ],
    examples: {
      valid: [
        { title: 'Default plugins', text: apiserverPod(SECURE_APISERVER_FLAGS) },
        { title: 'Another plugin disabled', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--disable-admission-plugins=DefaultStorageClass']) },
      ],
      invalid: [
        {
          title: 'Disabled with another plugin',
          text: apiserverPod([...SECURE_APISERVER_FLAGS, '--disable-admission-plugins=DefaultStorageClass,ServiceAccount']),
          fixed: apiserverPod([...SECURE_APISERVER_FLAGS, '--disable-admission-plugins=DefaultStorageClass']),
        },
        {
          title: 'Disabled alone',
          text: apiserverPod([...SECURE_APISERVER_FLAGS, '--disable-admission-plugins=ServiceAccount']),
          fixed: apiserverPod(SECURE_APISERVER_FLAGS),
        },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const disabled = c.flags.all('disable-admission-plugins').filter((o) => elementsOf(o).includes(PLUGIN));
      const count = disabled.flatMap(elementsOf).filter((p) => p === PLUGIN).length;
      const last = disabled[disabled.length - 1];
      if (last) {
        const rest = elementsOf(last).filter((p) => p !== PLUGIN);
        context.report({
          range: last.range,
          message: `${spellOccurrence(c, last)} turns off the ServiceAccount admission plugin: pods are not given bound, short-lived tokens and may reference service accounts that do not exist`,
          fixes: count === 1 ? rewriteListFix(context, c, last, rest, `Remove ServiceAccount from ${spell(c, 'disable-admission-plugins')}`) : [],
        });
        continue;
      }
      // The deprecated complete list: a plugin it does not name does not run.
      const legacy = c.flags.all('admission-control');
      const lastLegacy = legacy[legacy.length - 1];
      if (!lastLegacy || legacy.some((o) => o.unresolved) || legacy.flatMap(elementsOf).includes(PLUGIN)) continue;
      context.report({
        range: lastLegacy.range,
        message: `${spellOccurrence(c, lastLegacy)} is the complete list of admission plugins and leaves out ServiceAccount: pods are not given bound, short-lived tokens and may reference service accounts that do not exist`,
        // Before 1.10 the order of this list was the order plugins ran in, so where ServiceAccount goes is the user's call.
        fixes: [],
      });
    }
  },
};

export default rule;
