// KCG202: the API server presents no client certificate to kubelets.
import { apiserverPod } from '../examples';
import { flagRequired } from '../templates/flags';

const CERT = '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt';
const KEY = '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key';
const CA = '--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt';

export default flagRequired(
  {
    id: 'KCG202',
    name: 'kubelet-client-certificate-missing',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'kube-apiserver runs without `--kubelet-client-certificate` or `--kubelet-client-key`, so it cannot authenticate to kubelets.',
    rationale: "When the API server calls a kubelet for logs, exec or port-forward without a client certificate, the kubelet cannot tell the API server from anyone else. Either those calls fail, or kubelets are configured to accept anonymous requests (`--anonymous-auth` left on, `AlwaysAllow`) to make them work, and then anyone who can reach port 10250 can run commands in every pod on the node.",
    remediation: 'Give the API server a client certificate signed by the CA the kubelets trust (`authentication.x509.clientCAFile`), with both `--kubelet-client-certificate` and `--kubelet-client-key`. The quick fix adds the missing flag with kubeadm\'s paths (`/etc/kubernetes/pki/apiserver-kubelet-client.crt` and `.key`).',
    references: [
      { title: 'Kubelet authentication and authorization', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/' },
      { title: 'CIS Kubernetes Benchmark 1.2.4', cis: '1.2.4' },
    ],
    examples: {
      valid: [{ title: 'Both the certificate and the key are given', text: apiserverPod([CERT, KEY, CA]) }],
      invalid: [
        { title: 'The key is missing', text: apiserverPod([CERT, CA]), fixed: apiserverPod([CERT, CA, KEY]) },
        { title: 'The certificate is missing', text: apiserverPod([KEY, CA]), fixed: apiserverPod([KEY, CA, CERT]) },
      ],
    },
  },
  'kube-apiserver',
  [
    { name: 'kubelet-client-certificate', value: '/etc/kubernetes/pki/apiserver-kubelet-client.crt' },
    { name: 'kubelet-client-key', value: '/etc/kubernetes/pki/apiserver-kubelet-client.key' },
  ],
  (flag) => `kube-apiserver has no ${flag}: the API server cannot authenticate to kubelets, which pushes them to accept anonymous exec and logs requests`,
);
