// What we report on the real-world corpus is committed, so that every change in it shows up in review.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { it } from 'node:test';
import { realworldSnapshot, SNAPSHOT } from '../../scripts/realworldSnapshot';

it('the findings on ../shared/corpus/realworld match test/snapshots/realworld.txt (run npm run snapshot and review the diff)', () => {
  assert.equal(realworldSnapshot(), fs.readFileSync(SNAPSHOT, 'utf8'));
});
