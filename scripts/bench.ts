// `npm run bench`: our language server next to yaml-language-server on the big real-world files and a generated
// control-plane file, plus the CLI's throughput and our memory; prints a table and writes docs/performance.md.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { editPlan, measureFile } from './bench/driver';
import { generateControlPlaneFile } from './bench/generate';
import type { LspClient } from './bench/lspClient';
import { machine } from './bench/machine';
import { measureMemory } from './bench/memory';
import { BENCH_OUT, BIG_CORPUS, DOC, OUR_CLI, OUR_SERVER, YLS_BIN } from './bench/paths';
import { killAllOnInterrupt } from './bench/processes';
import { hotspots, newestProfile } from './bench/profile';
import { fmtMs, renderMarkdown, renderText, shortName, type BenchResult, type FileResult } from './bench/report';
import { SERVER_NAMES, startServer, type ServerId } from './bench/servers';
import { measureCli, rawParse, warmUpParser } from './bench/throughput';

const USAGE = `usage: npm run bench -- [--quick] [--no-write] [--write] [--edits N] [--profile]
  --quick     a subset (the three smallest big files and a 10,000-line generated file), 5 edits each, one run of each
              CLI timing; prints only, unless --write is given too
  --no-write  print the results without writing docs/performance.md
  --write     write docs/performance.md even after a quick run
  --edits N   edits per file (default 24; 5 with --quick)
  --profile   record a CPU profile of our server (out/bench/profiles/) and print where its time went`;

interface Options {
  quick: boolean;
  write: boolean;
  edits: number;
  profile: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const quick = argv.includes('--quick');
  const options: Options = { quick, write: argv.includes('--write') || (!quick && !argv.includes('--no-write')), edits: quick ? 5 : 24, profile: argv.includes('--profile') };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--edits') {
      options.edits = Number(argv[++i]);
      if (!Number.isInteger(options.edits) || options.edits < 1) throw new Error('--edits takes a positive whole number');
    } else if (!['--quick', '--no-write', '--write', '--profile'].includes(arg)) {
      throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}

/** A generous limit per answer: yaml-language-server needs seconds on the 3.5 MB file; a hang must still end the run. */
const TIMEOUT_MS = 180_000;
const GENERATED_LINES = { full: 50_000, quick: 10_000 };
const log = (message: string): void => void process.stderr.write(`${message}\n`);

interface BenchFile {
  path: string;
  text: string;
  generated: boolean;
}

function benchFiles(quick: boolean): BenchFile[] {
  const corpus = fs
    .readdirSync(BIG_CORPUS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(BIG_CORPUS, f))
    .sort((a, b) => fs.statSync(a).size - fs.statSync(b).size);
  const chosen = quick ? corpus.slice(0, 3) : corpus;
  const lines = quick ? GENERATED_LINES.quick : GENERATED_LINES.full;
  fs.mkdirSync(BENCH_OUT, { recursive: true });
  const generated = path.join(BENCH_OUT, `generated-control-plane-${lines / 1000}k.yaml`);
  fs.writeFileSync(generated, generateControlPlaneFile(lines));
  return [...chosen.map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8'), generated: false })), { path: generated, text: fs.readFileSync(generated, 'utf8'), generated: true }];
}

async function main(): Promise<void> {
  killAllOnInterrupt();
  const options = parseOptions(process.argv.slice(2));
  // Other work on the machine inflates every timing: the load seen during the run goes into the report with them.
  const load = { start: os.loadavg()[0], max: os.loadavg()[0] };
  const loadTimer = setInterval(() => (load.max = Math.max(load.max, os.loadavg()[0])), 5000);
  loadTimer.unref();
  for (const required of [OUR_SERVER, OUR_CLI, YLS_BIN]) {
    if (!fs.existsSync(required)) throw new Error(`${required} is missing: run npm run build (and npm install for yaml-language-server)`);
  }
  const files = benchFiles(options.quick);
  const results: FileResult[] = files.map((f) => ({
    path: f.path,
    lines: f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0),
    bytes: Buffer.byteLength(f.text),
    generated: f.generated,
    rawParseMs: Number.NaN,
    rawParseCpuMs: Number.NaN,
    edits: 0,
    timing: {},
    errors: {},
  }));

  log('raw yaml parse...');
  warmUpParser(files.map((f) => f.text));
  files.forEach((f, i) => {
    const spent = rawParse(f.text, options.quick ? 3 : 5);
    results[i].rawParseMs = spent.wallMs;
    results[i].rawParseCpuMs = spent.cpuMs;
  });

  const profileDir = path.join(BENCH_OUT, 'profiles');
  const ourNodeOptions = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const start = (id: ServerId): Promise<LspClient> => startServer(id, { timeoutMs: TIMEOUT_MS, nodeOptions: id === 'ours' ? ourNodeOptions : [] });
  const servers: Record<ServerId, LspClient> = { ours: await start('ours'), yls: await start('yls') };
  const networkAttempts: string[] = [];
  const unknownRequests = new Set<string>();
  let ylsSendsVersions = false;
  const retire = async (id: ServerId): Promise<void> => {
    const s = servers[id];
    networkAttempts.push(...s.networkAttempts.map((a) => `${s.name}: ${a}`));
    for (const m of s.unknownRequests.keys()) unknownRequests.add(`${s.name}: ${m}`);
    if (id === 'yls') ylsSendsVersions ||= s.sendsVersions;
    await s.stop();
  };

  for (const [i, file] of files.entries()) {
    const plan = editPlan(file.text, options.edits);
    results[i].edits = plan.length;
    for (const id of ['ours', 'yls'] as const) {
      log(`${SERVER_NAMES[id]}: ${shortName(file.path)} (${results[i].lines} lines, ${plan.length} edits)...`);
      try {
        results[i].timing[id] = await measureFile(servers[id], { uri: pathToFileURL(file.path).href, text: file.text, plan, timeoutMs: TIMEOUT_MS });
        const t = results[i].timing[id];
        log(`  open ${fmtMs(t?.openMs)} ms, edits ${t?.editMs.map(fmtMs).join(' ')}`);
      } catch (error) {
        results[i].errors[id] = (error as Error).message.split('\n')[0];
        log(`  failed: ${results[i].errors[id]}`);
        // A server that timed out may still be busy or dead: the next file gets a fresh one.
        await retire(id);
        servers[id] = await start(id);
      }
    }
  }
  await retire('ours');
  await retire('yls');

  log('CLI throughput...');
  const cliRuns = options.quick ? 1 : 3;
  const cli = await measureCli(
    files.map((f) => f.path),
    cliRuns,
  );

  const memory: BenchResult['memory'] = {};
  const memoryErrors: BenchResult['memoryErrors'] = {};
  for (const id of ['ours', 'yls'] as const) {
    log(`${SERVER_NAMES[id]}: memory with all files open...`);
    try {
      memory[id] = await measureMemory(id, files, TIMEOUT_MS);
    } catch (error) {
      memoryErrors[id] = (error as Error).message.split('\n')[0];
    }
  }

  const result: BenchResult = {
    date: new Date(),
    machine: machine(),
    quick: options.quick,
    files: results,
    cli,
    cliRuns,
    memory,
    memoryErrors,
    networkAttempts,
    ylsSendsVersions,
    unknownRequests: [...unknownRequests],
    load: { ...load, end: os.loadavg()[0] },
  };
  clearInterval(loadTimer);
  process.stdout.write(`\n${renderText(result)}`);
  if (options.profile) printProfile(profileDir);
  if (options.write) {
    fs.writeFileSync(DOC, renderMarkdown(result));
    log(`wrote ${path.relative(process.cwd(), DOC)}`);
  }
  // A benchmark whose peer reached for the network, or whose servers failed, is not a result to trust.
  if (networkAttempts.length > 0 || results.some((r) => r.errors.ours || r.errors.yls)) process.exitCode = 1;
}

function printProfile(dir: string): void {
  const file = newestProfile(dir);
  if (!file) {
    log(`no CPU profile was written to ${dir}`);
    return;
  }
  const { totalMs, self, inclusive } = hotspots(file);
  const list = (title: string, spots: typeof self): void => {
    process.stdout.write(`${title}\n`);
    for (const s of spots) process.stdout.write(`  ${(s.share * 100).toFixed(1).padStart(5)}%  ${fmtMs(s.ms).padStart(7)} ms  ${s.name}\n`);
  };
  process.stdout.write(`\nWhere our server spent its ${Math.round(totalMs)} ms of work (${path.relative(process.cwd(), file)}):\n`);
  list('by total time (the function and what it calls):', inclusive);
  list('by self time:', self);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
