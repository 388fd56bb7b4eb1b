// KCG210: the RotateKubeletServerCertificate feature gate is turned off, so kubelets cannot get CA-signed serving certificates.
import type { ComponentName } from '../../flags/catalog';
import { replaceScalar } from '../../fix/yamlEdits';
import { asScalar, mapPathPair, scalarText } from '../../parse/yamlNodes';
import { kubeletConfig, kubeletDaemonSet, secureKubeletFlagsExcept, SECURE_KUBELET_FIELDS, SECURE_KUBELET_FLAGS } from '../examples';
import { pairRange } from '../templates/fields';
import { componentsOf } from '../templates/flags';
import { parseBool } from '../templates/values';
import type { Rule, RuleContext } from '../types';
import { controllerManagerPod } from './examples';
import { flagFormats, settingFormats } from '../../docs/formats';
import { gateOnCommandLine, withGateValue } from './featureGates';

const GATE = 'RotateKubeletServerCertificate';
const OFF = `--feature-gates=${GATE}=false`;
const withGate = (value: string): string[] => [...SECURE_KUBELET_FIELDS, 'featureGates:', `  ${GATE}: ${value}`];
const withoutBootstrap = SECURE_KUBELET_FIELDS.filter((l) => l !== 'serverTLSBootstrap: true');

function checkCommandLines(context: RuleContext, component: ComponentName): void {
  const { source } = context.model;
  for (const c of componentsOf(context, component)) {
    const setting = gateOnCommandLine(c, GATE);
    if (!setting || parseBool(setting.entry.value) !== false) continue;
    const value = withGateValue(setting, 'true');
    const edits = value === undefined ? undefined : c.carrier.setFlag(source, setting.occurrence, value);
    let message: string;
    if (component === 'kube-controller-manager') {
      message = `--feature-gates sets ${GATE}=${setting.entry.value} on kube-controller-manager: CIS 1.3.6 expects kubelet serving certificate rotation on across the cluster; the gate takes effect on the kubelets, so check that theirs is not off too`;
    } else {
      const bootstrap = c.flags.last('rotate-server-certificates');
      message =
        bootstrap && parseBool(bootstrap.value) === true
          ? `--feature-gates sets ${GATE}=${setting.entry.value} while --rotate-server-certificates is on: the kubelet refuses to start, and without the gate it can only serve a self-signed certificate`
          : `--feature-gates sets ${GATE}=${setting.entry.value}: the kubelet cannot get a serving certificate from the cluster CA, so it serves a self-signed one the API server cannot verify`;
    }
    context.report({ range: setting.occurrence.range, message, fixes: edits ? [{ title: `Set ${GATE}=true`, edits }] : [] });
  }
}

const rule: Rule = {
  meta: {
    id: 'KCG210',
    name: 'kubelet-serving-certificate-rotation-disabled',
    channel: 'apiserver-to-kubelet',
    severity: 'warning',
    summary: 'The `RotateKubeletServerCertificate` feature gate is turned off (`--feature-gates`, `featureGates`), so kubelets cannot get serving certificates from the cluster CA.',
    rationale: [
      "The gate lets a kubelet with `serverTLSBootstrap: true` (`--rotate-server-certificates`) request its serving certificate from the cluster CA and renew it before it expires. Turned off, the kubelet serves a self-signed certificate, so the API server cannot verify whom it sends `exec`, `attach`, `logs` and `port-forward` traffic to (see KCG201 and KCG209): anyone who can take over a node's address can impersonate its kubelet. A KubeletConfiguration that also sets `serverTLSBootstrap: true` fails validation and the kubelet does not start.",
      '',
      "The gate has been beta and on by default since Kubernetes 1.12 (alpha since 1.7) and is still not GA, so leaving it out is the secure choice. Like every feature gate it is read with pflag's map semantics: `--feature-gates` takes comma-separated `Name=bool` pairs, repeated flags merge, and the last pair naming a gate wins, so `--feature-gates=" + GATE + "=false --feature-gates=" + GATE + "=true` is fine. In a KubeletConfiguration the `featureGates` map is merged with the command line, where the flag wins.",
      '',
      'CIS 1.3.6 asks the same of kube-controller-manager. Current controller managers do not use the gate (their built-in approver never approves `kubernetes.io/kubelet-serving` requests), so there it only signals that rotation was turned off on purpose; the kubelets are where it matters. kube-bench, checkov and KICS flag only an explicit `false`, as this rule does; Trivy KCV-0038 demands an explicit `=true` on the controller manager, which the default makes unnecessary.',
    ].join('\n'),
    remediation: `Remove \`${GATE}\` from \`--feature-gates\` or \`featureGates\` (it is on by default), or set it to \`true\`, and use \`serverTLSBootstrap: true\`. The quick fix changes the effective value to \`true\`.`,
    references: [
      { title: 'Kubelet TLS bootstrapping: certificate rotation', url: 'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-tls-bootstrapping/#certificate-rotation' },
      { title: 'Feature gates', url: 'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/' },
      { title: 'CIS Kubernetes Benchmark 1.3.6 and 4.2.11', cis: '4.2.11' },
    ],
    formats: [...settingFormats('kubelet', true), ...flagFormats('kube-controller-manager')],
    examples: {
      valid: [
        { title: 'Gate left at its default', text: kubeletDaemonSet(SECURE_KUBELET_FLAGS) },
        { title: 'A later pair turns it back on', text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, `${OFF},NodeSwap=true`, `--feature-gates=${GATE}=true`]) },
        { title: 'Config sets it on', text: kubeletConfig(withGate('true')) },
        { title: 'Controller manager with other gates', text: controllerManagerPod(['--feature-gates=NodeSwap=true']) },
      ],
      invalid: [
        {
          title: 'Flag turns it off among other gates',
          text: kubeletDaemonSet([...secureKubeletFlagsExcept('rotate-server-certificates'), `--feature-gates=NodeSwap=true,${GATE}=false`]),
          fixed: kubeletDaemonSet([...secureKubeletFlagsExcept('rotate-server-certificates'), `--feature-gates=NodeSwap=true,${GATE}=true`]),
        },
        {
          title: 'The last of repeated flags turns it off, with server TLS bootstrap on',
          text: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, `--feature-gates=${GATE}=true`, '--feature-gates', `${GATE}=False`]),
          fixed: kubeletDaemonSet([...SECURE_KUBELET_FLAGS, `--feature-gates=${GATE}=true`, '--feature-gates', `${GATE}=true`]),
        },
        { title: 'Config turns it off', text: kubeletConfig([...withoutBootstrap, 'featureGates:', `  ${GATE}: false`]), fixed: kubeletConfig([...withoutBootstrap, 'featureGates:', `  ${GATE}: true`]) },
        { title: 'Controller manager turns it off', text: controllerManagerPod([OFF]), fixed: controllerManagerPod([`--feature-gates=${GATE}=true`]) },
      ],
    },
  },
  check(context) {
    checkCommandLines(context, 'kubelet');
    checkCommandLines(context, 'kube-controller-manager');
    for (const config of context.model.configs) {
      if (config.component !== 'kubelet') continue;
      const pair = mapPathPair(config.root, ['featureGates', GATE]);
      const value = pair ? scalarText(pair.value) : undefined;
      if (!pair || parseBool(value) !== false) continue;
      const range = pairRange(pair);
      if (!range) continue;
      const bootstrap = parseBool(scalarText(mapPathPair(config.root, ['serverTLSBootstrap'])?.value)) === true;
      const scalar = asScalar(pair.value);
      const edit = scalar && replaceScalar(scalar, 'true', true);
      context.report({
        range,
        message: bootstrap
          ? `featureGates.${GATE} is ${value} while serverTLSBootstrap is true: the kubelet fails validation and does not start, and without the gate it can only serve a self-signed certificate`
          : `featureGates.${GATE} is ${value}: the kubelet cannot get a serving certificate from the cluster CA, so it serves a self-signed one the API server cannot verify`,
        fixes: edit ? [{ title: `Set featureGates.${GATE}: true`, edits: [edit] }] : [],
      });
    }
  },
};

export default rule;
