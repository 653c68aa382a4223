// A large import survives the browser being killed before it is stored. Two ways in:
// - the import worker (a large Mieruka file; src/import_worker/): the worker keeps the picked file
//   in IndexedDB's `journal` store before it reads it, and the write that stores the project drops
//   it in the same transaction; a tab started after the kill resumes the import;
// - the tab itself (where the worker cannot start: `worker: false` serves a host without it):
//   localStorage (≈5 MB) cannot journal an import of thousands of tasks, so the tab journals its
//   log in the `journal` store first, in a small transaction of its own.
// To kill the browser at the worst moment on purpose, a second page holds a write transaction over
// the project stores: the import's own write waits behind it while the journal (another store)
// commits. Then the browser is killed, restarted on the same profile, and the project must be
// there, whole, and end up stored.
// `make test` runs both at 10,000 tasks (tests/e2e/large-import-kill.test.mjs), `make soak` at 50,000.
// Usage: node tests/soak/large-import-kill.mjs [tasks] [tab]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../e2e/helpers.mjs';
import { startBrowser } from './kill-mid-save.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

/** The generated project file of `tasks` tasks (made once, as `make bench-data` does). */
export function generated(tasks) {
  const file = join(ROOT, `bench/data/gen-${tasks}.json`);
  if (!existsSync(file) || statSync(file).size === 0) {
    // Release only for the largest (the debug build is already there from the native tests).
    const profile = tasks > 10000 ? ['PROFILE=--release'] : [];
    execFileSync('make', ['-s', 'bench-data', `BENCH_SIZES=${tasks}`, ...profile], { cwd: ROOT, stdio: 'inherit' });
  }
  return file;
}

/** Holds a write transaction over the project stores until `window.__release` is set. */
function holdProjectStores(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('mieruka');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['projects', 'entities', 'changes'], 'readwrite');
      const store = tx.objectStore('projects');
      window.__held = { db, tx };
      // Requests one after another keep the transaction alive; counting answers what is stored.
      const spin = () => {
        if (window.__release) return;
        const r = store.count();
        r.onsuccess = () => { window.__storedProjects = r.result; spin(); };
      };
      spin();
      resolve();
    };
  }));
}

/** The `journal` store's records: how many and how large (read from a page of the origin). */
function journalRecords(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const open = indexedDB.open('mieruka');
    open.onerror = () => resolve({ error: String(open.error) });
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('journal')) { db.close(); resolve({ count: 0, chars: 0 }); return; }
      const r = db.transaction('journal').objectStore('journal').getAll();
      // A tab's journal is text; a pending import holds the file (a Blob) beside its request.
      const size = (t) => (typeof t === 'string' ? t.length : (t?.file?.size ?? 0));
      r.onsuccess = () => { db.close(); resolve({ count: r.result.length, chars: r.result.reduce((n, t) => n + size(t), 0), files: r.result.filter((t) => t?.file instanceof Blob).length }); };
      r.onerror = () => { db.close(); resolve({ error: String(r.error) }); };
    };
  }));
}

/** What is stored of the project: its head, and its task and change records. */
function storedProject(page, name) {
  return page.evaluate((name) => new Promise((resolve) => {
    const open = indexedDB.open('mieruka');
    open.onerror = () => resolve({ error: String(open.error) });
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['projects', 'entities', 'changes']);
      const heads = tx.objectStore('projects').getAll();
      heads.onsuccess = () => {
        const head = heads.result.map((h) => JSON.parse(h)).find((h) => h.project.name === name);
        if (!head) { db.close(); resolve({ found: false }); return; }
        const id = head.project.id;
        const range = IDBKeyRange.bound([id], [id, []]);
        const ents = tx.objectStore('entities').getAll(range);
        ents.onsuccess = () => {
          // Entity records hold a bucket of entities (layout 3) or one (layout 2).
          const tasks = ents.result.map((e) => JSON.parse(e)).filter((e) => e.kind === 'task').reduce((n, e) => n + (Array.isArray(e.data) ? e.data.length : 1), 0);
          // Change records hold a save's segment of changes (layout 3) or one (layout 2).
          const chs = tx.objectStore('changes').getAll(range);
          chs.onsuccess = () => {
            const changes = chs.result.map((c) => JSON.parse(c)).reduce((n, c) => n + (Array.isArray(c.changes) ? c.changes.length : 1), 0);
            db.close();
            resolve({ found: true, tasks, changes });
          };
        };
      };
    };
  }), name);
}

export async function largeImportKill({ tasks = 10000, worker = true, log = () => {} } = {}) {
  const file = generated(tasks);
  const expected = JSON.parse(execFileSync('node', ['-e', `const p=require(${JSON.stringify(file)}).projects[0];console.log(JSON.stringify({name:p.info?.name??p.name,tasks:p.tasks.length,changes:p.changes.length}))`]).toString());
  const server = await serve('/', undefined, worker ? null : /^(mieruka-import[._]|import-worker\.js$)/);
  const profile = mkdtempSync(join(tmpdir(), 'mieruka-large-'));
  const result = { tasks, worker, expected, journal: null, storedAtKill: null, listedAtKill: null, recovered: null, stored: null, problems: [] };
  let kill = async () => {};
  try {
    let context;
    ({ context, kill } = await startBrowser(profile));
    const app = await context.newPage();
    app.on('console', (m) => { if (/journal/.test(m.text())) result.problems.push(`console: ${m.text()}`); });
    await app.goto(server.url);
    await app.getByText('All changes saved').waitFor({ timeout: 60000 });
    const holder = await context.newPage();
    await holder.goto(`${server.url}icon.svg`);
    await holdProjectStores(holder);
    const started = Date.now();
    // The browser reads the file from disk itself (Playwright would send 30–150 MB over CDP).
    const cdp = await context.newCDPSession(app);
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'input[type=file][accept^=".json,.csv"]' });
    await cdp.send('DOM.setFileInputFiles', { files: [file], nodeId });
    const link = app.getByRole('link', { name: expected.name }).first();
    if (!worker) {
      // The tab lists the project at once and journals its log.
      await link.waitFor({ timeout: 300000 });
      log(`listed after ${Date.now() - started} ms`);
    }
    // The journal commits while the project's write waits behind the held stores.
    for (let i = 0; i < 3000; i++) {
      result.journal = await journalRecords(holder);
      if (result.journal.count > 0) break;
      if (i % 100 === 99) log(`waiting for the journal: ${JSON.stringify(result.journal)} after ${Date.now() - started} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // In the worker, the write is begun once the file is checked: wait for that (its phase), then
    // a little more. (The journal is not read again: the write's transaction, queued behind the
    // held stores, also holds the journal store, and a read of it would wait behind both.)
    for (let i = 0; worker && i < 3000; i++) {
      if (await app.evaluate(() => performance.getEntriesByName('mieruka:import-saving').length > 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    if (worker) await new Promise((r) => setTimeout(r, 500));
    result.listedAtKill = await link.count();
    result.storedAtKill = await holder.evaluate(() => window.__storedProjects);
    log(`journal ${JSON.stringify(result.journal)} after ${Date.now() - started} ms; stored projects ${result.storedAtKill}`);
    await kill();

    ({ context, kill } = await startBrowser(profile));
    const again = await context.newPage();
    again.on('console', (m) => { if (m.type() === 'error') result.problems.push(`console: ${m.text()}`); });
    const reopened = Date.now();
    await again.goto(server.url);
    await again.getByRole('link', { name: expected.name }).first().waitFor({ timeout: 300000 });
    result.recovered = Date.now() - reopened;
    await again.getByText('All changes saved').waitFor({ timeout: 300000 });
    result.stored = await storedProject(again, expected.name);
    for (let i = 0; i < 100; i++) {
      result.journalAfter = await journalRecords(again);
      if (result.journalAfter.count === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    log(`recovered in ${result.recovered} ms; stored ${JSON.stringify(result.stored)}; journal after ${JSON.stringify(result.journalAfter)}`);
  } finally {
    await kill();
    server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tasks = Number(process.argv[2] || 50000);
  const worker = process.argv[3] !== 'tab';
  const r = await largeImportKill({ tasks, worker, log: (m) => console.log(m) });
  console.log(`large import (${worker ? 'in the import worker' : 'in the tab'}) killed before stored: ${r.tasks} tasks, ${r.expected.changes} changes; journal ${r.journal.count} record(s), ${(r.journal.chars / 1e6).toFixed(1)} M chars/bytes; ` +
    `projects stored at the kill: ${r.storedAtKill}; after restart: ${r.stored.tasks} tasks and ${r.stored.changes} changes stored in ${r.recovered} ms until listed; problems: ${r.problems.length}`);
  process.exit(r.stored.found && r.stored.tasks === r.expected.tasks && r.storedAtKill === 0 && r.problems.length === 0 ? 0 : 1);
}
