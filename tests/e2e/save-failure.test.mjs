// End to end: a save that fails — a full disk at every save point, a write refused part-way,
// storage blocked altogether — is shown at once, loses nothing, never half-applies, leaves the
// last saved state as it was, still lets the user export, and never makes the page reload by itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, cellValue, fillCell, openPage, sha256, storedRecords, useServerAndBrowser, wbsCell } from './helpers.mjs';

const env = useServerAndBrowser();

const BANNER_WITHIN_MS = 1000;

async function newContext() {
  return env.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
}

const savedStatus = (page) => page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' });
const notSaved = (page) => page.getByRole('alert').filter({ hasText: 'Not saved.' });

/** A SHA-256 over every record of every store of the database (keys and values). */
async function storedDigest(page) {
  const stores = await storedRecords(page);
  return sha256(Object.entries(stores)
    .map(([name, { keys, values }]) => `#${name}\n${keys.map((k, i) => `${JSON.stringify(k)}=${values[i]}`).join('\n')}\n`)
    .join(''));
}

/** Every stored record (values) as one string, to look for a text in it. */
async function storedText(page) {
  const stores = await storedRecords(page);
  return ['projects', 'entities', 'changes'].map((name) => stores[name].values.join('\n')).join('\n');
}

/** Exports the open project as JSON (Settings tab) and returns the file's text. */
async function exportProject(page, pid) {
  await page.goto(`${env.server.url}#/p/${pid}/settings`);
  await page.getByRole('button', { name: 'Project file (JSON, with history)' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Project file (JSON, with history)' }).click(),
  ]);
  const file = `${DOWNLOADS}save-failure-${Date.now()}.json`;
  await download.saveAs(file);
  return readFileSync(file, 'utf8');
}

/** Reloads and counts how many times the page loads in the next `ms` (1 = no reload loop), and
 * whether the browser asked first (a `beforeunload` prompt, accepted). */
async function reloadCountingLoads(page, ms = 2500) {
  let loads = 0;
  let asked = 0;
  const onLoad = () => { loads += 1; };
  const onDialog = (d) => { if (d.type() === 'beforeunload') asked += 1; d.accept(); };
  page.on('load', onLoad);
  page.on('dialog', onDialog);
  await page.reload();
  page.off('dialog', onDialog);
  await page.getByRole('combobox', { name: 'Language' }).waitFor();
  await page.waitForTimeout(ms);
  page.off('load', onLoad);
  return { loads, asked };
}

const projectId = (page) => page.url().match(/#\/p\/([^/]+)/)?.[1];

test('a full disk at every save point: banner within 1 s, edits kept, last saved state intact, export works, no reload loop', async () => {
  const context = await newContext();
  await context.addInitScript(injectStorageFaults);
  const page = await openPage(context, env.server.url);
  const diskFull = (full) => page.evaluate((f) => sessionStorage.setItem('mieruka.test.disk-full', f ? '1' : '0'), full);
  let pid;
  let teammateFile;
  let newProjectFile;
  const results = [];

  // Each save point: what the user does, and a text that proves the edit is there.
  const steps = [
    {
      name: 'first save of a new project',
      marker: 'Full disk project',
      act: async () => {
        await page.getByRole('button', { name: 'New project' }).click();
        const form = page.getByRole('form', { name: 'New project' });
        await form.getByLabel('Project name').fill('Full disk project');
        await form.getByRole('button', { name: 'Create' }).click();
      },
      shown: async () => page.getByRole('heading', { level: 1, name: /Full disk project/ }).waitFor(),
      after: async () => { pid = projectId(page); },
    },
    {
      name: 'a new task',
      marker: 'Survives a full disk',
      act: async () => {
        await page.goto(`${env.server.url}#/p/${pid}/wbs`);
        await page.getByRole('button', { name: 'Add task' }).click();
        await fillCell(page, 'Title of task 1', 'Survives a full disk');
      },
      shown: async () => assert.equal(await cellValue(page, 'Title of task 1'), 'Survives a full disk'),
      prepare: async () => { await page.goto(`${env.server.url}#/p/${pid}/wbs`); await page.getByRole('button', { name: 'Add task' }).waitFor(); },
    },
    {
      name: 'an edited field',
      marker: 'Renamed on a full disk',
      prepare: async () => { await page.goto(`${env.server.url}#/p/${pid}/wbs`); await wbsCell(page, 'Title of task 1').waitFor(); },
      act: async () => {
        await fillCell(page, 'Title of task 1', 'Renamed on a full disk');
      },
      shown: async () => assert.equal(await cellValue(page, 'Title of task 1'), 'Renamed on a full disk'),
    },
    {
      name: 'a new issue (a form)',
      marker: 'Issue on a full disk',
      prepare: async () => { await page.goto(`${env.server.url}#/p/${pid}/issues`); await page.getByRole('button', { name: 'New issue' }).waitFor(); },
      act: async () => {
        await page.getByRole('button', { name: 'New issue' }).click();
        const form = page.getByRole('form', { name: 'New issue' });
        await form.getByLabel('Title').fill('Issue on a full disk');
        await form.getByRole('button', { name: 'Save' }).click();
      },
      shown: async () => page.getByRole('cell', { name: 'Issue on a full disk', exact: true }).waitFor(),
    },
    {
      name: 'undo',
      // Undoing the issue removes it; the export then has no such issue (checked below).
      marker: null,
      prepare: async () => {
        // The undo stack lives in the tab: make the edit to undo now, while there is room.
        await page.goto(`${env.server.url}#/p/${pid}/issues`);
        await page.getByRole('button', { name: 'New issue' }).click();
        const form = page.getByRole('form', { name: 'New issue' });
        await form.getByLabel('Title').fill('Undone on a full disk');
        await form.getByRole('button', { name: 'Save' }).click();
        await page.getByRole('cell', { name: 'Undone on a full disk', exact: true }).waitFor();
      },
      act: async () => { await page.getByRole('button', { name: 'Undo', exact: true }).click(); },
      shown: async () => page.getByRole('cell', { name: 'Undone on a full disk', exact: true }).waitFor({ state: 'detached' }),
      exported: (text) => assert.ok(!JSON.parse(text).projects[0].issues?.some((i) => i.title === 'Undone on a full disk'), 'the undo is in the export'),
    },
    {
      name: 'a deleted task',
      marker: null,
      prepare: async () => { await page.goto(`${env.server.url}#/p/${pid}/wbs`); await wbsCell(page, 'Title of task 1').waitFor(); },
      act: async () => { await page.getByRole('button', { name: 'Delete 1', exact: true }).click(); },
      shown: async () => wbsCell(page, 'Title of task 1').waitFor({ state: 'detached' }),
      exported: (text) => assert.equal(JSON.parse(text).projects[0].tasks.length, 0, 'the deletion is in the export'),
    },
    {
      name: 'a merge import (restore point + full rewrite)',
      marker: 'Merged on a full disk',
      prepare: async () => {
        // A teammate's copy of the project with one more task, and a project of their own, made
        // in another browser profile while this one's disk still has room.
        const mine = `${DOWNLOADS}save-failure-mine-${Date.now()}.json`;
        writeFileSync(mine, await exportProject(page, pid));
        const other = await newContext();
        const tp = await openPage(other, env.server.url);
        await tp.getByLabel('Import file…').setInputFiles(mine);
        await tp.getByRole('link', { name: 'Full disk project' }).waitFor();
        await tp.goto(`${env.server.url}#/p/${pid}/wbs`);
        await tp.getByRole('button', { name: 'Add task' }).click();
        await fillCell(tp, 'Title of task 1', 'Merged on a full disk');
        await savedStatus(tp).waitFor();
        teammateFile = `${DOWNLOADS}save-failure-teammate-${Date.now()}.json`;
        writeFileSync(teammateFile, await exportProject(tp, pid));
        await tp.goto(env.server.url);
        await tp.getByRole('button', { name: 'New project' }).click();
        const form = tp.getByRole('form', { name: 'New project' });
        await form.getByLabel('Project name').fill('Imported on a full disk');
        await form.getByRole('button', { name: 'Create' }).click();
        await tp.getByRole('heading', { level: 1, name: /Imported on a full disk/ }).waitFor();
        await savedStatus(tp).waitFor();
        newProjectFile = `${DOWNLOADS}save-failure-new-${Date.now()}.json`;
        writeFileSync(newProjectFile, await exportProject(tp, projectId(tp)));
        await other.close();
        await page.goto(env.server.url);
        await page.getByLabel('Import file…').waitFor();
      },
      act: async () => {
        await page.getByLabel('Import file…').setInputFiles(teammateFile);
        const dialog = page.getByRole('dialog', { name: 'This project already exists' });
        await dialog.getByRole('radio', { name: /Merge: keep everyone's edits/ }).check();
        await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
      },
      shown: async () => {
        await page.goto(`${env.server.url}#/p/${pid}/wbs`);
        await wbsCell(page, 'Title of task 1').waitFor();
        assert.equal(await cellValue(page, 'Title of task 1'), 'Merged on a full disk');
      },
    },
    {
      name: 'restoring the restore point',
      marker: 'Merged on a full disk', // refused: the merged task stays
      oneShot: 'Restoring failed; nothing was changed.',
      prepare: async () => {
        await page.goto(`${env.server.url}#/p/${pid}/settings`);
        await page.getByRole('region', { name: 'Restore point' }).getByRole('button', { name: 'Restore this state' }).waitFor();
      },
      act: async () => { await page.getByRole('region', { name: 'Restore point' }).getByRole('button', { name: 'Restore this state' }).click(); },
      shown: async () => page.getByRole('region', { name: 'Restore point' }).getByRole('button', { name: 'Restore this state' }).waitFor(),
    },
    {
      name: 'a project imported as new',
      marker: 'Imported on a full disk',
      prepare: async () => { await page.goto(env.server.url); await page.getByLabel('Import file…').waitFor(); },
      act: async () => { await page.getByLabel('Import file…').setInputFiles(newProjectFile); },
      shown: async () => page.getByRole('link', { name: 'Imported on a full disk' }).waitFor(),
      exportOf: async () => projectId(page) ?? (await page.getByRole('link', { name: 'Imported on a full disk' }).getAttribute('href')).match(/#\/p\/([^/]+)/)[1],
    },
  ];

  for (const step of steps) {
    await step.prepare?.().catch(async (e) => {
      await page.screenshot({ path: `${SHOTS}save-failure-prepare.png`, fullPage: true });
      throw e;
    });
    await savedStatus(page).waitFor();
    const before = await storedDigest(page);
    await diskFull(true);
    await step.act();
    const t0 = Date.now(); // the edit is made: from here to the message
    const message = step.oneShot
      ? page.getByRole('alert').filter({ hasText: step.oneShot })
      : notSaved(page);
    await message.first().waitFor({ timeout: 5000 }).catch(async (e) => {
      await page.screenshot({ path: `${SHOTS}save-failure-missing-message.png` });
      throw new Error(`${step.name}: no message (${e.message.split('\n')[0]})`);
    });
    const latency = Date.now() - t0;
    await step.shown(); // the edit is still on screen (kept in memory)
    assert.equal(await storedDigest(page), before, `${step.name}: the last saved state is intact`);
    await step.after?.();
    if (step === steps[0]) await page.screenshot({ path: `${SHOTS}save-failure-banner.png` });

    // Export still works and holds the edit.
    const exportPid = step.exportOf ? await step.exportOf() : pid;
    const exported = await exportProject(page, exportPid);
    if (step.marker) assert.ok(exported.includes(step.marker), `${step.name}: the export holds the edit`);
    step.exported?.(exported);

    // A reload while the disk is still full: the page loads once, the edit is still there.
    const { loads, asked } = await reloadCountingLoads(page);
    assert.equal(loads, 1, `${step.name}: no reload loop`);
    if (!step.oneShot) assert.equal(asked, 1, `${step.name}: the browser asks before unsaved edits go`);
    if (!step.oneShot) await notSaved(page).waitFor();

    // Space is back: everything is saved (the retry runs by itself; the button does it at once).
    await diskFull(false);
    const retry = notSaved(page).getByRole('button', { name: 'Retry now' });
    if (await retry.count()) await retry.click();
    await savedStatus(page).waitFor();
    if (step.marker) assert.ok((await storedText(page)).includes(step.marker), `${step.name}: stored once there is room`);
    results.push({ step: step.name, latency, loads });
  }
  for (const r of results) console.log(`save point "${r.step}": message after ${r.latency} ms, ${r.loads} load after a reload`);
  const slowest = Math.max(...results.map((r) => r.latency));
  console.log(`full disk at ${results.length} save points: slowest message ${slowest} ms; 0 changes to stored data, every edit exported and stored once there was room`);
  assert.ok(slowest < BANNER_WITHIN_MS, `the message shows within ${BANNER_WITHIN_MS} ms (slowest ${slowest} ms)`);
  assert.deepEqual(page.problems.filter((p) => !/Quota|quota|storage/i.test(p)), []);
  await context.close();
});

/**
 * Storage faults, injected into the page's IndexedDB (before the app starts):
 * - a full disk (`sessionStorage['mieruka.test.disk-full']`, so it outlives a reload): every
 *   read-write transaction that makes a request is aborted at its end with QuotaExceededError,
 *   as a browser does when the write does not fit — nothing of it is stored;
 * - a request refused part-way (`window.__writes.failFrom`): from the failFrom-th write request
 *   on (counted from the last `arm`), the request throws synchronously.
 */
function injectStorageFaults() {
  const state = { count: 0, failFrom: Infinity, refused: 0, aborted: 0 };
  window.__writes = state;
  const diskFull = () => sessionStorage.getItem('mieruka.test.disk-full') === '1';
  for (const m of ['put', 'add', 'delete', 'clear']) {
    const orig = IDBObjectStore.prototype[m];
    IDBObjectStore.prototype[m] = function (...args) {
      const tx = this.transaction;
      if (tx.mode === 'readwrite') {
        state.count += 1;
        if (state.count >= state.failFrom) {
          state.refused += 1;
          throw new DOMException('Injected refusal: the quota has been exceeded.', 'QuotaExceededError');
        }
        if (diskFull() && !tx.__doomed) {
          tx.__doomed = true;
          state.aborted += 1;
          Object.defineProperty(tx, 'error', { get: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
          queueMicrotask(() => { try { tx.abort(); } catch { /* ended already */ } });
        }
      }
      return orig.apply(this, args);
    };
  }
}

/** How many tasks of project `pid` are stored (in their buckets: a record holds every task whose
 * id starts with its name, so several of these four may share one). */
async function storedTasks(page, pid) {
  const { entities } = await storedRecords(page);
  return entities.keys.reduce((n, k, i) => (k[0] === pid && k[1] === 'task' ? n + JSON.parse(entities.values[i]).data.length : n), 0);
}

test('a write refused at any request of a multi-record save never half-applies it', async () => {
  const context = await newContext();
  await context.addInitScript(injectStorageFaults);
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Project name').fill('Refused part-way');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: /Refused part-way/ }).waitFor();
  const pid = projectId(page);
  await page.goto(`${env.server.url}#/p/${pid}/wbs`);
  await page.getByRole('button', { name: 'Add task' }).click();
  await fillCell(page, 'Title of task 1', 'Parent');
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Add child task 1', exact: true }).click();
    await wbsCell(page, `Title of task 1.${i}`).waitFor();
  }
  await savedStatus(page).waitFor();
  assert.equal(await storedTasks(page, pid), 4);

  // Deleting the parent deletes 4 tasks in one save: count its write requests.
  const arm = (failFrom) => page.evaluate((f) => { window.__writes.count = 0; window.__writes.failFrom = f ?? Infinity; }, failFrom);
  await arm(null);
  await page.getByRole('button', { name: 'Delete 1', exact: true }).click();
  await savedStatus(page).waitFor();
  const requests = await page.evaluate(() => window.__writes.count);
  assert.equal(await storedTasks(page, pid), 0);
  // The head, a segment, and the buckets of the 4 tasks (up to 4: a kind this small is 16 buckets).
  assert.ok(requests >= 3, `the deletion is one save of several requests (${requests})`);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await wbsCell(page, 'Title of task 1.3').waitFor();
  await savedStatus(page).waitFor();
  assert.equal(await storedTasks(page, pid), 4);

  for (let k = 1; k <= requests; k++) {
    const before = await storedDigest(page);
    await arm(k);
    await page.getByRole('button', { name: 'Delete 1', exact: true }).click();
    await notSaved(page).waitFor({ timeout: 3000 });
    assert.equal(await storedDigest(page), before, `request ${k} of ${requests} refused: nothing of the save is stored`);
    assert.equal(await storedTasks(page, pid), 4);
    await arm(null);
    await notSaved(page).getByRole('button', { name: 'Retry now' }).click();
    await savedStatus(page).waitFor();
    assert.equal(await storedTasks(page, pid), 0, `request ${k}: the whole deletion is stored after the retry`);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await wbsCell(page, 'Title of task 1.3').waitFor();
    await savedStatus(page).waitFor();
    assert.equal(await storedTasks(page, pid), 4);
  }
  console.log(`write refused at each of the ${requests} requests of a 4-task deletion: 0 half-applied saves, all stored after a retry`);

  // Deleting the whole project, refused: nothing is deleted, the user is told, the project is back.
  await page.goto(env.server.url);
  await page.getByRole('link', { name: 'Refused part-way' }).waitFor();
  const before = await storedDigest(page);
  await arm(1);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('dialog', { name: /Delete project/ }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alert').filter({ hasText: 'could not be deleted' }).waitFor();
  await page.getByRole('link', { name: 'Refused part-way' }).waitFor();
  assert.equal(await storedDigest(page), before, 'a refused deletion deletes nothing');
  await arm(null);
  assert.deepEqual(page.problems.filter((p) => !/Quota|quota|storage/i.test(p)), []);
  await context.close();
});

/** Storage blocked for the site (a browser setting, some private modes): every access throws. */
function blockStorage() {
  const deny = (what) => ({ configurable: true, get() { throw new DOMException(`Access to ${what} is denied for this document.`, 'SecurityError'); } });
  Object.defineProperty(window, 'indexedDB', deny('indexedDB'));
  Object.defineProperty(window, 'localStorage', deny('localStorage'));
}

test('storage blocked altogether: the user is told nothing is saved, can work and export, and the page does not loop', async () => {
  const context = await newContext();
  await context.addInitScript(blockStorage);
  const page = await openPage(context, env.server.url);
  const banner = notSaved(page);
  await banner.waitFor({ timeout: BANNER_WITHIN_MS });
  assert.match(await banner.innerText(), /cannot be used/);
  assert.match(await banner.innerText(), /Export/);
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Project name').fill('Kept only in this tab');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: /Kept only in this tab/ }).waitFor();
  const pid = projectId(page);
  await page.goto(`${env.server.url}#/p/${pid}/wbs`);
  await page.getByRole('button', { name: 'Add task' }).click();
  await fillCell(page, 'Title of task 1', 'Written while blocked');
  await page.screenshot({ path: `${SHOTS}storage-blocked.png` });
  const exported = await exportProject(page, pid);
  assert.ok(exported.includes('Written while blocked'), 'the export holds the edits');
  const { loads, asked } = await reloadCountingLoads(page);
  assert.equal(loads, 1, 'no reload loop');
  assert.equal(asked, 1, 'the browser asked before the edits went');
  await notSaved(page).waitFor();
  await page.getByText('This project does not exist').waitFor(); // nothing could be kept, as the banner said
  assert.deepEqual(page.problems.filter((p) => !/denied|storage/i.test(p)), []);
  await context.close();
});
