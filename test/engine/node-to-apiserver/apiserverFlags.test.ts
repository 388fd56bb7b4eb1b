// The KCG1xx rules on API server, controller manager and kubelet flags: Kubernetes semantics the examples do not show.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { apiserverPod, apiserverPodAt, secureApiserverFlagsExcept, SECURE_APISERVER_FLAGS } from '../../../server/src/engine/rules/node-to-apiserver/examples';
import { applyEdits } from '../../helpers';

function findings(id: string, text: string, kubernetesVersion?: string) {
  return analyzeText(text, { kubernetesVersion }).findings.filter((f) => f.ruleId === id);
}

/** Applies the first fix of the only finding of `id` and returns the new text. */
function fix(id: string, text: string): string {
  const found = findings(id, text);
  assert.equal(found.length, 1, `one ${id} finding`);
  assert.ok(found[0].fixes.length > 0, `${id} offers a fix`);
  return applyEdits(text, found[0].fixes[0].edits);
}

const kubeadm = (version: string, extraArgs: readonly string[]): string =>
  ['apiVersion: kubeadm.k8s.io/v1beta3', 'kind: ClusterConfiguration', `kubernetesVersion: v${version}`, 'apiServer:', '  extraArgs:', ...extraArgs.map((a) => `    ${a}`), ''].join('\n');

describe('KCG101 anonymous authentication', () => {
  const others = secureApiserverFlagsExcept('anonymous-auth');

  it('still reports an explicit true when --authentication-config is given: the two are mutually exclusive', () => {
    const text = apiserverPod([...others, '--authentication-config=/etc/kubernetes/authn.yaml', '--anonymous-auth=true']);
    assert.equal(findings('KCG101', text).length, 1);
  });

  it('says the API server resets it while AlwaysAllow is a mode, and still reports it', () => {
    const [finding] = findings('KCG101', apiserverPod(secureApiserverFlagsExcept('anonymous-auth', 'authorization-mode')));
    assert.match(finding.message, /resets it to false only while AlwaysAllow/);
  });

  it('leaves `--anonymous-auth false` to KCG001', () => {
    const text = apiserverPod([...others, '--anonymous-auth', 'false']);
    assert.deepEqual(findings('KCG101', text), []);
    assert.equal(findings('KCG001', text).length, 1);
  });

  it('spells the fix in kubeadm extraArgs, where the flag default is the same', () => {
    const text = kubeadm('1.31.0', ['audit-log-maxage: "30"']);
    const [finding] = findings('KCG101', text);
    assert.match(finding.message, /has no anonymous-auth: "false" in apiServer\.extraArgs/);
    assert.equal(finding.fixes[0].title, 'Add anonymous-auth: "false" in apiServer.extraArgs');
    assert.equal(fix('KCG101', text), kubeadm('1.31.0', ['audit-log-maxage: "30"', 'anonymous-auth: "false"']));
  });

  it('says nothing about a Helm template that leaves the flag out', () => {
    assert.deepEqual(findings('KCG101', apiserverPod([...others, '--etcd-servers={{ .Values.etcd }}'])), []);
  });
});

describe('KCG104 to KCG106 authorization modes', () => {
  const others = secureApiserverFlagsExcept('authorization-mode');

  it('offers no fix when AlwaysAllow appears twice', () => {
    const [finding] = findings('KCG104', apiserverPod([...others, '--authorization-mode=AlwaysAllow,Node', '--authorization-mode=RBAC,AlwaysAllow']));
    assert.deepEqual(finding.fixes, []);
  });

  it('says nothing when --authorization-config carries the chain, even next to an old mode flag', () => {
    for (const mode of [[], ['--authorization-mode=AlwaysAllow']]) {
      const text = apiserverPod([...others, ...mode, '--authorization-config=/etc/kubernetes/authz.yaml']);
      for (const id of ['KCG104', 'KCG105', 'KCG106']) assert.deepEqual(findings(id, text), [], id);
    }
  });

  it('reports an unset flag once, as KCG104, not as missing Node or RBAC', () => {
    const text = apiserverPod(others);
    assert.equal(findings('KCG104', text).length, 1);
    assert.deepEqual(findings('KCG105', text), []);
    assert.deepEqual(findings('KCG106', text), []);
  });

  it('reads repeated flags as one list: Node in the first, RBAC in the second', () => {
    const text = apiserverPod([...others, '--authorization-mode=Node', '--authorization-mode=RBAC']);
    for (const id of ['KCG104', 'KCG105', 'KCG106']) assert.deepEqual(findings(id, text), [], id);
  });

  it('edits the value inside a sh -c script', () => {
    const text = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: kube-apiserver', 'spec:', '  containers:', '  - name: kube-apiserver', '    command: ["sh", "-c", "exec kube-apiserver --authorization-mode=RBAC,AlwaysAllow"]', ''].join('\n');
    assert.equal(fix('KCG104', text), text.replace('--authorization-mode=RBAC,AlwaysAllow', '--authorization-mode=RBAC'));
    assert.equal(fix('KCG105', text), text.replace('--authorization-mode=RBAC,AlwaysAllow', '--authorization-mode=Node,RBAC,AlwaysAllow'));
  });

  it("counts kubeadm's Node,RBAC, and reports an extraArgs value that replaces it", () => {
    assert.deepEqual(findings('KCG104', kubeadm('1.31.0', ['audit-log-maxage: "30"'])), []);
    const text = kubeadm('1.31.0', ['authorization-mode: AlwaysAllow']);
    assert.equal(fix('KCG104', text), kubeadm('1.31.0', ['authorization-mode: Node,RBAC']));
  });
});

describe('KCG107 and KCG108 admission plugins', () => {
  it('finds NodeRestriction in any occurrence of the list', () => {
    const text = apiserverPod([...secureApiserverFlagsExcept('enable-admission-plugins'), '--enable-admission-plugins=PodSecurity', '--enable-admission-plugins=NodeRestriction']);
    assert.deepEqual(findings('KCG107', text), []);
  });

  it("reports a kubeadm extraArgs list that replaces kubeadm's NodeRestriction", () => {
    const text = kubeadm('1.31.0', ['enable-admission-plugins: PodSecurity']);
    assert.equal(fix('KCG107', text), kubeadm('1.31.0', ['enable-admission-plugins: PodSecurity,NodeRestriction']));
  });

  it('reports a deprecated --admission-control list without ServiceAccount, without guessing its place', () => {
    const [finding] = findings('KCG108', apiserverPod([...SECURE_APISERVER_FLAGS, '--admission-control=NamespaceLifecycle,NodeRestriction']));
    assert.match(finding.message, /complete list of admission plugins and leaves out ServiceAccount/);
    assert.deepEqual(finding.fixes, []);
  });

  it('does not count an enable list without ServiceAccount (the checkov false positive)', () => {
    assert.deepEqual(findings('KCG108', apiserverPod([...SECURE_APISERVER_FLAGS, '--enable-admission-plugins=NodeRestriction,PodSecurity'])), []);
  });
});

describe('KCG110 and KCG111 service-account keys and issuer', () => {
  it('says the API server does not start without them from 1.20', () => {
    const [key] = findings('KCG110', apiserverPodAt('1.24.0', secureApiserverFlagsExcept('service-account-key-file')));
    assert.match(key.message, /1\.24 has no --service-account-key-file: .*refuses to start/);
    const [issuer] = findings('KCG111', apiserverPodAt('1.24.0', secureApiserverFlagsExcept('service-account-issuer')));
    assert.match(issuer.message, /does not start without the flag \(required since 1\.20\)/);
  });

  it('accepts an external signer instead of key files', () => {
    const text = apiserverPod([...secureApiserverFlagsExcept('service-account-key-file', 'service-account-signing-key-file'), '--service-account-signing-endpoint=/run/signer.sock']);
    assert.deepEqual(findings('KCG110', text), []);
    assert.deepEqual(findings('KCG111', text), []);
  });

  it('does not ask a pre-1.12 API server for flags it did not have', () => {
    assert.deepEqual(findings('KCG111', apiserverPodAt('1.10.0', secureApiserverFlagsExcept('service-account-issuer', 'service-account-signing-key-file'))), []);
  });

  it('does not fail kubeadm\'s sa.pub for its extension (the checkov false positive)', () => {
    assert.deepEqual(findings('KCG110', apiserverPod(SECURE_APISERVER_FLAGS)), []);
  });
});

describe('KCG113 and KCG114 serving TLS', () => {
  it('says both files are needed when only one is given', () => {
    const [finding] = findings('KCG113', apiserverPod(secureApiserverFlagsExcept('tls-private-key-file')));
    assert.match(finding.message, /has --tls-cert-file but no --tls-private-key-file/);
  });

  it('reports a suite name Kubernetes does not know as a start failure', () => {
    const [finding] = findings('KCG114', apiserverPod([...SECURE_APISERVER_FLAGS, '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,Foo']));
    assert.match(finding.message, /Foo is not a cipher suite Kubernetes knows, and the API server refuses to start with it/);
  });

  it('accepts the TLS 1.3 names and the _SHA256 and legacy ChaCha20 spellings', () => {
    const suites = 'TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256';
    assert.deepEqual(findings('KCG114', apiserverPod([...SECURE_APISERVER_FLAGS, `--tls-cipher-suites=${suites}`])), []);
  });
});

describe('KCG116 to KCG118 the old insecure port', () => {
  const old = secureApiserverFlagsExcept('service-account-extend-token-expiration');

  it('never demands --insecure-port=0 from 1.20 on (the checkov and KICS false positive)', () => {
    for (const version of ['1.20.0', '1.23.0', '1.31.0']) assert.deepEqual(findings('KCG117', apiserverPodAt(version, old)), [], version);
  });

  it('reports a non-zero port on 1.20 to 1.23 as a start failure and fixes it to 0', () => {
    const text = apiserverPodAt('1.22.0', [...old, '--insecure-port=8080']);
    const [finding] = findings('KCG117', text);
    assert.match(finding.message, /1\.22 accepts only --insecure-port=0 .* refuses to start with 8080/);
    assert.equal(fix('KCG117', text), apiserverPodAt('1.22.0', [...old, '--insecure-port=0']));
  });

  it('reads the --port alias, last occurrence wins', () => {
    assert.deepEqual(findings('KCG117', apiserverPodAt('1.18.0', [...old, '--port=8080', '--insecure-port=0'])), []);
    assert.equal(findings('KCG117', apiserverPodAt('1.18.0', [...old, '--insecure-port=0', '--port=8080'])).length, 1);
  });

  it('reports --insecure-port=0 itself as removed from 1.24', () => {
    const [finding] = findings('KCG117', apiserverPodAt('1.24.0', [...SECURE_APISERVER_FLAGS, '--insecure-port=0']));
    assert.match(finding.message, /removed in Kubernetes 1\.24: kube-apiserver 1\.24 will not start with it/);
  });

  it('trusts kubeadm to write --insecure-port=0 on old versions', () => {
    assert.deepEqual(findings('KCG117', kubeadm('1.16.2', ['audit-log-maxage: "30"'])), []);
  });

  it('follows --kubernetes-version over the image tag', () => {
    assert.equal(findings('KCG117', apiserverPod(old), '1.18').length, 1);
  });

  it('reports the bind address on a version where it still exists', () => {
    const [finding] = findings('KCG118', apiserverPodAt('1.21.0', [...old, '--insecure-bind-address=0.0.0.0']));
    assert.match(finding.message, /no effect from 1\.20 and stops the API server from 1\.24/);
  });

  it('keeps the last --secure-port, as pflag does', () => {
    assert.deepEqual(findings('KCG116', apiserverPod([...SECURE_APISERVER_FLAGS, '--secure-port=0', '--secure-port=6443'])), []);
  });
});

describe('KCG132 token expiry extension', () => {
  const others = secureApiserverFlagsExcept('service-account-extend-token-expiration');

  it('reports an explicit true on 1.19, where the default was still false', () => {
    assert.equal(findings('KCG132', apiserverPodAt('1.19.16', [...others, '--service-account-extend-token-expiration=true'])).length, 1);
  });

  it('says nothing before the flag existed', () => {
    assert.deepEqual(findings('KCG132', apiserverPodAt('1.18.0', others)), []);
  });
});
