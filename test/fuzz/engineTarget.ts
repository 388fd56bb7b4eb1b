// Runs inputs through the engine in a worker process, and notices when one kills or hangs it.
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { EngineReport } from './engineExercise';
import type { EngineRequest } from './engineWorker';

export type EngineOutcome = { kind: 'ok'; report: EngineReport } | { kind: 'died'; message: string } | { kind: 'hung'; message: string };

export class EngineTarget {
  private child: ChildProcess | undefined;
  private stderr = '';
  private nextId = 1;
  /** How many times the worker had to be started again after a death or a hang. */
  restarts = 0;

  private start(): ChildProcess {
    this.stderr = '';
    const child = fork(path.join(__dirname, 'engineWorker.js'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
    child.stderr?.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-6000)));
    this.child = child;
    return child;
  }

  run(text: string, seed: string, queries: number, timeoutMs: number): Promise<EngineOutcome> {
    const child = this.child && this.child.exitCode === null && this.child.signalCode === null ? this.child : this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const done = (outcome: EngineOutcome): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(outcome);
      };
      const onMessage = (m: { id: number; report: EngineReport }): void => {
        if (m.id === id) done({ kind: 'ok', report: m.report });
      };
      const onExit = (code: number | null, signal: string | null): void => {
        this.child = undefined;
        this.restarts++;
        // Give the pipe a moment to deliver the last of stderr (V8's fatal-error banner).
        setTimeout(() => done({ kind: 'died', message: `the engine process exited (code ${code}, signal ${signal}): ${summarizeStderr(this.stderr)}` }), 50);
      };
      const timer = setTimeout(() => {
        child.off('exit', onExit);
        child.kill('SIGKILL');
        this.child = undefined;
        this.restarts++;
        done({ kind: 'hung', message: `no answer from the engine within ${timeoutMs} ms` });
      }, timeoutMs);
      child.on('message', onMessage);
      child.on('exit', onExit);
      child.send({ id, text, seed, queries } satisfies EngineRequest);
    });
  }

  stop(): void {
    if (this.child && this.child.exitCode === null) this.child.kill();
    this.child = undefined;
  }
}

/** The lines of a dying process's stderr that say why: V8's FATAL ERROR line, or a JS error and its first frames. */
export function summarizeStderr(stderr: string): string {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !/^\s*\d+: 0x[0-9a-f]+/.test(l) && !/^\[\d+:0x/.test(l) && !/^<--- /.test(l));
  const fatal = lines.find((l) => l.startsWith('FATAL ERROR'));
  return fatal ?? (lines.slice(0, 6).join(' | ') || '(nothing on stderr)');
}
