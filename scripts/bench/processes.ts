// Every process the benchmark starts, so that all of them are ended when it exits, fails or is interrupted.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const running = new Set<ChildProcess>();
let exitHooked = false;

function killAll(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

/**
 * Makes Ctrl+C, termination and crashes end the benchmark and every process it started. Only the benchmark's own entry
 * point calls this: a test runner that uses the driver keeps its own handling of signals and failures.
 */
export function killAllOnInterrupt(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAll();
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  }
  process.on('uncaughtException', (error) => {
    killAll();
    console.error(error);
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    killAll();
    console.error(reason);
    process.exit(1);
  });
}

/** Starts a process that is tracked until it exits and killed with the benchmark. */
export function startTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  // However this process ends, its children do not outlive it.
  if (!exitHooked) {
    exitHooked = true;
    process.on('exit', killAll);
  }
  const child = spawn(command, args, options);
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/** Runs a tracked process to its end and returns its exit status and output. */
export function runTracked(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = startTracked(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => out.push(d));
    child.stderr?.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}
