// KCG419: kube-proxy serves its unauthenticated metrics endpoint beyond loopback.
import { PROXY_SETTINGS } from '../../docs/controlPlaneSettings';
import { hostOfHostPort, isLoopbackHost } from './addresses';
import { kubeProxyDaemonSet, proxyConfig } from './examples';
import { componentSettingRule, writtenOf } from './setting';

/** Not exposed: loopback, empty (the default applies) or port 0 (off). */
function exposed(value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false;
  const { host, port } = hostOfHostPort(value);
  return port !== '0' && !isLoopbackHost(host);
}

export default componentSettingRule(
  {
    id: 'KCG419',
    name: 'kube-proxy-metrics-exposed',
    channel: 'control-plane-internal',
    severity: 'info',
    summary: 'kube-proxy\'s metrics endpoint (`--metrics-bind-address`, `metricsBindAddress`) listens on a non-loopback address.',
    rationale: [
      'kube-proxy serves `/metrics` (and `/debug/pprof` when profiling is on) on port 10249 over plain HTTP with no authentication. Bound beyond loopback, anyone who reaches a node reads it: service and endpoint counts, sync timings, the proxy mode, and with profiling the process internals. It is usually opened to `0.0.0.0:10249` so that Prometheus can scrape it; a node-local exporter or a kube-rbac-proxy sidecar gives the same metrics with authentication.',
      '',
      'Both the flag and the config field default to `127.0.0.1:10249`. kube-proxy ignores `--metrics-bind-address` when `--config` is given, so only the KubeProxyConfiguration counts then.',
    ].join('\n'),
    remediation: 'Set `metricsBindAddress` (or `--metrics-bind-address`) to `127.0.0.1:10249`, and scrape through an authenticating proxy if metrics are needed from outside. The quick fix writes 127.0.0.1 with the port you had.',
    references: [
      { title: 'kube-proxy configuration (v1alpha1)', url: 'https://kubernetes.io/docs/reference/config-api/kube-proxy-config.v1alpha1/' },
      { title: 'CIS Kubernetes Benchmark 4.3.1', cis: '4.3.1' },
    ],
    examples: {
      valid: [
        { title: 'The default', text: proxyConfig(['mode: iptables']) },
        { title: 'Loopback', text: proxyConfig(['metricsBindAddress: 127.0.0.1:10249']) },
        { title: 'The flag is ignored next to --config', text: kubeProxyDaemonSet(['--config=/var/lib/kube-proxy/config.conf', '--metrics-bind-address=0.0.0.0:10249']) },
      ],
      invalid: [
        { title: 'All interfaces in the config', text: proxyConfig(['metricsBindAddress: 0.0.0.0:10249']), fixed: proxyConfig(['metricsBindAddress: 127.0.0.1:10249']) },
        {
          title: 'All interfaces on the command line',
          text: kubeProxyDaemonSet(['--metrics-bind-address=0.0.0.0:10249', '--hostname-override=$(NODE_NAME)']),
          fixed: kubeProxyDaemonSet(['--metrics-bind-address=127.0.0.1:10249', '--hostname-override=$(NODE_NAME)']),
        },
      ],
    },
  },
  {
    setting: PROXY_SETTINGS.metricsBindAddress,
    withConfig: 'flag-ignored',
    insecure: exposed,
    fixValue: (current) => `127.0.0.1:${(current && hostOfHostPort(current).port) || '10249'}`,
    message: (found) => `${writtenOf(found)}: kube-proxy serves /metrics over plain HTTP without authentication to anyone who reaches the node`,
  },
);
