// Settings of the API server, controller manager and scheduler that only a flag sets (no config file can), for the rule templates.
import type { Setting } from '../../docs/settings';

const CH = 'control-plane-internal' as const;

export const FLAG_SETTINGS = {
  apiserverProfiling: {
    component: 'kube-apiserver',
    flag: 'profiling',
    type: 'bool',
    flagDefault: 'true',
    channel: CH,
    summary: 'Serve Go pprof profiles under `/debug/pprof`.',
    secure: 'false',
  },
  controllerManagerProfiling: {
    component: 'kube-controller-manager',
    flag: 'profiling',
    type: 'bool',
    flagDefault: 'true',
    channel: CH,
    summary: 'Serve Go pprof profiles under `/debug/pprof`.',
    secure: 'false',
  },
  serviceAccountCredentials: {
    component: 'kube-controller-manager',
    flag: 'use-service-account-credentials',
    type: 'bool',
    flagDefault: 'false',
    channel: CH,
    summary: 'Run each controller with its own service account credentials.',
    secure: 'true',
  },
  controllerManagerBindAddress: {
    component: 'kube-controller-manager',
    flag: 'bind-address',
    type: 'string',
    flagDefault: '0.0.0.0',
    channel: CH,
    summary: 'Address of the controller manager\'s HTTPS port.',
    secure: '127.0.0.1',
  },
  controllerManagerSecurePort: {
    component: 'kube-controller-manager',
    flag: 'secure-port',
    type: 'int',
    flagDefault: '10257',
    channel: CH,
    summary: 'Port of the controller manager\'s HTTPS endpoint.',
  },
  schedulerBindAddress: {
    component: 'kube-scheduler',
    flag: 'bind-address',
    type: 'string',
    flagDefault: '0.0.0.0',
    channel: CH,
    summary: 'Address of the scheduler\'s HTTPS port.',
    secure: '127.0.0.1',
  },
  schedulerSecurePort: {
    component: 'kube-scheduler',
    flag: 'secure-port',
    type: 'int',
    flagDefault: '10259',
    channel: CH,
    summary: 'Port of the scheduler\'s HTTPS endpoint.',
  },
} as const satisfies Record<string, Setting>;
