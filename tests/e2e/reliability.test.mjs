// End to end: a tab running an older version of the app never rewrites newer data — it goes
// read-only and says so.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, launch, openPage, serve } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve('/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

/** What a newer version of the app does first: open the database at a higher version. */
async function openAsNewerVersion(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('mieruka', 999);
    r.onsuccess = () => { r.result.close(); resolve(); };
    r.onerror = () => reject(r.error);
  }));
}

async function storedProjectNames(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('mieruka');
    r.onsuccess = () => {
      const db = r.result;
      const q = db.transaction('projects').objectStore('projects').getAll();
      q.onsuccess = () => {
        db.close();
        try { resolve(q.result.map((s) => JSON.parse(s).project.name).sort()); } catch (e) { reject(e); }
      };
      q.onerror = () => reject(q.error);
    };
    r.onerror = () => reject(r.error);
  }));
}

test('an older tab goes read-only when a newer version opens the data, and refuses edits', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await openPage(context, server.url);
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Project name').fill('Kept safe');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: /Kept safe/ }).waitFor();
  await page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();

  const newer = await context.newPage();
  await newer.goto(`${server.url}icon.svg`);
  await openAsNewerVersion(newer);

  const banner = page.getByRole('alert').filter({ hasText: 'Read-only' });
  await banner.waitFor();
  assert.match(await banner.innerText(), /newer version of Mieruka was opened in another tab/);
  await page.screenshot({ path: `${SHOTS}read-only-tab.png` });
  // An edit is refused with a message; nothing is written.
  await page.getByRole('link', { name: 'Projects' }).first().click();
  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('form', { name: 'New project' }).getByLabel('Project name').fill('Should not be stored');
  await page.getByRole('form', { name: 'New project' }).getByRole('button', { name: 'Create' }).click();
  await page.getByText('This tab is read-only').first().waitFor();
  assert.deepEqual(await storedProjectNames(newer), ['Kept safe']);

  // Reloaded, the old version cannot open the newer database: it says so and writes nothing.
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'saved by a newer version of Mieruka' }).waitFor();
  assert.deepEqual(await storedProjectNames(newer), ['Kept safe']);
  await context.close();
});
