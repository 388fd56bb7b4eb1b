// Preloaded (`node --require`) into the servers under test: any attempt to open a network connection or resolve a
// name is written to stderr with a marker the benchmark looks for, and refused, so that nothing leaves the machine.
// `import = require` binds the modules themselves, not copies, so that the replacements below are seen by every user.
import dns = require('node:dns');
import net = require('node:net');
import { NETWORK_MARKER } from './paths';

function refuse(what: string): never {
  process.stderr.write(`${NETWORK_MARKER} ${what}\n`);
  throw new Error(`network access is blocked by the benchmark: ${what}`);
}

const originalConnect = net.Socket.prototype.connect;
// Sockets for stdio pipes never call connect, so everything that reaches it is a network or IPC connection attempt.
net.Socket.prototype.connect = function connect(this: net.Socket, ...args: unknown[]): net.Socket {
  const [first] = args;
  const target = typeof first === 'object' && first !== null ? JSON.stringify(first) : String(first);
  // Local IPC paths (named pipes, unix sockets) are not network; only TCP targets are refused.
  if (typeof first === 'object' && first !== null && 'path' in first) return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  return refuse(`connect ${target}`);
} as typeof net.Socket.prototype.connect;

const blockedLookup = ((hostname: string) => refuse(`dns lookup ${hostname}`)) as unknown as typeof dns.lookup;
dns.lookup = blockedLookup;
dns.promises.lookup = ((hostname: string) => refuse(`dns lookup ${hostname}`)) as unknown as typeof dns.promises.lookup;
