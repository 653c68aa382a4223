// End to end: a short run of the reload/close loop of `make soak` (tests/soak/reload-loop.mjs):
// an edit followed, 0–1000 ms later, by a reload or a closed tab is never lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reloadLoop } from '../soak/reload-loop.mjs';

test('edits survive a reload or a closed tab at any moment (short loop)', async () => {
  const r = await reloadLoop({ runs: Number(process.env.E2E_RELOAD_RUNS || 20), seed: 7 });
  assert.equal(r.lost, 0, `lost edits: ${JSON.stringify(r.lostRuns)}`);
  assert.ok(r.reloads > 0 && r.closes > 0, 'both reloads and closed tabs were tried');
});
