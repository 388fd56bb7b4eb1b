// Runs every compiled *.test.js under out/test with Node's test runner (Node 20 has no glob support of its own).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function find(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? find(full) : e.name.endsWith('.test.js') ? [full] : [];
  });
}

const files = find(path.resolve(__dirname, '..', 'out', 'test')).sort();
if (files.length === 0) {
  console.error('no test files found under out/test: run npm run build first');
  process.exit(1);
}
// Spec output for people; a TAP copy to count results for the plain closing line CI reads.
const tap = path.resolve(__dirname, '..', 'out', 'test-results.tap');
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
  { stdio: 'inherit' },
);
const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
const count = (name) => Number((new RegExp(`^# ${name} (\\d+)$`, 'm').exec(summary) ?? [])[1] ?? 0);
// A test cancelled because its hook failed did not pass: it counts as failed.
console.log(`${count('pass')} passed, ${count('fail') + count('cancelled')} failed, ${count('skipped')} skipped`);
process.exit(result.status ?? 1);
