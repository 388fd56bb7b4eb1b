// Rules of the API server → nodes, pods and services (KCG3xx) channel: aggregated APIs, webhooks, node proxy, SSH tunnels and Konnectivity.
import type { Rule } from '../types';
import apiserverProxyClientCertificateMissing from './apiserverProxyClientCertificateMissing';
import apiserverRequestheaderAllowedNamesMissing from './apiserverRequestheaderAllowedNamesMissing';
import apiserverSshTunnel from './apiserverSshTunnel';
import apiserviceCaBundleMissing from './apiserviceCaBundleMissing';
import apiserviceInsecureSkipTlsVerify from './apiserviceInsecureSkipTlsVerify';
import egressSelectorPlaintext from './egressSelectorPlaintext';
import konnectivityAgentCaMissing from './konnectivityAgentCaMissing';
import konnectivityServerAgentAuthenticationMissing from './konnectivityServerAgentAuthenticationMissing';
import rbacNodesProxyGranted from './rbacNodesProxyGranted';
import webhookCaBundleMissing from './webhookCaBundleMissing';
import webhookHttpUrl from './webhookHttpUrl';

// KCG305 is reserved: URL credentials are reported by KCG303, since the API server rejects them as it rejects http.
export const APISERVER_TO_NODES_PODS_SERVICES_RULES: readonly Rule[] = [
  apiserviceInsecureSkipTlsVerify,
  apiserviceCaBundleMissing,
  webhookHttpUrl,
  webhookCaBundleMissing,
  rbacNodesProxyGranted,
  apiserverSshTunnel,
  egressSelectorPlaintext,
  konnectivityAgentCaMissing,
  konnectivityServerAgentAuthenticationMissing,
  apiserverRequestheaderAllowedNamesMissing,
  apiserverProxyClientCertificateMissing,
];
