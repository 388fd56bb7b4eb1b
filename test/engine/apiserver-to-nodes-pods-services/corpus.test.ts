// The KCG3xx findings on the real-world corpus are exactly the reviewed ones below, and the run-time caBundle patterns of real bundles draw none.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../../server/src/engine/analyze';
import { CORPUS } from '../../helpers';

const REALWORLD = path.join(CORPUS, 'realworld');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(e.name) ? [full] : [];
  });
}

function channelFindings(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return analyzeText(text)
    .findings.filter((f) => f.ruleId.startsWith('KCG3'))
    .map((f) => `${path.relative(REALWORLD, file)}:${f.range.start.line + 1} ${f.ruleId}`);
}

/** Every KCG3xx finding on the corpus, each one read and judged true. */
const EXPECTED = [
  // A live cert-manager v0.8 webhook APIService without caBundle (its injection annotation is not in the snapshot).
  'other-channels/argo-cd__gitops-engine_pkg_health_testdata_apiservice-v1-false.yaml:8 KCG302',
  // The sample aggregated API server (wardle) with insecureSkipTLSVerify: true.
  'other-channels/argo-cd__test_e2e_testdata_aggregated-apiserver-server_manifests.yaml:143 KCG301',
  // Calico's tech-preview API server: its docs have you patch the caBundle in by hand after install.
  'other-channels/calico__manifests_apiserver.yaml:123 KCG302',
  // eksctl embeds this file and sets caBundle from Go before applying it: nothing in the file says so (a known limit).
  'other-channels/eksctl__pkg_addons_assets_vpc-admission-webhook-config.yaml:10 KCG304',
  // kops' authentication.kope.io APIServices skip verification.
  'other-channels/kops__upup_models_cloudup_resources_addons_authentication.kope.io_k8s-1.12.yaml:86 KCG301',
  'other-channels/kops__upup_models_cloudup_resources_addons_authentication.kope.io_k8s-1.12.yaml:104 KCG301',
  // kops' "insecure" metrics-server variant (its "secure" twin uses cert-manager injection and draws nothing).
  'other-channels/kops__upup_pkg_fi_cloudup_tests_bootstrapchannelbuilder_metrics-server_insecure-1.19_metrics-server.addons.k8s.io-k8s-1.11.yaml:244 KCG301',
  // kube-prometheus' prometheus-adapter and minikube's metrics-server skip verification.
  'other-channels/kube-prometheus__manifests_prometheusAdapter-apiService.yaml:13 KCG301',
  'other-channels/minikube__deploy_addons_metrics-server_metrics-apiservice.yaml:12 KCG301',
];

describe('KCG3xx on the real-world corpus', () => {
  it('finds exactly the reviewed findings', () => {
    const found = yamlFiles(REALWORLD).flatMap(channelFindings).sort();
    assert.deepEqual(found, [...EXPECTED].sort());
  });

  it('accepts ingress-nginx, whose webhook caBundle a kube-webhook-certgen Job patches in', () => {
    assert.deepEqual(channelFindings(path.join(REALWORLD, 'big', 'kind__site_static_examples_ingress_deploy-ingress-nginx.yaml')), []);
  });

  it('accepts cert-manager injection and kubebuilder Kustomize bases', () => {
    for (const file of [
      'big/kops__tests_integration_update_cluster_many-addons_data_aws_s3_object_many-addons.example.com-addons-certmanager.io-k8s-1.16_content.yaml',
      'other-channels/kops__upup_pkg_fi_cloudup_tests_bootstrapchannelbuilder_metrics-server_secure-1.19_metrics-server.addons.k8s.io-k8s-1.11.yaml',
      'other-channels/cluster-api__core_config_webhook_manifests.yaml',
      'other-channels/cluster-api__bootstrap_kubeadm_config_webhook_manifests.yaml',
    ]) {
      assert.deepEqual(channelFindings(path.join(REALWORLD, file)), [], file);
    }
  });
});
