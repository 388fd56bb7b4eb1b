// KCG418: the API server, controller manager or scheduler serves Go profiles under /debug/pprof.
import { SCHEDULER_SETTINGS } from '../../docs/controlPlaneSettings';
import type { Setting } from '../../docs/settings';
import { apiserverPod } from '../examples';
import { parseBool } from '../templates/values';
import { controllerManagerPod, schedulerConfig, schedulerPod, secureKcmFlagsExcept, secureSchedulerFlagsExcept } from './examples';
import { FLAG_SETTINGS } from './flagSettings';
import { componentSettingRule, writtenOf, type Known, type SettingCheckOptions, type WithConfig } from './setting';

function message(found: Known, component: string): string {
  const what = `${component} serves Go profiles (goroutine stacks, heap, CPU) under /debug/pprof to any caller its authorization lets through, and profiling requests can load it`;
  switch (found.source) {
    case 'flag':
    case 'field':
      return `${writtenOf(found)}: ${what}`;
    case 'config-default':
      return `KubeSchedulerConfiguration has no enableProfiling: false (it defaults to true): ${what}`;
    default:
      return `${component} runs without ${found.spelled} set to false (it defaults to true): ${what}`;
  }
}

function check(setting: Setting, withConfig: WithConfig = 'flag-wins'): SettingCheckOptions {
  return {
    setting,
    withConfig,
    insecure: (value) => parseBool(value) !== false,
    fixValue: 'false',
    message: (found) => message(found, setting.component),
  };
}

export default componentSettingRule(
  {
    id: 'KCG418',
    name: 'profiling-enabled',
    channel: 'control-plane-internal',
    severity: 'info',
    summary: 'kube-apiserver, kube-controller-manager or kube-scheduler runs with profiling on (`--profiling`, `enableProfiling`), which is the default.',
    rationale: [
      'Profiling serves Go\'s pprof handlers under `/debug/pprof` on the component\'s secure port: goroutine dumps with call stacks, heap and CPU profiles. They reveal internals that help an attacker, and a CPU profile keeps the component busy for as long as the caller asks. Authorization limits who can call them, but nothing in normal operation needs them, and every identity allowed `/debug/*` becomes a way to read them.',
      '',
      'All three components default to **true**, and so does `enableProfiling` in a KubeSchedulerConfiguration. The scheduler\'s `--profiling` is deprecated and ignored when `--config` is given: the config document decides then, and this rule reads it instead of the flag. kube-proxy\'s profiling defaults to off and is not reported.',
    ].join('\n'),
    remediation: 'Set `--profiling=false` on the API server and controller manager, and on the scheduler (or `enableProfiling: false` in its KubeSchedulerConfiguration when it runs with `--config`). The quick fix writes `false`.',
    references: [
      { title: 'CIS Kubernetes Benchmark 1.2.15 (API server)', cis: '1.2.15' },
      { title: 'CIS Kubernetes Benchmark 1.3.2 (controller manager)', cis: '1.3.2' },
      { title: 'CIS Kubernetes Benchmark 1.4.1 (scheduler)', cis: '1.4.1' },
      { title: 'KubeSchedulerConfiguration (v1)', url: 'https://kubernetes.io/docs/reference/config-api/kube-scheduler-config.v1/' },
    ],
    examples: {
      valid: [
        { title: 'API server with profiling off', text: apiserverPod(['--profiling=false']) },
        { title: 'Scheduler with profiling off', text: schedulerPod(secureSchedulerFlagsExcept()) },
        { title: 'Scheduler config with profiling off', text: schedulerConfig(['enableProfiling: false']) },
        { title: 'The flag is ignored next to --config', text: schedulerPod(['--config=/etc/kubernetes/scheduler.yaml', '--profiling=true', ...secureSchedulerFlagsExcept('profiling')]) },
      ],
      invalid: [
        { title: 'API server left at the default', text: apiserverPod(['--secure-port=6443']), fixed: apiserverPod(['--secure-port=6443', '--profiling=false']) },
        {
          title: 'Controller manager with profiling on',
          text: controllerManagerPod([...secureKcmFlagsExcept('profiling'), '--profiling=true']),
          fixed: controllerManagerPod([...secureKcmFlagsExcept('profiling'), '--profiling=false']),
        },
        { title: 'Scheduler config without enableProfiling', text: schedulerConfig(['leaderElection:', '  leaderElect: true']), fixed: schedulerConfig(['leaderElection:', '  leaderElect: true', 'enableProfiling: false']) },
      ],
    },
  },
  check(FLAG_SETTINGS.apiserverProfiling),
  check(FLAG_SETTINGS.controllerManagerProfiling),
  // The scheduler reads --profiling only without --config; with it, enableProfiling decides.
  check(SCHEDULER_SETTINGS.enableProfiling, 'flag-ignored'),
);
