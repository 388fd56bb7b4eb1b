// KCG119: the kubelet is told not to renew its client certificate for the API server.
import { NODE_TO_APISERVER_SETTING } from '../../docs/nodeToApiserverSettings';
import type { Setting } from '../../docs/settings';
import { settingRule } from '../templates/settings';
import { parseBool } from '../templates/values';
import { kubeletConfig, kubeletDaemonSet, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from './examples';

const SETTING = NODE_TO_APISERVER_SETTING.rotateCertificates;

/**
 * Both defaults are false, but only an explicit false is reported (see the rationale): the rule reads
 * the setting without its defaults, so an unset flag or field resolves to no value and says nothing.
 */
const EXPLICIT_ONLY: Setting = { ...SETTING, flagDefault: undefined, configDefault: undefined };

export default settingRule({
  setting: EXPLICIT_ONLY,
  fixValue: 'true',
  insecure: (value) => parseBool(value) === false,
  message: (r) => `${r.spelled} is ${r.value ?? 'false'}: the kubelet will not renew its client certificate, so the node loses access to the API server when it expires, and the usual workaround is a long-lived credential`,
  meta: {
    id: 'KCG119',
    name: 'kubelet-client-certificate-rotation-disabled',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'The kubelet is told not to rotate its client certificate for the API server (`--rotate-certificates=false`, `rotateCertificates: false`).',
    rationale: [
      'The kubelet authenticates to the API server with a client certificate (`system:node:<name>`). With rotation on, it requests a new certificate through the certificates API as the current one nears expiry (the controller manager approves and signs those requests where RBAC allows it, as kubeadm sets up), so node credentials stay short-lived and a stolen one ages out. With rotation off the certificate lives until it expires (a year by default); then the node drops out of the cluster, and the common workaround is a certificate valid for many years or a static token, a credential that outlives any compromise.',
      '',
      '**Which values are reported.** Both the flag `--rotate-certificates` and the KubeletConfiguration field `rotateCertificates` default to **false**, so an unset value also means no rotation. This rule still reports only an explicit `false`: kubeadm (and kind, minikube and Cluster API through it) writes `rotateCertificates: true` into the kubelet configuration it generates and merges its defaults into any KubeletConfiguration you give it, so a fragment without the field is usually rotated in practice; kubelets whose certificates are issued out of band (Kubernetes the Hard Way) renew them by other means; and the CIS benchmark (4.2.10) passes an unset value. An explicit `false` is a deliberate choice to let the credential expire, and is what this rule flags. KICS reports a KubeletConfiguration that leaves the field out, which on kubeadm-managed nodes is a false positive.',
      '',
      'The `RotateKubeletClientCertificate` feature gate went GA in 1.19 and was removed in 1.20; naming it in `featureGates` there stops the kubelet.',
    ].join('\n'),
    remediation: 'Set `rotateCertificates: true` in the KubeletConfiguration (or `--rotate-certificates=true`), and make sure kubelet client CSRs are approved (kubeadm sets this up). The quick fix writes `true`.',
    references: [
      { title: 'Kubelet TLS bootstrapping: client certificate rotation', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' },
      { title: 'Configure certificate rotation for the kubelet', url: 'https://kubernetes.io/docs/tasks/tls/certificate-rotation/' },
      { title: 'CIS Kubernetes Benchmark 4.2.10', cis: '4.2.10' },
    ],
    examples: {
      valid: [
        { title: 'Rotation on in the config file', text: kubeletConfig([...SECURE_KUBELET_FIELDS, 'rotateCertificates: true']) },
        { title: 'Field left out (kubeadm writes true)', text: kubeletConfig(SECURE_KUBELET_FIELDS) },
        { title: 'Flag set to true', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--rotate-certificates=true']) },
      ],
      invalid: [
        {
          title: 'Config field set to false',
          text: kubeletConfig([...SECURE_KUBELET_FIELDS, 'rotateCertificates: false']),
          fixed: kubeletConfig([...SECURE_KUBELET_FIELDS, 'rotateCertificates: true']),
        },
        {
          title: 'Flag set to false',
          text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--rotate-certificates=false']),
          fixed: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, '--rotate-certificates=true']),
        },
      ],
    },
  },
});
