// The CLI's throughput over the benchmark files, next to the raw `yaml` parse of the same text (the floor for any checker).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { BENCH_OUT, CPU_TIMING_PRELOAD, OUR_CLI, RAW_PARSE_MAIN, TIMING_MARKER } from './paths';
import { runTracked } from './processes';
import { median } from './stats';

/** Parses every text once, so that the parser is compiled by the JIT before anything is timed, as in a running server. */
export function warmUpParser(texts: readonly string[]): void {
  for (const text of texts) parseAllDocuments(text);
}

/**
 * `parseAllDocuments` on the text in this (warm) process: wall and CPU time, each the median of `runs` after two untimed
 * runs. The benchmark does nothing else meanwhile, so its CPU time is the parse's (and the garbage collector's).
 */
export function rawParse(text: string, runs: number): Spent {
  parseAllDocuments(text);
  parseAllDocuments(text);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    parseAllDocuments(text);
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}

/** The CLI, or the bare parse, as a command: both are timed the same way, in a fresh process. */
type Command = 'cli' | 'parse';

/** Time spent by a process after node's start-up: wall clock, and CPU (user + system, all threads). */
export interface Spent {
  wallMs: number;
  cpuMs: number;
}

/** One run, timed from inside by the preload; the CLI's exit status 1 (findings) is a success, anything but 0 and 1 is not. */
async function timeRun(command: Command, files: readonly string[]): Promise<Spent> {
  const main = command === 'cli' ? [OUR_CLI, '--format', 'json'] : [RAW_PARSE_MAIN];
  const result = await runTracked(process.execPath, ['--require', CPU_TIMING_PRELOAD, ...main, ...files], { cwd: BENCH_OUT });
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} failed on ${files.join(' ')} (status ${result.status}): ${result.stderr.slice(0, 500)}`);
  const line = result.stderr.split('\n').find((l) => l.startsWith(TIMING_MARKER));
  if (!line) throw new Error(`${command} did not report its timing; stderr: ${result.stderr.slice(0, 500)}`);
  return JSON.parse(line.slice(TIMING_MARKER.length)) as Spent;
}

export interface ProcessTiming {
  /** What loading the code and an empty file cost: subtracted from every run. */
  baseline: Spent;
  perFile: Map<string, Spent>;
  allFiles: Spent;
}

export interface CliTiming {
  cli: ProcessTiming;
  /** The same files parsed by a process that does nothing else: the floor for the CLI, cold JIT and all. */
  parse: ProcessTiming;
}

const minus = (a: Spent, b: Spent): Spent => ({ wallMs: Math.max(0, a.wallMs - b.wallMs), cpuMs: Math.max(0, a.cpuMs - b.cpuMs) });

/**
 * Times the CLI on each file and on all of them at once, minus a run on an empty file, so that what is left is the
 * checking itself; and the same for a process that only parses. Each figure is the median of `runs` runs.
 */
export async function measureCli(files: readonly string[], runs: number): Promise<CliTiming> {
  fs.mkdirSync(BENCH_OUT, { recursive: true });
  const empty = path.join(BENCH_OUT, 'empty.yaml');
  fs.writeFileSync(empty, '');
  const measure = async (command: Command): Promise<ProcessTiming> => {
    const repeat = async (f: readonly string[]): Promise<Spent> => {
      const samples: Spent[] = [];
      for (let i = 0; i < runs; i++) samples.push(await timeRun(command, f));
      return { wallMs: median(samples.map((s) => s.wallMs)), cpuMs: median(samples.map((s) => s.cpuMs)) };
    };
    // One untimed run puts the code in the file cache, so that the baseline is not inflated by the first read.
    await timeRun(command, [empty]);
    const baseline = await repeat([empty]);
    const perFile = new Map<string, Spent>();
    for (const file of files) perFile.set(file, minus(await repeat([file]), baseline));
    return { baseline, perFile, allFiles: minus(await repeat(files), baseline) };
  };
  return { cli: await measure('cli'), parse: await measure('parse') };
}
