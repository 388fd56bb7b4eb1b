// KCG201: the API server does not verify kubelet serving certificates.
import type { OffsetEdit } from '../../fix/yamlEdits';
import { apiserverPod, kubeletConfig } from '../examples';
import { flagRequired } from '../templates/flags';
import type { FileFact, Rule } from '../types';
import type { TextEdit } from '../../types';
import kubeletServingCertificateSelfSigned from './kubeletServingCertificateSelfSigned';

const CLIENT = [
  '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
  '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
];
const CA = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';

const addFlag = flagRequired(
  {
    id: 'KCG201',
    name: 'kubelet-certificate-authority-missing',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--kubelet-certificate-authority`, so it does not verify the certificates kubelets serve.',
    rationale: [
      "Every `kubectl logs`, `exec`, `attach` and `port-forward` goes from the API server to the kubelet's HTTPS endpoint. Without `--kubelet-certificate-authority` the API server accepts any certificate the endpoint shows, so anyone who can sit between the control plane and a node (a compromised node, a spoofed node IP, a hijacked route) can impersonate the kubelet: read the commands and output of exec sessions, inject commands into them, and read or change logs and port-forwarded traffic.",
      '',
      'The catch kubeadm users hit: by default each kubelet signs its own serving certificate, which no CA can verify. That is why kubeadm leaves this flag out. Before you add it, make the kubelets serve certificates signed by that CA: set `serverTLSBootstrap: true` in their KubeletConfiguration and approve (or auto-approve) the `kubernetes.io/kubelet-serving` CertificateSigningRequests, or give each kubelet `tlsCertFile`/`tlsPrivateKeyFile` issued by the cluster CA. Otherwise logs and exec fail with certificate errors.',
    ].join('\n'),
    remediation: 'Add `--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt` (the CA that signs kubelet serving certificates) to the kube-apiserver command line, after the kubelets serve CA-signed certificates. The quick fix adds the flag with kubeadm\'s CA path next to the component\'s other flags.',
    references: [
      { title: 'Control plane to node communication: API server to kubelet', url: 'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#apiserver-to-kubelet' },
      { title: 'Kubelet serving certificate bootstrap', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' },
      { title: 'CIS Kubernetes Benchmark 1.2.5', cis: '1.2.5' },
    ],
    examples: {
      valid: [{ title: 'The API server verifies kubelets against the cluster CA', text: apiserverPod([...CLIENT, CA]) }],
      invalid: [
        {
          title: 'A kubeadm-style API server without the flag',
          text: apiserverPod(CLIENT),
          fixed: apiserverPod([...CLIENT, CA]),
        },
        {
          title: 'With a kubelet that signs its own serving certificate in the same file (a second fix also sets serverTLSBootstrap: true there)',
          text: `${apiserverPod(CLIENT)}---\n${kubeletConfig(['readOnlyPort: 0'])}`,
          fixed: `${apiserverPod([...CLIENT, CA])}---\n${kubeletConfig(['readOnlyPort: 0'])}`,
        },
      ],
    },
  },
  'kube-apiserver',
  [{ name: 'kubelet-certificate-authority', value: '/etc/kubernetes/pki/ca.crt' }],
  (flag) => `kube-apiserver has no ${flag}: the API server does not verify kubelet serving certificates, so logs, exec, attach and port-forward can be intercepted`,
);

/**
 * The edits of the first fix of every KCG209 finding in the file (kubelets that sign their own serving certificates),
 * in file order, whatever KCG209's own level: KCG201's second fix makes those kubelets bootstrap CA-signed certificates.
 */
const KUBELET_SERVING_EDITS: FileFact<TextEdit[]> = {
  name: 'kubelet-serving-certificate-edits',
  of(context) {
    const edits: OffsetEdit[] = [];
    kubeletServingCertificateSelfSigned.check({ ...context, report: (r) => edits.push(...(r.fixes?.[0]?.edits ?? [])) });
    const { source } = context.model;
    return edits
      .map((e, order) => ({ e, order }))
      .sort((a, b) => a.e.start - b.e.start || a.order - b.order)
      .map(({ e }) => ({ range: source.range(e), newText: e.newText }));
  },
  join: (parts) => parts.flat(),
  key: (edits) => JSON.stringify(edits),
  move: (edits, move) => edits.map((e) => ({ range: move(e.range), newText: e.newText })),
};

/**
 * Where the file also holds kubelets that sign their own serving certificates (KCG209), turning verification on
 * alone would break logs and exec: a second fix adds the flag and makes those kubelets bootstrap CA-signed certificates.
 * Its edits are in other documents, so it is added once the whole file's facts are known.
 */
const rule: Rule = {
  meta: addFlag.meta,
  check: addFlag.check,
  complete: {
    facts: [KUBELET_SERVING_EDITS],
    finding(finding, fact) {
      const [add] = finding.fixes;
      const kubelets = fact(KUBELET_SERVING_EDITS);
      if (!add || kubelets.length === 0) return finding;
      const both = { title: `${add.title} and turn on serving certificates from the cluster CA for the kubelets in this file`, edits: [...add.edits, ...kubelets] };
      return { ...finding, fixes: [...finding.fixes, both] };
    },
  },
};

export default rule;
