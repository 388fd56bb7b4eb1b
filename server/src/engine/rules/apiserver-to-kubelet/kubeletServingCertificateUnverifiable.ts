// KCG214: the API server verifies kubelet serving certificates, but kubelets of the workspace sign their own (workspace rule).
import type { ApiServerEnd, KubeletEnd } from '../../workspace/channelEnds';
import { endsOf, fileName, filesExample, related as relatedAt, workspaceRule, type Located } from '../../workspace/workspaceRule';
import type { Fix } from '../../types';
import { apiserverPod, kubeletConfig, kubeletDaemonSet } from '../examples';

const PKI = '/etc/kubernetes/pki';
const VERIFYING = [`--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`, `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`, `--kubelet-certificate-authority=${PKI}/ca.crt`];
const KUBELET = ['authentication:', '  anonymous:', '    enabled: false', '  x509:', `    clientCAFile: ${PKI}/ca.crt`, 'readOnlyPort: 0'];

type Verifying = Located<ApiServerEnd> & { end: ApiServerEnd & { kubeletCertificateAuthority: { state: 'set' } } };
type SelfSigned = Located<KubeletEnd> & { end: KubeletEnd & { serving: { state: 'self-signed' } } };

/** Enough kubelets to find them; a workspace of many nodes would otherwise list every one in every finding. */
const MAX_RELATED = 10;
const MAX_NAMED = 3;

const rule = workspaceRule(
  {
    id: 'KCG214',
    name: 'kubelet-serving-certificate-unverifiable',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'kube-apiserver verifies kubelet serving certificates (`--kubelet-certificate-authority`), but kubelets of the workspace sign their own (no `serverTLSBootstrap`, no `tlsCertFile`).',
    rationale: [
      'With `--kubelet-certificate-authority` the API server checks the certificate each kubelet serves against that CA. A kubelet without `serverTLSBootstrap: true` (`--rotate-server-certificates`) and without `tlsCertFile` (`--tls-cert-file`) generates a self-signed certificate at start, which no CA verifies: every `kubectl logs`, `exec`, `attach` and `port-forward` to it fails with an x509 error. The fix people then reach for is removing `--kubelet-certificate-authority`, which leaves the channel open to interception again (KCG201).',
      '',
      'Each end alone looks fine or draws its own warning (KCG209 on the kubelet); only both together show that the cluster is broken. This is a workspace rule: it reads the API servers and kubelets of every file (and every document of one file), and reports only when every API server of the workspace verifies kubelets, so the kubelets cannot belong to one that does not. Kubelets whose serving certificate a file cannot tell (a Helm template, a `--config` file elsewhere) draw nothing. The finding is on the API server\'s flag; related locations point at the kubelets.',
    ].join('\n'),
    remediation: 'Make the kubelets serve certificates the CA signs: `serverTLSBootstrap: true` in their KubeletConfiguration (then approve the `kubernetes.io/kubelet-serving` CertificateSigningRequests, with a CSR approver), or `tlsCertFile`/`tlsPrivateKeyFile` issued by that CA. Keep `--kubelet-certificate-authority`. When the kubelets are in the same file as the API server, the quick fix turns on `serverTLSBootstrap` for them.',
    formats: ['kube-apiserver flags', 'kubeadm', 'KubeletConfiguration', 'kubelet flags'],
    references: [
      { title: 'Kubelet TLS bootstrapping: certificate rotation', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' },
      { title: 'Control plane to node communication: API server to kubelet', url: 'https://kubernetes.io/docs/concepts/architecture/control-plane-node-communication/#apiserver-to-kubelet' },
    ],
    examples: {
      valid: [
        filesExample('The kubelets bootstrap serving certificates from the cluster CA', [
          { name: 'kube-apiserver.yaml', text: apiserverPod(VERIFYING) },
          { name: 'kubelet-config.yaml', text: kubeletConfig([...KUBELET, 'serverTLSBootstrap: true']) },
        ]),
        filesExample('The API server does not verify kubelets (KCG201 says so on its own)', [
          { name: 'kube-apiserver.yaml', text: apiserverPod(VERIFYING.slice(0, 2)) },
          { name: 'kubelet-config.yaml', text: kubeletConfig(KUBELET) },
        ]),
      ],
      invalid: [
        filesExample('A kubelet config without serverTLSBootstrap', [
          { name: 'kube-apiserver.yaml', text: apiserverPod(VERIFYING) },
          { name: 'kubelet-config.yaml', text: kubeletConfig(KUBELET) },
        ]),
        filesExample('Both ends in one file: the fix turns on serverTLSBootstrap', [
          {
            name: 'control-plane.yaml',
            text: `${apiserverPod(VERIFYING)}---\n${kubeletConfig(KUBELET)}`,
            fixed: `${apiserverPod(VERIFYING)}---\n${kubeletConfig([...KUBELET, 'serverTLSBootstrap: true'])}`,
          },
        ]),
        filesExample('A kubelet run from flags', [
          { name: 'kube-apiserver.yaml', text: apiserverPod(VERIFYING) },
          { name: 'kubelet.yaml', text: kubeletDaemonSet(['--anonymous-auth=false', `--client-ca-file=${PKI}/ca.crt`]) },
        ]),
      ],
    },
  },
  (context) => {
    const apiServers = endsOf(context, 'apiServers');
    const verifying = apiServers.filter((a): a is Verifying => a.end.kubeletCertificateAuthority.state === 'set' && a.end.kubeletCertificateAuthority.value.trim() !== '');
    // A kubelet may belong to an API server that does not verify, or whose setting the files cannot tell: then nothing is broken for sure.
    if (verifying.length === 0 || verifying.length !== apiServers.length) return;
    const selfSigned = endsOf(context, 'kubelets').filter((k): k is SelfSigned => k.end.serving.state === 'self-signed');
    if (selfSigned.length === 0) return;
    const files = [...new Set(selfSigned.map((k) => k.uri))];
    const count = selfSigned.length === 1 ? 'a kubelet signs its own' : `${selfSigned.length} kubelets sign their own`;
    const related = selfSigned.slice(0, MAX_RELATED).map((k) => relatedAt(k.uri, k.end.serving.range, `${k.end.label} signs its own serving certificate: no serverTLSBootstrap, no tlsCertFile`));
    for (const api of verifying) {
      const ca = api.end.kubeletCertificateAuthority;
      const names = files.slice(0, MAX_NAMED).map((u) => (u === api.uri ? 'this file' : fileName(u)));
      if (files.length > MAX_NAMED) names.push(`${files.length - MAX_NAMED} more files`);
      context.report({
        uri: api.uri,
        range: ca.range,
        message: `${ca.spelled} makes the API server verify kubelet serving certificates against ${ca.value}, but ${count} (${names.join(', ')}): logs, exec, attach and port-forward to ${selfSigned.length === 1 ? 'it' : 'them'} fail, and the usual way out is turning verification off`,
        fixes: sameFileFix(api.uri, selfSigned),
        related,
      });
    }
  },
);

/** When every such kubelet is in the API server's file, their own fixes (serverTLSBootstrap: true) make one fix here. */
function sameFileFix(uri: string, kubelets: readonly SelfSigned[]): Fix[] {
  if (!kubelets.every((k) => k.uri === uri)) return [];
  const fixes = kubelets.map((k) => k.end.serving.fixes[0]);
  if (fixes.some((f) => f === undefined)) return [];
  const title = fixes.length === 1 ? `${fixes[0].title} for the kubelet in this file` : `Turn on serving certificates from the cluster CA for the ${fixes.length} kubelets in this file`;
  return [{ title, edits: fixes.flatMap((f) => f.edits) }];
}

export default rule;
