// KCG131: the kubelet registers under a name other than its host name.
import { componentsOf } from '../templates/flags';
import { isSet } from '../templates/values';
import type { Rule } from '../types';
import { kubeletDaemonSet, SECURE_KUBELET_FLAGS } from './examples';
import { flagFormats } from '../../docs/formats';
import { spellOccurrence } from './flagHelpers';

const rule: Rule = {
  meta: {
    id: 'KCG131',
    name: 'kubelet-hostname-override',
    channel: 'node-to-apiserver',
    severity: 'info',
    summary: 'The kubelet registers its node under `--hostname-override` instead of the host name.',
    rationale: [
      'The Node authorizer and `NodeRestriction` identify a kubelet by the node name in its client certificate (`system:node:<name>`). With `--hostname-override` the kubelet registers under a name that must match that certificate, and the API server\'s serving-certificate checks for the kubelet (its TLS names) must match it too; when they drift apart, operators tend to loosen authorization or certificate verification to make the node work. The CIS benchmark (4.2.7, Manual) asks for the flag not to be set.',
      '',
      'Some cloud providers need it (the node name must match the cloud instance name), so this is information, not a fault, and there is no quick fix.',
    ].join('\n'),
    remediation: 'Remove `--hostname-override` unless your cloud provider needs it, and make sure the node name, the kubelet\'s client certificate and its serving certificate agree.',
    formats: flagFormats('kubelet'),
    references: [
      { title: 'kubelet flags: --hostname-override', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/kubelet/' },
      { title: 'CIS Kubernetes Benchmark 4.2.7', cis: '4.2.7' },
    ],
    examples: {
      valid: [{ title: 'No override', text: kubeletDaemonSet(SECURE_KUBELET_FLAGS) }],
      invalid: [{ title: 'Override', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--hostname-override=worker-1.internal']) }],
    },
  },
  check(context) {
    for (const c of componentsOf(context, 'kubelet')) {
      const last = c.flags.last('hostname-override');
      if (!last || last.form === 'implied' || !(last.unresolved || isSet(last.value))) continue;
      context.report({
        range: last.range,
        message: `${spellOccurrence(c, last)}: the kubelet registers under a name its client and serving certificates must match for the Node authorizer and for the API server's certificate checks`,
      });
    }
  },
};

export default rule;
