// The benchmark's results, the targets of issue 6 judged against them, and their rendering as a console table and markdown.
import * as path from 'node:path';
import type { FileTiming } from './driver';
import type { Machine } from './machine';
import type { MemoryResult } from './memory';
import type { ServerId } from './servers';
import { median, percentile, sum } from './stats';
import type { CliTiming, Spent } from './throughput';

export interface FileResult {
  path: string;
  lines: number;
  bytes: number;
  generated: boolean;
  rawParseMs: number;
  rawParseCpuMs: number;
  edits: number;
  timing: Partial<Record<ServerId, FileTiming>>;
  errors: Partial<Record<ServerId, string>>;
}

export interface BenchResult {
  date: Date;
  machine: Machine;
  quick: boolean;
  files: FileResult[];
  cli?: CliTiming;
  cliRuns: number;
  memory: Partial<Record<ServerId, MemoryResult>>;
  memoryErrors: Partial<Record<ServerId, string>>;
  networkAttempts: string[];
  /** Whether yaml-language-server put versions on its diagnostics (if not, each edit's answer is the next publish). */
  ylsSendsVersions: boolean;
  unknownRequests: string[];
  /** The 1-minute load average at the start, the highest seen during the run, and at the end. */
  load: { start: number; max: number; end: number };
}

export const TARGETS = {
  editShareOfYls: 0.05,
  editOnBiggestMs: 20,
  openOverRawParse: 1.5,
  memoryBytes: 200e6,
};

export interface TargetVerdict {
  target: string;
  /** undefined: not measured in this run. */
  met: boolean | undefined;
  detail: string;
}

const MB = 1e6;

export function fmtMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toString();
}

const fmtRatio = (r: number | undefined): string => (r === undefined || !Number.isFinite(r) ? '–' : `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`);
const fmtPercent = (r: number | undefined): string => (r === undefined || !Number.isFinite(r) ? '–' : `${(r * 100).toFixed(r < 0.1 ? 1 : 0)}%`);
const fmtMB = (bytes: number): string => `${(bytes / MB).toFixed(bytes < 10 * MB ? 2 : 1)} MB`;

/** A readable name for a file whose corpus name is long: the start and the end, which tell the big files apart. */
export function shortName(file: string): string {
  const base = path.basename(file).replace(/\.ya?ml$/, '');
  return base.length <= 38 ? base : `${base.slice(0, 16)}…${base.slice(-21)}`;
}

const editMedian = (t: FileTiming | undefined): number | undefined => (t && t.editMs.length > 0 ? median(t.editMs) : undefined);
const editP95 = (t: FileTiming | undefined): number | undefined => (t && t.editMs.length > 0 ? percentile(t.editMs, 0.95) : undefined);
const ratio = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined || b === undefined || b === 0 ? undefined : a / b);

/** The cells of one row of the per-file table. */
function fileRow(f: FileResult): string[] {
  const ours = f.timing.ours;
  const yls = f.timing.yls;
  const failed = (id: ServerId): string | undefined => (f.errors[id] ? 'failed' : undefined);
  return [
    shortName(f.path),
    f.lines.toLocaleString('en-US'),
    fmtMB(f.bytes),
    failed('ours') ?? fmtMs(ours?.openMs),
    failed('yls') ?? fmtMs(yls?.openMs),
    fmtRatio(ratio(ours?.openMs, yls?.openMs)),
    failed('ours') ?? `${fmtMs(editMedian(ours))} / ${fmtMs(editP95(ours))}`,
    failed('yls') ?? `${fmtMs(editMedian(yls))} / ${fmtMs(editP95(yls))}`,
    fmtPercent(ratio(editMedian(ours), editMedian(yls))),
    fmtMs(f.rawParseMs),
    fmtRatio(ratio(ours?.openMs, f.rawParseMs)),
    ours ? String(ours.openDiagnostics) : '–',
  ];
}

const FILE_HEADER = [
  'file',
  'lines',
  'size',
  'ours open ms',
  'YLS open ms',
  'open ours/YLS',
  'ours edit ms (median / p95)',
  'YLS edit ms (median / p95)',
  'edit ours/YLS',
  'raw parse ms',
  'ours open / raw parse',
  'our findings',
];

function cliRows(r: BenchResult): string[][] {
  const t = r.cli;
  if (!t) return [];
  const row = (name: string, bytes: number, cli: Spent | undefined, parse: Spent | undefined): string[] => [
    name,
    fmtMB(bytes),
    fmtMs(cli?.cpuMs),
    mbPerSecond(bytes, cli?.cpuMs),
    fmtMs(parse?.cpuMs),
    mbPerSecond(bytes, parse?.cpuMs),
    fmtRatio(ratio(cli?.cpuMs, parse?.cpuMs)),
    fmtMs(cli?.wallMs),
    fmtMs(parse?.wallMs),
  ];
  const rows = r.files.map((f) => row(shortName(f.path), f.bytes, t.cli.perFile.get(f.path), t.parse.perFile.get(f.path)));
  rows.push(row('all files in one run', sum(r.files.map((f) => f.bytes)), t.cli.allFiles, t.parse.allFiles));
  return rows;
}

const CLI_HEADER = ['file', 'size', 'CLI CPU ms', 'CLI MB/s', 'parse-only CPU ms', 'parse-only MB/s', 'CLI / parse-only', 'CLI wall ms', 'parse-only wall ms'];

/** Server CPU time per file: the same work as the latency table, in a measure the machine's load hardly moves. */
function cpuRow(f: FileResult): string[] {
  const ours = f.timing.ours;
  const yls = f.timing.yls;
  return [
    shortName(f.path),
    fmtMs(ours?.openCpuMs),
    fmtMs(yls?.openCpuMs),
    fmtMs(f.rawParseCpuMs),
    fmtRatio(ratio(ours?.openCpuMs, f.rawParseCpuMs)),
    fmtMs(ours?.editCpuMs),
    fmtMs(yls?.editCpuMs),
    fmtPercent(ratio(ours?.editCpuMs, yls?.editCpuMs)),
  ];
}

const CPU_HEADER = [
  'file',
  'ours open CPU ms',
  'YLS open CPU ms',
  'raw parse CPU ms',
  'ours open / raw parse (CPU)',
  'ours CPU ms per edit',
  'YLS CPU ms per edit',
  'edit CPU ours/YLS',
];

function mbPerSecond(bytes: number, ms: number | undefined): string {
  if (ms === undefined || ms <= 0) return '–';
  return `${(bytes / MB / (ms / 1000)).toFixed(2)}`;
}

/** The targets of issue 6, each met, not met, or not measured in this run. */
export function verdicts(r: BenchResult): TargetVerdict[] {
  const out: TargetVerdict[] = [];
  const both = r.files.filter((f) => editMedian(f.timing.ours) !== undefined && editMedian(f.timing.yls) !== undefined);
  const shares = both.map((f) => ({ f, share: (editMedian(f.timing.ours) ?? 0) / (editMedian(f.timing.yls) ?? 1) }));
  const worstShare = shares.sort((a, b) => b.share - a.share)[0];
  const failedEdits = r.files.filter((f) => f.errors.ours || f.errors.yls).length;
  out.push({
    target: `edit → diagnostics median ≤ ${TARGETS.editShareOfYls * 100}% of yaml-language-server's, on every file`,
    met: both.length === 0 ? undefined : failedEdits === 0 && shares.every((s) => s.share <= TARGETS.editShareOfYls),
    detail: worstShare
      ? `worst: ${fmtPercent(worstShare.share)} on ${shortName(worstShare.f.path)} (in CPU per edit: ${fmtPercent(ratio(worstShare.f.timing.ours?.editCpuMs, worstShare.f.timing.yls?.editCpuMs))})${failedEdits ? `; ${failedEdits} file(s) failed` : ''}`
      : 'not measured',
  });
  const corpus = r.files.filter((f) => !f.generated);
  const biggest = corpus.sort((a, b) => b.lines - a.lines)[0];
  const biggestMedian = biggest && biggest.lines >= 40_000 ? editMedian(biggest.timing.ours) : undefined;
  out.push({
    target: `edit → diagnostics median < ${TARGETS.editOnBiggestMs} ms on the ~47,000-line file`,
    met: biggestMedian === undefined ? undefined : biggestMedian < TARGETS.editOnBiggestMs,
    detail:
      biggestMedian === undefined
        ? 'not measured (the file is not in this run)'
        : `${fmtMs(biggestMedian)} ms on ${shortName(biggest.path)} (${biggest.lines.toLocaleString('en-US')} lines; ${fmtMs(biggest.timing.ours?.editCpuMs)} ms CPU per edit)`,
  });
  const opens = r.files.filter((f) => f.timing.ours).map((f) => ({ f, over: (f.timing.ours?.openMs ?? 0) / f.rawParseMs }));
  const worstOpen = opens.sort((a, b) => b.over - a.over)[0];
  out.push({
    target: `open → diagnostics ≤ ${TARGETS.openOverRawParse}× the raw parse, on every file`,
    met: opens.length === 0 ? undefined : r.files.every((f) => !f.errors.ours) && opens.every((o) => o.over <= TARGETS.openOverRawParse),
    detail: worstOpen
      ? `worst: ${fmtRatio(worstOpen.over)} on ${shortName(worstOpen.f.path)} (in CPU time: ${fmtRatio(ratio(worstOpen.f.timing.ours?.openCpuMs, worstOpen.f.rawParseCpuMs))})`
      : 'not measured',
  });
  const memory = r.memory.ours;
  out.push({
    target: `server memory ≤ ${TARGETS.memoryBytes / MB} MB with all files open`,
    met: memory === undefined ? undefined : memory.peak <= TARGETS.memoryBytes,
    detail: memory === undefined ? `not measured${r.memoryErrors.ours ? `: ${r.memoryErrors.ours}` : ''}` : `peak ${fmtMB(memory.peak)} (VmHWM) with ${memory.files} files open`,
  });
  return out;
}

const verdictWord = (v: TargetVerdict): string => (v.met === undefined ? 'not measured' : v.met ? 'met' : 'NOT MET');

function memoryLines(r: BenchResult): string[] {
  const line = (id: ServerId, name: string): string => {
    const m = r.memory[id];
    if (!m) return `${name}: not measured${r.memoryErrors[id] ? ` (${r.memoryErrors[id]})` : ''}`;
    return `${name}: peak ${fmtMB(m.peak)} (VmHWM), ${fmtMB(m.current)} resident after opening all ${m.files} files`;
  };
  return [line('ours', 'Kube Channel Guard'), line('yls', 'yaml-language-server')];
}

/** Plain-text table with columns padded to their widest cell; numbers right-aligned. */
function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  const esc = (c: string): string => c.replace(/\|/g, '\\|');
  return [`| ${header.map(esc).join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** A sentence about the machine's load: above one per core, other work competed with the servers and timings are inflated. */
function loadNote(r: BenchResult): string {
  const { start, max, end } = r.load;
  const busy = max > r.machine.cores;
  return `1-minute load average ${start.toFixed(1)} at the start, at most ${max.toFixed(1)}, ${end.toFixed(1)} at the end, on ${r.machine.cores} cores${busy ? ': other work shared the cores, so all timings are inflated and noisy (the ratios less so, since both servers ran in the same conditions)' : ''}.`;
}

function problems(r: BenchResult): string[] {
  const out: string[] = [];
  for (const f of r.files) {
    for (const id of ['ours', 'yls'] as const) {
      if (f.errors[id]) out.push(`${id === 'ours' ? 'Kube Channel Guard' : 'yaml-language-server'} failed on ${shortName(f.path)}: ${f.errors[id]}`);
      const stray = f.timing[id]?.strayPublishes ?? 0;
      if (stray > 0) out.push(`${id === 'ours' ? 'Kube Channel Guard' : 'yaml-language-server'} published ${stray} time(s) more than once per change on ${shortName(f.path)}: its timings there may be off.`);
    }
  }
  if (r.networkAttempts.length > 0) out.push(`network attempts (refused): ${r.networkAttempts.join('; ')}`);
  return out;
}

export function renderText(r: BenchResult): string {
  const parts = [
    `Kube Channel Guard ${r.machine.ours} vs yaml-language-server ${r.machine.yls}; ${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}${r.quick ? ' (quick run: a subset, fewer edits)' : ''}`,
    '',
    textTable(FILE_HEADER, r.files.map(fileRow)),
    '',
    'Server CPU time (user + system, from /proc; 10 ms resolution):',
    textTable(CPU_HEADER, r.files.map(cpuRow)),
    '',
    'CLI throughput (timed inside each process, an empty run subtracted) vs a process that only parses:',
    r.cli ? textTable(CLI_HEADER, cliRows(r)) : 'not measured',
    '',
    'Peak memory:',
    ...memoryLines(r),
    '',
    'Targets (issue 6):',
    ...verdicts(r).map((v) => `  ${verdictWord(v).padEnd(12)} ${v.target}: ${v.detail}`),
    '',
    `Network: ${r.networkAttempts.length === 0 ? 'no attempt by either server' : `${r.networkAttempts.length} attempt(s) refused`}.`,
    `Load: ${loadNote(r)}`,
  ];
  if (r.unknownRequests.length > 0) parts.push(`Server requests the benchmark answered with null: ${r.unknownRequests.join(', ')}.`);
  const p = problems(r);
  if (p.length > 0) parts.push('', 'Problems:', ...p.map((x) => `  ${x}`));
  return `${parts.join('\n')}\n`;
}

export function renderMarkdown(r: BenchResult): string {
  const m = r.machine;
  const edits = Math.max(...r.files.map((f) => f.edits));
  const p = problems(r);
  return `# Performance

<!-- Written by \`npm run bench\` (scripts/bench.ts); edit the benchmark, not this file. -->

Kube Channel Guard next to [yaml-language-server](https://github.com/redhat-developer/yaml-language-server), the YAML
server most people run on Kubernetes files today, both started over stdio by the same client in the same run.

| | |
| --- | --- |
| Date | ${r.date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} |
| Machine | ${m.cpu}, ${m.cores} cores, ${m.ramGiB.toFixed(1)} GiB RAM |
| OS | ${m.os} |
| Node | ${m.node} |
| Kube Channel Guard | ${m.ours} |
| yaml-language-server | ${m.yls} |
| Run | ${r.quick ? 'quick (a subset of the files, fewer edits)' : 'full'} |
| Load | ${loadNote(r)} |

## Editing

For each file, each server in turn (never both at once): open the file and time until its first diagnostics, then make
${edits} single-character edits spread evenly over the file (a character inserted inside a scalar value or a comment,
sent as an incremental change) and time each from the change to the diagnostics for that version. Then close it.
Times are milliseconds from the client handing the message to the pipe to the client reading the answer.

${markdownTable(FILE_HEADER, r.files.map(fileRow))}

- *edit ours/YLS* is our edit median as a share of yaml-language-server's. *raw parse* is \`parseAllDocuments\` from the
  \`yaml\` package on the same text in the benchmark's own process, with the parser already compiled by the JIT (both
  servers are warmed up the same way, on a generated 2,000-line file, before anything is timed); *ours open / raw parse*
  is the issue's open target.
- yaml-language-server waits ${YLS_DELAY_MS} ms after each change before it validates (its fixed \`validationDelayMs\`), so
  ${YLS_DELAY_MS} ms of each of its open and edit times is that wait: this is what its users see.
- yaml-language-server ran with validation on, no schemas, the schema store and the Kubernetes CRD store off, and the
  formatter off: it parses and checks YAML syntax only, and reaches no network${r.ylsSendsVersions ? '' : ' (its diagnostics carry no version: each edit is answered by its next publish)'}.
- The generated file (\`${shortName(r.files.find((f) => f.generated)?.path ?? 'generated')}\`) holds many clusters' static pods (API server,
  controller manager, scheduler, etcd), kubelet configurations, kubeadm configurations, kubeconfigs, APIServices and
  webhooks among Deployments, Services and ConfigMaps, with a fixed seed: the same text in every run.

### CPU time

The same work, measured as the CPU time of each server process (user + system, all threads, from \`/proc/<pid>/stat\`,
10 ms resolution), and the raw parse's CPU time in the benchmark's process: on a shared machine latency grows with the
load, CPU time hardly does. Per edit, it is the CPU used from the first edit to the last answer divided by the number
of edits. yaml-language-server's ${YLS_DELAY_MS} ms wait costs no CPU, so this table compares the work alone.

${markdownTable(CPU_HEADER, r.files.map(cpuRow))}

## CLI throughput

\`kube-channel-guard --format json\` on each file and on all of them at once, next to the floor: a process that only
reads the same files and parses them with \`parseAllDocuments\` from the \`yaml\` package. Each process is timed from
inside (a preload notes the wall and CPU time after node's start-up and reports them at exit), minus the same process
on an empty file (loading the code: ${r.cli ? `${fmtMs(r.cli.cli.baseline.wallMs)} ms wall for the CLI bundle` : 'not measured'}). MB/s is per CPU second,
which the machine's load hardly changes; wall times are shown too. Both run with a cold JIT, as a CLI in CI does; each
figure is the median of ${r.cliRuns} runs.

${r.cli ? markdownTable(CLI_HEADER, cliRows(r)) : 'Not measured in this run.'}

## Memory

A fresh server of each kind, with every file above open at once (each answered before the next is opened), then
\`VmHWM\` (the peak resident set) from \`/proc/<pid>/status\`.

${memoryLines(r)
  .map((l) => `- ${l}`)
  .join('\n')}

## Targets (issue 6)

| target | result | |
| --- | --- | --- |
${verdicts(r)
  .map((v) => `| ${v.target} | ${verdictWord(v)} | ${v.detail} |`)
  .join('\n')}
${p.length > 0 ? `\n## Problems in this run\n\n${p.map((x) => `- ${x}`).join('\n')}\n` : ''}
## Files

${r.files.map((f) => `- \`${shortName(f.path)}\`: ${f.generated ? `generated by scripts/bench/generate.ts (${f.lines.toLocaleString('en-US')} lines)` : `\`${path.basename(f.path)}\` from the shared real-world corpus`}`).join('\n')}
`;
}

/** yaml-language-server's fixed wait between a change and its validation (SettingsState.validationDelayMs in 1.25). */
export const YLS_DELAY_MS = 200;
