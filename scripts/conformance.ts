// The conformance run: our verdicts on the established scanners' own test fixtures, compared with theirs.
// `node out/scripts/conformance.js` prints the result; `--write` regenerates docs/conformance.md; `--check` fails when it is stale.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText } from '../server/src/engine/analyze';
import { RULES } from '../server/src/engine/rules/registry';
import {
  ADAPTATIONS,
  EXCLUDED_FIXTURES,
  KNOWN_DISAGREEMENTS,
  PEER_MAPPINGS,
  type KnownDisagreement,
  type PeerCheckMapping,
  type PeerTool,
} from '../test/conformance/peerMapping';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PEERS = path.resolve(ROOT, '..', 'shared', 'corpus', 'peers');
export const DOC = path.join(ROOT, 'docs', 'conformance.md');
/**
 * The floor below which agreement fails the tests. The goal we started from was 95%; with rules that
 * follow upstream Kubernetes we agree on 91.4%, and each of the remaining disagreements has its
 * upstream fact recorded in test/conformance/peerMapping.ts. Reaching 95% would mean reporting things
 * that are not so (a `.pem` file-name heuristic, flags of a v1.6 component that did not exist yet), so
 * the floor guards today's agreement instead.
 */
export const MIN_AGREEMENT = 0.91;
export const AGREEMENT_GOAL = 0.95;
const TOOLS: readonly PeerTool[] = ['kics', 'checkov', 'kubescape'];
const TOOL_NAMES: Record<PeerTool, string> = { kics: 'KICS', checkov: 'checkov', kubescape: 'Kubescape' };

type Verdict = 'pass' | 'fail';

interface IndexEntry {
  tool: PeerTool;
  check: string;
  check_id: string;
  file: string;
  expect: Verdict;
}

export interface FixtureResult {
  tool: PeerTool;
  check: string;
  checkId: string;
  file: string;
  expected: Verdict;
  ours: Verdict;
  /** The mapped rules, and those of them that had a finding. */
  rules: readonly string[];
  fired: readonly string[];
  /** Mapped rules the registry does not have (yet). */
  missingRules: readonly string[];
  known?: KnownDisagreement;
}

export interface Tally {
  agree: number;
  total: number;
}

export interface ConformanceResult {
  results: FixtureResult[];
  perTool: Record<PeerTool, Tally>;
  overall: Tally;
  /** Disagreements with a recorded reason. */
  explained: FixtureResult[];
  /** Disagreements without one: those whose mapped rules do not exist yet, and the real ones. */
  unexplainedMissingRules: FixtureResult[];
  unexplainedReal: FixtureResult[];
  /** Recorded reasons whose fixtures now agree (or are not in the index): the table is out of date. */
  staleKnown: Array<{ entry: KnownDisagreement; file: string; rulesPresent: boolean }>;
  excluded: Array<{ file: string; tool: PeerTool; check: string; reason: string }>;
  notChannelRelevant: Array<{ mapping: PeerCheckMapping; fixtures: number }>;
  /** Problems with the mapping itself (a peer check without a mapping, a rule error); any of them fails the run. */
  errors: string[];
}

/** Agreement if every disagreement with a recorded reason counted as agreement: how close we are to the peers where they are right. */
export function intended(c: ConformanceResult): Tally {
  return { agree: c.overall.agree + c.explained.length, total: c.overall.total };
}

function ratio(t: Tally): number {
  return t.total === 0 ? 1 : t.agree / t.total;
}

export function percent(t: Tally): string {
  return `${(ratio(t) * 100).toFixed(1)}%`;
}

/** Kubescape feeds some cases several input files at once (`<case>__<file>`); they are judged together, as one YAML stream. */
function caseKey(file: string): string {
  if (!file.startsWith('kubescape/')) return file;
  const cut = file.indexOf('__');
  return cut < 0 ? file : file.slice(0, cut);
}

/** A fixture's text, with the documented adaptations applied. */
function readFixture(file: string): string {
  let text = fs.readFileSync(path.join(PEERS, file), 'utf8');
  for (const a of ADAPTATIONS) if (a.matches(file)) text = a.apply(text);
  return text;
}

function exclusionOf(file: string): string | undefined {
  return EXCLUDED_FIXTURES.find((e) => e.matches(file))?.reason;
}

export function computeConformance(): ConformanceResult {
  const index = JSON.parse(fs.readFileSync(path.join(PEERS, 'index.json'), 'utf8')) as IndexEntry[];
  const known = new Map<string, KnownDisagreement>();
  for (const entry of KNOWN_DISAGREEMENTS) for (const file of entry.files) known.set(file, entry);
  const ruleIds = new Set(RULES.map((r) => r.meta.id));
  const errors: string[] = [];
  const mappingOf = (e: IndexEntry): PeerCheckMapping | undefined => PEER_MAPPINGS.find((m) => m.tool === e.tool && m.check === e.check);

  const cases = new Map<string, string[]>();
  for (const e of index) {
    if (exclusionOf(e.file)) continue;
    const key = caseKey(e.file);
    cases.set(key, [...(cases.get(key) ?? []), e.file]);
  }
  const analysed = new Map<string, Set<string>>();
  const firedIn = (file: string): Set<string> => {
    const key = caseKey(file);
    const cached = analysed.get(key);
    if (cached) return cached;
    const text = (cases.get(key) ?? [file]).map(readFixture).join('\n---\n');
    const { findings } = analyzeText(text, { onRuleError: (id, error) => errors.push(`${id} threw on ${file}: ${String(error)}`) });
    const ids = new Set(findings.map((f) => f.ruleId));
    analysed.set(key, ids);
    return ids;
  };

  const results: FixtureResult[] = [];
  const excluded: ConformanceResult['excluded'] = [];
  const irrelevant = new Map<PeerCheckMapping, number>();
  for (const e of index) {
    const mapping = mappingOf(e);
    if (!mapping) {
      errors.push(`no mapping for ${e.tool} check ${e.check} (${e.file})`);
      continue;
    }
    if (mapping.notChannelRelevant) {
      irrelevant.set(mapping, (irrelevant.get(mapping) ?? 0) + 1);
      continue;
    }
    const reason = exclusionOf(e.file);
    if (reason) {
      excluded.push({ file: e.file, tool: e.tool, check: e.check, reason });
      continue;
    }
    const ids = firedIn(e.file);
    const fired = mapping.rules.filter((r) => ids.has(r));
    const ours: Verdict = fired.length > 0 ? 'fail' : 'pass';
    results.push({
      tool: e.tool,
      check: e.check,
      checkId: e.check_id,
      file: e.file,
      expected: e.expect,
      ours,
      rules: mapping.rules,
      fired,
      missingRules: mapping.rules.filter((r) => !ruleIds.has(r)),
      known: ours !== e.expect ? known.get(e.file) : undefined,
    });
  }
  for (const m of PEER_MAPPINGS) {
    if (!index.some((e) => e.tool === m.tool && e.check === m.check)) errors.push(`mapping for ${m.tool} check ${m.check} matches no fixture`);
    for (const r of m.rules) if (!/^KCG\d{3}$/.test(r)) errors.push(`mapping for ${m.tool} check ${m.check} names a malformed rule id ${r}`);
  }

  const tally = (rs: readonly FixtureResult[]): Tally => ({ agree: rs.filter((r) => r.ours === r.expected).length, total: rs.length });
  const perTool = Object.fromEntries(TOOLS.map((t) => [t, tally(results.filter((r) => r.tool === t))])) as Record<PeerTool, Tally>;
  const disagreements = results.filter((r) => r.ours !== r.expected);
  const unexplained = disagreements.filter((r) => !r.known);
  const byFile = new Map(results.map((r) => [r.file, r]));
  const staleKnown: ConformanceResult['staleKnown'] = [];
  for (const entry of KNOWN_DISAGREEMENTS) {
    for (const file of entry.files) {
      const r = byFile.get(file);
      if (!r || r.ours === r.expected) staleKnown.push({ entry, file, rulesPresent: r !== undefined && r.missingRules.length === 0 });
    }
  }
  return {
    results,
    perTool,
    overall: tally(results),
    explained: disagreements.filter((r) => r.known),
    unexplainedMissingRules: unexplained.filter(missingRulesMayExplain),
    unexplainedReal: unexplained.filter((r) => !missingRulesMayExplain(r)),
    staleKnown,
    excluded,
    notChannelRelevant: [...irrelevant].map(([mapping, fixtures]) => ({ mapping, fixtures })),
    errors,
  };
}

/**
 * A rule that does not exist yet can only add findings: it may turn our pass into the peer's fail,
 * never the other way round. Other disagreements are real whatever lands later.
 */
export function missingRulesMayExplain(r: FixtureResult): boolean {
  return r.expected === 'fail' && r.ours === 'pass' && r.missingRules.length > 0;
}

/** Why the run fails, if it does: the same conditions the conformance test asserts. */
export function failures(c: ConformanceResult): string[] {
  const out = [...c.errors];
  const unexplained = c.unexplainedMissingRules.length + c.unexplainedReal.length;
  if (unexplained > 0) out.push(`${unexplained} unexplained disagreement(s) (${c.unexplainedMissingRules.length} where the mapped rules do not exist yet)`);
  if (ratio(c.overall) < MIN_AGREEMENT) out.push(`overall agreement ${percent(c.overall)} is below ${MIN_AGREEMENT * 100}%`);
  return out;
}

function row(r: FixtureResult): string {
  const fired = r.fired.length > 0 ? ` (fired: ${r.fired.join(', ')})` : '';
  const missing = r.missingRules.length > 0 ? ` (not in the registry: ${r.missingRules.join(', ')})` : '';
  return `${r.file} | ${TOOL_NAMES[r.tool]} ${r.check} [${r.checkId}] | expected ${r.expected}, ours ${r.ours} | ${r.rules.join(', ')}${fired}${missing}`;
}

export function renderText(c: ConformanceResult): string {
  const lines: string[] = ['Conformance with the established scanners on their own fixtures (channel-relevant checks only)', ''];
  for (const t of TOOLS) lines.push(`  ${TOOL_NAMES[t].padEnd(10)} ${String(c.perTool[t].agree).padStart(4)} / ${String(c.perTool[t].total).padEnd(4)} agree  ${percent(c.perTool[t])}`);
  lines.push(`  ${'overall'.padEnd(10)} ${String(c.overall.agree).padStart(4)} / ${String(c.overall.total).padEnd(4)} agree  ${percent(c.overall)}`, '');
  lines.push(`Counting the ${c.explained.length} explained disagreements as intended: ${percent(intended(c))}.`, '');
  const notChannelFixtures = c.notChannelRelevant.reduce((n, x) => n + x.fixtures, 0);
  lines.push(`Left out: ${c.notChannelRelevant.length} checks that are not about a channel (${notChannelFixtures} fixtures), ${c.excluded.length} fixtures a file linter cannot judge.`, '');
  const section = (title: string, rs: readonly FixtureResult[], extra?: (r: FixtureResult) => string): void => {
    lines.push(`${title}: ${rs.length}`);
    for (const r of rs) lines.push(`  ${row(r)}${extra ? `\n      ${extra(r)}` : ''}`);
    lines.push('');
  };
  section('Explained disagreements', c.explained, (r) => `${r.known?.reason}: ${r.known?.fact}`);
  section('UNEXPLAINED disagreements, mapped rules not in the registry yet', c.unexplainedMissingRules);
  section('UNEXPLAINED disagreements', c.unexplainedReal);
  if (c.staleKnown.length > 0) {
    lines.push(`Recorded reasons that no longer match a disagreement: ${c.staleKnown.length}`);
    for (const s of c.staleKnown) lines.push(`  ${s.file} (${s.entry.reason})${s.rulesPresent ? '' : ' [mapped rules not all in the registry]'}`);
    lines.push('');
  }
  for (const e of c.errors) lines.push(`ERROR ${e}`);
  return lines.join('\n');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** docs/conformance.md: generated from the results and the reasons table, so that it cannot drift from either. */
export function renderMarkdown(c: ConformanceResult): string {
  const out: string[] = [
    '# Conformance with the established scanners',
    '',
    "Kube Channel Guard is run on the test fixtures of KICS, checkov and Kubescape (`../shared/corpus/peers/`) and its verdict is compared with the one each fixture expects. For each peer check, `test/conformance/peerMapping.ts` names the rules that answer the same question; a fixture fails for us when any of those rules has a finding in it. Checks that are not about a control-plane channel are left out, and so are fixtures a file linter cannot judge. Where we disagree on purpose, the reason and the upstream fact are recorded next to the mapping.",
    '',
    '## Agreement',
    '',
    '| tool | fixtures | agree | disagree | agreement |',
    '|---|---|---|---|---|',
  ];
  for (const t of TOOLS) {
    const x = c.perTool[t];
    out.push(`| ${TOOL_NAMES[t]} | ${x.total} | ${x.agree} | ${x.total - x.agree} | ${percent(x)} |`);
  }
  out.push(`| **overall** | ${c.overall.total} | ${c.overall.agree} | ${c.overall.total - c.overall.agree} | **${percent(c.overall)}** |`, '');
  const unexplained = [...c.unexplainedMissingRules, ...c.unexplainedReal];
  out.push(
    `${c.explained.length} disagreement(s) are explained below; ${unexplained.length} are not${c.unexplainedMissingRules.length > 0 ? ` (${c.unexplainedMissingRules.length} of them because the mapped rules do not exist yet)` : ''}. Counting the explained ones as intended, agreement is ${percent(intended(c))}.`,
    '',
    `Our goal was ${AGREEMENT_GOAL * 100}% raw agreement. We stop short of it on purpose: each disagreement below is a place where agreeing would mean reporting something upstream Kubernetes says is not so, or missing something it says is. The tests hold agreement at or above ${MIN_AGREEMENT * 100}% and require a recorded reason for every disagreement.`,
    '',
    'Reasons: **peer obsolete** (the peer follows a Kubernetes release that no longer behaves so), **peer wrong** (it misreads the setting, its default or its syntax), **peer stricter than the standard** (it demands more than the CIS benchmark and the upstream defaults justify), **not a channel weakness** (the setting cannot weaken a channel in that file: the component refuses to start with it, or the endpoint it concerns is reachable from nowhere but its own host or pod).',
    '',
    '## Disagreements and why',
    '',
    '| fixture | peer check | expected | ours | rules | reason | upstream fact |',
    '|---|---|---|---|---|---|---|',
  );
  const sorted = [...c.explained, ...unexplained].sort((a, b) => a.file.localeCompare(b.file));
  for (const r of sorted) {
    const reason = r.known ? r.known.reason : missingRulesMayExplain(r) ? `**unexplained** (${r.missingRules.join(', ')} not written yet)` : '**unexplained**';
    out.push(`| \`${r.file}\` | ${TOOL_NAMES[r.tool]} \`${r.check}\` (${r.checkId}) | ${r.expected} | ${r.ours} | ${r.rules.join(', ')} | ${reason} | ${escapeCell(r.known?.fact ?? '')} |`);
  }
  out.push('', '## Checks left out: not about a channel', '', '| tool | check | fixtures | why |', '|---|---|---|---|');
  for (const { mapping, fixtures } of c.notChannelRelevant) out.push(`| ${TOOL_NAMES[mapping.tool]} | \`${mapping.check}\` | ${fixtures} | ${escapeCell(mapping.notChannelRelevant ?? '')} |`);
  out.push('', '## Fixtures left out: not judgeable from a file', '', '| fixture | why |', '|---|---|');
  for (const x of c.excluded) out.push(`| \`${x.file}\` | ${escapeCell(x.reason)} |`);
  out.push('', '## Fixtures adapted before judging', '');
  for (const a of ADAPTATIONS) {
    const files = c.results.filter((r) => a.matches(r.file)).map((r) => `\`${r.file}\``);
    out.push(`${a.description} Applied to: ${files.length > 0 ? files.join(', ') : 'none'}.`, '');
  }
  out.push('## Mapping', '', '| tool | check | our rules | fixtures | agree |', '|---|---|---|---|---|');
  for (const m of PEER_MAPPINGS.filter((x) => !x.notChannelRelevant)) {
    const rs = c.results.filter((r) => r.tool === m.tool && r.check === m.check);
    out.push(`| ${TOOL_NAMES[m.tool]} | \`${m.check}\` | ${m.rules.join(', ')} | ${rs.length} | ${rs.filter((r) => r.ours === r.expected).length} |`);
  }
  out.push('', '<!-- Generated by `node out/scripts/conformance.js --write` (npm run conformance -- --write); do not edit. -->', '');
  return out.join('\n');
}

function main(argv: readonly string[]): number {
  const c = computeConformance();
  console.log(renderText(c));
  const doc = renderMarkdown(c);
  if (argv.includes('--write')) {
    fs.writeFileSync(DOC, doc);
    console.log(`wrote ${path.relative(ROOT, DOC)}`);
  }
  const problems = failures(c);
  if (argv.includes('--check') && (!fs.existsSync(DOC) || fs.readFileSync(DOC, 'utf8') !== doc)) problems.push(`${path.relative(ROOT, DOC)} is stale: run npm run conformance -- --write`);
  for (const p of problems) console.error(`FAIL ${p}`);
  return problems.length > 0 ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
