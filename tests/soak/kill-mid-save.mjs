// Killing the browser mid-save: each run starts Chromium on one persistent profile, makes edits
// at a seeded random pace — a task title set to a counter, and a multi-record edit (deleting a
// parent task deletes it and its 10 children in one save; undo brings all 11 back) — then kills
// the whole browser with SIGKILL at a random moment, often during a save. The next run first
// reads the database directly (before the app touches it) and checks:
//   - it opens and every record decodes (0 unloadable databases),
//   - the project's tasks are all there or all gone (0 half-applied multi-record edits),
// then opens the app and counts the edits that did not come back (lost), and whether they were
// made within one debounce window (+ the write) of the kill.
// `make soak` runs 100; the test command a short loop (tests/e2e/kill-mid-save.test.mjs).
// Usage: node tests/soak/kill-mid-save.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, cellValue, fillCell, freePort, readDatabase, serve, wbsCell } from '../e2e/helpers.mjs';
import { rng } from './rng.mjs';

const CHILDREN = 10;
/** The save debounce (src/state.rs SAVE_DEBOUNCE) plus a generous time for the write itself. */
const WINDOW_MS = 300 + 700;

/** Starts Chromium on `profile` in its own process group; returns { browser, kill }. */
export async function startBrowser(profile) {
  const port = await freePort();
  const proc = spawn(CHROMIUM, [
    '--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, ...CHROMIUM_ARGS,
    '--no-first-run', '--no-default-browser-check', 'about:blank',
  ], { detached: true, stdio: 'ignore' });
  let browser;
  for (let i = 0; i < 100 && !browser; i++) {
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`).catch(() => null);
    if (!browser) await new Promise((r) => setTimeout(r, 100));
  }
  if (!browser) throw new Error('Chromium did not start');
  const exited = new Promise((r) => proc.on('exit', r));
  const kill = async () => {
    try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
    await exited;
  };
  return { browser, context: browser.contexts()[0], kill };
}

/** Reads the database as it was left: opens, every record decodes, the tasks of `name`. */
async function inspect(page, name) {
  const db = await readDatabase(page);
  if (!db.opened || db.error) return db;
  const undecodable = [];
  const decode = (s) => { try { return JSON.parse(s); } catch { undecodable.push(String(s).slice(0, 80)); return null; } };
  const heads = db.stores.projects.values.map(decode).filter(Boolean);
  const entities = db.stores.entities.values.map(decode).filter(Boolean);
  // Change records hold a save's segment of changes (layout 3) or one (layout 2).
  const changes = db.stores.changes.values.map(decode).flatMap((c) => (c ? (Array.isArray(c.changes) ? c.changes : [c.change]) : [null]));
  const pid = heads.find((h) => h.project?.name === name)?.project?.id;
  // Entity records hold a bucket of entities (layout 3) or one (layout 2).
  const tasks = entities.filter((e) => e.project === pid && e.kind === 'task').flatMap((e) => (Array.isArray(e.data) ? e.data : [e.data]));
  return { opened: true, undecodable, projects: heads.length, changes: changes.length, tasks: tasks.length, titles: tasks.map((t) => t?.title) };
}

/** A parent task with CHILDREN children, the parent titled `name`. */
async function build(page, name) {
  await page.getByRole('button', { name: 'Add task' }).click();
  for (let i = 1; i <= CHILDREN; i++) {
    await page.getByRole('button', { name: 'Add child task 1', exact: true }).click();
    await wbsCell(page, `Title of task 1.${i}`).waitFor();
  }
  await fillCell(page, 'Title of task 1', name);
}

export async function killMidSave({ runs = 100, seed = 20261202, log = () => {} } = {}) {
  const server = await serve('/');
  const profile = mkdtempSync(join(tmpdir(), 'mieruka-kill-'));
  const random = rng(seed);
  const result = {
    runs, seed, unloadable: 0, halfApplied: 0, edits: 0, lost: 0, lostOutsideWindow: 0,
    killedWhileSaving: 0, multiRecordSaves: 0, problems: [],
  };
  // What the user last did before each kill.
  let expected = null; // { title, present, lastEditAt, killAt }
  try {
    for (let run = 0; run <= runs; run++) {
      const { context, kill } = await startBrowser(profile);
      const page = context.pages()[0] ?? await context.newPage();
      page.problems = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') page.problems.push(`${m.type()}: ${m.text()}`); });
      page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
      await page.goto(`${server.url}icon.svg`);
      if (run > 0) {
        const db = await inspect(page, 'Kill soak');
        if (!db.opened || db.error || db.undecodable.length || db.projects !== 1) {
          result.unloadable++;
          result.problems.push({ run, db });
        }
        if (db.tasks !== 0 && db.tasks !== CHILDREN + 1) {
          result.halfApplied++;
          result.problems.push({ run, halfApplied: db.tasks });
        }
      }
      await page.goto(server.url);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const title = wbsCell(page, 'Title of task 1');
      if (run === 0) {
        await page.getByRole('button', { name: 'New project' }).click();
        const form = page.getByRole('form', { name: 'New project' });
        await form.getByLabel('Project name').fill('Kill soak');
        await form.getByRole('button', { name: 'Create' }).click();
        await page.getByRole('heading', { level: 1, name: /Kill soak/ }).waitFor();
        await page.getByRole('tab', { name: 'WBS' }).click();
        await build(page, 'edit 0');
        expected = { title: 'edit 0', present: true };
      } else {
        try {
          await page.getByRole('link', { name: 'Kill soak' }).click();
        } catch (e) {
          // What the page showed instead, for whoever reads the failure.
          mkdirSync('target/soak', { recursive: true });
          await page.screenshot({ path: `target/soak/kill-mid-save-${run}.png` }).catch(() => {});
          const text = await page.evaluate(() => document.body.innerText).catch(() => '');
          throw new Error(`run ${run}: the project is not listed after the restart: ${e.message}\n${text.slice(0, 2000)}\n${page.problems?.join('\n') ?? ''}`);
        }
        await page.getByRole('tab', { name: 'WBS' }).click();
        await page.getByRole('button', { name: 'Add task' }).waitFor();
        // What came back (after the app re-applied its journal).
        await page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor({ timeout: 10000 });
        const present = (await title.count()) > 0;
        const got = present ? await cellValue(page, 'Title of task 1') : null;
        const rows = await page.locator('td[data-col="title"]').count();
        if (present && rows !== CHILDREN + 1) {
          result.halfApplied++;
          result.problems.push({ run, shownRows: rows });
        }
        let lost = 0;
        if (present !== expected.present) lost++;
        if (expected.present && present && got !== expected.title) lost++;
        if (lost) {
          result.lost += lost;
          const sinceEdit = expected.killAt - expected.lastEditAt;
          if (sinceEdit > WINDOW_MS) result.lostOutsideWindow += lost;
          result.problems.push({ run, lost, expected: expected.title, present, got, msSinceLastEdit: sinceEdit });
        }
        // Carry on from what is there (undo does not outlive the browser: build the tasks again).
        expected = { title: got ?? expected.title, present };
        if (!present) {
          await build(page, expected.title);
          expected.present = true;
        }
      }
      // Random edits for 0–1500 ms, then the kill, whatever is happening.
      const until = Date.now() + random() * 1500;
      let n = Number(expected.title.split(' ')[1]) || 0;
      while (Date.now() < until) {
        const r = random();
        if (expected.present && r < 0.6) {
          n += 1;
          await fillCell(page, 'Title of task 1', `edit ${n}`);
          expected.title = `edit ${n}`;
        } else if (expected.present) {
          await page.getByRole('button', { name: 'Delete 1', exact: true }).click();
          await title.waitFor({ state: 'detached' });
          expected.present = false;
          result.multiRecordSaves++;
        } else {
          await page.getByRole('button', { name: 'Undo', exact: true }).click();
          await title.waitFor();
          expected.present = true;
          result.multiRecordSaves++;
        }
        result.edits++;
        expected.lastEditAt = Date.now();
        await page.waitForTimeout(Math.floor(random() * 400));
      }
      expected.lastEditAt ??= Date.now();
      const status = await page.getByRole('status', { name: 'Save state' }).innerText().catch(() => '');
      if (/Saving/.test(status)) result.killedWhileSaving++;
      expected.killAt = Date.now();
      await kill();
      if (run > 0 && run % 10 === 0) log(`${run}/${runs} kills: ${result.unloadable} unloadable, ${result.halfApplied} half-applied, ${result.lost} lost`);
    }
  } finally {
    server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] || 100);
  const r = await killMidSave({ runs, log: (m) => console.log(m) });
  console.log(JSON.stringify(r.problems.slice(0, 20)));
  console.log(`kill mid-save: ${r.runs} kills (${r.killedWhileSaving} while "Saving…"), ${r.edits} edits, ${r.multiRecordSaves} multi-record edits: ` +
    `${r.unloadable} unloadable databases, ${r.halfApplied} half-applied, ${r.lost} lost edits (${r.lostOutsideWindow} outside one debounce window)`);
  if (r.unloadable || r.halfApplied || r.lostOutsideWindow) process.exit(1);
}
