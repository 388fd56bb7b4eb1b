// KCG215: the kubelet trusts a client CA that did not sign the kubelet client certificate the API server presents (workspace rule).
import { appendTo } from '../../multiMap';
import type { ApiServerEnd, KubeletEnd, SettingState } from '../../workspace/channelEnds';
import { CLUSTER_CA, inCertificatesDir, isCaFile, KUBEADM_CAS, KUBELET_CLIENT_CERT, kubeadmPkiFile, signerOf, type PkiFile } from '../../workspace/kubeadmPki';
import { endsOf, fileName, filesExample, related, workspaceRule, type Located } from '../../workspace/workspaceRule';
import type { Fix } from '../../types';
import { apiserverPod, kubeletConfig } from '../examples';
import type { WorkspaceRuleContext } from '../types';

const PKI = '/etc/kubernetes/pki';
const CLIENT = [`--kubelet-client-certificate=${PKI}/apiserver-kubelet-client.crt`, `--kubelet-client-key=${PKI}/apiserver-kubelet-client.key`];
const kubelet = (ca: string) => kubeletConfig(['authentication:', '  x509:', `    clientCAFile: ${ca}`, 'serverTLSBootstrap: true']);

type SetSetting = Extract<SettingState, { state: 'set' }>;

interface ClientCert {
  api: Located<ApiServerEnd>;
  setting: SetSetting;
  file: PkiFile;
  /** The CA file that signs the certificate, as a full path. */
  signer: string;
}

/** The API server's kubelet client certificate as a kubeadm file with a known signer; undefined when the file cannot tell. */
function clientCertOf(api: Located<ApiServerEnd>): ClientCert | undefined {
  const s = api.end.kubeletClientCertificate;
  if (s.state !== 'set') return undefined;
  const file = kubeadmPkiFile(s.implied ? inCertificatesDir(s.value, api.end.certificatesDir) : s.value);
  const signer = file && signerOf(file);
  return file && signer ? { api, setting: s, file, signer: `${file.dir}/${signer}` } : undefined;
}

/** Enough other ends to find them; a workspace of many nodes would otherwise list every one in every finding. */
const MAX_RELATED = 10;

/** The files of the other ends for a message: a few names, then how many more. */
function named(uris: readonly string[], here: string): string {
  const files = [...new Set(uris)];
  const names = files.slice(0, 3).map((u) => (u === here ? 'this file' : fileName(u)));
  return files.length > 3 ? `${names.join(', ')} and ${files.length - 3} more files` : names.join(', ');
}

const rule = workspaceRule(
  {
    id: 'KCG215',
    name: 'kubelet-client-ca-mismatch',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: "The kubelet's client CA (`clientCAFile`, `--client-ca-file`) is not the CA that signs the API server's kubelet client certificate (`--kubelet-client-certificate`), by kubeadm's PKI layout.",
    rationale: [
      'The API server authenticates to kubelets with the certificate in `--kubelet-client-certificate`; the kubelet accepts it only if it chains to a CA in its `clientCAFile`. In kubeadm\'s layout `apiserver-kubelet-client.crt` is signed by `ca.crt`, `front-proxy-client.crt` by `front-proxy-ca.crt`, and the etcd certificates by `etcd/ca.crt`. When the two ends name files of that layout that do not fit, the kubelet cannot authenticate the API server: logs, exec, attach and port-forward are refused, and the usual way out people take is to turn on anonymous access or `AlwaysAllow` on the kubelet.',
      '',
      'A kubelet that trusts the front-proxy or etcd CA is also a security problem of its own: every certificate that CA signs (the front-proxy client, etcd\'s server and peer certificates, the API server\'s etcd client certificate) becomes a client identity the kubelet accepts.',
      '',
      'This is a workspace rule: it compares the kubelets and API servers of every file (and every document of one file), and reports only when the paths decide it (both in one directory, both named as kubeadm names them) and no API server in the workspace could be the kubelet\'s. Related locations point at the other end.',
    ].join('\n'),
    remediation: 'Make the kubelet trust the CA that signs the API server\'s kubelet client certificate: in kubeadm\'s layout `clientCAFile: /etc/kubernetes/pki/ca.crt` with `--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt`. When the kubelet deviates from that layout, the quick fix sets its CA to `ca.crt` in the same directory; when the API server presents another certificate, point it at `apiserver-kubelet-client.crt` and `.key` (no quick fix: the key flag changes too).',
    formats: ['KubeletConfiguration', 'kubelet flags', 'kube-apiserver flags', 'kubeadm'],
    references: [
      { title: 'Kubelet authentication/authorization: x509 client certificates', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/#kubelet-authentication' },
      { title: 'PKI certificates and requirements (kubeadm\'s layout)', url: 'https://kubernetes.io/docs/setup/best-practices/certificates/' },
    ],
    examples: {
      valid: [
        filesExample('The kubelet trusts the cluster CA that signs apiserver-kubelet-client.crt', [
          { name: 'kube-apiserver.yaml', text: apiserverPod(CLIENT) },
          { name: 'kubelet-config.yaml', text: kubelet(`${PKI}/ca.crt`) },
        ]),
        filesExample('A CA outside kubeadm\'s layout: the paths cannot tell', [
          { name: 'kube-apiserver.yaml', text: apiserverPod(CLIENT) },
          { name: 'kubelet-config.yaml', text: kubelet('/var/lib/kubelet/pki/client-ca.crt') },
        ]),
      ],
      invalid: [
        {
          ...filesExample('The kubelet trusts the front-proxy CA', [
            { name: 'kube-apiserver.yaml', text: apiserverPod(CLIENT) },
            { name: 'kubelet-config.yaml', text: kubelet(`${PKI}/front-proxy-ca.crt`), fixed: kubelet(`${PKI}/ca.crt`) },
          ]),
        },
        filesExample('The API server presents the front-proxy client certificate', [
          { name: 'kube-apiserver.yaml', text: apiserverPod([`--kubelet-client-certificate=${PKI}/front-proxy-client.crt`, `--kubelet-client-key=${PKI}/front-proxy-client.key`]) },
          { name: 'kubelet-config.yaml', text: kubelet(`${PKI}/ca.crt`) },
        ]),
      ],
    },
  },
  (context) => {
    const apiServers = endsOf(context, 'apiServers');
    if (apiServers.length === 0) return;
    const certs = apiServers.map(clientCertOf);
    // An API server whose client certificate the files cannot tell may be the one the kubelet talks to.
    if (certs.some((c) => c === undefined)) return;
    const known = certs as ClientCert[];
    const apiReports = new Map<ClientCert, Array<Located<KubeletEnd>>>();
    for (const k of endsOf(context, 'kubelets')) {
      const ca = k.end.clientCAFile;
      if (ca.state !== 'set') continue;
      const trusted = kubeadmPkiFile(ca.value);
      if (!trusted || !isCaFile(trusted)) continue;
      const path = `${trusted.dir}/${trusted.name}`;
      // Only when every API server's certificate lives next to the kubelet's CA and none is signed by it.
      if (!known.every((c) => c.file.dir === trusted.dir && c.signer !== path)) continue;
      const kubeletDeviates = trusted.name !== CLUSTER_CA || known.every((c) => c.file.name === KUBELET_CLIENT_CERT);
      if (kubeletDeviates) {
        reportAtKubelet(context, k, ca, trusted, known);
        continue;
      }
      for (const c of known) appendTo(apiReports, c, k);
    }
    for (const [c, kubelets] of apiReports) {
      context.report({
        uri: c.api.uri,
        range: c.setting.range,
        message: `${c.setting.spelled}=${c.setting.value} is signed by ${c.signer} (kubeadm's layout), but the kubelets trust ${KUBEADM_CAS[CLUSTER_CA]} (${named(kubelets.map((k) => k.uri), c.api.uri)}): they cannot authenticate the API server, so logs, exec, attach and port-forward are refused`,
        related: kubelets.slice(0, MAX_RELATED).map((k) => related(k.uri, (k.end.clientCAFile as SetSetting).range, `${k.end.label} trusts client certificates signed by ${(k.end.clientCAFile as SetSetting).value}`)),
      });
    }
  },
);

function reportAtKubelet(context: WorkspaceRuleContext, k: Located<KubeletEnd>, ca: SetSetting, trusted: PkiFile, certs: readonly ClientCert[]): void {
  const signers = new Set(certs.map((c) => c.signer));
  const [signer] = signers;
  // The fix only ever points the kubelet at the cluster CA: trusting the front-proxy or etcd CA would be a hole of its own.
  const target = signers.size === 1 && signer === `${trusted.dir}/${CLUSTER_CA}` ? signer : undefined;
  const title = ca.spelled.startsWith('--') ? `Set ${ca.spelled}=${target}` : `Set ${ca.spelled}: ${target}`;
  const fixes: Fix[] = target && ca.valueRange ? [{ title, edits: [{ range: ca.valueRange, newText: target }] }] : [];
  const cert = certs[0];
  const extra = trusted.name === CLUSTER_CA ? '' : `, and every certificate ${KUBEADM_CAS[trusted.name]} signs becomes a client identity the kubelet accepts`;
  context.report({
    uri: k.uri,
    range: ca.range,
    message: `${ca.spelled} is ${ca.value} (${KUBEADM_CAS[trusted.name]}), but the API server presents ${cert.setting.value}, which ${cert.signer} signs (kubeadm's layout): the kubelet cannot authenticate the API server, so logs, exec, attach and port-forward are refused${extra}`,
    fixes,
    related: certs.slice(0, MAX_RELATED).map((c) => related(c.api.uri, c.setting.range, `${c.api.end.label} presents ${c.setting.value}${c.setting.implied ? " (kubeadm's default)" : ''}, signed by ${c.signer}`)),
  });
}

export default rule;
