// KCG117: the API server serves its API over plain HTTP without authentication.
import { flagFormats } from '../../docs/formats';
import { componentsOf, flagRemoved } from '../templates/flags';
import type { Rule, RuleContext, RuleMeta } from '../types';
import { atLeast, formatVersion } from '../../version';
import { apiserverPod, apiserverPodAt, secureApiserverFlagsExcept, SECURE_APISERVER_FLAGS } from './examples';
import { setFlagFix, spellOccurrence, spellSetting } from './flagHelpers';

const old = secureApiserverFlagsExcept('service-account-extend-token-expiration');

const meta: RuleMeta = {
  id: 'KCG117',
  name: 'apiserver-insecure-port-enabled',
  channel: 'node-to-apiserver',
  severity: 'error',
  summary: 'kube-apiserver serves an unauthenticated plain-HTTP port (`--insecure-port`, `--port`), or is given those flags after Kubernetes removed them.',
  rationale: [
    'Requests to the insecure port skip authentication and authorization entirely and travel in clear text: any process that reaches it is cluster-admin. Before Kubernetes 1.20 the port was **on by default** (8080 on `--insecure-bind-address`, default 127.0.0.1), so every process on the control-plane host, including any pod with `hostNetwork: true`, could take over the cluster; `--insecure-port=0` was needed to turn it off.',
    '',
    'Kubernetes 1.20 removed insecure serving (only `--insecure-port=0` is still accepted) and 1.24 removed the flags: from 1.24 an API server given `--insecure-port` or its alias `--port`, even `=0`, does not start. So this rule demands `--insecure-port=0` only for versions before 1.20, reports any other value before 1.24, and reports the flag itself from 1.24.',
    '',
    'Other scanners: checkov (CKV_K8S_88) and KICS require `--insecure-port=0` on every API server, which is a false positive on every 1.24+ manifest and, if followed, breaks the API server.',
  ].join('\n'),
  remediation: 'Before 1.20 set `--insecure-port=0`; from 1.24 remove the flag. Before 1.24 the quick fix sets (or adds) `--insecure-port=0`; from 1.24 it removes the flags.',
  formats: flagFormats('kube-apiserver'),
  references: [
    { title: 'Kubernetes 1.20 release notes: insecure port removed', url: 'https://github.com/kubernetes/kubernetes/pull/95856' },
    { title: 'Controlling access: API server ports', url: 'https://kubernetes.io/docs/concepts/security/controlling-access/#api-server-ports-and-ips' },
    { title: 'CIS Kubernetes Benchmark 1.2.19 (v1.5)', cis: '1.2.19' },
  ],
  examples: {
    valid: [
      { title: 'Nothing on 1.31', text: apiserverPod(SECURE_APISERVER_FLAGS) },
      { title: 'Turned off on 1.18', text: apiserverPodAt('1.18.20', [...old, '--insecure-port=0']) },
    ],
    invalid: [
      { title: 'Default port on 1.18', text: apiserverPodAt('1.18.20', old), fixed: apiserverPodAt('1.18.20', [...old, '--insecure-port=0']) },
      { title: 'Port 8080 on 1.18', text: apiserverPodAt('1.18.20', [...old, '--insecure-port=8080']), fixed: apiserverPodAt('1.18.20', [...old, '--insecure-port=0']) },
      { title: 'The removed flag on 1.31', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--insecure-port=0']), fixed: apiserverPod(SECURE_APISERVER_FLAGS) },
    ],
  },
};

// From 1.24 the flags themselves stop the API server, whatever their value.
const insecurePort = flagRemoved(meta, 'kube-apiserver', 'insecure-port', '1.24', () => undefined);
const port = flagRemoved(meta, 'kube-apiserver', 'port', '1.24', () => undefined);

/**
 * Before 1.24: both flags set the same port, so the last written one decides. Before 1.20 any value
 * but 0 (or no flag at all: the default is 8080) serves the API unauthenticated; 1.20 to 1.23 accept
 * only 0. The fix writes 0, since removing the flag would bring the default back on old versions.
 */
function checkBefore124(context: RuleContext): void {
  for (const c of componentsOf(context, 'kube-apiserver')) {
    const version = context.versionOf(c);
    if (atLeast(version, '1.24')) continue;
    const written = c.flags.occurrences.filter((o) => (o.name === 'insecure-port' || o.name === 'port') && o.form !== 'implied');
    const last = written[written.length - 1];
    const serving = !atLeast(version, '1.20');
    if (last) {
      if (last.unresolved || last.value.trim() === '0') continue;
      const edits = c.carrier.setFlag(context.model.source, last, '0');
      context.report({
        range: last.range,
        message: serving
          ? `${spellOccurrence(c, last)} serves the API over plain HTTP with no authentication and no authorization: anyone who reaches the port is cluster-admin`
          : `kube-apiserver ${formatVersion(version)} accepts only ${spellSetting(c, last.name, '0')} (insecure serving was removed in 1.20) and refuses to start with ${last.value}`,
        fixes: edits ? [{ title: `Set ${spellSetting(c, last.name, '0')}`, edits }] : [],
      });
      continue;
    }
    if (!serving || c.partial || c.flags.last('insecure-port') || c.flags.last('port')) continue;
    // kubeadm writes --insecure-port=0 into the API server it generates on the versions that had the port.
    if (c.carrier.kind === 'kubeadm') continue;
    const range = c.carrier.homeRange();
    if (!range) continue;
    context.report({
      range,
      message: `kube-apiserver ${formatVersion(version)} has no ${spellSetting(c, 'insecure-port', '0')}, so it serves the API on 127.0.0.1:8080 over plain HTTP with no authentication or authorization: any process on the host, including hostNetwork pods, is cluster-admin`,
      fixes: setFlagFix(context, c, 'insecure-port', '0'),
    });
  }
}

const rule: Rule = {
  meta,
  check(context) {
    insecurePort.check(context);
    port.check(context);
    checkBefore124(context);
  },
};

export default rule;
