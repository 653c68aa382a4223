// End to end: the app works offline after the first visit, can be installed (manifest, icons), and
// a new version is announced and applied on reload — never by itself in the middle of an edit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHOTS, launch, openPage, serve } from './helpers.mjs';

const root = new URL('../../', import.meta.url).pathname;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Waits until the service worker controls the page (the first visit installs it). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

test('after the first visit the app opens offline, with its data, and is installable', async () => {
  const server = await serve('/');
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await openPage(context, server.url);
    await controlled(page);
    // The manifest and its icons load.
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector('link[rel=manifest]').href;
      const m = await (await fetch(href)).json();
      const icons = [];
      for (const i of m.icons) {
        const r = await fetch(new URL(i.src, href));
        icons.push([i.sizes, r.status, r.headers.get('content-type')]);
      }
      return { name: m.name, display: m.display, start: m.start_url, icons };
    });
    assert.equal(manifest.display, 'standalone');
    assert.match(manifest.name, /Mieruka/);
    assert.deepEqual(manifest.icons.map((i) => i[1]), [200, 200, 200]);
    assert.ok(manifest.icons.some((i) => i[0] === '512x512' && i[2] === 'image/png'));

    await page.getByRole('button', { name: 'New project' }).click();
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill('オフライン案件');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: /オフライン案件/ }).waitFor();
    await page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();
    const project = page.url();

    await context.setOffline(true);
    server.stop();
    await page.goto(server.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.getByRole('link', { name: 'オフライン案件' }).waitFor();
    await page.goto(project);
    await page.getByRole('heading', { level: 1, name: /オフライン案件/ }).waitFor();
    await page.screenshot({ path: `${SHOTS}offline.png` });
    assert.deepEqual(page.problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p)), []);
  } finally {
    await context.close();
    server.stop();
  }
});

test('a new version is announced, kept waiting during edits, and applied on request', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-sw-'));
  cpSync(join(root, 'dist'), dir, { recursive: true });
  const server = await serve('/', dir);
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await openPage(context, server.url);
    await controlled(page);
    await page.evaluate(() => { window.__sameDocument = true; });
    // A new build: a different sw.js.
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, `${readFileSync(sw, 'utf8')}\n// next version\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    const banner = page.getByRole('status').filter({ hasText: 'A new version of Mieruka is ready' });
    await banner.waitFor();
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no reload by itself');
    await page.screenshot({ path: `${SHOTS}update-ready.png` });
    await Promise.all([
      page.waitForEvent('load'),
      banner.getByRole('button', { name: 'Save and reload now' }).click(),
    ]);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    assert.equal(await page.evaluate(() => window.__sameDocument), undefined, 'the page reloaded');
    const cached = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('mieruka-shell-')));
    assert.equal(cached.length, 1, `old caches removed: ${cached}`);
    await page.getByRole('status').filter({ hasText: 'A new version' }).waitFor({ state: 'detached' });
  } finally {
    await context.close();
    server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('where the browser does not promise to keep the data, the list says so and counts days since the last export', async () => {
  const server = await serve('/');
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  // As in a private window or an ordinary site without engagement: persist() is refused.
  await context.addInitScript(() => {
    navigator.storage.persist = () => Promise.resolve(false);
  });
  try {
    const page = await openPage(context, server.url);
    const note = page.getByRole('complementary', { name: 'Keeping your data' });
    assert.equal(await note.count(), 0, 'nothing to warn about without projects');
    await page.getByRole('button', { name: 'Load sample project' }).click();
    await page.getByRole('link', { name: 'Projects' }).first().click();
    await note.waitFor();
    assert.match(await note.innerText(), /has not promised to keep/);
    assert.match(await note.innerText(), /Not exported from this browser yet/);
    await page.screenshot({ path: `${SHOTS}storage-note.png` });
    const [download] = await Promise.all([page.waitForEvent('download'), note.getByRole('button', { name: 'Export a copy now' }).click()]);
    assert.match(download.suggestedFilename(), /^mieruka-workspace-.*\.json$/);
    await note.getByText('Last exported today.').waitFor();
    await page.reload();
    await note.getByText('Last exported today.').waitFor();
    // Eight days later the reminder is a warning.
    await page.evaluate(() => localStorage.setItem('mieruka.last_export', JSON.stringify(new Date(Date.now() - 8 * 86400e3).toISOString())));
    await page.reload();
    await note.getByText('Last exported 8 days ago.').waitFor();
    assert.match(await note.getAttribute('class'), /overdue/);
  } finally {
    await context.close();
    server.stop();
  }
});
