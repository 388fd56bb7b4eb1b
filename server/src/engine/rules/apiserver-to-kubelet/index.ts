// Rules of the API server → kubelet channel (KCG2xx).
import type { Rule } from '../types';
import kubeletAnonymousAuthEnabled from './kubeletAnonymousAuthEnabled';
import kubeletAuthorizationAlwaysAllow from './kubeletAuthorizationAlwaysAllow';
import kubeletCertificateAuthorityMissing from './kubeletCertificateAuthorityMissing';
import kubeletClientCaMissing from './kubeletClientCaMissing';
import kubeletClientCertificateMissing from './kubeletClientCertificateMissing';
import kubeletHttpsDisabled from './kubeletHttpsDisabled';
import kubeletReadOnlyPortEnabled from './kubeletReadOnlyPortEnabled';
import kubeletServingCertificateRotationDisabled from './kubeletServingCertificateRotationDisabled';
import kubeletServingCertificateSelfSigned from './kubeletServingCertificateSelfSigned';
import kubeletStreamingConnectionIdleTimeoutDisabled from './kubeletStreamingConnectionIdleTimeoutDisabled';
import kubeletTlsMinVersionWeak from './kubeletTlsMinVersionWeak';
import kubeletTlsWeakCipherSuites from './kubeletTlsWeakCipherSuites';
import kubeletWebhookAuthenticationDisabled from './kubeletWebhookAuthenticationDisabled';

export const APISERVER_TO_KUBELET_RULES: readonly Rule[] = [
  kubeletCertificateAuthorityMissing,
  kubeletClientCertificateMissing,
  kubeletHttpsDisabled,
  kubeletAnonymousAuthEnabled,
  kubeletAuthorizationAlwaysAllow,
  kubeletWebhookAuthenticationDisabled,
  kubeletReadOnlyPortEnabled,
  kubeletClientCaMissing,
  kubeletServingCertificateSelfSigned,
  kubeletServingCertificateRotationDisabled,
  kubeletTlsWeakCipherSuites,
  kubeletTlsMinVersionWeak,
  kubeletStreamingConnectionIdleTimeoutDisabled,
];
