// End to end: a tab running an older version of the app never rewrites newer data — it goes
// read-only and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, openPage, sha256, storedRecords, useServerAndBrowser, wbsTitles } from './helpers.mjs';

const env = useServerAndBrowser();

/** What a newer version of the app does first: open the database at a higher version. */
async function openAsNewerVersion(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('mieruka', 100000);
    r.onsuccess = () => { r.result.close(); resolve(); };
    r.onerror = () => reject(r.error);
  }));
}

async function storedProjectNames(page) {
  const { projects } = await storedRecords(page);
  return projects.values.map((s) => JSON.parse(s).project.name).sort();
}

test('an older tab goes read-only when a newer version opens the data, and refuses edits', async () => {
  const context = await env.browser.newContext({ locale: 'en-US' });
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Project name').fill('Kept safe');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: /Kept safe/ }).waitFor();
  await page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();

  const newer = await context.newPage();
  await newer.goto(`${env.server.url}icon.svg`);
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

/** A hash of everything stored for one project (head without its rev, entities, changes). */
async function storedHash(page, pid) {
  const { projects, entities, changes } = await storedRecords(page);
  const head = projects.values[projects.keys.indexOf(pid)];
  const of = ({ keys, values }) => values.filter((_, i) => keys[i][0] === pid).sort().join('\n');
  return sha256(JSON.stringify(JSON.parse(head).project) + of(entities) + of(changes));
}

test('an import that replaces or merges keeps a restore point; one click brings back the identical state', async () => {
  const context = await env.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'Load sample project' }).click();
  await page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
  const pid = page.url().match(/#\/p\/([^/]+)/)[1];
  const saved = page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' });
  await saved.waitFor();
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('region', { name: 'Restore point' }).getByText('None yet').waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Project file (JSON, with history)' }).click()]);
  const file = `${DOWNLOADS}restore-${Date.now()}.json`;
  await download.saveAs(file);
  const before = await storedHash(page, pid);

  // A teammate's copy with another title for the first task, imported over ours (replace).
  const json = JSON.parse(readFileSync(file, 'utf8'));
  const first = json.projects[0].tasks[0];
  first.title = 'Changed by the teammate';
  const theirs = `${DOWNLOADS}restore-theirs-${Date.now()}.json`;
  writeFileSync(theirs, JSON.stringify(json));
  await page.getByRole('link', { name: 'Projects' }).first().click();
  await page.getByLabel('Import file…').setInputFiles(theirs);
  const exists = page.getByRole('dialog', { name: 'This project already exists' });
  await exists.getByRole('radio', { name: 'Replace this copy with the file' }).check();
  await exists.getByRole('button', { name: 'Replace', exact: true }).click();
  await page.getByText('kept as a restore point').first().waitFor();
  await saved.waitFor();
  await page.waitForTimeout(300);
  const after = await storedHash(page, pid);
  assert.notEqual(after, before, 'the import changed what is stored');

  await page.goto(`${env.server.url}#/p/${pid}/settings`);
  const panel = page.getByRole('region', { name: 'Restore point' });
  await panel.getByRole('button', { name: 'Restore this state' }).waitFor();
  await page.screenshot({ path: `${SHOTS}restore-point.png` });
  await panel.getByRole('button', { name: 'Restore this state' }).click();
  await page.getByText('back to its state before the import').first().waitFor();
  assert.equal(await storedHash(page, pid), before, 'restored byte for byte');
  await page.reload();
  await page.getByRole('tab', { name: 'WBS' }).click();
  await page.getByRole('treegrid').waitFor();
  await page.locator('td[data-col="title"]').first().waitFor();
  assert.equal(await page.locator('td[data-col="title"]').filter({ hasText: 'Changed by the teammate' }).count(), 0);
  const titles = await wbsTitles(page);
  assert.ok(!titles.includes('Changed by the teammate'), 'the WBS shows the state before the import');
  await panel.waitFor({ state: 'detached' }).catch(() => {});
  await context.close();
});
