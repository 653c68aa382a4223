// Team sync under load (issue 10): devices (browser contexts, each with its own storage) share a
// project through rclone's WebDAV server and each makes random edits, with syncs at random moments
// (its own after each save and every 30 s, and "Sync now" clicks), spells offline, and the server
// stopped and restarted meanwhile. Afterwards, with everyone online and synced, every device must
// hold the same project and the same change log, and every value typed on any device must be in
// every device's log (0 lost).
// Usage: node tests/soak/sync-devices.mjs [devices] [edits per device]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellValue, fillCell, launch, openPage, serve, storedProject, wbsCell } from '../e2e/helpers.mjs';
import { startWebDav } from '../support/webdav.mjs';
import { rng } from './rng.mjs';

const TASKS = 6;
const USER = 'soak';
const PASS = 'soak-pass';

async function chip(page) {
  return page.locator('.sync').getAttribute('data-sync-state');
}

async function fillDav(root, url) {
  await root.locator('input[name=sync-address]').fill(url);
  await root.locator('input[name=sync-user]').fill(USER);
  await root.locator('input[name=sync-password]').fill(PASS);
  await root.locator('input[name=sync-remember]').check();
}

export async function syncDevices({ devices = 3, edits = 200, seed = 23, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-sync-soak-'));
  const dav = await startWebDav({ dir, user: USER, pass: PASS });
  const server = await serve('/');
  const browser = await launch();
  const random = rng(seed);
  const result = { devices, edits: 0, restarts: 0, offlineSpells: 0, syncClicks: 0, identical: false, lost: 0, lostValues: [], logsEqual: false };
  const started = Date.now();
  try {
    const ds = [];
    for (let d = 0; d < devices; d++) {
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
      ds.push({ context, page: await openPage(context, server.url) });
    }
    const first = ds[0].page;
    await first.getByRole('button', { name: 'New project' }).click();
    const form = first.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill('Sync soak');
    await form.getByRole('button', { name: 'Create' }).click();
    await first.getByRole('heading', { level: 1, name: /Sync soak/ }).waitFor();
    await first.getByRole('tab', { name: 'WBS' }).click();
    for (let i = 1; i <= TASKS; i++) {
      await first.getByRole('button', { name: 'Add task' }).click();
      await fillCell(first, `Title of task ${i}`, `task ${i}`);
    }
    const pid = await first.evaluate(() => location.hash.split('/')[2]);
    await first.getByRole('button', { name: 'Share…' }).click();
    const dialog = first.getByRole('dialog', { name: 'Share through…' });
    await fillDav(dialog, dav.url);
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await first.waitForFunction(() => document.querySelector('.sync')?.dataset.syncState === 'Synced', null, { timeout: 30000 });
    for (const d of ds.slice(1)) {
      await d.page.getByRole('button', { name: 'Open a shared project…' }).click();
      const j = d.page.getByRole('dialog', { name: 'Open a shared project' });
      await fillDav(j, dav.url);
      await j.getByRole('button', { name: 'Find projects' }).click();
      await j.getByRole('button', { name: 'Open the selected projects' }).click();
      await j.waitFor({ state: 'detached' });
      await d.page.goto(`${server.url}#/p/${pid}/wbs`);
      await wbsCell(d.page, `Title of task ${TASKS}`).waitFor({ timeout: 30000 });
    }
    log(`shared ${pid} with ${devices} devices`);

    // The server stops and comes back at random moments while the devices edit.
    let editing = true;
    const restarts = (async () => {
      while (editing) {
        await new Promise((r) => setTimeout(r, 4000 + random() * 8000));
        if (!editing) break;
        await dav.stop();
        await new Promise((r) => setTimeout(r, 500 + random() * 2500));
        await dav.restart();
        result.restarts++;
      }
    })();
    const typed = [];
    await Promise.all(ds.map(async (d, n) => {
      for (let k = 1; k <= edits; k++) {
        const r = random();
        if (r < 0.03) {
          // A spell offline: a few edits that wait.
          await d.context.setOffline(true);
          result.offlineSpells++;
          for (let m = 0; m < 3 && k <= edits; m++, k++) {
            const value = `d${n + 1}-${k}`;
            await fillCell(d.page, `Title of task ${1 + Math.floor(random() * TASKS)}`, value);
            typed.push(value);
          }
          await d.context.setOffline(false);
        }
        const value = `d${n + 1}-${k}`;
        await fillCell(d.page, `Title of task ${1 + Math.floor(random() * TASKS)}`, value);
        typed.push(value);
        if (random() < 0.1) {
          await d.page.locator('.sync-now').first().click();
          result.syncClicks++;
        }
        await d.page.waitForTimeout(30 + Math.floor(random() * 250));
      }
    }));
    editing = false;
    await restarts;
    result.edits = typed.length;
    log(`${typed.length} edits, ${result.restarts} server restarts, ${result.offlineSpells} offline spells`);

    // Everyone online and synced: rounds until no device has anything waiting or to read.
    for (let round = 0; round < 4; round++) {
      for (const d of ds) {
        const rounds = Number(await d.page.locator('.sync').getAttribute('data-sync-rounds'));
        await d.page.locator('.sync-now').first().click();
        await d.page.waitForFunction((r) => {
          const el = document.querySelector('.sync');
          return Number(el?.dataset.syncRounds) > r && ['Synced', 'Failed', 'Waiting'].includes(el.dataset.syncState);
        }, rounds, { timeout: 60000 });
      }
    }
    for (const d of ds) {
      await d.page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor({ timeout: 60000 });
    }
    result.chips = [];
    for (const d of ds) result.chips.push(await chip(d.page));
    const all = [];
    for (const d of ds) all.push(await storedProject(d.page, pid));
    const key = (s) => JSON.stringify(Object.keys(s.entities).sort().map((k) => [k, s.entities[k]]));
    result.identical = all.every((s) => key(s) === key(all[0]));
    const ids = all.map((s) => s.changes.map((c) => c.id).sort().join(','));
    result.logsEqual = ids.every((x) => x === ids[0]);
    result.changes = all[0].changes.length;
    for (const s of all) {
      const logged = new Set(s.changes.filter((c) => c.field === 'title').map((c) => c.to));
      const missing = typed.filter((v) => !logged.has(v));
      result.lost += missing.length;
      result.lostValues.push(...missing.slice(0, 5));
    }
    const shown = [];
    for (const d of ds) {
      const titles = [];
      for (let i = 1; i <= TASKS; i++) titles.push(await cellValue(d.page, `Title of task ${i}`));
      shown.push(titles.join('|'));
    }
    result.shownIdentical = shown.every((s) => s === shown[0]);
    result.segments = Number((await import('node:child_process')).execSync(`find ${join(dir, pid, 'log')} -name '*.json' ! -name '.tmp-*' | wc -l`).toString().trim());
  } finally {
    await browser.close();
    server.stop();
    await dav.close();
    rmSync(dir, { recursive: true, force: true });
  }
  result.seconds = Math.round((Date.now() - started) / 1000);
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const devices = Number(process.argv[2] || 3);
  const edits = Number(process.argv[3] || 200);
  const r = await syncDevices({ devices, edits, log: console.log });
  mkdirSync('target/soak', { recursive: true });
  writeFileSync('target/soak/sync-devices.json', JSON.stringify(r, null, 2));
  console.log(`sync-devices: ${r.devices} devices, ${r.edits} edits, ${r.restarts} server restarts, ${r.offlineSpells} offline spells, ${r.syncClicks} Sync now clicks, ${r.segments} segments; identical projects: ${r.identical}, identical logs: ${r.logsEqual}, identical screens: ${r.shownIdentical}; typed values missing from a device's log: ${r.lost}; chips: ${r.chips.join(', ')}; ${r.seconds} s`);
  if (!r.identical || !r.logsEqual || r.lost > 0) process.exit(1);
}
