// Runs the bundled CLI (dist/cli.js) on folders of fuzzed files and checks that it ends the way the README promises:
// exit 0 or 1 with parsable output, exit 2 only for a broken project file, and never a stack trace.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Prng } from './prng';

export interface CliFile {
  name: string;
  bytes: Buffer;
  /** Which corpus file and mutators made it, for the report. */
  label: string;
}

export interface CliProblem {
  kind: 'crash' | 'hang' | 'bad-exit' | 'bad-output';
  message: string;
  /** The file that causes it, when one file alone does. */
  culprit?: CliFile;
}

export interface CliRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  ms: number;
  timedOut: boolean;
}

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

/** Invalid UTF-8: a lone continuation byte, an overlong encoding, a truncated sequence, bytes that never occur. */
const INVALID_UTF8 = [Buffer.from([0x80]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xe2, 0x82]), Buffer.from([0xff]), Buffer.from([0xfe, 0xff]), Buffer.from([0xed, 0xa0, 0x80])];

/** The text as UTF-8, with invalid byte sequences spliced in at random places. */
export function withInvalidBytes(text: string, rng: Prng): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  for (let n = rng.range(1, 6); n > 0; n--) {
    const at = rng.int(bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, at), rng.pick(INVALID_UTF8), bytes.subarray(at)]);
  }
  return bytes;
}

export function runCli(args: readonly string[], cwd: string, timeoutMs: number): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, timedOut });
    });
  });
}

/** What is wrong with a run, if anything. `projectFile` says whether a (possibly broken) project file was in the folder. */
export function judge(run: CliRun, format: 'json' | 'text', projectFile: boolean): Omit<CliProblem, 'culprit'> | undefined {
  if (run.timedOut) return { kind: 'hang', message: `the CLI did not finish within ${Math.round(run.ms)} ms` };
  if (/\n\s+at .+\(?.*:\d+:\d+\)?/.test(run.stderr) || /^\w*Error\b/m.test(run.stderr) || /FATAL ERROR/.test(run.stderr)) {
    return { kind: 'crash', message: `stack trace or fatal error on stderr (exit ${run.code}, signal ${run.signal}): ${run.stderr.split('\n').filter((l) => l.trim()).slice(0, 6).join(' | ')}` };
  }
  if (run.code === 2) {
    const lines = run.stderr.trim().split('\n');
    // A broken project file is the one expected reason: one line that names the file, then at most a usage hint.
    if (projectFile && lines[0]?.includes('.kube-channel-guard.yaml') && lines.length <= 2) return undefined;
    return { kind: 'bad-exit', message: `exit 2 without an expected reason: ${run.stderr.trim().slice(0, 300)}` };
  }
  if (run.code !== 0 && run.code !== 1) return { kind: 'crash', message: `exit code ${run.code}, signal ${run.signal}: ${run.stderr.slice(0, 300)}` };
  if (format === 'json') {
    try {
      JSON.parse(run.stdout);
    } catch (error) {
      return { kind: 'bad-output', message: `--format json printed something that is not JSON: ${(error as Error).message}` };
    }
  }
  return undefined;
}

export class CliTarget {
  runs = 0;
  filesChecked = 0;
  maxMs = 0;

  constructor(
    private readonly workDir: string,
    private readonly timeoutMs: number,
  ) {}

  private async runBatch(files: readonly CliFile[], projectFile: string | undefined, format: 'json' | 'text'): Promise<Omit<CliProblem, 'culprit'> | undefined> {
    const dir = path.join(this.workDir, `cli-${this.runs}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    try {
      for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.bytes);
      if (projectFile !== undefined) fs.writeFileSync(path.join(dir, '.kube-channel-guard.yaml'), projectFile);
      this.runs++;
      const run = await runCli(format === 'json' ? ['--format', 'json', '.'] : ['.'], dir, this.timeoutMs);
      this.maxMs = Math.max(this.maxMs, run.ms);
      this.filesChecked += files.length;
      return judge(run, format, projectFile !== undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /** Checks a batch in one CLI run; when it goes wrong, runs the files one by one to name the culprit. */
  async check(files: readonly CliFile[], projectFile: string | undefined, rng: Prng): Promise<CliProblem[]> {
    const format = rng.chance(0.7) ? 'json' : 'text';
    const problem = await this.runBatch(files, projectFile, format);
    if (!problem) return [];
    for (const file of files) {
      const alone = await this.runBatch([file], projectFile, format);
      if (alone) return [{ ...alone, culprit: file }];
    }
    return [problem];
  }
}
