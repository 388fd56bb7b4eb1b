// KCG405: etcd accepts clients without a certificate.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { clientPortPodLocal, etcdBool, isExplicit, offPhrase } from './etcd';
import { etcdConfig, etcdPod, etcdSidecarDeployment, replaceLine, SECURE_ETCD_CONFIG, secureEtcdFlagsExcept, SECURE_ETCD_FLAGS } from './examples';
import { componentSettingRule } from './setting';

const others = secureEtcdFlagsExcept('client-cert-auth');

export default componentSettingRule(
  {
    id: 'KCG405',
    name: 'etcd-client-cert-auth-disabled',
    channel: 'control-plane-internal',
    severity: 'error',
    summary: 'etcd runs without `--client-cert-auth=true` (`client-transport-security.client-cert-auth`), so it serves any client that connects.',
    rationale: [
      'Without client certificate authentication, anyone who can open a connection to etcd\'s client port reads and writes the whole cluster state: every Secret, every service-account token signing input, every RBAC binding. Kubernetes authentication, authorization and admission are all bypassed. A loopback-only client URL does not help on a control-plane host, where every process and every pod with `hostNetwork: true` shares the loopback; only an etcd sidecar that listens on loopback inside a pod of its own (no `hostNetwork`, as in Kubernetes\' sample-apiserver) draws no finding for a setting left at its default (the same holds for KCG404 and KCG406). An explicit `--client-cert-auth=false` is reported even there: it stays wrong once the port is reachable.',
      '',
      'The flag defaults to false, and so does the config-file field. A bare `--client-cert-auth` is true: etcd parses its command line with Go\'s `flag` package, where a bool flag without a value means true. checkov\'s CKV_K8S_117 looks for the literal item `--client-cert-auth=true` and wrongly fails the bare form; a separate `--client-cert-auth true` is not a value at all, and etcd refuses to start (KCG001).',
    ].join('\n'),
    remediation:
      'Set `--client-cert-auth=true` together with `--trusted-ca-file` pointing at the etcd CA, and give the API server a client certificate from that CA (`--etcd-certfile`, `--etcd-keyfile`). The quick fix writes `true`.',
    references: [
      { title: 'etcd transport security model', url: 'https://etcd.io/docs/v3.5/op-guide/security/' },
      { title: 'CIS Kubernetes Benchmark 2.2', cis: '2.2' },
    ],
    examples: {
      valid: [
        { title: 'A kubeadm etcd member', text: etcdPod(SECURE_ETCD_FLAGS) },
        { title: 'A bare bool flag is true', text: etcdPod([...others, '--client-cert-auth']) },
        { title: 'From the environment', text: etcdPod(others, ['    - name: ETCD_CLIENT_CERT_AUTH', '      value: "true"']) },
        { title: 'A config file that requires client certificates', text: etcdConfig(SECURE_ETCD_CONFIG) },
        { title: 'A sidecar on its pod\'s own loopback', text: etcdSidecarDeployment(['--data-dir=/tmp/etcd', '--listen-client-urls=http://127.0.0.1:2379', '--advertise-client-urls=http://127.0.0.1:2379']) },
      ],
      invalid: [
        { title: 'Left at its default', text: etcdPod(others), fixed: etcdPod([...others, '--client-cert-auth=true']) },
        { title: 'Turned off', text: etcdPod([...others, '--client-cert-auth=false']), fixed: etcdPod([...others, '--client-cert-auth=true']) },
        {
          title: 'Turned off in the environment',
          text: etcdPod(others, ['    - name: ETCD_CLIENT_CERT_AUTH', '      value: "false"']),
          fixed: etcdPod(others, ['    - name: ETCD_CLIENT_CERT_AUTH', '      value: "true"']),
        },
        {
          title: 'Turned off in the config file',
          text: etcdConfig(replaceLine(SECURE_ETCD_CONFIG, '  client-cert-auth: true', '  client-cert-auth: false')),
          fixed: etcdConfig(SECURE_ETCD_CONFIG),
        },
      ],
    },
  },
  {
    setting: ETCD_SETTINGS.clientCertAuth,
    insecure: (value) => etcdBool(value) !== true,
    fixValue: 'true',
    applies: (lookup, target) => isExplicit(lookup(ETCD_SETTINGS.clientCertAuth)) || !clientPortPodLocal(lookup, target),
    message: (found) => `${offPhrase(found)}: etcd serves any client that reaches its client port, which can then read and write all cluster state, Secrets included`,
  },
);
