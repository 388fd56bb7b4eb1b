// KCG124: a kubeadm join trusts whichever API server answers, without pinning the cluster CA.
import { asSeq, mapPathPair } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { documentsOf, yamlBool } from '../templates/documents';

function joinConfiguration(bootstrapToken: readonly string[]): string {
  return [
    'apiVersion: kubeadm.k8s.io/v1beta4',
    'kind: JoinConfiguration',
    'discovery:',
    '  bootstrapToken:',
    '    apiServerEndpoint: 10.0.0.10:6443',
    '    token: abcdef.0123456789abcdef',
    ...bootstrapToken.map((l) => `    ${l}`),
    'nodeRegistration:',
    '  name: worker-1',
    '',
  ].join('\n');
}

const HASH = 'caCertHashes: ["sha256:8d1f6c0e5b0f4a1e6f0b9c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f"]';

const rule: Rule = {
  meta: {
    id: 'KCG124',
    name: 'kubeadm-discovery-unsafe-skip-ca-verification',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'A kubeadm JoinConfiguration sets `discovery.bootstrapToken.unsafeSkipCAVerification: true` without `caCertHashes`, so the joining node does not pin the cluster CA.',
    rationale: [
      'Token-based discovery first fetches the `cluster-info` ConfigMap from the API server over an unverified connection. The CA hashes in `caCertHashes` (what `kubeadm init` prints as `--discovery-token-ca-cert-hash`) are what pins the cluster CA; with `unsafeSkipCAVerification: true` and no hashes, the only check left is the JWS signature made with the bootstrap token itself. Anyone who knows that token (it travels in join scripts, cloud-init user data and CI logs) and can intercept the node\'s traffic can pose as the API server: the node then trusts their CA, sends its certificate request to them and runs whatever they tell its kubelet to.',
      '',
      'When `caCertHashes` is given, kubeadm pins the CA whatever `unsafeSkipCAVerification` says, so that combination is not reported. The severity is a warning rather than an error because the attacker also needs the bootstrap token. The command-line equivalent is `kubeadm join --discovery-token-unsafe-skip-ca-verification`.',
    ].join('\n'),
    remediation: 'Remove `unsafeSkipCAVerification` and set `caCertHashes` to the `sha256:` hash of the cluster CA\'s public key (`kubeadm token create --print-join-command` prints it), or use file-based discovery (`discovery.file`). There is no quick fix: only you know the hash.',
    formats: ['kubeadm JoinConfiguration'],
    references: [
      { title: 'kubeadm join: token-based discovery with CA pinning', url: 'https://kubernetes.io/docs/reference/setup-tools/kubeadm/kubeadm-join/#token-based-discovery-with-ca-pinning' },
      { title: 'kubeadm configuration (v1beta4): BootstrapTokenDiscovery', url: 'https://kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4/#kubeadm-k8s-io-v1beta4-BootstrapTokenDiscovery' },
    ],
    examples: {
      valid: [
        { title: 'CA pinned', text: joinConfiguration([HASH]) },
        { title: 'Skip flag with a pin, which kubeadm still checks', text: joinConfiguration([HASH, 'unsafeSkipCAVerification: true']) },
      ],
      invalid: [{ title: 'No pin', text: joinConfiguration(['unsafeSkipCAVerification: true']) }],
    },
  },
  check(context) {
    for (const { root } of documentsOf(context.model, ['JoinConfiguration'], ['kubeadm.k8s.io'])) {
      const skip = mapPathPair(root, ['discovery', 'bootstrapToken', 'unsafeSkipCAVerification']);
      if (!skip || yamlBool(skip.value) !== true) continue;
      const hashes = asSeq(mapPathPair(root, ['discovery', 'bootstrapToken', 'caCertHashes'])?.value);
      if (hashes && hashes.items.length > 0) continue;
      const range = pairRange(skip);
      if (!range) continue;
      context.report({
        range,
        message: 'unsafeSkipCAVerification: true without caCertHashes: the joining node does not pin the cluster CA, so whoever knows the bootstrap token and intercepts the join can pose as the API server',
      });
    }
  },
};

export default rule;
