// A short, seeded fuzz run inside npm test: every mutator at least once, through the engine, the CLI and one language
// server; nothing may crash or hang, and every answer must come within a second of CPU.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { it } from 'node:test';
import { summary } from '../../scripts/fuzz';
import { CORPUS, ROOT } from '../helpers';
import { DEFAULT_OPTIONS, runCampaign } from './campaign';
import { MUTATORS } from './mutators';

it('a seeded fuzz run: nothing crashes or hangs, requests and analyses up to 1 MiB each take under a second, memory stays bounded', { timeout: 120_000 }, async (t) => {
  const log: string[] = [];
  const result = await runCampaign({
    ...DEFAULT_OPTIONS,
    seed: 'npm-test',
    corpus: CORPUS,
    // The first MUTATORS.length inputs take each mutator in turn; a few more mix them.
    iterations: MUTATORS.length + 3,
    timeLimitMs: 40_000,
    // CPU time, not wall time: the machine running the tests is shared, and a second of waiting is not a second of work.
    timing: 'cpu',
    requestLimitMs: 1000,
    analysisLimitMs: 1000,
    hangMs: 15_000,
    maxRssMiB: 1024,
    // 10 MiB inputs go to the server and the CLI, which must skip them quickly; the engine alone would take seconds.
    hugeToEngine: false,
    queries: 3,
    cliBatch: 8,
    minimize: false,
    saveDir: path.join(ROOT, 'out', 'fuzz', 'test-reproducers'),
    log: (line) => log.push(line),
  });
  const report = summary(result);
  // The measurements go into the test output, so that a passing run still shows how close it came to the limits.
  for (const line of report.split('\n')) t.diagnostic(line);
  for (const m of MUTATORS) assert.ok(result.mutations[m.name] > 0, `mutator ${m.name} did not run\n${report}`);
  assert.ok(result.engine.analyses >= MUTATORS.length - 1 && result.lsp.requests > 50 && result.cli.files >= result.inputs, `every target was exercised\n${report}`);
  assert.deepEqual(
    result.problems.map((p) => `${p.target} ${p.kind}: ${p.message.split('\n')[0]} [${p.label}]`),
    [],
    report,
  );
  assert.ok(result.lsp.alive && result.lsp.restarts === 0, `the language server kept running\n${report}`);
  assert.ok(result.lsp.peakRssMiB < 1024, `the server's peak memory is bounded\n${report}`);
});
