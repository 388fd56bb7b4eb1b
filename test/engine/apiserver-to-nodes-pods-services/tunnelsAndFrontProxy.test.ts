// KCG307-KCG312: SSH tunnels, the egress selector, Konnectivity and the front proxy, in the forms people write them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { apiserverPod } from '../../../server/src/engine/rules/examples';
import {
  AGENT_ARGS,
  apiService,
  egressSelector,
  FRONT_PROXY,
  konnectivityAgent,
  konnectivityServer,
  SERVER_ARGS,
} from '../../../server/src/engine/rules/apiserver-to-nodes-pods-services/examples';
import { applyEdits } from '../../helpers';

function findings(id: string, text: string, kubernetesVersion?: string) {
  return analyzeText(text, { kubernetesVersion }).findings.filter((f) => f.ruleId === id);
}

describe('KCG307 apiserver-ssh-tunnel', () => {
  it('reports unverified tunnels before 1.22 and a removed flag from 1.22 on', () => {
    const text = apiserverPod(['--ssh-user=gke', '--ssh-keyfile=/etc/srv/sshproxy/.sshkeyfile']);
    const old = findings('KCG307', text, '1.21');
    assert.equal(old.length, 2);
    assert.match(old[0].message, /do not verify host keys/);
    assert.match(findings('KCG307', text, '1.22')[0].message, /was removed in Kubernetes 1\.22/);
  });

  it('removes the split form --ssh-user gke, value included', () => {
    const text = apiserverPod(['--secure-port=6443', '--ssh-user', 'gke']);
    const [finding] = findings('KCG307', text);
    assert.equal(applyEdits(text, finding.fixes[0].edits), apiserverPod(['--secure-port=6443']));
  });
});

describe('KCG308 egress-selector-plaintext', () => {
  const selection = (name: string, protocol: string, transport: readonly string[]) => [`- name: ${name}`, '  connection:', `    proxyProtocol: ${protocol}`, ...(transport.length ? ['    transport:', ...transport.map((l) => `      ${l}`)] : [])];

  it('checks every selection that uses HTTPConnect over tcp, whatever its name', () => {
    const text = egressSelector([...selection('controlplane', 'HTTPConnect', ['tcp:', '  url: http://127.0.0.1:8131']), ...selection('etcd', 'Direct', [])]);
    const [finding, ...rest] = findings('KCG308', text);
    assert.equal(rest.length, 0);
    assert.match(finding.message, /^Egress selection controlplane reaches its proxy at http:\/\/127\.0\.0\.1:8131 in plain text/);
  });

  it('leaves GRPC over tcp alone: that is a start-up error of its own, not plaintext', () => {
    assert.equal(findings('KCG308', egressSelector(selection('cluster', 'GRPC', ['tcp:', '  url: http://k:8131']))).length, 0);
  });

  it('reads apiserver.config.k8s.io and the flow-style upstream example', () => {
    const text = egressSelector(selection('cluster', 'HTTPConnect', ['tcp:', '  url: http://k:8131'])).replace('apiserver.k8s.io/v1beta1', 'apiserver.config.k8s.io/v1beta1');
    assert.equal(findings('KCG308', text).length, 1);
    const flow = '{apiVersion: "apiserver.k8s.io/v1beta1", kind: "EgressSelectorConfiguration", egressSelections: [{name: "cluster", connection: {proxyProtocol: "HTTPConnect", transport: {tcp: {url: "http://k:8131"}}}}]}\n';
    assert.equal(findings('KCG308', flow).length, 1);
  });
});

describe('KCG309 konnectivity-agent-ca-missing', () => {
  it('sets an empty --ca-cert= in place', () => {
    const text = konnectivityAgent(['--ca-cert=', ...AGENT_ARGS]);
    const [finding] = findings('KCG309', text);
    assert.equal(finding.fixes[0].title, 'Set --ca-cert=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
    assert.equal(applyEdits(text, finding.fixes[0].edits), konnectivityAgent(['--ca-cert=/var/run/secrets/kubernetes.io/serviceaccount/ca.crt', ...AGENT_ARGS]));
  });

  it('offers no fix when the pod mounts no service-account token', () => {
    const text = konnectivityAgent(AGENT_ARGS).replace('      serviceAccountName: konnectivity-agent', '      serviceAccountName: konnectivity-agent\n      automountServiceAccountToken: false');
    assert.deepEqual(findings('KCG309', text).map((f) => f.fixes.length), [0]);
  });

  it('says nothing about a Helm template', () => {
    const text = konnectivityAgent(AGENT_ARGS).replace('proxy-agent:v0.33.0', 'proxy-agent:{{ .Values.tag }}');
    assert.equal(findings('KCG309', text).length, 0);
  });
});

describe('KCG310 konnectivity-server-agent-authentication-missing', () => {
  it('takes --agent-namespace as token authentication, as proxy-server does', () => {
    assert.equal(findings('KCG310', konnectivityServer([...SERVER_ARGS, '--agent-namespace=kube-system'])).length, 0);
    assert.equal(findings('KCG310', konnectivityServer([...SERVER_ARGS, '--authentication-audience=system:konnectivity-server'])).length, 1);
  });

  it('reads a bare bool flag without swallowing the next argument', () => {
    const text = konnectivityServer(['--delete-existing-uds-file', '--cluster-ca-cert=/etc/kubernetes/pki/agent-ca.crt', ...SERVER_ARGS]);
    assert.equal(findings('KCG310', text).length, 0);
  });
});

describe('KCG311 apiserver-requestheader-allowed-names-missing', () => {
  it('says so when the request-header CA is the cluster CA', () => {
    const text = apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt', '--requestheader-client-ca-file=/etc/kubernetes/pki/ca.crt', FRONT_PROXY.cert, FRONT_PROXY.key]);
    assert.match(findings('KCG311', text)[0].message, /also --client-ca-file, so every kubelet and user certificate can impersonate/);
  });

  it('accepts kops-style names and a repeated flag that appends names', () => {
    assert.equal(findings('KCG311', apiserverPod([FRONT_PROXY.ca, '--requestheader-allowed-names=aggregator'])).length, 0);
    assert.equal(findings('KCG311', apiserverPod([FRONT_PROXY.ca, '--requestheader-allowed-names=front-proxy-client', '--requestheader-allowed-names='])).length, 0);
  });

  it('fixes an explicitly empty list in place', () => {
    const text = apiserverPod([FRONT_PROXY.ca, '--requestheader-allowed-names=', FRONT_PROXY.cert, FRONT_PROXY.key]);
    const [finding] = findings('KCG311', text);
    assert.equal(applyEdits(text, finding.fixes[0].edits), apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, FRONT_PROXY.cert, FRONT_PROXY.key]));
  });
});

describe('KCG312 apiserver-proxy-client-certificate-missing', () => {
  it('adds only the missing half of a kubeadm pair', () => {
    const text = apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, FRONT_PROXY.cert]);
    const [finding] = findings('KCG312', text);
    assert.match(finding.message, /has no --proxy-client-key-file although/);
    assert.equal(applyEdits(text, finding.fixes[0].edits), apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, FRONT_PROXY.cert, FRONT_PROXY.key]));
  });

  it('offers no fix next to a certificate kept elsewhere', () => {
    const text = apiserverPod([FRONT_PROXY.ca, FRONT_PROXY.names, '--proxy-client-cert-file=/srv/aggregator.crt']);
    assert.deepEqual(findings('KCG312', text).map((f) => f.fixes.length), [0]);
  });

  it('adds both flags in order in a flow sequence', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: kube-apiserver', 'spec:', '  containers:', '  - name: kube-apiserver', `    command: [kube-apiserver, ${FRONT_PROXY.ca}]`, ''].join('\n');
    const [finding] = findings('KCG312', text);
    assert.ok(applyEdits(text, finding.fixes[0].edits).includes(`${FRONT_PROXY.ca}, ${FRONT_PROXY.cert}, ${FRONT_PROXY.key}]`));
  });

  it('is triggered by an APIService only when it is backed by a service', () => {
    const local = ['apiVersion: apiregistration.k8s.io/v1', 'kind: APIService', 'metadata:', '  name: v1.apps', 'spec:', '  group: apps', '  version: v1', ''].join('\n');
    assert.equal(findings('KCG312', `${apiserverPod([])}---\n${local}`).length, 0);
    assert.equal(findings('KCG312', `${apiserverPod([])}---\n${apiService(['insecureSkipTLSVerify: true'])}`).length, 1);
  });
});
