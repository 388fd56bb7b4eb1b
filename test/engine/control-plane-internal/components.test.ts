// The API server's etcd flags, the controller manager, scheduler and kube-proxy endpoints, and kubeadm's external etcd, across versions and formats.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText, type AnalysisOptions } from '../../../server/src/engine/analyze';
import {
  controllerManagerPod,
  kubeadmClusterConfig,
  kubeProxyDaemonSet,
  onHostNetwork,
  proxyConfig,
  schedulerConfig,
  schedulerPod,
  SECURE_KCM_FLAGS,
  secureKcmFlagsExcept,
  SECURE_SCHEDULER_FLAGS,
  secureSchedulerFlagsExcept,
} from '../../../server/src/engine/rules/control-plane-internal/examples';
import { apiserverPod } from '../../../server/src/engine/rules/examples';
import { CORPUS } from '../../helpers';

function ids(text: string, options: AnalysisOptions = {}): string[] {
  return analyzeText(text, options)
    .findings.filter((f) => f.ruleId.startsWith('KCG4'))
    .map((f) => f.ruleId)
    .sort();
}

describe('API server to etcd', () => {
  it('reports plain HTTP to etcd once, not the TLS files it makes meaningless', () => {
    assert.deepEqual(ids(onHostNetwork(apiserverPod(['--etcd-servers=http://127.0.0.1:2379', '--profiling=false']))), ['KCG401']);
  });

  it('asks for the TLS files when etcd is reached over https', () => {
    assert.deepEqual(ids(apiserverPod(['--etcd-servers=https://127.0.0.1:2379', '--profiling=false'])), ['KCG402', 'KCG402', 'KCG403']);
  });

  it('reads every occurrence of the list flag', () => {
    const text = onHostNetwork(apiserverPod(['--etcd-servers=https://10.0.0.10:2379', '--etcd-servers=http://10.0.0.11:2379', '--profiling=false']));
    assert.ok(ids(text).includes('KCG401'));
  });
});

describe('controller manager and scheduler plain-HTTP port, by version', () => {
  const kcm = (version: string, flags: string[] = []): string => controllerManagerPod([...SECURE_KCM_FLAGS, ...flags], version);
  const sched = (version: string, flags: string[] = []): string => schedulerPod([...SECURE_SCHEDULER_FLAGS, ...flags], version);

  it('asks for --port=0 only while the port is served: controller manager before 1.22, scheduler before 1.23', () => {
    assert.deepEqual(ids(kcm('1.21.14')), ['KCG416']);
    assert.deepEqual(ids(kcm('1.22.0')), []);
    assert.deepEqual(ids(sched('1.22.17')), ['KCG417']);
    assert.deepEqual(ids(sched('1.23.0')), []);
  });

  it('accepts only 0 once insecure serving is off, and reports the flags as removed from 1.24', () => {
    assert.deepEqual(ids(kcm('1.23.17', ['--port=0'])), []);
    assert.deepEqual(ids(kcm('1.23.17', ['--port=10252'])), ['KCG416']);
    assert.deepEqual(ids(kcm('1.24.0', ['--port=0'])), ['KCG416']);
    assert.deepEqual(ids(sched('1.24.0', ['--address=127.0.0.1'])), ['KCG417']);
    assert.match(analyzeText(kcm('1.24.0', ['--port=0'])).findings.find((f) => f.ruleId === 'KCG416')?.message ?? '', /removed in Kubernetes 1\.24/);
  });

  it('leaves a loopback --address alone, and takes the version from the setting over the image tag', () => {
    assert.deepEqual(ids(kcm('1.20.15', ['--address=127.0.0.1'])), []);
    assert.deepEqual(ids(kcm('1.31.0'), { kubernetesVersion: '1.20' }), ['KCG416']);
  });

  it('offers no --port=0 fix while a probe still uses the plain-HTTP port', () => {
    const text = kcm('1.18.20').replace('    command:', ['    livenessProbe:', '      httpGet:', '        path: /healthz', '        port: 10252', '    command:'].join('\n'));
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG416');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
    assert.match(finding.message, /probe/);
  });

  it('knows that kubeadm up to 1.13 bound the plain-HTTP port to 127.0.0.1, and reads its extraArgs', () => {
    const config = (version: string, extra: string[] = []): string =>
      ['apiVersion: kubeadm.k8s.io/v1beta1', 'kind: ClusterConfiguration', `kubernetesVersion: v${version}`, ...extra, ''].join('\n');
    const portIds = (text: string): string[] => ids(text).filter((id) => id === 'KCG416' || id === 'KCG417');
    assert.deepEqual(portIds(config('1.13.5', ['controllerManager:', '  extraArgs:', '    port: "10252"'])), []);
    assert.deepEqual(portIds(config('1.16.2', ['controllerManager:', '  extraArgs:', '    port: "10252"'])), ['KCG416']);
    assert.deepEqual(portIds(config('1.20.4')), []);
  });

  it('reports the kubeadm 1.16 static pods of the corpus, without a fix that would break their probes', () => {
    const text = fs.readFileSync(path.join(CORPUS, 'realworld', 'control-plane', 'kubeadm_etc_kubernetes__manifests_kube-controller-manager.yaml'), 'utf8');
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG416');
    assert.ok(finding);
    assert.deepEqual(finding.fixes, []);
  });
});

describe('controller manager and scheduler HTTPS endpoints', () => {
  it('reports an unset --bind-address, whose default is every interface', () => {
    assert.deepEqual(ids(controllerManagerPod(secureKcmFlagsExcept('bind-address'))), ['KCG414']);
    assert.deepEqual(ids(schedulerPod(secureSchedulerFlagsExcept('bind-address'))), ['KCG415']);
  });

  it('accepts any loopback address, and says nothing when the HTTPS port is off', () => {
    assert.deepEqual(ids(controllerManagerPod([...secureKcmFlagsExcept('bind-address'), '--bind-address=::1'])), []);
    assert.deepEqual(ids(schedulerPod([...secureSchedulerFlagsExcept('bind-address'), '--secure-port=0'])), []);
  });

  it('does not ask versions without the HTTPS endpoint for its flags', () => {
    assert.deepEqual(ids(controllerManagerPod(['--address=127.0.0.1', '--port=0', '--profiling=false'], '1.10.0')), ['KCG413']);
    assert.deepEqual(ids(schedulerPod(['--address=127.0.0.1', '--profiling=false'], '1.12.0')), []);
  });

  it('takes kubeadm\'s own 127.0.0.1 and kubeconfig flags into account', () => {
    const text = kubeadmClusterConfig(['apiServer:', '  extraArgs:', '  - name: profiling', '    value: "false"', 'controllerManager:', '  extraArgs:', '  - name: profiling', '    value: "false"', 'scheduler:', '  extraArgs:', '  - name: profiling', '    value: "false"']);
    assert.deepEqual(ids(text), []);
  });
});

describe('profiling', () => {
  it('reads the scheduler\'s config document, not its flag, when --config is given', () => {
    assert.deepEqual(ids(schedulerPod(['--config=/etc/kubernetes/scheduler.yaml', ...secureSchedulerFlagsExcept('profiling')])), []);
    assert.deepEqual(ids(schedulerConfig(['enableProfiling: true'])), ['KCG418']);
    assert.deepEqual(ids(schedulerConfig(['enableProfiling: false'])), []);
  });

  it('reports each of the three components once', () => {
    const text = [apiserverPod([]), controllerManagerPod(secureKcmFlagsExcept('profiling')), schedulerPod(secureSchedulerFlagsExcept('profiling'))].join('---\n');
    assert.deepEqual(ids(text).filter((id) => id === 'KCG418'), ['KCG418', 'KCG418', 'KCG418']);
  });
});

describe('kube-proxy metrics', () => {
  it('ignores --metrics-bind-address next to --config, as kube-proxy does', () => {
    assert.deepEqual(ids(kubeProxyDaemonSet(['--config=/var/lib/kube-proxy/config.conf', '--metrics-bind-address=0.0.0.0:10249'])), []);
  });

  it('reads IPv6, bare IPs and port 0', () => {
    assert.deepEqual(ids(proxyConfig(['metricsBindAddress: "[::1]:10249"'])), []);
    assert.deepEqual(ids(proxyConfig(['metricsBindAddress: "[::]:10249"'])), ['KCG419']);
    assert.deepEqual(ids(proxyConfig(['metricsBindAddress: 0.0.0.0:0'])), []);
    assert.deepEqual(ids(kubeProxyDaemonSet(['--metrics-bind-address=0.0.0.0'])), ['KCG419']);
  });

  it('keeps the port when it fixes the address', () => {
    const text = proxyConfig(['metricsBindAddress: 0.0.0.0:9100']);
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG419');
    assert.equal(finding?.fixes[0].title, 'Set metricsBindAddress: 127.0.0.1:9100');
  });
});

describe('kubeadm external etcd', () => {
  const external = (lines: string[]): string[] => ['etcd:', '  external:', ...lines];

  it('reads the ClusterConfiguration inside a Cluster API KubeadmControlPlane', () => {
    const text = [
      'apiVersion: controlplane.cluster.x-k8s.io/v1beta1',
      'kind: KubeadmControlPlane',
      'metadata: {name: cp}',
      'spec:',
      '  version: v1.31.0',
      '  kubeadmConfigSpec:',
      '    clusterConfiguration:',
      '      etcd:',
      '        external:',
      '          endpoints: ["http://10.0.0.20:2379"]',
      '',
    ].join('\n');
    assert.ok(ids(text).includes('KCG420'));
  });

  it('asks for each missing file once, and not when every endpoint is plain HTTP', () => {
    assert.deepEqual(ids(kubeadmClusterConfig(external(['    endpoints: [https://10.0.0.20:2379]']))).filter((id) => id === 'KCG420'), ['KCG420', 'KCG420', 'KCG420']);
    assert.deepEqual(ids(kubeadmClusterConfig(external(['    endpoints: [http://10.0.0.20:2379]']))).filter((id) => id === 'KCG420'), ['KCG420']);
  });

  it('in a Helm template, reports explicit plain HTTP but no missing file', () => {
    const text = kubeadmClusterConfig(external(['    endpoints:', '    - http://{{ .Values.etcdHost }}:2379', '    - https://10.0.0.21:2379']));
    assert.deepEqual(ids(text).filter((id) => id === 'KCG420'), ['KCG420']);
  });

  it('replaces an empty file field instead of adding a second one', () => {
    const text = kubeadmClusterConfig(external(['    endpoints: [https://10.0.0.20:2379]', '    caFile: /etc/kubernetes/pki/etcd/ca.crt', '    certFile: ""', '    keyFile: /etc/kubernetes/pki/apiserver-etcd-client.key']));
    const finding = analyzeText(text).findings.find((f) => f.ruleId === 'KCG420');
    assert.match(finding?.message ?? '', /empty certFile/);
    assert.equal(finding?.fixes[0].edits.length, 1);
  });
});

describe('real control-plane manifests', () => {
  it('find nothing in the etcd static pods of kubeadm, cks-at, otel and managed-kubernetes', () => {
    for (const name of ['kubeadm_etc_kubernetes__manifests_etcd.yaml', 'cks-at__manifests_etcd.yaml', 'otel-kubeadm__manifests_etcd.yaml', 'managed-kubernetes__manifests_etcd.yaml', 'managed-kubernetes__manifests_managed-kube-etcd.yaml']) {
      const text = fs.readFileSync(path.join(CORPUS, 'realworld', 'control-plane', name), 'utf8');
      assert.deepEqual(ids(text), [], name);
    }
  });

  it('find nothing in the hardened cks-at control plane', () => {
    for (const name of ['cks-at__manifests_kube-controller-manager.yaml', 'cks-at__manifests_kube-scheduler.yaml']) {
      const text = fs.readFileSync(path.join(CORPUS, 'realworld', 'control-plane', name), 'utf8');
      assert.deepEqual(ids(text), [], name);
    }
  });
});
