// kubeadm's PKI layout: which certificate file each CA file signs, so a certificate path and a CA path can be compared.
// Only files under the same directory, named as kubeadm names them, are compared: anything else is someone's own layout.

/** kubeadm's certificates, by path relative to `certificatesDir`, with the CA file that signs each. */
const SIGNED_BY: Readonly<Record<string, string>> = {
  'apiserver.crt': 'ca.crt',
  'apiserver-kubelet-client.crt': 'ca.crt',
  'front-proxy-client.crt': 'front-proxy-ca.crt',
  'apiserver-etcd-client.crt': 'etcd/ca.crt',
  'etcd/server.crt': 'etcd/ca.crt',
  'etcd/peer.crt': 'etcd/ca.crt',
  'etcd/healthcheck-client.crt': 'etcd/ca.crt',
};

/** kubeadm's CA files and what each is for. */
export const KUBEADM_CAS: Readonly<Record<string, string>> = {
  'ca.crt': 'the cluster CA',
  'front-proxy-ca.crt': 'the front-proxy CA',
  'etcd/ca.crt': 'the etcd CA',
};

export const KUBEADM_PKI_DIR = '/etc/kubernetes/pki';

/** The name of the API server's kubelet client certificate in kubeadm's layout, and the CA that signs it. */
export const KUBELET_CLIENT_CERT = 'apiserver-kubelet-client.crt';
export const CLUSTER_CA = 'ca.crt';

const KNOWN = [...Object.keys(SIGNED_BY), ...Object.keys(KUBEADM_CAS)].sort((a, b) => b.length - a.length);

export interface PkiFile {
  /** The directory kubeadm's files are in (`/etc/kubernetes/pki`). */
  dir: string;
  /** The file's kubeadm name relative to it (`etcd/ca.crt`). */
  name: string;
}

/** A path read as a file of kubeadm's layout, or undefined when it is named otherwise. */
export function kubeadmPkiFile(path: string): PkiFile | undefined {
  const clean = path.trim().replace(/\/{2,}/g, '/');
  for (const name of KNOWN) {
    if (clean.endsWith(`/${name}`)) return { dir: clean.slice(0, clean.length - name.length - 1), name };
  }
  return undefined;
}

/** The CA file that signs a kubeadm certificate, relative to the same directory; undefined for CA files and unknown names. */
export function signerOf(file: PkiFile): string | undefined {
  return SIGNED_BY[file.name];
}

export function isCaFile(file: PkiFile): boolean {
  return KUBEADM_CAS[file.name] !== undefined;
}

/** kubeadm's implied paths are written for the default directory; a ClusterConfiguration's certificatesDir moves them. */
export function inCertificatesDir(path: string, certificatesDir: string | undefined): string {
  if (!certificatesDir || !path.startsWith(`${KUBEADM_PKI_DIR}/`)) return path;
  return `${certificatesDir.replace(/\/+$/, '')}/${path.slice(KUBEADM_PKI_DIR.length + 1)}`;
}
