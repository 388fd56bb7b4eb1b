// KCG101: the API server serves requests without credentials as system:anonymous.
import { componentsOf } from '../templates/flags';
import { parseBool } from '../templates/values';
import type { Rule } from '../types';
import { apiserverPod, secureApiserverFlagsExcept } from './examples';
import { flagFormats } from '../../docs/formats';
import { alwaysAllowActive, flagGiven, flagRange, lastWritten, setFlagFix, spellOccurrence, spellSetting } from './flagHelpers';

const others = secureApiserverFlagsExcept('anonymous-auth');

const rule: Rule = {
  meta: {
    id: 'KCG101',
    name: 'apiserver-anonymous-auth-enabled',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'kube-apiserver serves requests without credentials as `system:anonymous` (`--anonymous-auth` unset or true).',
    rationale: [
      'With anonymous authentication on, a request that no authenticator claims is not rejected: it runs as user `system:anonymous` in group `system:unauthenticated`, and only authorization stands between it and the API. Any RBAC binding to those subjects, or to `system:authenticated` by mistake in a custom authorizer, is open to everyone who can reach port 6443, and every anonymous request is one more way to probe the API server (version, discovery, health endpoints) and its CVEs.',
      '',
      'The flag defaults to **true**, and kubeadm leaves it on on purpose: the kubelet\'s liveness and readiness probes call `/livez` and `/readyz` without credentials, and the default RBAC role `system:public-info-viewer` lets anonymous users read only those, `/healthz` and `/version`. That is why the CIS benchmark (1.2.1) marks this item Manual and why this rule is a warning: turn it off when your probes do not need it, or, from Kubernetes 1.34 (beta from 1.32), keep it on for the health paths only with an `anonymous` section with `conditions` in an `--authentication-config` file (see KCG126).',
      '',
      'Notes on what the API server really does: it resets anonymous authentication to false by itself while `AlwaysAllow` is one of the authorization modes (then KCG104 is the finding that matters, and this one comes back once AlwaysAllow is gone). When `--authentication-config` is given and `--anonymous-auth` is not, anonymous access is configured in that file, which this rule cannot see; the flag and the file\'s `anonymous` section are mutually exclusive (the API server refuses to start with both), so an explicit `--anonymous-auth=true` is still reported.',
      '',
      'Other scanners: checkov and Trivy require the literal item `--anonymous-auth=false` and miss the split form; KICS reports only an explicit `=true` and passes the default.',
    ].join('\n'),
    remediation: 'Set `--anonymous-auth=false` (and make health probes authenticate or use the kubelet\'s own checks), or move anonymous access into an `--authentication-config` file restricted to `/livez`, `/readyz` and `/healthz`. The quick fix sets or adds `--anonymous-auth=false`.',
    formats: flagFormats('kube-apiserver'),
    references: [
      { title: 'Authenticating: anonymous requests', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests' },
      { title: 'Anonymous authenticator configuration', url: 'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-authenticator-configuration' },
      { title: 'CIS Kubernetes Benchmark 1.2.1', cis: '1.2.1' },
    ],
    examples: {
      valid: [
        { title: 'Anonymous authentication turned off', text: apiserverPod(['--anonymous-auth=false', ...others]) },
        { title: 'Anonymous access configured in an AuthenticationConfiguration file', text: apiserverPod([...others, '--authentication-config=/etc/kubernetes/authn.yaml']) },
      ],
      invalid: [
        { title: 'Flag left at its default', text: apiserverPod(others), fixed: apiserverPod([...others, '--anonymous-auth=false']) },
        { title: 'Flag set to true', text: apiserverPod(['--anonymous-auth=true', ...others]), fixed: apiserverPod(['--anonymous-auth=false', ...others]) },
      ],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kube-apiserver')) {
      const last = c.flags.last('anonymous-auth');
      if (last?.unresolved) continue;
      // `--anonymous-auth false` is the command-line rule's finding (KCG001), with its own fix.
      if (last && c.flags.strays.some((s) => s.afterBoolFlag === last)) continue;
      const written = lastWritten(c, 'anonymous-auth');
      if (last) {
        if (parseBool(last.value) !== true) continue;
      } else if (c.partial || flagGiven(c, 'authentication-config')) {
        // Anonymous access is then decided by what we cannot see.
        continue;
      }
      const range = flagRange(c, 'anonymous-auth');
      if (!range) continue;
      const what = written ? spellOccurrence(c, written) : `kube-apiserver has no ${spellSetting(c, 'anonymous-auth', 'false')} and the flag defaults to true`;
      const reset = alwaysAllowActive(c) ? ' (the API server resets it to false only while AlwaysAllow is an authorization mode, see KCG104)' : '';
      context.report({
        range,
        message: `${what}: requests without credentials are served as system:anonymous, limited only by what authorization grants to system:unauthenticated${reset}`,
        fixes: setFlagFix(context, c, 'anonymous-auth', 'false'),
      });
    }
  },
};

export default rule;
