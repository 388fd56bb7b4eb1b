// What a benchmark result depends on besides the code: the machine, the OS, Node, and the versions of both servers.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, YLS_PACKAGE } from './paths';

export interface Machine {
  cpu: string;
  cores: number;
  ramGiB: number;
  os: string;
  node: string;
  ours: string;
  yls: string;
}

function osName(): string {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(release)?.[1];
    if (pretty) return `${pretty}, ${os.type()} ${os.release()}`;
  } catch {
    // Not Linux, or no os-release: the kernel's name is enough.
  }
  return `${os.type()} ${os.release()}`;
}

/** Our version plus the commit, marked when the server's sources differ from it (the numbers are then of work in progress). */
function ourVersion(): string {
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
  if (head.status !== 0) return version;
  const dirty = spawnSync('git', ['diff', '--quiet', 'HEAD', '--', 'server'], { cwd: ROOT }).status !== 0;
  return `${version} (commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in server/' : ''})`;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    ramGiB: os.totalmem() / 1024 ** 3,
    os: osName(),
    node: process.version,
    ours: ourVersion(),
    yls: (JSON.parse(fs.readFileSync(YLS_PACKAGE, 'utf8')) as { version: string }).version,
  };
}
