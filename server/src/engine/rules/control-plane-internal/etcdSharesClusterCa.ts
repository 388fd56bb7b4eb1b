// KCG422: etcd trusts the cluster CA, so any client certificate of the cluster opens etcd.
import { ETCD_SETTINGS } from '../../docs/controlPlaneSettings';
import { settingFormats } from '../../docs/formats';
import { apiserverPod } from '../examples';
import { namesInFile } from '../fileFacts';
import { componentsOf } from '../templates/flags';
import { isSet } from '../templates/values';
import type { Rule } from '../types';
import { apiserverEtcdFlagsExcept, etcdPod, secureEtcdFlagsExcept } from './examples';
import { rangeOf, resolveAt, targetsOf } from './setting';

/** A file path as the kernel resolves it: repeated and trailing slashes and `.` segments do not matter. */
function normalizePath(path: string): string {
  const parts = path.trim().split('/').filter((p, i) => p !== '.' && (p !== '' || i === 0));
  return parts.join('/') || '/';
}

const CLUSTER_CA = '--client-ca-file=/etc/kubernetes/pki/ca.crt';
const etcdOthers = secureEtcdFlagsExcept('trusted-ca-file');
const apiserver = apiserverPod([CLUSTER_CA, ...apiserverEtcdFlagsExcept()]);

/** The client CAs of the file's kube-apiservers, as normalised paths. */
const CLUSTER_CAS = namesInFile('apiserver-client-cas', (context) =>
  new Set(
    componentsOf(context, 'kube-apiserver')
      .map((c) => c.flags.last('client-ca-file'))
      .filter((o) => o !== undefined && !o.unresolved && isSet(o.value))
      .map((o) => normalizePath(o?.value ?? '')),
  ),
);

const rule: Rule = {
  meta: {
    id: 'KCG422',
    name: 'etcd-shares-cluster-ca',
    channel: 'control-plane-internal',
    severity: 'warning',
    summary: 'etcd\'s `--trusted-ca-file` is the same file as the API server\'s `--client-ca-file`, so every client certificate of the cluster is also accepted by etcd.',
    rationale: [
      'The cluster CA (`--client-ca-file`) signs the certificates of every kubelet, every controller, every administrator, and anything the `certificates.k8s.io` API approves. If etcd trusts the same CA, any of those certificates, a node\'s stolen kubelet certificate for instance, can connect to etcd directly and read or write all cluster state, skipping the API server\'s authorization and admission entirely. etcd should trust a CA of its own that signs only the API server\'s etcd client certificate and etcd\'s own certificates (kubeadm: `/etc/kubernetes/pki/etcd/ca.crt`).',
      '',
      'This rule compares the two flags within one file (a directory of static pods is checked file by file). KICS and Kubescape compare them across documents too; the CIS benchmark (2.7) leaves it to the reader.',
    ].join('\n'),
    remediation:
      'Create a separate CA for etcd (`kubeadm init phase certs etcd-ca`), issue etcd\'s serving and peer certificates and the API server\'s etcd client certificate from it, and point `--trusted-ca-file` (and `--peer-trusted-ca-file`) at it. There is no quick fix: the certificates must be reissued first.',
    references: [
      { title: 'PKI certificates and requirements: etcd CA', url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' },
      { title: 'CIS Kubernetes Benchmark 2.7', cis: '2.7' },
    ],
    examples: {
      valid: [
        { title: 'A dedicated etcd CA', text: `${apiserver}---\n${etcdPod([...etcdOthers, '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt'])}` },
        { title: 'etcd alone in its file', text: etcdPod([...etcdOthers, '--trusted-ca-file=/etc/kubernetes/pki/ca.crt']) },
      ],
      invalid: [
        { title: 'etcd trusts the cluster CA', text: `${apiserver}---\n${etcdPod([...etcdOthers, '--trusted-ca-file=/etc/kubernetes/pki/ca.crt'])}` },
      ],
    },
    formats: settingFormats('etcd', true),
  },
  facts: [CLUSTER_CAS],
  check(context) {
    const clusterCas = context.fact(CLUSTER_CAS);
    if (clusterCas.size === 0) return;
    for (const target of targetsOf(context, 'etcd')) {
      const found = resolveAt(target, ETCD_SETTINGS.trustedCAFile);
      if (found.source === 'unknown' || !isSet(found.value) || !clusterCas.has(normalizePath(found.value))) continue;
      const range = rangeOf(target, found);
      if (!range) continue;
      context.report({
        range,
        message: `${found.spelled} is ${found.value}, the API server's client CA (--client-ca-file): every client certificate of the cluster (kubelets, controllers, users) can connect to etcd directly and read or write all cluster state`,
        fixes: [],
      });
    }
  },
};

export default rule;
