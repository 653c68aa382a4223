// End to end: team sync (issue 10) against rclone's real WebDAV server on this machine, behind the
// CORS proxy a team would put in front of it (tests/support/webdav.mjs). Browser contexts are
// devices: each has its own storage. Two devices edit offline and sync in both orders and end
// with the same project, no edit lost; a wrong password, a server that stops mid-upload, damaged
// files on the server and a server without CORS are told in the user's words, and nothing stored
// changes; a third device joins from a snapshot.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, fillCell, openPage, storedProject, storedRecords, useServerAndBrowser, waitForCellValue } from './helpers.mjs';
import { startWebDav } from '../support/webdav.mjs';

const env = useServerAndBrowser();
const USER = 'team';
const PASS = 'correct horse';
let dav;
let dir;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mieruka-sync-e2e-'));
  dav = await startWebDav({ dir, user: USER, pass: PASS });
});
after(async () => {
  await dav?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The WBS cells' labels in a device's language. */
const LABELS = {
  'en-US': { title: (n) => `Title of task ${n}`, estimate: (n) => `Estimate (h) ${n}` },
  'ja-JP': { title: (n) => `タスク名 ${n}`, estimate: (n) => `予定(h) ${n}` },
};

async function device(lang = 'en-US') {
  const context = await env.browser.newContext({ locale: lang, viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  return { context, page, l: LABELS[lang] };
}

/** The sync chip's state (`data-sync-state`: Synced, Waiting, Offline, Failed, …). */
async function chipState(page) {
  return page.locator('.sync').getAttribute('data-sync-state');
}

async function waitForChip(page, state, timeout = 20000) {
  try {
    await page.waitForFunction((s) => document.querySelector('.sync')?.dataset.syncState === s, state, { timeout });
  } catch (e) {
    throw new Error(`the chip stayed ${await chipState(page)}, not ${state}: ${e.message}\n${page.problems.join('\n')}`);
  }
}

/** Clicks "Sync now" and waits for a round that ended after the click, in `state`. */
async function syncNow(page, state = 'Synced') {
  const rounds = Number(await page.locator('.sync').getAttribute('data-sync-rounds'));
  await page.locator('.sync-now').first().click();
  try {
    await page.waitForFunction(([r, s]) => {
      const el = document.querySelector('.sync');
      return Number(el?.dataset.syncRounds) > r && el.dataset.syncState === s;
    }, [rounds, state], { timeout: 20000 });
  } catch (e) {
    throw new Error(`after Sync now the chip stayed ${await chipState(page)}, not ${state}: ${e.message}`);
  }
}

async function fillWebDav(root, { address = dav.url, user = USER, pass = PASS, remember = true } = {}) {
  await root.locator('input[name=sync-address]').fill(address);
  await root.locator('input[name=sync-user]').fill(user);
  await root.locator('input[name=sync-password]').fill(pass);
  if (remember) await root.locator('input[name=sync-remember]').check();
}

/** A project's state and log as stored: its entities (by id) and the ids of its changes. */
async function stored(page, pid) {
  const p = await storedProject(page, pid);
  return { head: p.head, entities: p.entities, changes: p.changes.map((c) => c.id) };
}

function projectId(page) {
  return page.evaluate(() => location.hash.split('/')[2]);
}

async function openWbs(d) {
  await d.page.getByRole('tab', { name: 'WBS' }).click();
  await d.page.locator(`td[data-label="${d.l.title('1.1')}"]`).waitFor();
}

let A;
let B;
let pid;

test('a project is shared through WebDAV and opened on a second device', async () => {
  A = await device();
  await A.page.getByRole('button', { name: 'Load sample project' }).click();
  await A.page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
  pid = await projectId(A.page);
  await A.page.getByRole('button', { name: 'Share…' }).click();
  const dialog = A.page.getByRole('dialog', { name: 'Share through…' });
  await fillWebDav(dialog);
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await waitForChip(A.page, 'Synced');
  const files = readdirSync(join(dir, pid, 'log'));
  assert.equal(files.length, 1, 'one device folder');
  assert.ok(readdirSync(join(dir, pid, 'log', files[0])).includes('00000001.json'));
  await A.page.screenshot({ path: `${SHOTS}sync-shared-en.png` });

  B = await device('ja-JP');
  await B.page.getByRole('button', { name: '共有プロジェクトを開く…' }).click();
  const join_ = B.page.getByRole('dialog', { name: '共有プロジェクトを開く' });
  await fillWebDav(join_);
  await join_.getByRole('button', { name: 'プロジェクトを探す' }).click();
  await join_.locator('.sync-join-list li').first().waitFor();
  await B.page.screenshot({ path: `${SHOTS}sync-join-ja.png` });
  await join_.getByRole('button', { name: '選んだプロジェクトを開く' }).click();
  await join_.waitFor({ state: 'detached' });
  await B.page.goto(`${env.server.url}#/p/${pid}/wbs`);
  await waitForChip(B.page, 'Synced');
  const a = await stored(A.page, pid);
  const b = await stored(B.page, pid);
  assert.equal(b.changes.length, a.changes.length, 'every change arrived');
  assert.deepEqual(b.entities, a.entities);
  assert.deepEqual(b.head, a.head);
  // The browser logs a folder or card not there yet (404) as an error; those are sync's questions.
  const real = (p) => p.problems.filter((x) => !/Failed to load resource: the server responded with a status of 404/.test(x));
  assert.deepEqual(real(A.page), []);
  assert.deepEqual(real(B.page), []);
});

test('two devices edit offline, then sync in either order: the same project, no edit lost', async () => {
  await A.page.goto(`${env.server.url}#/p/${pid}/wbs`);
  await openWbs(A);
  await openWbs(B);
  for (const [first, second, n] of [[A, B, 1], [B, A, 2]]) {
    await A.context.setOffline(true);
    await B.context.setOffline(true);
    // Each device its own task, and both the same field of one task (the later edit wins).
    await fillCell(A.page, A.l.estimate('1.1.1'), String(10 + n));
    await fillCell(B.page, B.l.estimate('1.1.2'), String(20 + n));
    await fillCell(A.page, A.l.title('1.1.2'), `A's title ${n}`);
    await fillCell(B.page, B.l.title('1.1.2'), `B's title ${n}`);
    await syncNow(A.page, 'Offline');
    await syncNow(B.page, 'Offline');
    assert.match(await A.page.locator('.sync-chip').innerText(), /Offline · \d+ waiting/);
    assert.match(await B.page.locator('.sync-chip').innerText(), /オフライン・\d+ 件未送信/);
    if (n === 1) {
      await A.page.screenshot({ path: `${SHOTS}sync-offline-en.png` });
      await B.page.screenshot({ path: `${SHOTS}sync-offline-ja.png` });
    }
    await first.context.setOffline(false);
    await syncNow(first.page);
    await second.context.setOffline(false);
    await syncNow(second.page);
    await syncNow(first.page);
    // B typed its title after A: the later edit wins, whichever device synced first.
    const later = `B's title ${n}`;
    for (const d of [A, B]) {
      await waitForCellValue(d.page, d.l.estimate('1.1.1'), String(10 + n));
      await waitForCellValue(d.page, d.l.estimate('1.1.2'), String(20 + n));
      await waitForCellValue(d.page, d.l.title('1.1.2'), later);
    }
    // Stored, not only shown: the save after the merge has run when the chip says synced.
    await A.page.waitForTimeout(800);
    const a = await stored(A.page, pid);
    const b = await stored(B.page, pid);
    assert.deepEqual(b.changes, a.changes, `round ${n}: the same log on both devices`);
    assert.deepEqual(b.entities, a.entities, `round ${n}: the same project on both devices`);
  }

  // A lost its title to B's later edit in the second round: it reviews the conflict and keeps
  // its own value, which becomes a new change and reaches B.
  await A.page.locator('.sync-review').click();
  const review = A.page.getByRole('dialog', { name: 'Share through…' });
  const row = review.getByRole('row').filter({ hasText: "A's title 2" });
  await row.getByRole('radio').first().check();
  await A.page.screenshot({ path: `${SHOTS}sync-conflict-en.png` });
  await review.getByRole('button', { name: 'Keep the values chosen' }).click();
  await waitForCellValue(A.page, A.l.title('1.1.2'), "A's title 2");
  await syncNow(A.page);
  await syncNow(B.page);
  await waitForCellValue(B.page, B.l.title('1.1.2'), "A's title 2");
  assert.equal(await A.page.locator('.sync-review').count(), 0, 'reviewed');
});

test('a wrong password and a server without CORS are told, and nothing is shared', async () => {
  const C = await device();
  await C.page.getByRole('button', { name: 'Load sample project' }).click();
  await C.page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
  await C.page.getByRole('button', { name: 'Share…' }).click();
  const dialog = C.page.getByRole('dialog', { name: 'Share through…' });
  await fillWebDav(dialog, { pass: 'wrong' });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: 'refused the user name or password (401)' }).waitFor();
  await fillWebDav(dialog, { address: dav.directUrl });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: 'CORS' }).waitFor();
  await fillWebDav(dialog, { address: 'http://dav.example.com/team/' });
  await dialog.getByRole('button', { name: 'Share', exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: 'only for this computer' }).waitFor();
  await C.page.screenshot({ path: `${SHOTS}sync-refused-en.png` });
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.equal(await chipState(C.page), 'NotShared');
  const records = await storedRecords(C.page);
  assert.equal(records.sync.keys.length, 0, 'nothing kept for a refused share');
  await C.context.close();
});

test('damaged files on the server are skipped with the reason; nothing stored changes', async () => {
  const before_ = await stored(B.page, pid);
  const bad = join(dir, pid, 'log', 'intruder');
  mkdirSync(bad, { recursive: true });
  writeFileSync(join(bad, '00000001.json'), 'this is not JSON at all');
  writeFileSync(join(bad, '00000002.json'), '{"format": "mieruka-sync", "version": 1, "kind": "segment", "project": "');
  await B.page.locator('.sync-now').first().click();
  await B.page.getByText('intruder/00000001.json', { exact: false }).first().waitFor();
  await waitForChip(B.page, 'Synced');
  const after_ = await stored(B.page, pid);
  assert.deepEqual(after_, before_, 'nothing stored changed');
  await B.page.screenshot({ path: `${SHOTS}sync-skipped-ja.png` });
  rmSync(bad, { recursive: true, force: true });
});

test('the server stopped mid-upload or down: told, kept, and sent once it is back', async () => {
  // Cut mid-upload: the text was going to a temporary name, so no half segment is ever listed;
  // the next round sends it again.
  dav.cutNextUpload();
  await fillCell(A.page, 'Estimate (h) 1.1.1', '77');
  await A.page.locator('.sync-now').first().click();
  await waitForChip(A.page, 'Synced');
  const cut = dav.requests.filter((r) => r.method === 'PUT').length;
  assert.ok(cut > 0);
  for (const d of readdirSync(join(dir, pid, 'log'))) {
    for (const f of readdirSync(join(dir, pid, 'log', d)).filter((f) => !f.startsWith('.tmp-'))) {
      JSON.parse(readFileSync(join(dir, pid, 'log', d, f), 'utf8'));
    }
  }
  // Down: the chip says why and keeps the edit.
  await dav.stop();
  await fillCell(A.page, 'Estimate (h) 1.1.2', '88');
  await A.page.locator('.sync-now').first().click();
  await waitForChip(A.page, 'Failed');
  assert.match(await A.page.locator('.sync-reason').innerText(), /cannot be reached/);
  assert.match(await A.page.locator('.sync-chip').innerText(), /Sync failed/);
  await A.page.screenshot({ path: `${SHOTS}sync-down-en.png` });
  await dav.restart();
  await syncNow(A.page);
  await syncNow(B.page);
  await waitForCellValue(B.page, B.l.estimate('1.1.1'), '77');
  await waitForCellValue(B.page, B.l.estimate('1.1.2'), '88');
});

test('a third device joins from a snapshot', async () => {
  // A snapshot for every 2 segments (a setting; 500 by default).
  await A.page.evaluate(() => localStorage.setItem('mieruka.syncSnapshotEvery', '2'));
  await fillCell(A.page, 'Title of task 1.1', 'Snapshot title');
  await syncNow(A.page);
  await syncNow(A.page);
  const snaps = readdirSync(join(dir, pid, 'snapshot'));
  assert.ok(snaps.length >= 1, 'a snapshot was written');
  const C = await device();
  const from = dav.requests.length;
  await C.page.getByRole('button', { name: 'Open a shared project…' }).click();
  const join_ = C.page.getByRole('dialog', { name: 'Open a shared project' });
  await fillWebDav(join_);
  await join_.getByRole('button', { name: 'Find projects' }).click();
  await join_.getByRole('button', { name: 'Open the selected projects' }).click();
  await C.page.goto(`${env.server.url}#/p/${pid}/wbs`);
  await waitForChip(C.page, 'Synced');
  await waitForCellValue(C.page, 'Title of task 1.1', 'Snapshot title');
  const gets = dav.requests.slice(from).filter((r) => r.method === 'GET');
  assert.ok(gets.some((r) => r.path.includes('/snapshot/')), 'the snapshot was read');
  const segments = readdirSync(join(dir, pid, 'log')).flatMap((d) => readdirSync(join(dir, pid, 'log', d)));
  assert.ok(gets.filter((r) => r.path.includes('/log/')).length < segments.length, 'not every segment was read');
  const a = await stored(A.page, pid);
  const c = await stored(C.page, pid);
  assert.deepEqual(c.entities, a.entities);
  await C.context.close();
  await A.context.close();
  await B.context.close();
});

// A folder the team's own client syncs (OneDrive, Dropbox…): the browser's File System Access API.
// The test gives each device a folder in its private file system (the picker cannot be clicked in
// a test) and plays the sync client itself, copying the files from one device's folder to the
// other's.
test('a synced folder: a project shared into one, opened from its copy on another device', async () => {
  const picker = () => {
    window.showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('team', { create: true });
  };
  const readAll = (page) => page.evaluate(async () => {
    const out = {};
    const walk = async (dir, path) => {
      for await (const [name, h] of dir.entries()) {
        if (h.kind === 'directory') await walk(h, `${path}${name}/`);
        else out[`${path}${name}`] = await (await h.getFile()).text();
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('team', { create: true }), '');
    return out;
  });
  const writeAll = (page, files) => page.evaluate(async (files) => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('team', { create: true });
    for (const [path, text] of Object.entries(files)) {
      const parts = path.split('/');
      let dir = root;
      for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
      const w = await (await dir.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
      await w.write(text);
      await w.close();
    }
  }, files);
  const F1 = await device();
  await F1.context.addInitScript(picker);
  await F1.page.reload();
  await F1.page.getByRole('button', { name: 'Load sample project' }).click();
  await F1.page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
  const fpid = await projectId(F1.page);
  await F1.page.getByRole('button', { name: 'Share…' }).click();
  await F1.page.getByRole('dialog', { name: 'Share through…' }).getByRole('button', { name: 'Choose a folder…' }).click();
  await waitForChip(F1.page, 'Synced');
  const files = await readAll(F1.page);
  assert.ok(Object.keys(files).some((p) => p.startsWith(`${fpid}/log/`) && p.endsWith('/00000001.json')), Object.keys(files).join(', '));
  assert.ok(!Object.keys(files).some((p) => p.includes('.tmp-')), 'no temporary file left');

  const F2 = await device('ja-JP');
  await F2.context.addInitScript(picker);
  await F2.page.reload();
  await writeAll(F2.page, files);
  await F2.page.getByRole('button', { name: '共有プロジェクトを開く…' }).click();
  const join_ = F2.page.getByRole('dialog', { name: '共有プロジェクトを開く' });
  await join_.getByRole('button', { name: 'フォルダーを選ぶ…' }).click();
  await join_.locator('.sync-join-list li').first().waitFor();
  await join_.getByRole('button', { name: '選んだプロジェクトを開く' }).click();
  await F2.page.goto(`${env.server.url}#/p/${fpid}/wbs`);
  await waitForChip(F2.page, 'Synced');
  // An edit on the second device goes into its folder, and back through the "sync client".
  await fillCell(F2.page, F2.l.estimate('1.1.1'), '55');
  await syncNow(F2.page);
  const back = await readAll(F2.page);
  if (process.env.DEBUG_SYNC) console.log(Object.keys(back), await F2.page.locator('.sync').getAttribute('data-sync-state'));
  await writeAll(F1.page, back);
  await F1.page.goto(`${env.server.url}#/p/${fpid}/wbs`);
  await syncNow(F1.page);
  await waitForCellValue(F1.page, F1.l.estimate('1.1.1'), '55');
  await F1.page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();
  const a = await stored(F1.page, fpid);
  const b = await stored(F2.page, fpid);
  assert.deepEqual(b.entities, a.entities);
  await F1.context.close();
  await F2.context.close();
});
