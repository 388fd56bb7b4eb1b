// Which of our rules answers each check of the established scanners, and why we disagree with them where we do.
// Read by scripts/conformance.ts (the conformance run) and test/conformance/conformance.test.ts.

export type PeerTool = 'kics' | 'checkov' | 'kubescape';

export interface PeerCheckMapping {
  tool: PeerTool;
  /** The check's name as in ../shared/corpus/peers/index.json (query dir, check class or rule name). */
  check: string;
  /** Our rules that decide the same question: the file fails when any of them has a finding. */
  rules: readonly string[];
  /** Set when the check is not about a control-plane channel; its fixtures are left out of the score. */
  notChannelRelevant?: string;
}

const channel = (tool: PeerTool, check: string, ...rules: string[]): PeerCheckMapping => ({ tool, check, rules });
// "Does --authorization-mode include Node (RBAC)?" is answered by KCG105 (KCG106) when the flag is set and by KCG104 when it
// is not: left out, the flag defaults to AlwaysAllow, which KCG104 reports instead of a second finding about Node or RBAC.
const notChannel = (tool: PeerTool, check: string, reason: string): PeerCheckMapping => ({ tool, check, rules: [], notChannelRelevant: reason });

const AUDIT = 'audit logging records requests after the fact; it does not secure a channel';
const ADMISSION = 'an admission plugin about workloads, not about who may use a control-plane channel';
const AUTOMOUNT = 'whether a workload gets an API token is workload hygiene, not a setting of a control-plane channel; no rule covers it';

export const PEER_MAPPINGS: readonly PeerCheckMapping[] = [
  // KICS (assets/queries/k8s): most queries cover the API server and the kubelet (flags and KubeletConfiguration) at once.
  channel('kics', 'anonymous_auth_is_not_set_to_false', 'KCG101', 'KCG204'),
  channel('kics', 'authorization_mode_node_not_set', 'KCG105', 'KCG104'),
  channel('kics', 'authorization_mode_rbac_not_set', 'KCG106', 'KCG104'),
  channel('kics', 'authorization_mode_set_to_always_allow', 'KCG104', 'KCG205'),
  channel('kics', 'auto_tls_set_to_true', 'KCG407'),
  channel('kics', 'basic_auth_file_is_set', 'KCG103'),
  channel('kics', 'bind_address_not_properly_set', 'KCG414', 'KCG415'),
  channel('kics', 'client_certificate_authentication_not_setup_properly', 'KCG112', 'KCG208'),
  channel('kics', 'etcd_client_certificate_authentication_set_to_false', 'KCG405'),
  channel('kics', 'etcd_client_certificate_file_not_defined', 'KCG403'),
  channel('kics', 'etcd_peer_client_certificate_authentication_set_to_false', 'KCG409'),
  channel('kics', 'etcd_peer_tls_certificate_files_not_properly_set', 'KCG408'),
  channel('kics', 'etcd_tls_certificate_files_not_properly_set', 'KCG404'),
  channel('kics', 'etcd_tls_certificate_not_properly_configured', 'KCG402'),
  channel('kics', 'insecure_bind_address_set', 'KCG118'),
  channel('kics', 'insecure_port_not_properly_set', 'KCG117'),
  channel('kics', 'kubelet_certificate_authority_not_set', 'KCG201'),
  channel('kics', 'kubelet_client_certificate_or_key_not_set', 'KCG202'),
  channel('kics', 'kubelet_client_periodic_certificate_switch_disabled', 'KCG119'),
  channel('kics', 'kubelet_https_set_to_false', 'KCG203'),
  channel('kics', 'kubelet_read_only_port_is_not_set_to_zero', 'KCG207'),
  channel('kics', 'kubelet_streaming_connection_timeout_disabled', 'KCG213'),
  channel('kics', 'kubelet_hostname_override_is_set', 'KCG131'),
  notChannel('kics', 'kubelet_protect_kernel_defaults_set_to_false', 'kernel tunables of the node, not a channel setting'),
  notChannel('kics', 'kubelet_not_managing_ip_tables', 'iptables chains for pod traffic, not a control-plane channel'),
  notChannel('kics', 'kubelet_event_qps_not_properly_set', 'event capture rate, not a channel setting'),
  channel('kics', 'node_restriction_admission_control_plugin_not_set', 'KCG107'),
  channel('kics', 'not_unique_certificate_authority', 'KCG422'),
  channel('kics', 'peer_auto_tls_set_to_true', 'KCG410'),
  channel('kics', 'root_ca_file_not_defined', 'KCG130'),
  channel('kics', 'rotate_kubelet_server_certificate_not_active', 'KCG210'),
  channel('kics', 'secure_port_set_to_zero', 'KCG116'),
  channel('kics', 'service_account_admission_control_plugin_disabled', 'KCG108'),
  channel('kics', 'service_account_key_file_not_properly_set', 'KCG110'),
  channel('kics', 'service_account_lookup_set_to_false', 'KCG109'),
  channel('kics', 'service_account_private_key_file_not_defined', 'KCG129'),
  notChannel('kics', 'service_account_token_automount_not_disabled', AUTOMOUNT),
  channel('kics', 'tls_connection_certificate_not_setup', 'KCG113', 'KCG209'),
  channel('kics', 'token_auth_file_is_set', 'KCG102'),
  channel('kics', 'use_service_account_credentials_not_set_to_true', 'KCG413'),
  channel('kics', 'weak_tls_cipher_suites', 'KCG114', 'KCG211'),
  channel('kics', 'profiling_not_set_to_false', 'KCG418'),
  notChannel('kics', 'always_admit_admission_control_plugin_set', ADMISSION),
  notChannel('kics', 'namespace_lifecycle_admission_control_plugin_disabled', ADMISSION),
  notChannel('kics', 'encryption_provider_config_is_not_defined', 'encryption of Secrets at rest in etcd, not of a channel'),
  notChannel('kics', 'request_timeout_not_properly_set', 'request timeout of the API server, not a channel setting'),

  // checkov (checkov/kubernetes/checks/resource/k8s): container command lines only.
  notChannel('checkov', 'ApiServerAdmissionControlAlwaysAdmit', ADMISSION),
  notChannel('checkov', 'ApiServerAdmissionControlEventRateLimit', 'event rate limiting, not a channel setting'),
  notChannel('checkov', 'ApiServerAlwaysPullImagesPlugin', ADMISSION),
  channel('checkov', 'ApiServerAnonymousAuth', 'KCG101'),
  notChannel('checkov', 'ApiServerAuditLog', AUDIT),
  notChannel('checkov', 'ApiServerAuditLogMaxAge', AUDIT),
  notChannel('checkov', 'ApiServerAuditLogMaxBackup', AUDIT),
  notChannel('checkov', 'ApiServerAuditLogMaxSize', AUDIT),
  channel('checkov', 'ApiServerAuthorizationModeNode', 'KCG105', 'KCG104'),
  channel('checkov', 'ApiServerAuthorizationModeNotAlwaysAllow', 'KCG104'),
  channel('checkov', 'ApiServerAuthorizationModeRBAC', 'KCG106', 'KCG104'),
  channel('checkov', 'ApiServerBasicAuthFile', 'KCG103'),
  notChannel('checkov', 'ApiServerEncryptionProviders', 'encryption of Secrets at rest in etcd, not of a channel'),
  channel('checkov', 'ApiServerEtcdCaFile', 'KCG403'),
  channel('checkov', 'ApiServerEtcdCertAndKey', 'KCG402'),
  channel('checkov', 'ApiServerInsecureBindAddress', 'KCG118'),
  channel('checkov', 'ApiServerInsecurePort', 'KCG117'),
  channel('checkov', 'ApiServerKubeletClientCertAndKey', 'KCG202'),
  channel('checkov', 'ApiServerKubeletHttps', 'KCG203'),
  notChannel('checkov', 'ApiServerNamespaceLifecyclePlugin', ADMISSION),
  channel('checkov', 'ApiServerNodeRestrictionPlugin', 'KCG107'),
  notChannel('checkov', 'ApiServerPodSecurityPolicyPlugin', 'PodSecurityPolicy admission (removed in 1.25), about workloads'),
  channel('checkov', 'ApiServerProfiling', 'KCG418'),
  notChannel('checkov', 'ApiServerRequestTimeout', 'request timeout of the API server, not a channel setting'),
  channel('checkov', 'ApiServerSecurePort', 'KCG116'),
  notChannel('checkov', 'ApiServerSecurityContextDenyPlugin', ADMISSION),
  channel('checkov', 'ApiServerServiceAccountKeyFile', 'KCG110'),
  channel('checkov', 'ApiServerServiceAccountLookup', 'KCG109'),
  channel('checkov', 'ApiServerServiceAccountPlugin', 'KCG108'),
  channel('checkov', 'ApiServerStrongCryptographicCiphers', 'KCG114'),
  channel('checkov', 'ApiServerTlsCertAndKey', 'KCG113'),
  channel('checkov', 'ApiServerTokenAuthFile', 'KCG102'),
  channel('checkov', 'ApiServerkubeletCertificateAuthority', 'KCG201'),
  channel('checkov', 'ControllerManagerBindAddress', 'KCG414'),
  channel('checkov', 'EtcdAutoTls', 'KCG407'),
  channel('checkov', 'EtcdCertAndKey', 'KCG404'),
  channel('checkov', 'EtcdClientCertAuth', 'KCG405'),
  channel('checkov', 'EtcdPeerFiles', 'KCG408'),
  channel('checkov', 'KubeControllerManagerBlockProfiles', 'KCG418'),
  channel('checkov', 'KubeControllerManagerRootCAFile', 'KCG130'),
  channel('checkov', 'KubeControllerManagerServiceAccountCredentials', 'KCG413'),
  channel('checkov', 'KubeControllerManagerServiceAccountPrivateKeyFile', 'KCG129'),
  notChannel('checkov', 'KubeControllerManagerTerminatedPods', 'garbage collection of terminated pods, not a channel setting'),
  channel('checkov', 'KubeletAnonymousAuth', 'KCG204'),
  channel('checkov', 'KubeletAuthorizationModeNotAlwaysAllow', 'KCG205'),
  channel('checkov', 'KubeletClientCa', 'KCG208'),
  channel('checkov', 'KubeletCryptographicCiphers', 'KCG211'),
  channel('checkov', 'KubeletHostnameOverride', 'KCG131'),
  channel('checkov', 'KubeletKeyFilesSetAppropriate', 'KCG209'),
  notChannel('checkov', 'KubeletMakeIptablesUtilChains', 'iptables chains for pod traffic, not a control-plane channel'),
  notChannel('checkov', 'KubeletProtectKernelDefaults', 'kernel tunables of the node, not a channel setting'),
  channel('checkov', 'KubeletReadOnlyPort', 'KCG207'),
  channel('checkov', 'KubeletStreamingConnectionIdleTimeout', 'KCG213'),
  notChannel('checkov', 'KubletEventCapture', 'event capture rate, not a channel setting'),
  channel('checkov', 'KubletRotateCertificates', 'KCG119'),
  channel('checkov', 'PeerClientCertAuthTrue', 'KCG409'),
  channel('checkov', 'RotateKubeletServerCertificate', 'KCG210'),
  channel('checkov', 'SchedulerBindAddress', 'KCG415'),
  channel('checkov', 'SchedulerProfiling', 'KCG418'),

  // Kubescape (regolibrary rules): static pods, plus host-sensor KubeletInfo objects for the kubelet rules.
  notChannel('kubescape', 'CVE-2022-3172', 'a version check of the API server build against a CVE (redirects from aggregated API servers), not a setting in the file'),
  notChannel('kubescape', 'automount-service-account', AUTOMOUNT),
  channel('kubescape', 'enforce-kubelet-client-tls-authentication-updated', 'KCG208'),
  channel('kubescape', 'ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers', 'KCG114'),
  channel('kubescape', 'ensure-that-the-admission-control-plugin-NodeRestriction-is-set', 'KCG107'),
  channel('kubescape', 'ensure-that-the-api-server-anonymous-auth-argument-is-set-to-false', 'KCG101'),
  channel('kubescape', 'ensure-that-the-api-server-authorization-mode-argument-includes-Node', 'KCG105', 'KCG104'),
  channel('kubescape', 'ensure-that-the-api-server-authorization-mode-argument-includes-RBAC', 'KCG106', 'KCG104'),
  channel('kubescape', 'ensure-that-the-api-server-authorization-mode-argument-is-not-set-to-AlwaysAllow', 'KCG104'),
  channel('kubescape', 'ensure-that-the-api-server-client-ca-file-argument-is-set-as-appropriate', 'KCG112'),
  channel('kubescape', 'ensure-that-the-api-server-etcd-cafile-argument-is-set-as-appropriate', 'KCG403'),
  channel('kubescape', 'ensure-that-the-api-server-etcd-certfile-and-etcd-keyfile-arguments-are-set-as-appropriate', 'KCG402'),
  channel('kubescape', 'ensure-that-the-api-server-kubelet-certificate-authority-argument-is-set-as-appropriate', 'KCG201'),
  channel('kubescape', 'ensure-that-the-api-server-kubelet-client-certificate-and-kubelet-client-key-arguments-are-set-as-appropriate', 'KCG202'),
  channel('kubescape', 'ensure-that-the-api-server-secure-port-argument-is-not-set-to-0', 'KCG116'),
  channel('kubescape', 'ensure-that-the-api-server-service-account-key-file-argument-is-set-as-appropriate', 'KCG110'),
  channel('kubescape', 'ensure-that-the-api-server-service-account-lookup-argument-is-set-to-true', 'KCG109'),
  channel('kubescape', 'ensure-that-the-api-server-tls-cert-file-and-tls-private-key-file-arguments-are-set-as-appropriate', 'KCG113'),
  channel('kubescape', 'ensure-that-the-api-server-token-auth-file-parameter-is-not-set', 'KCG102'),
  channel('kubescape', 'ensure-that-the-controller-manager-RotateKubeletServerCertificate-argument-is-set-to-true', 'KCG210'),
  channel('kubescape', 'ensure-that-the-controller-manager-bind-address-argument-is-set-to-127.0.0.1', 'KCG414'),
  channel('kubescape', 'ensure-that-the-controller-manager-root-ca-file-argument-is-set-as-appropriate', 'KCG130'),
  channel('kubescape', 'ensure-that-the-controller-manager-service-account-private-key-file-argument-is-set-as-appropriate', 'KCG129'),
  channel('kubescape', 'ensure-that-the-controller-manager-use-service-account-credentials-argument-is-set-to-true', 'KCG413'),
  channel('kubescape', 'ensure-that-the-scheduler-bind-address-argument-is-set-to-127.0.0.1', 'KCG415'),
  channel('kubescape', 'etcd-auto-tls-disabled', 'KCG407'),
  channel('kubescape', 'etcd-client-auth-cert', 'KCG405'),
  channel('kubescape', 'etcd-peer-auto-tls-disabled', 'KCG410'),
  channel('kubescape', 'etcd-peer-client-auth-cert', 'KCG409'),
  channel('kubescape', 'etcd-peer-tls-enabled', 'KCG408'),
  channel('kubescape', 'etcd-tls-enabled', 'KCG404'),
  channel('kubescape', 'etcd-unique-ca', 'KCG422'),
  channel('kubescape', 'insecure-port-flag', 'KCG117'),
  channel('kubescape', 'kubelet-authorization-mode-alwaysAllow', 'KCG205'),
  channel('kubescape', 'kubelet-rotate-certificates', 'KCG119'),
  channel('kubescape', 'kubelet-rotate-kubelet-server-certificate', 'KCG210'),
  channel('kubescape', 'read-only-port-enabled-updated', 'KCG207'),
  channel('kubescape', 'validate-kubelet-tls-configuration-updated', 'KCG209'),
];

/** Fixtures a file linter cannot judge at all; they are listed in the report and left out of the score. */
export interface ExcludedFixture {
  /** Returns true for fixture paths (relative to peers/) this exclusion covers. */
  matches: (file: string) => boolean;
  reason: string;
}

const KUBELET_INFO = /^kubescape\/[^/]+\/[^/]+__(kubelet-info|input)\.json$/;
/** Kubescape cases whose verdict comes from the kubelet command line, which the decoded config file keeps only in a comment. */
const CMDLINE_CASES = new Set([
  'kubescape/enforce-kubelet-client-tls-authentication-updated/pass-cmd-only',
  'kubescape/kubelet-authorization-mode-alwaysAllow/invalid-cli-argument',
  'kubescape/kubelet-authorization-mode-alwaysAllow/valid-cli-argument',
  'kubescape/kubelet-rotate-certificates/fail-cli-argument-set-false',
  'kubescape/kubelet-rotate-certificates/pass-cli-argument-not-set',
  'kubescape/kubelet-rotate-kubelet-server-certificate/fail-cli-argument-set-false',
  'kubescape/kubelet-rotate-kubelet-server-certificate/pass-cli-argument-set-true',
  'kubescape/read-only-port-enabled-updated/cli-fail',
  'kubescape/read-only-port-enabled-updated/cli-pass',
  'kubescape/validate-kubelet-tls-configuration-updated/fail-arguments-not-set-via-cli',
  'kubescape/validate-kubelet-tls-configuration-updated/pass-1-cli-2-config',
  'kubescape/validate-kubelet-tls-configuration-updated/pass-set-via-cli',
]);

export const EXCLUDED_FIXTURES: readonly ExcludedFixture[] = [
  {
    matches: (file) => KUBELET_INFO.test(file),
    reason: 'a Kubescape host-sensor `KubeletInfo` object (the running kubelet\'s command line and base64 config), runtime data rather than a manifest; its decoded config is judged instead where the verdict depends on the config alone',
  },
  {
    matches: (file) => CMDLINE_CASES.has(file.slice(0, file.indexOf('__'))),
    reason: "the verdict depends on the running kubelet's command line, which this decoded config file holds only in a comment",
  },
];

/**
 * A documented change to a fixture before it is judged, where the peer's test data leave out what the
 * real input always has. Listed in docs/conformance.md with the fixtures it touched.
 */
export interface FixtureAdaptation {
  matches: (file: string) => boolean;
  description: string;
  apply: (text: string) => string;
}

export const ADAPTATIONS: readonly FixtureAdaptation[] = [
  {
    matches: (file) => file.endsWith('.decoded-config.yaml'),
    description:
      "Kubescape's decoded kubelet config files have `apiVersion` but no `kind`. The host sensor reads the file named by the kubelet's `--config`, so it is a KubeletConfiguration (and the kubelet refuses a config file without `kind`); the run adds `kind: KubeletConfiguration` after the `apiVersion` line.",
    apply: (text) => (/^kind:/m.test(text) ? text : text.replace(/^apiVersion: kubelet\.config\.k8s\.io\/v1beta1$/m, '$&\nkind: KubeletConfiguration')),
  },
];

/**
 * Why we keep a disagreement: the peer follows a Kubernetes that no longer exists, misreads the
 * setting, demands more than the benchmark and the upstream defaults justify, or fails a file for
 * something that weakens no channel there (a configuration the component refuses to start with, an
 * endpoint nothing outside its own host or pod can reach).
 */
export type DisagreementReason = 'peer obsolete' | 'peer wrong' | 'peer stricter than the standard' | 'not a channel weakness';

/** A disagreement we keep on purpose: the peer's verdict, ours, and the upstream fact that decides between them. */
export interface KnownDisagreement {
  /** Fixture paths relative to peers/. */
  files: readonly string[];
  reason: DisagreementReason;
  /** The upstream fact (Kubernetes source, docs or benchmark) that makes our verdict the right one. */
  fact: string;
}

export const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  // Node → API server (KCG1xx).
  {
    files: ['kics/client_certificate_authentication_not_setup_properly/positive2.yaml'],
    reason: 'peer wrong',
    fact: 'kube-apiserver reads `--client-ca-file` as a PEM bundle whatever the file is called; KICS fails any name that does not end in `.crt` or `.pem` (here `ca.txt`).',
  },
  {
    files: ['checkov/ApiServerAuthorizationModeNotAlwaysAllow/ApiServer-PASSED-2.yaml'],
    reason: 'peer wrong',
    fact: 'kube-apiserver\'s `--authorization-mode` defaults to `AlwaysAllow` (kube-apiserver reference); kubeadm sets `Node,RBAC`. checkov CKV_K8S_74 passes an API server without the flag, which authorizes every request.',
  },
  {
    files: ['checkov/ApiServerServiceAccountKeyFile/ApiServerServiceAccountKeyFile-FAILED.yaml'],
    reason: 'peer wrong',
    fact: 'kube-apiserver reads `--service-account-key-file` as PEM whatever the file is called (kubeadm uses `sa.pub`); checkov CKV_K8S_97 fails every value that does not end in `.pem`.',
  },
  {
    files: ['checkov/ApiServerServiceAccountLookup/ApiServer-FAILED-2.yaml'],
    reason: 'peer stricter than the standard',
    fact: '`--service-account-lookup` defaults to true (kube-apiserver reference), and CIS 1.2.21 passes it unset; checkov CKV_K8S_96 demands a literal `--service-account-lookup=true`.',
  },
  {
    files: ['checkov/ApiServerServiceAccountPlugin/ApiServerServiceAccountPlugin-FAILED.yaml'],
    reason: 'peer wrong',
    fact: '`ServiceAccount` is in kube-apiserver\'s default-enabled admission plugins and `--enable-admission-plugins` adds to that set; only `--disable-admission-plugins=ServiceAccount` turns it off. checkov CKV_K8S_82 fails any enable list that does not name it.',
  },
  {
    files: ['checkov/KubeControllerManagerRootCAFile/ApiServer-FAILED.yaml', 'checkov/KubeControllerManagerServiceAccountPrivateKeyFile/ApiServer-FAILED.yaml'],
    reason: 'peer wrong',
    fact: 'kube-controller-manager reads `--root-ca-file` and `--service-account-private-key-file` as PEM whatever the files are called (kubeadm uses `ca.crt` and `sa.key`); checkov CKV_K8S_111/110 fail every name whose extension is not `.pem`.',
  },
  {
    files: ['checkov/KubeControllerManagerRootCAFile/ApiServer-PASSED_2.yaml', 'checkov/KubeControllerManagerServiceAccountPrivateKeyFile/ApiServer-PASSED-2.yaml'],
    reason: 'peer wrong',
    fact: 'CIS 1.3.4 and 1.3.5 require `--service-account-private-key-file` and `--root-ca-file` on kube-controller-manager and neither has a default; checkov CKV_K8S_110/111 pass a controller manager without them and check only the file extension when present.',
  },
  {
    files: ['kics/kubelet_client_periodic_certificate_switch_disabled/positive3.json', 'kics/kubelet_client_periodic_certificate_switch_disabled/positive4.yaml'],
    reason: 'peer stricter than the standard',
    fact: 'CIS 4.2.10 fails only `--rotate-certificates=false` / `rotateCertificates: false` and passes the field unset (kube-bench: "eq true or unset"); kubeadm writes `rotateCertificates: true` into the KubeletConfiguration it generates and merges its defaults into one you give it. KCG119 reports an explicit false; KICS fails every KubeletConfiguration without the field.',
  },
  {
    files: ['kubescape/ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers/rke2-args-fail__1.yaml'],
    reason: 'not a channel weakness',
    fact: '`--tls-cipher-suites=Foo` names no cipher suite: component-base (`cliflag.TLSCipherSuites`) rejects it with "Cipher suite Foo not supported or doesn\'t exist" and kube-apiserver does not start, so no connection is ever made with a weak suite.',
  },
  {
    files: [
      'kubescape/ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers/passed__1.yaml',
      'kubescape/ensure-that-the-API-Server-only-makes-use-of-Strong-Cryptographic-Ciphers/rke2-args__1.yaml',
    ],
    reason: 'peer wrong',
    fact: 'The list Kubescape passes includes `TLS_RSA_WITH_3DES_EDE_CBC_SHA` and `TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA`, which Go itself lists in `tls.InsecureCipherSuites()` (Sweet32), and RSA-key-exchange suites without forward secrecy; CIS 1.2.29 (v1.12) allows only ECDHE with AES-GCM or ChaCha20 plus the TLS 1.3 names.',
  },
  {
    files: ['kubescape/ensure-that-the-api-server-secure-port-argument-is-not-set-to-0/failed__1.yaml'],
    reason: 'peer wrong',
    fact: 'The fixture gives `--secure-port=0` and then `--secure-port=8443`; pflag keeps the last value of a scalar flag, so the API server serves HTTPS on 8443. Kubescape fails a `=0` anywhere on the command line.',
  },
  // Control plane internal (KCG4xx).
  {
    files: ['checkov/PeerClientCertAuthTrue/PeerClientCertAuthTrue-UNKNOWN.yaml'],
    reason: 'peer wrong',
    fact: 'checkov CKV_K8S_121 evaluates only Pods named exactly `etcd` and reads only `args`, so it leaves this etcd unevaluated (the fixture name says UNKNOWN). The member runs with `--peer-client-cert-auth=false` and peer URLs on 10.0.0.1, so any host that reaches port 2380 is served as a peer (etcd security model: peer TLS).',
  },
  {
    files: [
      'kics/etcd_client_certificate_authentication_set_to_false/positive2.yaml',
      'kics/etcd_tls_certificate_files_not_properly_set/positive1.yaml',
      'kics/etcd_tls_certificate_files_not_properly_set/positive2.yaml',
    ],
    reason: 'not a channel weakness',
    fact: 'The fixture runs etcd in a Deployment on the pod network without `--listen-client-urls`, so etcd listens on its default `http://localhost:2379`, inside the pod\'s own network namespace: only containers of the same pod can reach the client port, and client TLS or certificates protect no channel there (etcd configuration reference: `listen-client-urls` defaults to `http://localhost:2379`).',
  },
  {
    files: [
      'kics/etcd_peer_client_certificate_authentication_set_to_false/positive2.yaml',
      'kics/etcd_peer_tls_certificate_files_not_properly_set/positive1.yaml',
      'kics/etcd_peer_tls_certificate_files_not_properly_set/positive2.yaml',
      'checkov/EtcdPeerFiles/EtcdPeerFiles-FAILED.yaml',
    ],
    reason: 'not a channel weakness',
    fact: 'The fixture gives etcd no `--listen-peer-urls` or `--initial-advertise-peer-urls`, so both stay at their default `http://localhost:2380`: the member cannot reach or be reached by a member on another host, no raft traffic leaves the host, and peer TLS settings protect no channel (etcd configuration reference).',
  },
  {
    files: [
      'kics/bind_address_not_properly_set/positive1.yaml',
      'kics/bind_address_not_properly_set/positive2.yaml',
      'checkov/ControllerManagerBindAddress/ControllerManagerBindAddress-FAILED.yaml',
      'checkov/ControllerManagerBindAddress/ControllerManagerBindAddress-FAILED-2.yaml',
      'checkov/SchedulerBindAddress/SchedulerBindAddress-FAILED.yaml',
      'checkov/SchedulerBindAddress/SchedulerBindAddress-FAILED-2.yaml',
    ],
    reason: 'peer obsolete',
    fact: 'The fixture runs a v1.6.0 controller manager or scheduler. The HTTPS port that `--bind-address` binds is served by default from 1.12 for the controller manager (10257, kubernetes/kubernetes#67069) and from 1.13 for the scheduler (10259, #69663); a 1.6 component serves only plain HTTP on `--address`/`--port` (default 0.0.0.0:10252 / 10251), which KCG416 and KCG417 report on these same files. CIS 1.3.7 and 1.4.2 were written for the HTTPS port.',
  },
  {
    files: ['kics/profiling_not_set_to_false/negative5.yaml'],
    reason: 'peer wrong',
    fact: 'kube-scheduler\'s `--profiling` defaults to true (kube-scheduler reference), so a scheduler started without it serves `/debug/pprof`. KICS flags only an explicit `--profiling=true` on the scheduler, while it flags the same omission on the API server and the controller manager.',
  },
  // API server → kubelet (KCG2xx).
  {
    files: ['kics/kubelet_streaming_connection_timeout_disabled/positive2.yaml', 'kics/kubelet_streaming_connection_timeout_disabled/positive3.json'],
    reason: 'peer wrong',
    fact: 'KubeletConfiguration defaulting (pkg/kubelet/apis/config/v1beta1/defaults.go) replaces a zero `streamingConnectionIdleTimeout` with 4h, so `0s` in a config file means the default; kubeadm and kops write `0s` into every config they generate. Only `--streaming-connection-idle-timeout=0` on the command line turns the timeout off.',
  },
  {
    files: ['kics/tls_connection_certificate_not_setup/negative3.yaml'],
    reason: 'peer wrong',
    fact: 'A kubelet run with neither `--tls-cert-file`/`--tls-private-key-file` nor `--rotate-server-certificates` (and no `--config`) generates a self-signed serving certificate in `--cert-dir` (kubelet configuration reference, `tlsCertFile`). KICS looks only at KubeletConfiguration documents for the kubelet and never at its command line.',
  },
  {
    files: ['kics/client_certificate_authentication_not_setup_properly/negative2.yaml'],
    reason: 'peer wrong',
    fact: '`--client-ca-file` has no default: a kubelet run from flags alone without it cannot verify the API server\'s client certificate (kubelet authentication docs). KICS fails a kubelet flag only when its value does not end in `.crt`/`.pem`, so a kubelet without the flag passes.',
  },
  {
    files: ['kics/weak_tls_cipher_suites/positive4.json'],
    reason: 'peer stricter than the standard',
    fact: 'With no `tlsCipherSuites` the kubelet uses Go\'s default suites, which prefer ECDHE with AES-GCM/ChaCha20 and have left out RSA key exchange since Go 1.22; the API server and the kubelet negotiate TLS 1.3, whose suites cannot be configured. CIS 4.2.12 is a Manual recommendation; KICS fails every KubeletConfiguration without the field.',
  },
  {
    files: ['kics/authorization_mode_set_to_always_allow/positive3.yaml', 'kics/authorization_mode_set_to_always_allow/positive4.yaml'],
    reason: 'not a channel weakness',
    fact: 'The kubelet\'s `--authorization-mode` takes one mode, `AlwaysAllow` or `Webhook` (cmd/kubelet/app/auth.go `BuildAuthz`); `MyMode,AlwaysAllow` is an unknown mode and the kubelet stops with "unknown authorization mode". KICS reads the kubelet flag as a comma list, like the API server\'s.',
  },
  {
    files: ['kics/client_certificate_authentication_not_setup_properly/positive1.yaml', 'kics/client_certificate_authentication_not_setup_properly/positive4.yaml'],
    reason: 'peer wrong',
    fact: 'The kubelet reads `--client-ca-file` / `authentication.x509.clientCAFile` as a PEM bundle whatever the file is called; KICS fails any name that does not end in `.crt` or `.pem` (here `ca.txt`).',
  },
  {
    files: ['checkov/KubeletKeyFilesSetAppropriate/KubeletKeyFilesSetAppropriate-FAILED.yaml'],
    reason: 'not a channel weakness',
    fact: 'The fixture gives `--tls-cert-file` without `--tls-private-key-file`. The kubelet then has no key to serve the certificate with and fails at start instead of serving a self-signed certificate; KCG209 reports self-signed serving certificates, which this kubelet never has.',
  },
];
