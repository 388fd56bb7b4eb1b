// KCG125: an eksctl cluster's API endpoint is reachable only over the Internet, from any address.
import { isSeq } from 'yaml';
import { replaceScalar, setMapPath } from '../../fix/yamlEdits';
import { asMap, asScalar, keyRange, mapPair, mapPathPair, scalarText } from '../../parse/yamlNodes';
import { pairRange } from '../templates/fields';
import type { Rule } from '../types';
import { documentsOf, yamlBool } from '../templates/documents';

function clusterConfig(vpc: readonly string[]): string {
  return ['apiVersion: eksctl.io/v1alpha5', 'kind: ClusterConfig', 'metadata:', '  name: prod', '  region: eu-west-1', ...vpc, 'managedNodeGroups:', '- name: ng-1', '  instanceType: m5.large', ''].join('\n');
}

const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

const rule: Rule = {
  meta: {
    id: 'KCG125',
    name: 'eks-public-endpoint-open',
    channel: 'node-to-apiserver',
    severity: 'warning',
    summary: 'An eksctl ClusterConfig configures the API endpoint as public only (`vpc.clusterEndpoints`: public on, private off) and open to every address (`vpc.publicAccessCIDRs` unset or `0.0.0.0/0`).',
    rationale: [
      'With private endpoint access off, nodes and pods reach the EKS API server through its public endpoint: their traffic leaves the VPC through NAT or an Internet gateway, and with `publicAccessCIDRs` unset (or `0.0.0.0/0`) the endpoint accepts connections from the whole Internet. Requests still need TLS and IAM or Kubernetes credentials, but every leaked kubeconfig, token or IAM key works from anywhere, and the API server is exposed to scanning and to its next CVE. Private access keeps node traffic inside the VPC; a CIDR list limits who can reach the public side. CIS EKS Benchmark 5.4.2 recommends private access on and public access off or restricted.',
      '',
      'eksctl\'s defaults (like EKS\'s) are exactly this: `publicAccess: true`, `privateAccess: false`, CIDRs `0.0.0.0/0`. **A ClusterConfig that does not mention endpoint access is deliberately not reported**: that is every EKS cluster created with defaults, the public side still requires authentication, and flagging every eksctl file would bury findings that matter. The rule reports files that configure endpoint access (`vpc.clusterEndpoints` or `vpc.publicAccessCIDRs`) and still end up public-only and open, where the setting was a decision. `privateCluster.enabled: true` makes the endpoint private and is never reported. checkov\'s CKV_AWS_38/39 cover the same settings for Terraform and CloudFormation, not eksctl.',
    ].join('\n'),
    remediation: 'Set `vpc.clusterEndpoints.privateAccess: true` so nodes use the VPC endpoint, and either `publicAccess: false` or a `vpc.publicAccessCIDRs` list of the networks that need the API. The quick fix turns private access on, which changes nothing for clients outside the VPC.',
    formats: ['eksctl ClusterConfig'],
    references: [
      { title: 'eksctl: cluster VPC endpoint access', url: 'https://eksctl.io/usage/vpc-cluster-access/' },
      { title: 'Amazon EKS cluster API server endpoint', url: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html' },
      { title: 'CIS Amazon EKS Benchmark 5.4.2', cis: 'EKS 5.4.2' },
    ],
    examples: {
      valid: [
        { title: 'Endpoint access not configured (the EKS default, not reported)', text: clusterConfig([]) },
        { title: 'Private access on', text: clusterConfig(['vpc:', '  clusterEndpoints:', '    publicAccess: true', '    privateAccess: true']) },
        { title: 'Public only, restricted to one network', text: clusterConfig(['vpc:', '  clusterEndpoints:', '    publicAccess: true', '  publicAccessCIDRs: ["203.0.113.0/24"]']) },
      ],
      invalid: [
        {
          title: 'Public only, open to all',
          text: clusterConfig(['vpc:', '  clusterEndpoints:', '    publicAccess: true', '    privateAccess: false']),
          fixed: clusterConfig(['vpc:', '  clusterEndpoints:', '    publicAccess: true', '    privateAccess: true']),
        },
        {
          title: 'CIDRs given as 0.0.0.0/0, private access left at its default',
          text: clusterConfig(['vpc:', '  publicAccessCIDRs:', '  - 0.0.0.0/0']),
          fixed: clusterConfig(['vpc:', '  publicAccessCIDRs:', '  - 0.0.0.0/0', '  clusterEndpoints:', '    privateAccess: true']),
        },
      ],
    },
  },
  check(context) {
    for (const { root } of documentsOf(context.model, ['ClusterConfig'], ['eksctl.io'])) {
      if (yamlBool(mapPathPair(root, ['privateCluster', 'enabled'])?.value) === true) continue;
      const vpc = asMap(mapPair(root, 'vpc')?.value);
      if (!vpc) continue;
      const endpoints = mapPair(vpc, 'clusterEndpoints');
      const cidrsPair = mapPair(vpc, 'publicAccessCIDRs');
      // Endpoint access left entirely to the defaults is not reported; see the rationale.
      if (!endpoints && !cidrsPair) continue;
      const publicPair = mapPathPair(vpc, ['clusterEndpoints', 'publicAccess']);
      const privatePair = mapPathPair(vpc, ['clusterEndpoints', 'privateAccess']);
      const publicAccess = publicPair ? yamlBool(publicPair.value) : true;
      const privateAccess = privatePair ? yamlBool(privatePair.value) : false;
      if (publicAccess !== true || privateAccess !== false) continue;
      let cidrs: string[] = ['0.0.0.0/0'];
      if (cidrsPair) {
        if (!isSeq(cidrsPair.value)) continue;
        cidrs = cidrsPair.value.items.map((i) => scalarText(i) ?? '');
      }
      if (cidrs.length > 0 && !cidrs.some((c) => OPEN_CIDRS.has(c.trim()))) continue;
      const anchor = privatePair ?? endpoints ?? cidrsPair;
      const range = anchor === privatePair && privatePair ? pairRange(privatePair) : anchor && keyRange(anchor);
      if (!range) continue;
      const scalar = asScalar(privatePair?.value);
      const edit = privatePair ? scalar && replaceScalar(scalar, 'true', true) : setMapPath(context.model.source, root, ['vpc', 'clusterEndpoints', 'privateAccess'], 'true');
      context.report({
        range,
        message: 'The EKS API endpoint is public only and open to every address (privateAccess off, publicAccessCIDRs unset or 0.0.0.0/0): nodes reach the API server over the Internet, and any leaked credential works from anywhere',
        fixes: edit ? [{ title: 'Set vpc.clusterEndpoints.privateAccess: true', edits: [edit] }] : [],
      });
    }
  },
};

export default rule;
