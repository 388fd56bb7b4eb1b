// Generates the benchmark's big control-plane file: many clusters' static pods, kubelet and kubeadm configs, kubeconfigs,
// aggregated APIs and webhooks among ordinary workloads; seeded, so every run times the same text.

/** A small seeded generator (mulberry32): the same seed gives the same file on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)];
const chance = (r: Random, p: number): boolean => r() < p;
const VERSIONS = ['v1.24.17', 'v1.26.15', 'v1.28.9', 'v1.29.4', 'v1.30.2', 'v1.31.1'];

interface Cluster {
  name: string;
  version: string;
  ip: string;
}

function staticPod(c: Cluster, component: string, flags: string[], port: number, scheme: string): string {
  return `apiVersion: v1
kind: Pod
metadata:
  labels:
    component: ${component}
    tier: control-plane
  name: ${component}
  namespace: kube-system
  annotations:
    cluster: ${c.name}
spec:
  containers:
  - command:
    - ${component}
${flags.map((f) => `    - ${f}`).join('\n')}
    image: registry.k8s.io/${component === 'etcd' ? 'etcd:3.5.12-0' : `${component}:${c.version}`}
    imagePullPolicy: IfNotPresent
    livenessProbe:
      failureThreshold: 8
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: ${port}
        scheme: ${scheme}
      initialDelaySeconds: 10
      timeoutSeconds: 15
    name: ${component}
    resources:
      requests:
        cpu: 250m
    volumeMounts:
    - mountPath: /etc/kubernetes/pki
      name: k8s-certs
      readOnly: true
  hostNetwork: true
  priorityClassName: system-node-critical
  volumes:
  - hostPath:
      path: /etc/kubernetes/pki
      type: DirectoryOrCreate
    name: k8s-certs`;
}

function apiserver(r: Random, c: Cluster): string {
  const flags = [
    `--advertise-address=${c.ip}`,
    `--allow-privileged=true`,
    `--anonymous-auth=${chance(r, 0.3) ? 'true' : 'false'}`,
    `--authorization-mode=${pick(r, ['Node,RBAC', 'RBAC', 'AlwaysAllow', 'Node,RBAC'])}`,
    `--client-ca-file=/etc/kubernetes/pki/ca.crt`,
    `--enable-admission-plugins=NodeRestriction`,
    `--enable-bootstrap-token-auth=true`,
    `--etcd-servers=${chance(r, 0.2) ? 'http' : 'https'}://127.0.0.1:2379`,
    `--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt`,
    `--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key`,
    `--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname`,
    `--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt`,
    `--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key`,
    `--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt`,
    `--requestheader-extra-headers-prefix=X-Remote-Extra-`,
    `--requestheader-group-headers=X-Remote-Group`,
    `--requestheader-username-headers=X-Remote-User`,
    `--secure-port=6443`,
    `--service-account-issuer=https://kubernetes.default.svc.cluster.local`,
    `--service-account-key-file=/etc/kubernetes/pki/sa.pub`,
    `--service-account-signing-key-file=/etc/kubernetes/pki/sa.key`,
    `--service-cluster-ip-range=10.96.0.0/12`,
    `--tls-cert-file=/etc/kubernetes/pki/apiserver.crt`,
    `--tls-private-key-file=/etc/kubernetes/pki/apiserver.key`,
  ];
  if (chance(r, 0.7)) flags.push('--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt', '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key');
  if (chance(r, 0.5)) flags.push('--kubelet-certificate-authority=/etc/kubernetes/pki/ca.crt');
  if (chance(r, 0.4)) flags.push('--requestheader-allowed-names=front-proxy-client');
  if (chance(r, 0.3)) flags.push(`--profiling=${chance(r, 0.5)}`);
  if (chance(r, 0.2)) flags.push('--token-auth-file=/etc/kubernetes/tokens.csv');
  if (chance(r, 0.3)) flags.push('--tls-min-version=VersionTLS12', '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_3DES_EDE_CBC_SHA');
  if (chance(r, 0.3)) flags.push('--audit-log-path=/var/log/kubernetes/audit.log', '--audit-log-maxage=30', '--audit-log-maxbackup=10', '--audit-log-maxsize=100');
  return `# kube-apiserver of ${c.name}, as kubeadm writes it to /etc/kubernetes/manifests.\n${staticPod(c, 'kube-apiserver', flags, 6443, 'HTTPS')}`;
}

function controllerManager(r: Random, c: Cluster): string {
  const flags = [
    `--allocate-node-cidrs=true`,
    `--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf`,
    `--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf`,
    `--bind-address=${chance(r, 0.3) ? '0.0.0.0' : '127.0.0.1'}`,
    `--client-ca-file=/etc/kubernetes/pki/ca.crt`,
    `--cluster-cidr=10.244.0.0/16`,
    `--cluster-name=${c.name}`,
    `--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt`,
    `--cluster-signing-key-file=/etc/kubernetes/pki/ca.key`,
    `--controllers=*,bootstrapsigner,tokencleaner`,
    `--kubeconfig=/etc/kubernetes/controller-manager.conf`,
    `--leader-elect=true`,
    `--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt`,
    `--root-ca-file=/etc/kubernetes/pki/ca.crt`,
    `--service-account-private-key-file=/etc/kubernetes/pki/sa.key`,
    `--service-cluster-ip-range=10.96.0.0/12`,
    `--use-service-account-credentials=${chance(r, 0.25) ? 'false' : 'true'}`,
  ];
  if (chance(r, 0.3)) flags.push('--profiling=true');
  return staticPod(c, 'kube-controller-manager', flags, 10257, 'HTTPS');
}

function scheduler(r: Random, c: Cluster): string {
  const flags = [
    `--authentication-kubeconfig=/etc/kubernetes/scheduler.conf`,
    `--authorization-kubeconfig=/etc/kubernetes/scheduler.conf`,
    `--bind-address=${chance(r, 0.3) ? '0.0.0.0' : '127.0.0.1'}`,
    `--kubeconfig=/etc/kubernetes/scheduler.conf`,
    `--leader-elect=true`,
  ];
  if (chance(r, 0.3)) flags.push('--profiling=true');
  return staticPod(c, 'kube-scheduler', flags, 10259, 'HTTPS');
}

function etcd(r: Random, c: Cluster): string {
  const tls = chance(r, 0.75);
  const flags = [
    `--advertise-client-urls=${tls ? 'https' : 'http'}://${c.ip}:2379`,
    `--data-dir=/var/lib/etcd`,
    `--experimental-initial-corrupt-check=true`,
    `--initial-advertise-peer-urls=${tls ? 'https' : 'http'}://${c.ip}:2380`,
    `--initial-cluster=${c.name}-cp-0=${tls ? 'https' : 'http'}://${c.ip}:2380`,
    `--listen-client-urls=${tls ? 'https' : 'http'}://127.0.0.1:2379,${tls ? 'https' : 'http'}://${c.ip}:2379`,
    `--listen-metrics-urls=http://127.0.0.1:2381`,
    `--listen-peer-urls=${tls ? 'https' : 'http'}://${c.ip}:2380`,
    `--name=${c.name}-cp-0`,
    `--snapshot-count=10000`,
  ];
  if (tls) {
    flags.push(
      '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
      '--key-file=/etc/kubernetes/pki/etcd/server.key',
      `--client-cert-auth=${chance(r, 0.2) ? 'false' : 'true'}`,
      '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
      '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
      `--peer-client-cert-auth=${chance(r, 0.2) ? 'false' : 'true'}`,
      '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
    );
  }
  if (chance(r, 0.15)) flags.push('--auto-tls=true', '--peer-auto-tls=true');
  return staticPod(c, 'etcd', flags, 2381, 'HTTP');
}

function kubeletConfig(r: Random, c: Cluster): string {
  return `# Kubelet configuration of the ${c.name} nodes (/var/lib/kubelet/config.yaml).
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
authentication:
  anonymous:
    enabled: ${chance(r, 0.3)}
  webhook:
    cacheTTL: 2m0s
    enabled: ${chance(r, 0.8)}
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: ${pick(r, ['Webhook', 'Webhook', 'AlwaysAllow'])}
  webhook:
    cacheAuthorizedTTL: 5m0s
    cacheUnauthorizedTTL: 30s
cgroupDriver: systemd
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
readOnlyPort: ${chance(r, 0.3) ? 10255 : 0}
rotateCertificates: ${chance(r, 0.8)}
serverTLSBootstrap: ${chance(r, 0.5)}
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: ${pick(r, ['4h0m0s', '0s', '5m0s'])}
tlsMinVersion: ${pick(r, ['VersionTLS12', 'VersionTLS13', 'VersionTLS10'])}`;
}

function kubeadm(r: Random, c: Cluster): string {
  return `apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
localAPIEndpoint:
  advertiseAddress: ${c.ip}
  bindPort: 6443
nodeRegistration:
  criSocket: unix:///var/run/containerd/containerd.sock
  name: ${c.name}-cp-0
  kubeletExtraArgs:
    anonymous-auth: "${chance(r, 0.3)}"
    read-only-port: "${chance(r, 0.3) ? 10255 : 0}"
    rotate-certificates: "true"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: ${c.version}
clusterName: ${c.name}
controlPlaneEndpoint: ${c.name}.example.internal:6443
networking:
  podSubnet: 10.244.0.0/16
  serviceSubnet: 10.96.0.0/12
apiServer:
  certSANs:
  - ${c.name}.example.internal
  extraArgs:
    authorization-mode: ${pick(r, ['Node,RBAC', 'AlwaysAllow'])}
    profiling: "${chance(r, 0.5)}"
    audit-log-path: /var/log/kubernetes/audit.log
controllerManager:
  extraArgs:
    bind-address: ${chance(r, 0.3) ? '0.0.0.0' : '127.0.0.1'}
    use-service-account-credentials: "${chance(r, 0.7)}"
scheduler:
  extraArgs:
    bind-address: ${chance(r, 0.3) ? '0.0.0.0' : '127.0.0.1'}
etcd:
  local:
    dataDir: /var/lib/etcd
    extraArgs:
      peer-auto-tls: "${chance(r, 0.2)}"
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: JoinConfiguration
discovery:
  bootstrapToken:
    apiServerEndpoint: ${c.name}.example.internal:6443
    token: abcdef.0123456789abcdef
    unsafeSkipCAVerification: ${chance(r, 0.3)}
nodeRegistration:
  name: ${c.name}-worker
  kubeletExtraArgs:
    authorization-mode: ${pick(r, ['Webhook', 'AlwaysAllow'])}`;
}

function kubeconfig(r: Random, c: Cluster): string {
  const insecure = chance(r, 0.3);
  return `apiVersion: v1
kind: Config
clusters:
- cluster:
${insecure ? '    insecure-skip-tls-verify: true' : '    certificate-authority: /etc/kubernetes/pki/ca.crt'}
    server: ${chance(r, 0.15) ? 'http' : 'https'}://${c.name}.example.internal:6443
  name: ${c.name}
contexts:
- context:
    cluster: ${c.name}
    user: system:node:${c.name}-worker
  name: default
current-context: default
users:
- name: system:node:${c.name}-worker
  user:
    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem
    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem`;
}

function apiService(r: Random, c: Cluster): string {
  const insecure = chance(r, 0.4);
  return `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: v1beta1.metrics-${c.name}.k8s.io
  labels:
    app.kubernetes.io/name: metrics-server
spec:
  group: metrics-${c.name}.k8s.io
  groupPriorityMinimum: 100
${insecure ? '  insecureSkipTLSVerify: true' : '  caBundle: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFWTVJNd0VRWURWUVFERXdwcmRXSmwKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo='}
  service:
    name: metrics-server
    namespace: kube-system
    port: 443
  version: v1beta1
  versionPriority: 100`;
}

function webhooks(r: Random, c: Cluster): string {
  const kind = pick(r, ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);
  const external = chance(r, 0.3);
  const clientConfig = external
    ? `    clientConfig:\n      url: ${chance(r, 0.5) ? 'http' : 'https'}://policy.${c.name}.example.internal:8443/validate`
    : `    clientConfig:\n${chance(r, 0.5) ? '      caBundle: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==\n' : ''}      service:\n        name: policy-webhook\n        namespace: policy-system\n        path: /validate`;
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ${kind}
metadata:
  name: policy-${c.name}
webhooks:
  - name: pods.policy.${c.name}.example.io
    admissionReviewVersions: ["v1"]
${clientConfig}
    failurePolicy: Fail
    rules:
      - apiGroups: [""]
        apiVersions: ["v1"]
        operations: ["CREATE", "UPDATE"]
        resources: ["pods"]
        scope: Namespaced
    sideEffects: None
    timeoutSeconds: 5`;
}

function workloads(r: Random, c: Cluster, index: number): string {
  const app = `${pick(r, ['api', 'web', 'worker', 'billing', 'search', 'auth'])}-${index}`;
  const replicas = 1 + Math.floor(r() * 5);
  return `# The ${app} service of ${c.name}: an ordinary workload between the control-plane documents.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${c.name}
  labels:
    app: ${app}
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
    spec:
      serviceAccountName: ${app}
      containers:
      - name: ${app}
        image: registry.example.internal/${app}:1.${index % 20}.${replicas}
        args:
        - --port=8080
        - --log-level=info
        ports:
        - containerPort: 8080
          name: http
        env:
        - name: CLUSTER
          value: ${c.name}
        - name: UPSTREAM
          value: https://upstream.${c.name}.example.internal
        readinessProbe:
          httpGet:
            path: /ready
            port: http
        resources:
          limits:
            cpu: 500m
            memory: 256Mi
---
apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${c.name}
spec:
  selector:
    app: ${app}
  ports:
  - name: http
    port: 80
    targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${c.name}
data:
  LOG_LEVEL: info
  FEATURE_FLAGS: search,billing
  settings.yaml: |
    server:
      port: 8080
      timeout: 30s
    cache:
      size: ${64 * replicas}
      ttl: 5m`;
}

/** One cluster's documents, in the order a repository of cluster manifests would hold them. */
function clusterDocuments(r: Random, index: number): string[] {
  const c: Cluster = { name: `cluster-${index}`, version: pick(r, VERSIONS), ip: `10.${index % 250}.${Math.floor(r() * 250)}.${10 + Math.floor(r() * 200)}` };
  return [
    apiserver(r, c),
    controllerManager(r, c),
    scheduler(r, c),
    etcd(r, c),
    kubeletConfig(r, c),
    kubeadm(r, c),
    kubeconfig(r, c),
    apiService(r, c),
    webhooks(r, c),
    workloads(r, c, index * 2),
    workloads(r, c, index * 2 + 1),
  ];
}

/** A file of exactly `lines` lines (at least a few dozen) of multi-document YAML, the same for the same seed. */
export function generateControlPlaneFile(lines: number, seed = 20240611): string {
  const r = random(seed);
  const out: string[] = [];
  let count = 0;
  // A closing ConfigMap pads the file to the exact length; it needs this many lines of its own at least.
  const padHeader = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: padding', 'data:'];
  for (let index = 0; ; index++) {
    const docs = clusterDocuments(r, index).join('\n---\n');
    const docLines = docs.split('\n').length + 1;
    if (count + docLines + padHeader.length + 2 > lines) break;
    out.push(docs, '---');
    count += docLines;
  }
  const padding = lines - count - padHeader.length;
  out.push(...padHeader);
  for (let i = 0; i < padding; i++) out.push(`  key-${i}: value-${Math.floor(r() * 1e6)}`);
  return `${out.join('\n')}\n`;
}
