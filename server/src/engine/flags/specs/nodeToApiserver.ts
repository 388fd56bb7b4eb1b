// Flag knowledge of the node → API server channel: how the API server authenticates and authorizes callers, and what kubelets and the controller manager present to it.
import type { ChannelFlagSpecs } from '../catalog';

export const NODE_TO_APISERVER_FLAGS: ChannelFlagSpecs = {
  'kube-apiserver': {
    'anonymous-auth': {
      type: 'bool',
      default: 'true',
      channel: 'node-to-apiserver',
      summary: 'Whether requests without credentials are served as `system:anonymous`; the API server turns it off by itself while `AlwaysAllow` is an authorization mode.',
      secure: 'false',
    },
    'authentication-config': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'AuthenticationConfiguration file (JWT authenticators; `anonymous` with per-path conditions, GA in 1.34). Its `anonymous` section and `--anonymous-auth` are mutually exclusive.',
    },
    'token-auth-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'CSV file of static bearer tokens: they never expire and change only when the API server restarts.',
    },
    'basic-auth-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'CSV file of static user names and passwords (HTTP basic authentication).',
      removedIn: '1.19',
    },
    'authorization-mode': {
      type: 'stringSlice',
      default: 'AlwaysAllow',
      channel: 'node-to-apiserver',
      summary: 'Ordered list of authorizers for requests to the API server; the default `AlwaysAllow` lets every authenticated caller do anything. Replaced by `--authorization-config` when that is given.',
      secure: 'Node,RBAC',
    },
    'authorization-config': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'AuthorizationConfiguration file with the ordered authorizer chain (GA in 1.32); mutually exclusive with `--authorization-mode`.',
    },
    'enable-admission-plugins': {
      type: 'stringSlice',
      channel: 'node-to-apiserver',
      summary: 'Admission plugins to run in addition to the default-enabled ones; `NodeRestriction`, which limits what kubelet credentials may change, is not on by default.',
      secure: 'NodeRestriction',
    },
    'disable-admission-plugins': {
      type: 'stringSlice',
      channel: 'node-to-apiserver',
      summary: 'Admission plugins to turn off, even default-enabled ones such as `ServiceAccount`.',
    },
    'admission-control': {
      type: 'stringSlice',
      channel: 'node-to-apiserver',
      summary: 'Deprecated: the complete list of admission plugins to run; it cannot be combined with `--enable-admission-plugins` or `--disable-admission-plugins`.',
    },
    'client-ca-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'CA bundle that verifies client certificates of kubelets, controllers and users; without it the API server does not accept client certificates.',
      secure: '/etc/kubernetes/pki/ca.crt',
    },
    'tls-cert-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'Serving certificate of the API server; without it (and the key) the API server signs its own, which clients cannot verify.',
      secure: '/etc/kubernetes/pki/apiserver.crt',
    },
    'tls-private-key-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'Private key of the API server\'s serving certificate.',
      secure: '/etc/kubernetes/pki/apiserver.key',
    },
    'tls-cipher-suites': {
      type: 'stringSlice',
      channel: 'node-to-apiserver',
      summary: 'TLS 1.2 cipher suites the API server accepts; unset means Go\'s defaults. TLS 1.3 suites are not configurable.',
      secure: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
    },
    'tls-min-version': {
      type: 'string',
      default: 'VersionTLS12',
      channel: 'node-to-apiserver',
      summary: 'Lowest TLS version the API server accepts (`VersionTLS10` to `VersionTLS13`).',
      secure: 'VersionTLS12',
    },
    'secure-port': {
      type: 'int',
      default: '6443',
      channel: 'node-to-apiserver',
      summary: 'Port of the authenticated HTTPS API; 0 turned HTTPS off before 1.12 and is refused since.',
      secure: '6443',
    },
    'insecure-port': {
      type: 'int',
      default: '8080',
      channel: 'node-to-apiserver',
      summary: 'Port of the unauthenticated, unauthorized plain-HTTP API (default 8080 before 1.20; only 0 allowed from 1.20).',
      secure: '0',
      removedIn: '1.24',
    },
    port: {
      type: 'int',
      default: '8080',
      channel: 'node-to-apiserver',
      summary: 'Deprecated alias of `--insecure-port`.',
      secure: '0',
      removedIn: '1.24',
    },
    'insecure-bind-address': {
      type: 'string',
      default: '127.0.0.1',
      channel: 'node-to-apiserver',
      summary: 'Address of the unauthenticated plain-HTTP port; no effect from 1.20.',
      removedIn: '1.24',
    },
    address: {
      type: 'string',
      default: '127.0.0.1',
      channel: 'node-to-apiserver',
      summary: 'Deprecated alias of `--insecure-bind-address`.',
      removedIn: '1.24',
    },
    'service-account-lookup': {
      type: 'bool',
      default: 'true',
      channel: 'node-to-apiserver',
      summary: 'Whether a service-account token is accepted only while its ServiceAccount (and Secret) still exist.',
      secure: 'true',
    },
    'service-account-key-file': {
      // pflag type stringArray: repeats append and commas do not split; stringSlice is the nearest kind the catalog has.
      type: 'stringSlice',
      channel: 'node-to-apiserver',
      summary: 'Public keys that verify service-account tokens; required from 1.20 (before, the serving key was used).',
      secure: '/etc/kubernetes/pki/sa.pub',
    },
    'service-account-issuer': {
      // pflag type stringArray, as above.
      type: 'stringSlice',
      channel: 'node-to-apiserver',
      summary: 'Issuer (`iss`) of the bound service-account tokens the API server signs; required from 1.20.',
      secure: 'https://kubernetes.default.svc.cluster.local',
    },
    'service-account-signing-key-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'Private key that signs bound service-account tokens (TokenRequest); required from 1.20.',
      secure: '/etc/kubernetes/pki/sa.key',
    },
    'service-account-signing-endpoint': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'Socket of an external token signer, used instead of `--service-account-signing-key-file` and `--service-account-key-file` (alpha, 1.32).',
    },
    'service-account-extend-token-expiration': {
      type: 'bool',
      default: 'true',
      channel: 'node-to-apiserver',
      summary: 'Whether service-account tokens injected into pods stay valid for a year instead of their one-hour lifetime (default true since 1.20).',
      secure: 'false',
    },
  },
  kubelet: {
    'rotate-certificates': {
      type: 'bool',
      default: 'false',
      channel: 'node-to-apiserver',
      summary: 'Whether the kubelet renews its client certificate for the API server through the certificates API before it expires.',
      secure: 'true',
    },
    'hostname-override': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'Node name to register instead of the host name; it must match the name in the kubelet\'s client certificate for the Node authorizer.',
    },
  },
  'kube-controller-manager': {
    'service-account-private-key-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'Private key the token controller signs service-account token Secrets with; without it that controller does not run.',
      secure: '/etc/kubernetes/pki/sa.key',
    },
    'root-ca-file': {
      type: 'string',
      channel: 'node-to-apiserver',
      summary: 'CA published to pods (`ca.crt` in service-account tokens and the `kube-root-ca.crt` ConfigMap) so that they can verify the API server.',
      secure: '/etc/kubernetes/pki/ca.crt',
    },
  },
};
