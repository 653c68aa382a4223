// End to end: a large Mieruka file is imported in the import worker (issue 8, item 5): the worker
// checks the file and stores the project itself, the tab opens it as a stored project, and every
// other tab sees it without a reload. A file with a project that is here already goes to the
// tab's merge dialog; a damaged one is refused in the user's language with nothing stored; once
// fetched, the worker is kept for offline use (a second file imported offline goes through it).
// In Japanese, as a PMO first sees it.
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOWNLOADS, SHOTS, openPage, readDatabase, useServerAndBrowser } from './helpers.mjs';
import { generated } from '../soak/large-import-kill.mjs';

const env = useServerAndBrowser();

/** Picks `file` in the import button (the browser reads it from disk itself). */
async function pick(page, file) {
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'input[type=file][accept^=".json,.csv"]' });
  await cdp.send('DOM.setFileInputFiles', { files: [file], nodeId });
}

/** The `journal` store's keys (pending imports are "import/…"). */
async function journalKeys(page) {
  const db = await readDatabase(page);
  return db.stores?.journal?.keys ?? [];
}

test('a large file is imported in the worker, opened as stored, seen by another tab; again: the merge dialog; damaged: refused (ja)', async () => {
  // 2,000 tasks: a 6 MB file (from 5 MB on, a file goes to the worker).
  const file = generated(2000);
  const p = JSON.parse(readFileSync(file, 'utf8')).projects[0];
  const name = p.info?.name ?? p.name;
  const context = await env.browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 900 } });
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const page = await openPage(context, env.server.url);
  const other = await openPage(context, env.server.url);
  try {
    await page.getByText('すべて保存済み').waitFor({ timeout: 60000 });
    await other.getByText('すべて保存済み').waitFor({ timeout: 60000 });
    await pick(page, file);
    await page.getByRole('link', { name, exact: true }).first().waitFor({ timeout: 120000 });
    await page.getByText(`「${name}」をインポートしました`).waitFor();
    assert.ok(requests.some((r) => r.endsWith('/mieruka-import_bg.wasm')), `the worker was fetched: ${requests.filter((r) => r.includes('import')).join(', ')}`);
    const marks = await page.evaluate(() => ['mieruka:import-checking', 'mieruka:import-saving', 'mieruka:open-stored', 'mieruka:import-read']
      .map((m) => performance.getEntriesByName(m).length));
    assert.ok(marks[0] > 0 && marks[1] > 0 && marks[2] > 0, `checked and stored in the worker, opened as stored: ${marks}`);
    assert.equal(marks[3], 0, 'the tab did not read the file itself');
    // Stored by the worker, before the list showed it; nothing of the import is kept.
    const db = await readDatabase(page);
    const heads = db.stores.projects.values.map((h) => JSON.parse(h));
    assert.ok(heads.some((h) => h.project.name === name && h.rev === 1), 'the project is stored at rev 1');
    assert.deepEqual(await journalKeys(page), [], 'the kept file is dropped in the same transaction');
    // The other tab: listed without a reload, from the worker's broadcast.
    await other.getByRole('link', { name, exact: true }).first().waitFor({ timeout: 30000 });
    // The project opens, with its WBS and its history (read in the background).
    await page.getByRole('link', { name, exact: true }).first().click();
    await page.getByRole('tab', { name: /WBS/ }).first().click();
    await page.getByRole('treegrid').getByRole('row').nth(3).waitFor();
    await page.getByRole('link', { name: /プロジェクト一覧|Projects/ }).first().click();
    await page.screenshot({ path: `${SHOTS}import-worker-ja.png` });

    // The same file again: its project is here, so the tab asks (the merge dialog), as before.
    await pick(page, file);
    const exists = page.getByRole('dialog', { name: 'このプロジェクトはすでに存在します' });
    await exists.waitFor({ timeout: 120000 });
    await exists.getByRole('button', { name: /キャンセル/ }).click();

    // A damaged large file: refused in Japanese, nothing stored, nothing kept.
    const broken = `${DOWNLOADS}broken-large.json`;
    const text = readFileSync(file, 'utf8');
    writeFileSync(broken, text.slice(0, Math.floor(text.length * 0.6)));
    const before = (await readDatabase(page)).stores.projects.values.length;
    await pick(page, broken);
    await page.getByText(/インポートできませんでした \(何も変更していません\):/).waitFor({ timeout: 60000 });
    await page.screenshot({ path: `${SHOTS}import-worker-refused-ja.png` });
    assert.equal((await readDatabase(page)).stores.projects.values.length, before, 'nothing stored');
    assert.deepEqual(await journalKeys(page), [], 'the refused file is not kept');

    // Offline: the worker was kept by the service worker when it was first fetched. (Another
    // project: the generated files share their project's id, so this one gets an id of its own.)
    const source = readFileSync(generated(1800), 'utf8');
    const p2 = JSON.parse(source).projects[0];
    const second = `${DOWNLOADS}offline-large.json`;
    writeFileSync(second, source.split(p2.id).join('0f0f0f0f-0000-4000-8000-000000000001'));
    const checked = () => page.evaluate(() => performance.getEntriesByName('mieruka:import-checking').length);
    const checksBefore = await checked();
    await context.setOffline(true);
    await pick(page, second);
    await page.getByRole('link', { name: p2.info?.name ?? p2.name, exact: true }).first().waitFor({ timeout: 120000 });
    await context.setOffline(false);
    assert.equal(await checked(), checksBefore + 1, 'offline, the file was checked in the worker too');
    assert.deepEqual(page.problems, []);
    assert.deepEqual(other.problems, []);
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}import-worker-failure.png` });
    throw e;
  } finally {
    await context.close();
  }
});
