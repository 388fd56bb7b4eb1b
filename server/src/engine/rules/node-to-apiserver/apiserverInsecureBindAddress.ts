// KCG118: the API server is told where to bind its unauthenticated plain-HTTP port.
import { flagFormats } from '../../docs/formats';
import { flagRemoved } from '../templates/flags';
import type { Rule, RuleMeta } from '../types';
import { isSet } from '../templates/values';
import { apiserverPod, apiserverPodAt, secureApiserverFlagsExcept, SECURE_APISERVER_FLAGS } from './examples';

const old = secureApiserverFlagsExcept('service-account-extend-token-expiration');

function bound(flag: string): (value: string) => string | undefined {
  return (value) =>
    isSet(value)
      ? `--${flag}=${value} binds the API server's unauthenticated plain-HTTP port to ${value} (before Kubernetes 1.20, whenever --insecure-port is not 0); the flag has no effect from 1.20 and stops the API server from 1.24`
      : undefined;
}

const meta: RuleMeta = {
  id: 'KCG118',
  name: 'apiserver-insecure-bind-address',
  channel: 'node-to-apiserver',
  severity: 'warning',
  summary: 'kube-apiserver is given `--insecure-bind-address` (or its alias `--address`), the address of the unauthenticated plain-HTTP port, which Kubernetes removed.',
  rationale: [
    'Before Kubernetes 1.20, `--insecure-bind-address` chose where the insecure port (KCG117) listened; its default, 127.0.0.1, kept it to the host, and any other address (commonly `0.0.0.0`) opened unauthenticated, unauthorized cluster-admin access to the network. The CIS benchmark asks for the flag not to be set at all.',
    '',
    'From 1.20 the flag has no effect, and Kubernetes 1.24 removed it together with its deprecated alias `--address`: an API server of 1.24 or later given either does not start. The severity is a warning because the open port itself is KCG117\'s error; this flag only decides how far it reaches.',
  ].join('\n'),
  remediation: 'Remove `--insecure-bind-address` and `--address` (and turn the insecure port off on versions before 1.20). The quick fix removes every occurrence.',
  formats: flagFormats('kube-apiserver'),
  references: [
    { title: 'Controlling access: API server ports', url: 'https://kubernetes.io/docs/concepts/security/controlling-access/#api-server-ports-and-ips' },
    { title: 'CIS Kubernetes Benchmark 1.2.18 (v1.5)', cis: '1.2.18' },
  ],
  examples: {
    valid: [{ title: 'No insecure bind address', text: apiserverPod(SECURE_APISERVER_FLAGS) }],
    invalid: [
      {
        title: 'Every interface on 1.18',
        text: apiserverPodAt('1.18.20', [...old, '--insecure-bind-address=0.0.0.0']),
        fixed: apiserverPodAt('1.18.20', old),
      },
      { title: 'The removed alias on 1.31', text: apiserverPod([...SECURE_APISERVER_FLAGS, '--address=127.0.0.1']), fixed: apiserverPod(SECURE_APISERVER_FLAGS) },
    ],
  },
};

const insecureBindAddress = flagRemoved(meta, 'kube-apiserver', 'insecure-bind-address', '1.24', bound('insecure-bind-address'));
const address = flagRemoved(meta, 'kube-apiserver', 'address', '1.24', bound('address'));

const rule: Rule = {
  meta,
  check(context) {
    insecureBindAddress.check(context);
    address.check(context);
  },
};

export default rule;
