// etcd as its own flag parser, environment and config file read it: what the KCG4xx etcd rules report, and what they leave alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import {
  etcdConfig,
  etcdPod,
  etcdSidecarDeployment,
  replaceLine,
  SECURE_ETCD_CONFIG,
  secureEtcdFlagsExcept,
  SECURE_ETCD_FLAGS,
} from '../../../server/src/engine/rules/control-plane-internal/examples';
import { apiserverPod } from '../../../server/src/engine/rules/examples';
import { applyEdits } from '../../helpers';

function ids(text: string, prefix = 'KCG4'): string[] {
  return analyzeText(text)
    .findings.filter((f) => f.ruleId.startsWith(prefix))
    .map((f) => f.ruleId)
    .sort();
}

function has(text: string, id: string): boolean {
  return analyzeText(text).findings.some((f) => f.ruleId === id);
}

const env = (name: string, value: string): string[] => [`    - name: ${name}`, `      value: ${value}`];

describe('etcd flag syntax (Go flag package)', () => {
  it('reads a bare bool flag as true', () => {
    assert.equal(has(etcdPod([...secureEtcdFlagsExcept('client-cert-auth'), '--client-cert-auth']), 'KCG405'), false);
  });

  it('leaves `--client-cert-auth true` to KCG001: etcd stops at the stray word and refuses to start', () => {
    const text = etcdPod([...secureEtcdFlagsExcept('client-cert-auth'), '--client-cert-auth', 'true']);
    assert.equal(has(text, 'KCG405'), false);
    assert.equal(has(text, 'KCG001'), true);
  });

  it('lets the last of repeated URL flags win, as etcd replaces the list', () => {
    const exposedThenLocal = etcdPod([...secureEtcdFlagsExcept('listen-client-urls'), '--listen-client-urls=http://0.0.0.0:2379', '--listen-client-urls=https://127.0.0.1:2379']);
    assert.equal(has(exposedThenLocal, 'KCG411'), false);
    const localThenExposed = etcdPod([...secureEtcdFlagsExcept('listen-client-urls'), '--listen-client-urls=https://127.0.0.1:2379', '--listen-client-urls=http://0.0.0.0:2379']);
    assert.equal(has(localThenExposed, 'KCG411'), true);
  });
});

describe('etcd environment and config file', () => {
  it('ignores every flag once --config-file (or ETCD_CONFIG_FILE) is given', () => {
    const insecure = ['--client-cert-auth=false', '--auto-tls=true', '--listen-client-urls=http://0.0.0.0:2379'];
    assert.deepEqual(ids(etcdPod(['--config-file=/etc/etcd/etcd.yaml', ...insecure])), []);
    assert.deepEqual(ids(etcdPod(insecure, env('ETCD_CONFIG_FILE', '/etc/etcd/etcd.yaml'))), []);
  });

  it('reads ETCD_* variables for flags the command line leaves out, and the flag wins over the variable', () => {
    const others = secureEtcdFlagsExcept('client-cert-auth');
    assert.equal(has(etcdPod(others, env('ETCD_CLIENT_CERT_AUTH', '"false"')), 'KCG405'), true);
    assert.equal(has(etcdPod(others, env('ETCD_CLIENT_CERT_AUTH', '"true"')), 'KCG405'), false);
    assert.equal(has(etcdPod([...others, '--client-cert-auth=true'], env('ETCD_CLIENT_CERT_AUTH', '"false"')), 'KCG405'), false);
  });

  it('says nothing about a variable whose value comes from valueFrom', () => {
    const text = etcdPod(secureEtcdFlagsExcept('client-cert-auth'), ['    - name: ETCD_CLIENT_CERT_AUTH', '      valueFrom:', '        configMapKeyRef: {name: etcd, key: auth}']);
    assert.equal(has(text, 'KCG405'), false);
  });

  it('says nothing about settings an envFrom ConfigMap may hold, but still reads the flags', () => {
    const envFrom = ['    envFrom:', '    - configMapRef: {name: etcd-env}'];
    const text = (flags: string[]): string => etcdPod(flags).replace('    command:', [...envFrom, '    command:'].join('\n'));
    assert.equal(has(text(secureEtcdFlagsExcept('client-cert-auth')), 'KCG405'), false);
    assert.equal(has(text([...secureEtcdFlagsExcept('client-cert-auth'), '--client-cert-auth=false']), 'KCG405'), true);
  });

  it('quotes the value it writes into a plain environment value, which must stay a string', () => {
    const text = etcdPod(secureEtcdFlagsExcept('client-cert-auth'), ['    - name: ETCD_CLIENT_CERT_AUTH', '      value: "no"']);
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG405');
    assert.ok(finding);
    assert.ok(applyEdits(text, finding.fixes[0].edits).includes('value: "true"'));
  });

  it('reads YAML 1.1 bools in the config file, as etcd does', () => {
    const on = etcdConfig(replaceLine(SECURE_ETCD_CONFIG, '  client-cert-auth: true', '  client-cert-auth: yes'));
    assert.equal(has(on, 'KCG405'), false);
    const off = etcdConfig(replaceLine(SECURE_ETCD_CONFIG, '  client-cert-auth: true', '  client-cert-auth: off'));
    assert.equal(has(off, 'KCG405'), true);
  });

  it('finds nothing in a kubeadm-style config file, and defaults a bare one to plain HTTP on loopback', () => {
    assert.deepEqual(ids(etcdConfig(SECURE_ETCD_CONFIG)), []);
    // Defaults: loopback URLs, no TLS, no client certificates. Peers stay on loopback: no peer findings.
    assert.deepEqual(ids(etcdConfig(['name: solo', 'data-dir: /var/lib/etcd', 'initial-cluster: solo=http://localhost:2380'])), ['KCG404', 'KCG404', 'KCG405', 'KCG406']);
  });
});

describe('etcd client port reach', () => {
  const plainLocal = ['--data-dir=/tmp/etcd', '--listen-client-urls=http://127.0.0.1:2379', '--advertise-client-urls=http://127.0.0.1:2379'];

  it('leaves an etcd sidecar on its own pod\'s loopback alone', () => {
    assert.deepEqual(ids(etcdSidecarDeployment(plainLocal)), []);
  });

  it('reports the same etcd on the host network, where every host process reaches its loopback', () => {
    assert.deepEqual(ids(etcdPod(plainLocal)), ['KCG404', 'KCG404', 'KCG405', 'KCG406']);
  });

  it('reports a sidecar that listens beyond loopback', () => {
    const text = etcdSidecarDeployment(['--listen-client-urls=http://0.0.0.0:2379', '--advertise-client-urls=http://10.0.0.5:2379']);
    assert.deepEqual(ids(text), ['KCG404', 'KCG404', 'KCG405', 'KCG406', 'KCG411', 'KCG411']);
  });
});

describe('etcd peers', () => {
  const noPeerTls = secureEtcdFlagsExcept('peer-cert-file', 'peer-key-file', 'peer-client-cert-auth', 'peer-trusted-ca-file');

  it('asks for peer TLS where the peer URLs reach other hosts, even with one member listed (kubeadm\'s first node keeps that list)', () => {
    assert.deepEqual(ids(etcdPod(noPeerTls)), ['KCG408', 'KCG408', 'KCG409']);
  });

  it('says nothing about peers on loopback, however many members the list names', () => {
    const local = [
      ...secureEtcdFlagsExcept('peer-cert-file', 'peer-key-file', 'peer-client-cert-auth', 'peer-trusted-ca-file', 'listen-peer-urls', 'initial-advertise-peer-urls', 'initial-cluster'),
      '--listen-peer-urls=http://127.0.0.1:2380',
      '--initial-advertise-peer-urls=http://127.0.0.1:2380',
      '--initial-cluster=cp1=http://127.0.0.1:2380,cp2=http://127.0.0.1:2480',
    ];
    assert.deepEqual(ids(etcdPod(local)), []);
  });

  it('treats a peer URL it cannot resolve as reaching other hosts', () => {
    const text = etcdPod([...noPeerTls.filter((f) => !f.startsWith('--listen-peer-urls')), '--listen-peer-urls=https://$(POD_IP):2380']);
    assert.ok(has(text, 'KCG408'));
  });

  it('reports plain-HTTP peer URLs on the network as well as the missing certificate', () => {
    const text = etcdPod([
      ...noPeerTls.filter((f) => !f.includes('peer-urls') && !f.startsWith('--initial-cluster')),
      '--listen-peer-urls=http://10.0.0.10:2380',
      '--initial-advertise-peer-urls=http://10.0.0.10:2380',
      '--initial-cluster=cp1=http://10.0.0.10:2380,cp2=http://10.0.0.11:2380',
    ]);
    assert.deepEqual(ids(text), ['KCG408', 'KCG408', 'KCG409', 'KCG411', 'KCG411']);
  });
});

describe('etcd and the cluster CA', () => {
  const apiserver = apiserverPod(['--client-ca-file=/etc/kubernetes/pki/ca.crt']);

  it('compares paths as the kernel resolves them', () => {
    const etcd = etcdPod([...secureEtcdFlagsExcept('trusted-ca-file'), '--trusted-ca-file=/etc/kubernetes//pki/./ca.crt']);
    assert.ok(has(`${apiserver}---\n${etcd}`, 'KCG422'));
  });

  it('reads the etcd CA from a config file in the same file', () => {
    const config = etcdConfig(replaceLine(SECURE_ETCD_CONFIG, '  trusted-ca-file: /etc/kubernetes/pki/etcd/ca.crt', '  trusted-ca-file: /etc/kubernetes/pki/ca.crt'));
    assert.ok(has(`${apiserver}---\n${config}`, 'KCG422'));
  });

  it('finds nothing in a kubeadm control plane', () => {
    assert.equal(has(`${apiserver}---\n${etcdPod(SECURE_ETCD_FLAGS)}`, 'KCG422'), false);
  });
});
