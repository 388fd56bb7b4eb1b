// The check shared by KCG414 and KCG415: a component's HTTPS port listens on more than loopback.
import type { Setting } from '../../docs/settings';
import { isLoopbackHost } from './addresses';
import type { SettingCheckOptions } from './setting';

/** `since`: the release that gave the component its HTTPS port and `--bind-address` (1.12 controller manager, 1.13 scheduler). */
export function bindAddressCheck(bindAddress: Setting, securePort: Setting, port: string, since: string): SettingCheckOptions {
  const name = bindAddress.component;
  return {
    setting: bindAddress,
    since,
    // An empty value, like 0.0.0.0 or ::, means every interface.
    insecure: (value) => !isLoopbackHost(value?.trim() ?? ''),
    fixValue: '127.0.0.1',
    // With --secure-port=0 nothing listens.
    applies: (lookup) => {
      const found = lookup(securePort);
      return found.source === 'unknown' || found.value?.trim() !== '0';
    },
    message: (found) =>
      found.source === 'flag' && found.value.trim() !== ''
        ? `${found.written}: ${name}'s HTTPS port ${port} (health, metrics, pprof, configz) is reachable from other hosts`
        : `${name} has no ${found.spelled} and listens on all interfaces: its HTTPS port ${port} (health, metrics, pprof, configz) is reachable from other hosts`,
  };
}
