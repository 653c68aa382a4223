// End to end: an import too large for localStorage, killed before it is stored, comes back whole
// (issue 8: the journal must hold large imports). In the import worker, the picked file is kept in
// IndexedDB until the project is stored, and the next start resumes the import; in the tab (where
// the worker cannot start), the project's log is journaled in IndexedDB. `make soak` runs the
// same at 50,000 tasks (tests/soak/large-import-kill.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { largeImportKill } from '../soak/large-import-kill.mjs';

for (const worker of [true, false]) {
  test(`a 10,000-task import ${worker ? 'in the import worker' : 'in the tab'} killed before it is stored comes back whole`, async () => {
    const r = await largeImportKill({ tasks: 10000, worker, log: (m) => console.log(m) });
    assert.equal(r.storedAtKill, 0, 'the import was not stored when the browser was killed');
    if (worker) {
      assert.equal(r.journal.files, 1, `the file was kept in IndexedDB: ${JSON.stringify(r.journal)}`);
      assert.ok(r.journal.chars > 20e6, `the whole file: ${JSON.stringify(r.journal)}`);
      assert.equal(r.listedAtKill, 0, 'a project the worker has not stored is not listed');
    } else {
      assert.equal(r.journal.files, 0, `the tab journals the log, not the file: ${JSON.stringify(r.journal)}`);
      assert.ok(r.journal.count > 0 && r.journal.chars > 5e6, `the journal was in IndexedDB: ${JSON.stringify(r.journal)}`);
    }
    assert.equal(r.stored.found, true, 'the project is stored after the restart');
    assert.equal(r.stored.tasks, r.expected.tasks);
    assert.ok(r.stored.changes >= r.expected.changes, `changes stored: ${r.stored.changes} of ${r.expected.changes}`);
    assert.equal(r.journalAfter.count, 0, 'the journal is removed once stored');
    assert.deepEqual(r.problems, []);
  });
}
