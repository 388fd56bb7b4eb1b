// Rules of the control plane internal (KCG4xx) channel.
import type { Rule } from '../types';
import apiserverEtcdCaMissing from './apiserverEtcdCaMissing';
import apiserverEtcdClientCertificateMissing from './apiserverEtcdClientCertificateMissing';
import apiserverEtcdPlaintext from './apiserverEtcdPlaintext';
import controllerManagerBindAddressExposed from './controllerManagerBindAddressExposed';
import controllerManagerDelegatedAuthMissing from './controllerManagerDelegatedAuthMissing';
import controllerManagerInsecurePort from './controllerManagerInsecurePort';
import controllerManagerServiceAccountCredentialsDisabled from './controllerManagerServiceAccountCredentialsDisabled';
import etcdAutoTls from './etcdAutoTls';
import etcdClientCertAuthDisabled from './etcdClientCertAuthDisabled';
import etcdClientTlsMissing from './etcdClientTlsMissing';
import etcdPeerAutoTls from './etcdPeerAutoTls';
import etcdPeerClientCertAuthDisabled from './etcdPeerClientCertAuthDisabled';
import etcdPeerTlsMissing from './etcdPeerTlsMissing';
import etcdPlaintextUrls from './etcdPlaintextUrls';
import etcdSharesClusterCa from './etcdSharesClusterCa';
import etcdTrustedCaMissing from './etcdTrustedCaMissing';
import etcdWeakTls from './etcdWeakTls';
import kubeadmExternalEtcdInsecure from './kubeadmExternalEtcdInsecure';
import kubeProxyMetricsExposed from './kubeProxyMetricsExposed';
import profilingEnabled from './profilingEnabled';
import schedulerBindAddressExposed from './schedulerBindAddressExposed';
import schedulerInsecurePort from './schedulerInsecurePort';

export const CONTROL_PLANE_INTERNAL_RULES: readonly Rule[] = [
  apiserverEtcdPlaintext,
  apiserverEtcdClientCertificateMissing,
  apiserverEtcdCaMissing,
  etcdClientTlsMissing,
  etcdClientCertAuthDisabled,
  etcdTrustedCaMissing,
  etcdAutoTls,
  etcdPeerTlsMissing,
  etcdPeerClientCertAuthDisabled,
  etcdPeerAutoTls,
  etcdPlaintextUrls,
  etcdWeakTls,
  controllerManagerServiceAccountCredentialsDisabled,
  controllerManagerBindAddressExposed,
  schedulerBindAddressExposed,
  controllerManagerInsecurePort,
  schedulerInsecurePort,
  profilingEnabled,
  kubeProxyMetricsExposed,
  kubeadmExternalEtcdInsecure,
  controllerManagerDelegatedAuthMissing,
  etcdSharesClusterCa,
];
