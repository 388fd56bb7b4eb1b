// KCG307: the API server reaches nodes through SSH tunnels (--ssh-user / --ssh-keyfile), which never verified host keys and were removed in 1.22.
import { flagFormats } from '../../docs/formats';
import { apiserverPod } from '../examples';
import { flagRemoved } from '../templates/flags';
import type { Rule, RuleMeta } from '../types';

const REMOVED_IN = '1.22';
const KEYFILE = '--ssh-keyfile=/etc/srv/sshproxy/.sshkeyfile';

function apiserverPodAt(version: string, flags: readonly string[]): string {
  return apiserverPod(flags).replace('kube-apiserver:v1.31.0', `kube-apiserver:v${version}`);
}

const meta: RuleMeta = {
  id: 'KCG307',
  name: 'apiserver-ssh-tunnel',
  channel: 'apiserver-to-nodes-pods-services',
  severity: 'error',
  summary: 'kube-apiserver sets `--ssh-user` or `--ssh-keyfile`: SSH tunnels to nodes that do not verify host keys, and flags removed in Kubernetes 1.22.',
  rationale: [
    'Before Konnectivity, kube-apiserver could carry its traffic to nodes (logs, exec, port-forward, proxied pod and service traffic) through SSH tunnels, opened with `--ssh-user` and `--ssh-keyfile`. The tunnels were built with `ssh.InsecureIgnoreHostKey()`: the API server never checked that the other end was the node it meant, so anyone able to intercept the connection could pose as a node, receive the tunnelled traffic and read or change it (Kubernetes security audit 2019, kubernetes/kubernetes#81118). The tunnels only ever worked with the in-tree GCE cloud provider.',
    '',
    'The flags were deprecated in 1.9 and removed in 1.22 (kubernetes/kubernetes#102297): from 1.22 on kube-apiserver refuses to start with them, which is what this rule reports there. Before 1.22 it reports the unverified tunnels.',
  ].join('\n'),
  remediation: 'Remove `--ssh-user` and `--ssh-keyfile`. If the control plane cannot reach the node network directly, run Konnectivity: konnectivity-server next to the API server, konnectivity-agent on the nodes, and `--egress-selector-config-file` pointing at an EgressSelectorConfiguration that uses a unix socket or TLS (see KCG308). The quick fix removes every occurrence of the flag.',
  formats: flagFormats('kube-apiserver'),
  references: [
    { title: 'Control plane to node communication: SSH tunnels and Konnectivity', url: 'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#ssh-tunnels' },
    { title: 'kubernetes/kubernetes#81118: use of InsecureIgnoreHostKey in SSH connections', url: 'https://github.com/kubernetes/kubernetes/issues/81118' },
    { title: 'kubernetes/kubernetes#102297: remove --ssh- options', url: 'https://github.com/kubernetes/kubernetes/pull/102297' },
    { title: 'Set up Konnectivity service', url: 'https://kubernetes.io/docs/tasks/extend-kubernetes/setup-konnectivity/' },
  ],
  examples: {
    valid: [
      { title: 'No SSH tunnel flags', text: apiserverPod(['--egress-selector-config-file=/etc/kubernetes/egress-selector-configuration.yaml']) },
    ],
    invalid: [
      { title: 'A 1.31 API server with a removed flag', text: apiserverPod(['--ssh-user=gke-ssh']), fixed: apiserverPod([]) },
      { title: 'A 1.20 API server tunnelling over SSH', text: apiserverPodAt('1.20.15', [KEYFILE, '--secure-port=6443']), fixed: apiserverPodAt('1.20.15', ['--secure-port=6443']) },
    ],
  },
};

// The template passes no carrier to this message, so it does not spell the flag: the finding's range shows it.
const older = (): string =>
  `kube-apiserver opens SSH tunnels to nodes that do not verify host keys: anyone who can intercept them can pose as a node and read or change the logs, exec and proxied traffic they carry; Konnectivity replaces them (the flag was removed in ${REMOVED_IN})`;

const parts = ['ssh-user', 'ssh-keyfile'].map((flag) => flagRemoved(meta, 'kube-apiserver', flag, REMOVED_IN, older));

const rule: Rule = {
  meta,
  check(context) {
    for (const part of parts) part.check(context);
  },
};

export default rule;
