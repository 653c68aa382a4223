// End to end: an import too large for localStorage, killed before it is stored, is recovered
// whole from its IndexedDB journal (issue 8: the journal must hold large imports). `make soak`
// runs the same at 50,000 tasks (tests/soak/large-import-kill.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { largeImportKill } from '../soak/large-import-kill.mjs';

test('a 10,000-task import killed before it is stored comes back whole from its journal', async () => {
  const r = await largeImportKill({ tasks: 10000, log: (m) => console.log(m) });
  assert.equal(r.storedAtKill, 0, 'the import was not stored when the browser was killed');
  assert.ok(r.journal.count > 0 && r.journal.chars > 5e6, `the journal was in IndexedDB: ${JSON.stringify(r.journal)}`);
  assert.equal(r.stored.found, true, 'the project is stored after the restart');
  assert.equal(r.stored.tasks, r.expected.tasks);
  assert.ok(r.stored.changes >= r.expected.changes, `changes stored: ${r.stored.changes} of ${r.expected.changes}`);
  assert.equal(r.journalAfter.count, 0, 'the journal is removed once stored');
  assert.deepEqual(r.problems, []);
});
