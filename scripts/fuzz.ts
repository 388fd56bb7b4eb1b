// `npm run fuzz`: mutates every YAML file of the shared corpus and feeds the results to the engine, the CLI and one
// long-lived language server; prints a summary and exits 1 on any crash, hang, slow answer or wrong answer.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { DEFAULT_OPTIONS, InputSource, runCampaign, type CampaignOptions, type CampaignResult } from '../test/fuzz/campaign';
import { CORPUS, ROOT } from '../test/helpers';

const USAGE = `usage: npm run fuzz -- [options]
  --seed <s>            seed of the run (default: the current time); the same seed replays the same inputs
  --iterations <n>      stop after n inputs (default: no limit)
  --time-limit <t>      stop starting inputs after t: 90s, 10m, 1h (default: 10m)
  --corpus <dir>        the manifests to mutate (default: ../shared/corpus)
  --targets <list>      engine,cli,lsp (default: all three)
  --huge-to-engine <b>  also run 10 MiB inputs through the engine in-process (default: true)
  --timing <wall|cpu>   what the 1 s limits apply to: wall time (default) or CPU time, steadier on a shared machine
  --max-rss <MiB>       the language server's memory limit (default: ${DEFAULT_OPTIONS.maxRssMiB})
  --save-dir <dir>      where reproducers go (default: out/fuzz/reproducers)
  --no-minimize         save problem inputs as found, without shrinking them
  --replay <i>          write input i of the run (with --seed and --corpus) to out/fuzz/input-<i>.yaml and exit`;

function duration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

function parse(argv: readonly string[]): CampaignOptions & { replay?: number } {
  const options: CampaignOptions & { replay?: number } = {
    ...DEFAULT_OPTIONS,
    seed: String(Date.now()),
    corpus: CORPUS,
    saveDir: path.join(ROOT, 'out', 'fuzz', 'reproducers'),
    log: (line) => process.stdout.write(`${line}\n`),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--seed':
        options.seed = value();
        break;
      case '--iterations':
        options.iterations = Number(value());
        break;
      case '--time-limit':
        options.timeLimitMs = duration(value());
        break;
      case '--corpus':
        options.corpus = path.resolve(value());
        break;
      case '--targets': {
        const list = value().split(',');
        options.targets = { engine: list.includes('engine'), cli: list.includes('cli'), lsp: list.includes('lsp') };
        break;
      }
      case '--huge-to-engine':
        options.hugeToEngine = value() !== 'false';
        break;
      case '--timing': {
        const v = value();
        if (v !== 'wall' && v !== 'cpu') throw new Error('--timing takes wall or cpu');
        options.timing = v;
        break;
      }
      case '--max-rss':
        options.maxRssMiB = Number(value());
        break;
      case '--save-dir':
        options.saveDir = path.resolve(value());
        break;
      case '--replay':
        options.replay = Number(value());
        break;
      case '--no-minimize':
        options.minimize = false;
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}

const ms = (n: number): string => `${Math.round(n)} ms`;

export function summary(r: CampaignResult): string {
  const lines = [
    `seed ${r.options.seed}: ${r.inputs} inputs from ${r.files} corpus files in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    `mutations: ${Object.entries(r.mutations)
      .map(([name, n]) => `${name} ${n}`)
      .join(', ')}`,
  ];
  if (r.options.targets.engine) {
    lines.push(
      `engine: ${r.engine.analyses} analyses; slowest ${ms(r.engine.maxAnalyzeMs)} (${(r.engine.maxAnalyzeChars / 1024 / 1024).toFixed(1)} MiB), slowest up to 1 MiB ${ms(r.engine.maxAnalyzeMsUpTo1MiB)} (${ms(r.engine.maxAnalyzeCpuMsUpTo1MiB)} of CPU at most); slowest hover/completion/lens ${ms(r.engine.maxQueryMs)}; slowest fix-all ${ms(r.engine.maxFixAllMs)}; worker restarts ${r.engine.restarts}`,
    );
  }
  if (r.options.targets.lsp) {
    lines.push(
      `language server: ${r.lsp.requests} requests, max latency ${ms(r.lsp.maxLatencyMs)}, p99 ${ms(r.lsp.p99LatencyMs)}, most server CPU for one request ${ms(r.lsp.maxCpuMs)}${r.lsp.slowest ? ` (slowest: ${r.lsp.slowest})` : ''}; longest wait for diagnostics ${ms(r.lsp.maxDiagnosticsMs)}${r.lsp.slowestDiagnostics ? ` (on ${r.lsp.slowestDiagnostics})` : ''}`,
      `language server memory: ${r.lsp.startRssMiB.toFixed(0)} MiB at start, peak ${r.lsp.peakRssMiB.toFixed(0)} MiB, ${r.lsp.lastRssMiB.toFixed(0)} MiB at the end; restarts after a crash or hang: ${r.lsp.restarts}; running at the end: ${r.lsp.alive}`,
    );
  }
  if (r.options.targets.cli) lines.push(`CLI: ${r.cli.runs} runs on ${r.cli.files} files, slowest ${ms(r.cli.maxMs)}`);
  lines.push(`problems: ${r.problems.length === 0 ? 'none' : r.problems.length}`);
  for (const p of r.problems) {
    lines.push(`  ${p.target} ${p.kind} (${p.count}x): ${p.message.split('\n')[0]}`, `    first seen on ${p.label}${p.saved ? `; reproducer ${path.relative(process.cwd(), p.saved)}` : ''}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(2);
  }
  if (options.replay !== undefined) {
    const { text, label } = new InputSource(options.corpus, options.seed).input(options.replay);
    const file = path.join(ROOT, 'out', 'fuzz', `input-${options.replay}.yaml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    process.stdout.write(`${label}\n${file}\n`);
    return;
  }
  const result = await runCampaign(options);
  process.stdout.write(`\n${summary(result)}\n`);
  if (result.problems.length > 0) {
    process.stdout.write(`\nA problem found is a regression test once fixed: copy its reproducer into test/fuzz/regressions/.\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
