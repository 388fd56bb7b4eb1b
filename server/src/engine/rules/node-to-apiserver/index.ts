// Rules of the node → API server (KCG1xx) channel.
import type { Rule } from '../types';
import apiserverAnonymousAuthEnabled from './apiserverAnonymousAuthEnabled';
import apiserverAuthorizationAlwaysAllow from './apiserverAuthorizationAlwaysAllow';
import apiserverAuthorizationNodeMissing from './apiserverAuthorizationNodeMissing';
import apiserverAuthorizationRbacMissing from './apiserverAuthorizationRbacMissing';
import apiserverBasicAuthFile from './apiserverBasicAuthFile';
import apiserverClientCaMissing from './apiserverClientCaMissing';
import apiserverInsecureBindAddress from './apiserverInsecureBindAddress';
import apiserverInsecurePortEnabled from './apiserverInsecurePortEnabled';
import apiserverNodeRestrictionMissing from './apiserverNodeRestrictionMissing';
import apiserverSecurePortDisabled from './apiserverSecurePortDisabled';
import apiserverServiceAccountAdmissionDisabled from './apiserverServiceAccountAdmissionDisabled';
import apiserverServiceAccountIssuerMissing from './apiserverServiceAccountIssuerMissing';
import apiserverServiceAccountKeyMissing from './apiserverServiceAccountKeyMissing';
import apiserverServiceAccountLookupDisabled from './apiserverServiceAccountLookupDisabled';
import apiserverServiceAccountTokenExtension from './apiserverServiceAccountTokenExtension';
import apiserverTlsCertificateMissing from './apiserverTlsCertificateMissing';
import apiserverTlsMinVersionWeak from './apiserverTlsMinVersionWeak';
import apiserverTlsWeakCipherSuites from './apiserverTlsWeakCipherSuites';
import apiserverTokenAuthFile from './apiserverTokenAuthFile';
import authenticationConfigAnonymousUnrestricted from './authenticationConfigAnonymousUnrestricted';
import authorizationConfigInsecure from './authorizationConfigInsecure';
import controllerManagerRootCaMissing from './controllerManagerRootCaMissing';
import controllerManagerServiceAccountPrivateKeyMissing from './controllerManagerServiceAccountPrivateKeyMissing';
import eksPublicEndpointOpen from './eksPublicEndpointOpen';
import kubeadmDiscoveryUnsafeSkipCaVerification from './kubeadmDiscoveryUnsafeSkipCaVerification';
import kubeconfigCertificateAuthorityMissing from './kubeconfigCertificateAuthorityMissing';
import kubeconfigHttpServer from './kubeconfigHttpServer';
import kubeconfigInsecureSkipTlsVerify from './kubeconfigInsecureSkipTlsVerify';
import kubeconfigStaticCredentials from './kubeconfigStaticCredentials';
import kubeletClientCertificateRotationDisabled from './kubeletClientCertificateRotationDisabled';
import kubeletHostnameOverride from './kubeletHostnameOverride';
import serviceAccountTokenSecret from './serviceAccountTokenSecret';

export const NODE_TO_APISERVER_RULES: readonly Rule[] = [
  apiserverAnonymousAuthEnabled,
  apiserverTokenAuthFile,
  apiserverBasicAuthFile,
  apiserverAuthorizationAlwaysAllow,
  apiserverAuthorizationNodeMissing,
  apiserverAuthorizationRbacMissing,
  apiserverNodeRestrictionMissing,
  apiserverServiceAccountAdmissionDisabled,
  apiserverServiceAccountLookupDisabled,
  apiserverServiceAccountKeyMissing,
  apiserverServiceAccountIssuerMissing,
  apiserverClientCaMissing,
  apiserverTlsCertificateMissing,
  apiserverTlsWeakCipherSuites,
  apiserverTlsMinVersionWeak,
  apiserverSecurePortDisabled,
  apiserverInsecurePortEnabled,
  apiserverInsecureBindAddress,
  kubeletClientCertificateRotationDisabled,
  kubeconfigInsecureSkipTlsVerify,
  kubeconfigHttpServer,
  kubeconfigCertificateAuthorityMissing,
  kubeconfigStaticCredentials,
  kubeadmDiscoveryUnsafeSkipCaVerification,
  eksPublicEndpointOpen,
  authenticationConfigAnonymousUnrestricted,
  authorizationConfigInsecure,
  serviceAccountTokenSecret,
  controllerManagerServiceAccountPrivateKeyMissing,
  controllerManagerRootCaMissing,
  kubeletHostnameOverride,
  apiserverServiceAccountTokenExtension,
];
