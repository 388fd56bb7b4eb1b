// The fuzz campaign shared by `npm run fuzz` and the bounded run in npm test: mutates corpus files and feeds each
// result to the engine, the CLI and one long-lived language server, collecting problems and measurements.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { yamlFiles } from '../helpers';
import { CliTarget, withInvalidBytes, type CliFile } from './cliTarget';
import { EngineTarget } from './engineTarget';
import { LspTarget } from './lspTarget';
import { minimize } from './minimize';
import { MUTATORS, type Mutator } from './mutators';
import { Prng } from './prng';

export interface CampaignOptions {
  seed: string;
  /** Stop after this many inputs (each input goes to every target). */
  iterations: number;
  /** Stop starting new inputs after this long. */
  timeLimitMs: number;
  corpus: string;
  targets: { engine: boolean; cli: boolean; lsp: boolean };
  /** Every LSP request must be answered within this. */
  requestLimitMs: number;
  /** Every analysis of an input up to 1 MiB must take less than this. */
  analysisLimitMs: number;
  /** What the request and analysis limits apply to: wall time, or CPU time (steady when the machine is shared). */
  timing: 'wall' | 'cpu';
  /** No answer for this long counts as a hang. */
  hangMs: number;
  /** The language server's resident memory must stay under this. */
  maxRssMiB: number;
  /** Huge inputs (10 MiB) go to the engine too (slow: seconds each), or only to the server and the CLI, which skip files over their size limit. */
  hugeToEngine: boolean;
  /** Hovers and completions per input in the server (the engine gets four times as many). */
  queries: number;
  /** Files per CLI run. */
  cliBatch: number;
  /** Shrink each distinct problem's input before saving it. */
  minimize: boolean;
  /** Where reproducers are written; none when undefined. */
  saveDir?: string;
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: Omit<CampaignOptions, 'corpus' | 'log'> = {
  seed: '1',
  iterations: Infinity,
  timeLimitMs: 10 * 60_000,
  targets: { engine: true, cli: true, lsp: true },
  requestLimitMs: 1000,
  analysisLimitMs: 1000,
  timing: 'wall',
  hangMs: 30_000,
  maxRssMiB: 1536,
  hugeToEngine: true,
  queries: 4,
  cliBatch: 12,
  minimize: true,
};

export type ProblemKind = 'crash' | 'hang' | 'slow' | 'error-response' | 'rule-error' | 'invariant' | 'memory' | 'bad-exit' | 'bad-output';

export interface Problem {
  target: 'engine' | 'lsp' | 'cli';
  kind: ProblemKind;
  message: string;
  /** What made the input: corpus file, mutators, iteration (replayable with the seed). */
  label: string;
  input?: string;
  /** For the language server: the inputs sent before this one, oldest first (a crash may need them). */
  before?: string[];
  count: number;
  saved?: string;
}

export interface CampaignResult {
  options: CampaignOptions;
  files: number;
  inputs: number;
  mutations: Record<string, number>;
  elapsedMs: number;
  engine: { analyses: number; maxAnalyzeMs: number; maxAnalyzeChars: number; maxAnalyzeMsUpTo1MiB: number; maxAnalyzeCpuMsUpTo1MiB: number; maxQueryMs: number; maxFixAllMs: number; restarts: number };
  lsp: { requests: number; maxLatencyMs: number; maxCpuMs: number; p99LatencyMs: number; slowest: string; maxDiagnosticsMs: number; slowestDiagnostics: string; peakRssMiB: number; startRssMiB: number; lastRssMiB: number; restarts: number; alive: boolean };
  cli: { runs: number; files: number; maxMs: number };
  problems: Problem[];
}

const MiB = 1024 * 1024;

/** Problems that are the same bug: numbers (timings, offsets, sizes) do not make them different. */
function signature(target: string, kind: string, message: string): string {
  return `${target}|${kind}|${message.split('\n')[0].replace(/\d+/g, 'N').slice(0, 160)}`;
}

function pickWeighted(rng: Prng, mutators: readonly Mutator[]): Mutator {
  const total = mutators.reduce((n, m) => n + m.weight, 0);
  let r = rng.next() * total;
  for (const m of mutators) {
    r -= m.weight;
    if (r < 0) return m;
  }
  return mutators[mutators.length - 1];
}

/** Mutators that replace or swamp the text: applied last, so that small edits are not lost in (or slowed by) a huge input. */
const LAST = new Set(['huge-file', 'many-documents', 'alias-bomb', 'deep-nesting', 'long-line']);

/** The mutators for input `i`: the first inputs take each mutator in turn, so that a short run still covers them all. */
export function mutatorsFor(i: number, rng: Prng): Mutator[] {
  const primary = i < MUTATORS.length ? MUTATORS[i] : pickWeighted(rng, MUTATORS);
  const extras: Mutator[] = [];
  const small = MUTATORS.filter((m) => !LAST.has(m.name));
  for (let n = rng.chance(0.5) ? rng.range(1, 2) : 0; n > 0; n--) extras.push(pickWeighted(rng, small));
  return LAST.has(primary.name) ? [...extras, primary] : [primary, ...extras];
}

const PROJECT_FILES = ['rules:\n  KCG201: error\n', 'kubernetesVersion: "1.25"\n', 'enable: true\ncodeLens: false\n', 'rules: {KCG999: error}\n', 'maxFileSizeKiB: 64\n', 'unknown: 1\n'];

function kustomization(rng: Prng, names: readonly string[]): string {
  const listed = names.filter(() => rng.chance(0.5));
  const base = `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\npatches:\n${listed.map((n) => `  - path: ${n}\n`).join('')}patchesStrategicMerge: [${listed.join(', ')}]\n`;
  if (rng.chance(0.3)) {
    // An alias bomb in the kustomization: the server reads it with the yaml package's toJS, which limits aliases.
    let bomb = 'a0: &a0 [x, y, z, w]\n';
    for (let k = 1; k < 12; k++) bomb += `a${k}: &a${k} [*a${k - 1}, *a${k - 1}, *a${k - 1}, *a${k - 1}]\n`;
    return bomb + base + `extra: *a11\n`;
  }
  return rng.chance(0.2) ? base.slice(0, rng.int(base.length)) : base;
}

/** The corpus in the run's order, and input `i` of the run: the same seed and corpus give the same inputs, one by one. */
export class InputSource {
  readonly files: string[];
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly corpus: string,
    private readonly seed: string,
  ) {
    this.files = new Prng(seed).shuffle(yamlFiles(corpus));
    if (this.files.length === 0) throw new Error(`no YAML files under ${corpus}`);
  }

  private textOf(file: string): string {
    let t = this.texts.get(file);
    if (t === undefined) {
      t = fs.readFileSync(file, 'utf8');
      this.texts.set(file, t);
    }
    return t;
  }

  input(i: number): { text: string; mutators: Mutator[]; file: string; label: string } {
    const file = this.files[i % this.files.length];
    const rng = new Prng(this.seed).fork(`m${i}`);
    const mutators = mutatorsFor(i, rng);
    const donor = () => this.textOf(rng.pick(this.files));
    let text = this.textOf(file);
    for (const m of mutators) text = m.apply(text, { rng, donor });
    const label = `#${i} ${path.relative(this.corpus, file)} [${mutators.map((m) => m.name).join(', ')}] ${(text.length / 1024).toFixed(0)} KiB`;
    return { text, mutators, file, label };
  }
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const started = performance.now();
  const rng = new Prng(options.seed);
  const source = new InputSource(options.corpus, options.seed);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kcg-fuzz-'));
  const lspDir = path.join(workDir, 'workspace');
  fs.mkdirSync(lspDir);
  const engine = options.targets.engine ? new EngineTarget() : undefined;
  const lsp = options.targets.lsp ? new LspTarget(lspDir, options.requestLimitMs, options.hangMs, options.timing) : undefined;
  const cli = options.targets.cli ? new CliTarget(path.join(workDir, 'cli'), Math.max(options.hangMs, 60_000)) : undefined;
  const result: CampaignResult = {
    options,
    files: source.files.length,
    inputs: 0,
    mutations: Object.fromEntries(MUTATORS.map((m) => [m.name, 0])),
    elapsedMs: 0,
    engine: { analyses: 0, maxAnalyzeMs: 0, maxAnalyzeChars: 0, maxAnalyzeMsUpTo1MiB: 0, maxAnalyzeCpuMsUpTo1MiB: 0, maxQueryMs: 0, maxFixAllMs: 0, restarts: 0 },
    lsp: { requests: 0, maxLatencyMs: 0, maxCpuMs: 0, p99LatencyMs: 0, slowest: '', maxDiagnosticsMs: 0, slowestDiagnostics: '', peakRssMiB: 0, startRssMiB: 0, lastRssMiB: 0, restarts: 0, alive: true },
    cli: { runs: 0, files: 0, maxMs: 0 },
    problems: [],
  };
  const bySignature = new Map<string, Problem>();
  const record = (p: Omit<Problem, 'count'>): void => {
    const key = signature(p.target, p.kind, p.message);
    const known = bySignature.get(key);
    if (known) {
      known.count++;
      // Keep the smallest input that shows the problem: it is the quickest to shrink and to read.
      if (p.input !== undefined && (known.input === undefined || p.input.length < known.input.length)) Object.assign(known, { input: p.input, label: p.label, before: p.before });
      return;
    }
    const problem = { ...p, count: 1 };
    bySignature.set(key, problem);
    result.problems.push(problem);
    options.log(`PROBLEM ${p.target} ${p.kind}: ${p.message.split('\n')[0]} [${p.label}]`);
  };
  const recent: string[] = [];
  let cliBatch: CliFile[] = [];
  const flushCli = async (batchRng: Prng): Promise<void> => {
    if (!cli || cliBatch.length === 0) return;
    const project = batchRng.chance(0.15) ? mutateSmall(batchRng.pick(PROJECT_FILES), batchRng) : undefined;
    // A kustomization that lists some of the files as patches (or is an alias bomb): the CLI reads it for each file.
    if (batchRng.chance(0.2)) cliBatch.push({ name: 'kustomization.yaml', bytes: Buffer.from(kustomization(batchRng, cliBatch.map((f) => f.name))), label: 'kustomization.yaml' });
    for (const p of await cli.check(cliBatch, project, batchRng)) {
      record({ target: 'cli', kind: p.kind, message: p.message, label: p.culprit?.label ?? `batch of ${cliBatch.length}`, input: p.culprit?.bytes.toString('utf8') });
    }
    cliBatch = [];
  };
  // The engine worker and the work folder go whatever happens: a worker left running would keep the caller's process alive.
  try {
    try {
      if (lsp) await lsp.start();
      for (let i = 0; i < options.iterations && performance.now() - started < options.timeLimitMs; i++) {
        const { text, mutators, file, label } = source.input(i);
        for (const m of mutators) result.mutations[m.name]++;
        result.inputs++;
        const huge = mutators.some((m) => m.huge);
        if (i % 25 === 0) options.log(`input ${label}`);
        if (engine && (!huge || options.hugeToEngine)) {
          const outcome = await engine.run(text, `${options.seed}/e${i}`, options.queries * 4, huge ? Math.max(options.hangMs, 180_000) : options.hangMs);
          if (outcome.kind !== 'ok') {
            record({ target: 'engine', kind: outcome.kind === 'died' ? 'crash' : 'hang', message: outcome.message, label, input: text });
          } else {
            const r = outcome.report;
            result.engine.analyses++;
            if (r.analyzeMs > result.engine.maxAnalyzeMs) Object.assign(result.engine, { maxAnalyzeMs: r.analyzeMs, maxAnalyzeChars: r.chars });
            if (r.chars <= MiB) result.engine.maxAnalyzeMsUpTo1MiB = Math.max(result.engine.maxAnalyzeMsUpTo1MiB, r.analyzeMs);
            if (r.chars <= MiB) result.engine.maxAnalyzeCpuMsUpTo1MiB = Math.max(result.engine.maxAnalyzeCpuMsUpTo1MiB, r.analyzeCpuMs);
            const analysisTime = options.timing === 'cpu' ? r.analyzeCpuMs : r.analyzeMs;
            result.engine.maxQueryMs = Math.max(result.engine.maxQueryMs, r.queryMs);
            result.engine.maxFixAllMs = Math.max(result.engine.maxFixAllMs, r.fixAllMs);
            for (const p of r.problems) record({ target: 'engine', kind: p.kind, message: `${p.where}: ${p.message}`, label, input: text });
            if (r.chars <= MiB && analysisTime > options.analysisLimitMs) {
              record({ target: 'engine', kind: 'slow', message: `analysis of ${r.chars} characters took ${Math.round(r.analyzeMs)} ms, ${Math.round(r.analyzeCpuMs)} ms of CPU`, label, input: text });
            }
            if (r.chars <= MiB && r.queryMs > options.requestLimitMs) record({ target: 'engine', kind: 'slow', message: `a hover, completion or lens took ${Math.round(r.queryMs)} ms`, label, input: text });
          }
        }
        if (lsp) {
          const lrng = rng.fork(`l${i}`);
          if (lrng.chance(0.04)) await lsp.writeSideFile('kustomization.yaml', kustomization(lrng, ['doc0.yaml', 'doc1.yaml', 'doc2.yaml', 'doc3.yaml']));
          if (lrng.chance(0.03)) await lsp.writeSideFile('.kube-channel-guard.yaml', mutateSmall(lrng.pick(PROJECT_FILES), lrng));
          if (lrng.chance(0.03)) await lsp.changeSettings({ enable: true, codeLens: lrng.chance(0.7), run: 'onType', kubernetesVersion: lrng.pick(['', '1.20', '1.35']), rules: lrng.chance(0.5) ? { KCG201: 'error', KCG002: 'off' } : {} });
          const slot = huge ? 'huge.yaml' : lrng.chance(0.03) ? '.kube-channel-guard.yaml' : undefined;
          const problems = await lsp.feed(label, text, lrng, { slot, queries: options.queries });
          if (huge) await lsp.close('huge.yaml');
          for (const p of problems) record({ target: 'lsp', kind: p.kind, message: p.message, label, input: text, before: [...recent] });
          recent.push(text);
          if (recent.length > 3) recent.shift();
          const rssMiB = lsp.memory().rss / 1024;
          if (rssMiB > options.maxRssMiB) record({ target: 'lsp', kind: 'memory', message: `the server's resident memory reached ${Math.round(rssMiB)} MiB (limit ${options.maxRssMiB} MiB)`, label });
        }
        if (cli) {
          const crng = rng.fork(`c${i}`);
          const bytes = mutators.some((m) => m.name === 'stray-bytes') && crng.chance(0.5) ? withInvalidBytes(text, crng) : Buffer.from(text, 'utf8');
          cliBatch.push({ name: `f${i}-${path.basename(file).replace(/\.ya?ml$/, '')}.yaml`, bytes, label });
          if (cliBatch.length >= options.cliBatch || huge) await flushCli(crng);
        }
      }
      await flushCli(rng.fork('last'));
    } finally {
      if (lsp) {
        const s = lsp.stats;
        const sorted = [...s.latencies].sort((a, b) => a - b);
        result.lsp = {
          requests: s.requests,
          maxLatencyMs: sorted[sorted.length - 1] ?? 0,
          maxCpuMs: s.maxCpuMs,
          p99LatencyMs: sorted[Math.floor(sorted.length * 0.99)] ?? 0,
          slowest: s.slowest.method ? `${s.slowest.method} ${Math.round(s.slowest.ms)} ms on ${s.slowest.label}` : '',
          maxDiagnosticsMs: s.maxDiagnosticsMs,
          slowestDiagnostics: s.slowestDiagnostics,
          peakRssMiB: s.peakRssKiB / 1024,
          startRssMiB: s.startRssKiB / 1024,
          lastRssMiB: s.lastRssKiB / 1024,
          restarts: s.restarts,
          alive: lsp.alive,
        };
        await lsp.stop();
      }
      if (engine) {
        result.engine.restarts = engine.restarts;
      }
      if (cli) result.cli = { runs: cli.runs, files: cli.filesChecked, maxMs: cli.maxMs };
    }
    if (options.saveDir) {
      for (const problem of result.problems) {
        if (problem.input === undefined || problem.kind === 'slow' || problem.kind === 'memory') continue;
        // Crashes and wrong answers shrink well; a hang is about volume, and each attempt would wait for the hang limit.
        if (options.minimize && engine && problem.target === 'engine' && problem.kind !== 'hang') problem.input = await shrinkEngineProblem(engine, problem, options);
        problem.saved = saveReproducer(options.saveDir, problem, options.seed);
      }
    }
  } finally {
    engine?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

/** A small random edit for project files and kustomizations: they are read from disk, and must not break the server either. */
function mutateSmall(text: string, rng: Prng): string {
  if (rng.chance(0.5)) return text;
  const m = pickWeighted(rng, MUTATORS.filter((x) => !LAST.has(x.name) && x.name !== 'splice'));
  return m.apply(text, { rng, donor: () => text });
}

/** Shrinks an engine problem's input, keeping the seed its options and queries were drawn from. */
async function shrinkEngineProblem(engine: EngineTarget, problem: Problem, options: CampaignOptions): Promise<string> {
  const input = problem.input ?? '';
  const seed = /#(\d+)/.exec(problem.label)?.[1];
  const key = signature('engine', problem.kind, problem.message);
  const fails = async (candidate: string): Promise<boolean> => {
    const outcome = await engine.run(candidate, `${options.seed}/e${seed}`, options.queries * 4, options.hangMs);
    if (outcome.kind !== 'ok') return signature('engine', outcome.kind === 'died' ? 'crash' : 'hang', outcome.message) === key;
    return outcome.report.problems.some((p) => signature('engine', p.kind, `${p.where}: ${p.message}`) === key);
  };
  const small = await minimize(input, fails, 200, 60_000);
  options.log(`shrank ${problem.kind} input from ${input.length} to ${small.length} characters`);
  return small;
}

/** Inputs larger than this are not written out: the seed and the input number replay them. */
const MAX_SAVED_CHARS = 2 * MiB;

function saveReproducer(dir: string, problem: Problem, seed: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const input = problem.input ?? '';
  const hash = createHash('sha256').update(signature(problem.target, problem.kind, problem.message)).digest('hex').slice(0, 10);
  const base = path.join(dir, `${problem.target}-${problem.kind}-${hash}`);
  const write = (file: string, text: string): void => fs.writeFileSync(file, text.length <= MAX_SAVED_CHARS ? text : `# ${text.length} characters: replay with npm run fuzz -- --seed ${seed} --replay <n>\n`);
  write(`${base}.yaml`, input);
  (problem.before ?? []).forEach((b, k) => write(`${base}.before-${k + 1}.yaml`, b));
  const iteration = /#(\d+)/.exec(problem.label)?.[1];
  fs.writeFileSync(
    `${base}.txt`,
    [
      `target: ${problem.target}`,
      `kind: ${problem.kind}`,
      `seen: ${problem.count} times`,
      `first input: ${problem.label}`,
      `replay: npm run fuzz -- --seed ${seed} --replay ${iteration}`,
      `message: ${problem.message}`,
      problem.before?.length ? `the server had been sent ${path.basename(base)}.before-*.yaml first, in order` : '',
    ].join('\n') + '\n',
  );
  return `${base}.yaml`;
}
