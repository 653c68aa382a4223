// End to end: a short run of the kill-mid-save loop of `make soak` (tests/soak/kill-mid-save.mjs):
// the browser killed at random moments, often during a save, leaves a database that opens, no
// half-applied multi-record edit, and loses at most the edits of one debounce window.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { killMidSave } from '../soak/kill-mid-save.mjs';

test('killing the browser mid-save: 0 unloadable databases, 0 half-applied edits (short loop)', async () => {
  const r = await killMidSave({ runs: Number(process.env.E2E_KILL_RUNS || 6), seed: 11 });
  const problems = JSON.stringify(r.problems);
  assert.equal(r.unloadable, 0, `unloadable: ${problems}`);
  assert.equal(r.halfApplied, 0, `half-applied: ${problems}`);
  assert.equal(r.lostOutsideWindow, 0, `lost outside one debounce window: ${problems}`);
  assert.ok(r.multiRecordSaves > 0, 'multi-record edits were made');
});
