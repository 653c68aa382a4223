// Shared set-up for the end-to-end tests: serve dist/ on a free port, launch Debian's Chromium.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
export const DOWNLOADS = new URL('./downloads/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });
mkdirSync(DOWNLOADS, { recursive: true });

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts the static server on dist/ (or `dir`, or $MIERUKA_DIST: a copy to soak while building) and
 * returns { url, stop }. `refused`: a regular expression of file names it answers 404.
 */
export async function serve(base = '/', dir = process.env.MIERUKA_DIST || 'dist', refused = null) {
  const port = await freePort();
  const root = new URL('../../', import.meta.url).pathname;
  const proc = spawn('node', ['scripts/serve.mjs', dir, String(port), base, ...(refused ? [refused.source] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => { if (String(d).includes('http://')) resolve(); });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}${base}`, stop: () => proc.kill() };
}

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** The flags every test browser runs with (quiet, no network of its own, fits in a container). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/**
 * For a test file: serves dist/ and launches Chromium before its tests, stops both after.
 * Returns `{ server, browser }`, filled in by the time the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await serve('/');
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A page that records console errors, CSP violations and requests to other origins. */
export async function openPage(context, url) {
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && !['blob:', 'data:'].includes(u.protocol)) {
      page.problems.push(`request to another origin: ${r.url()}`);
    }
  });
  await page.goto(url);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  return page;
}

/**
 * Everything the app has stored in IndexedDB, read from the page as it is: for each object store
 * (by name), its keys and values in key order, each store in one transaction. The database not
 * opening gives `{ opened: false, error }`; a store that cannot be read `{ opened: true, error }`.
 */
export async function readDatabase(page) {
  return page.evaluate(() => new Promise((resolve) => {
    const r = indexedDB.open('mieruka');
    r.onerror = () => resolve({ opened: false, error: String(r.error) });
    r.onsuccess = async () => {
      const db = r.result;
      const read = (name) => new Promise((res, rej) => {
        const store = db.transaction(name).objectStore(name);
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () => res({ keys: keys.result, values: values.result });
        values.onerror = () => rej(values.error);
        keys.onerror = () => rej(keys.error);
      });
      try {
        const stores = {};
        for (const name of Array.from(db.objectStoreNames).sort()) stores[name] = await read(name);
        resolve({ opened: true, stores });
      } catch (e) {
        resolve({ opened: true, error: String(e) });
      } finally {
        db.close();
      }
    };
  }));
}

/** Reads the database (readDatabase) and fails the test if it does not open or read. */
export async function storedRecords(page) {
  const db = await readDatabase(page);
  if (!db.opened || db.error) throw new Error(`the database could not be read: ${db.error}`);
  return db.stores;
}

/**
 * One project as a device stores it (team sync compares devices by it): its head, its entities by
 * `kind/id`, and its changes, sorted by id.
 */
export async function storedProject(page, pid) {
  const db = await storedRecords(page);
  const entities = {};
  db.entities.keys.forEach((k, i) => {
    if (k[0] !== pid) return;
    const rec = JSON.parse(db.entities.values[i]);
    for (const e of rec.data) entities[`${rec.kind}/${e.id}`] = e;
  });
  const changes = [];
  db.changes.keys.forEach((k, i) => {
    if (k[0] === pid) changes.push(...JSON.parse(db.changes.values[i]).changes);
  });
  changes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const at = db.projects.keys.indexOf(pid);
  return { head: at >= 0 ? JSON.parse(db.projects.values[at]).project : null, entities, changes };
}

/** Hex SHA-256 of a text. */
export function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

// ---------------------------------------------------------------- the WBS grid
// Cells are text; one editor sits in the active cell, labelled like the cell ("Title of task 1.2",
// "予定(h) 1.2"). A cell carries that label as data-label and its stored value as data-value.

/** The WBS cell whose editor is labelled `label`. */
export function wbsCell(page, label) {
  return page.locator(`td[data-label=${JSON.stringify(label)}]`);
}

/** Opens the one editor on a WBS cell (a click, as a user would) and returns it. */
export async function editCell(page, label) {
  const editor = page.getByLabel(label, { exact: true });
  if ((await editor.count()) === 0) await wbsCell(page, label).click();
  await editor.waitFor();
  return editor;
}

/** Types a value into a WBS cell and commits it with Tab. */
export async function fillCell(page, label, value) {
  const editor = await editCell(page, label);
  await editor.fill(value);
  await editor.press('Tab');
}

/** Chooses an option of a WBS list cell (assignee, status). */
export async function selectCell(page, label, option) {
  const editor = await editCell(page, label);
  await editor.selectOption(option);
}

/** What a WBS cell holds: the editor's text while it is open there, else the stored value. */
export async function cellValue(page, label) {
  await wbsCell(page, label).waitFor();
  return page.evaluate((l) => {
    const ed = [...document.querySelectorAll('.cell-editor')].find((e) => e.getAttribute('aria-label') === l);
    if (ed) return ed.value;
    return [...document.querySelectorAll('td[data-label]')].find((e) => e.dataset.label === l)?.dataset.value ?? null;
  }, label);
}

/** The titles of the WBS rows drawn, in order. */
export function wbsTitles(page) {
  return page.locator('td[data-col="title"]').evaluateAll((els) => els.map((e) => {
    const ed = e.querySelector('.cell-editor');
    return ed ? ed.value : e.dataset.value;
  }));
}

/** Waits until a WBS cell holds `value` (as cellValue reads it: the open editor, else the stored value). */
export async function waitForCellValue(page, label, value, options) {
  await page.waitForFunction(([l, v]) => {
    const ed = [...document.querySelectorAll('.cell-editor')].find((e) => e.getAttribute('aria-label') === l);
    if (ed) return ed.value === v;
    return [...document.querySelectorAll('td[data-label]')].find((e) => e.dataset.label === l)?.dataset.value === v;
  }, [label, value], options);
}
