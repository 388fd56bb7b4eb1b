// Every rule of the engine, in id order. An id, once released, never changes meaning.
import kubeletAnonymousAuthEnabled from './apiserver-to-kubelet/kubeletAnonymousAuthEnabled';
import kubeletAuthorizationAlwaysAllow from './apiserver-to-kubelet/kubeletAuthorizationAlwaysAllow';
import kubeletCertificateAuthorityMissing from './apiserver-to-kubelet/kubeletCertificateAuthorityMissing';
import kubeletClientCaMissing from './apiserver-to-kubelet/kubeletClientCaMissing';
import kubeletClientCertificateMissing from './apiserver-to-kubelet/kubeletClientCertificateMissing';
import kubeletHttpsDisabled from './apiserver-to-kubelet/kubeletHttpsDisabled';
import kubeletReadOnlyPortEnabled from './apiserver-to-kubelet/kubeletReadOnlyPortEnabled';
import kubeletServingCertificateSelfSigned from './apiserver-to-kubelet/kubeletServingCertificateSelfSigned';
import kubeletWebhookAuthenticationDisabled from './apiserver-to-kubelet/kubeletWebhookAuthenticationDisabled';
import boolFlagSplitValue from './general/boolFlagSplitValue';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [
  boolFlagSplitValue,
  kubeletCertificateAuthorityMissing,
  kubeletClientCertificateMissing,
  kubeletHttpsDisabled,
  kubeletAnonymousAuthEnabled,
  kubeletAuthorizationAlwaysAllow,
  kubeletWebhookAuthenticationDisabled,
  kubeletReadOnlyPortEnabled,
  kubeletClientCaMissing,
  kubeletServingCertificateSelfSigned,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
