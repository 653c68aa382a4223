// End to end: the journeys of the foundation issue, against the release build in dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  DOWNLOADS, SHOTS, cellValue, editCell, fillCell, openPage, serve, useServerAndBrowser, waitForCellValue, wbsCell, wbsTitles,
} from './helpers.mjs';

const env = useServerAndBrowser();

async function newContext(locale = 'en-US') {
  return env.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1400, height: 900 } });
}

/** Waits until every edit is in IndexedDB. */
async function saved(page) {
  await page.getByRole('status', { name: /Save state|保存状態/ }).filter({ hasText: /All changes saved|すべて保存済み/ }).waitFor();
}

async function createProject(page, name) {
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Code').fill('E2E-1');
  await form.getByLabel('Project name').fill(name);
  await form.getByLabel('Manager').fill('Yamada');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
}

async function titles(page) {
  return wbsTitles(page);
}

test('build a project with a 3-level WBS, an issue and a risk; reload keeps everything', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await createProject(page, 'Core renewal');

  // Level 1
  await page.getByRole('button', { name: 'Add task' }).click();
  await fillCell(page, 'Title of task 1', 'Requirements');
  // Level 2 and 3 via "Add child task"
  await page.getByRole('button', { name: 'Add child task 1', exact: true }).click();
  await fillCell(page, 'Title of task 1.1', 'As-is study');
  await page.getByRole('button', { name: 'Add child task 1.1', exact: true }).click();
  await fillCell(page, 'Title of task 1.1.1', 'Interviews');
  await fillCell(page, 'Estimate (h) 1.1.1', '16');
  await fillCell(page, 'Progress % 1.1.1', '50');
  // Enter on a title adds a sibling below.
  await (await editCell(page, 'Title of task 1.1.1')).press('Enter');
  await fillCell(page, 'Title of task 1.1.2', 'Flow charts');
  await fillCell(page, 'Estimate (h) 1.1.2', '8');
  // Roll-up: parent 1.1 shows 24 h and 33 % (weighted 16×50/24).
  const parentRow = page.locator('tr[data-wbs="1.1"]');
  await assert.doesNotReject(parentRow.getByText('24', { exact: true }).waitFor());
  await assert.doesNotReject(parentRow.getByText('33%', { exact: true }).waitFor());

  // Invalid input is refused with a message and changes nothing.
  await fillCell(page, 'Progress % 1.1.2', '150');
  await page.getByRole('alert').filter({ hasText: 'outside 0–100' }).waitFor();
  assert.equal(await cellValue(page, 'Progress % 1.1.2'), '0');

  // Issue
  await page.getByRole('tab', { name: 'Issues' }).click();
  await page.getByRole('button', { name: 'New issue' }).click();
  let form = page.getByRole('form', { name: 'New issue' });
  await form.getByLabel('Title').fill('Spec of the accounting interface not fixed');
  await form.getByLabel('Priority').selectOption('high');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('cell', { name: 'Spec of the accounting interface not fixed', exact: true }).waitFor();

  // Risk
  await page.getByRole('tab', { name: 'Risks' }).click();
  await page.getByRole('button', { name: 'New risk' }).click();
  form = page.getByRole('form', { name: 'New risk' });
  await form.getByLabel('Title').fill('Key engineer may leave');
  await form.getByLabel('Probability (1–5)').selectOption('4');
  await form.getByLabel('Impact (1–5)').selectOption('5');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('cell', { name: 'Key engineer may leave', exact: true }).waitFor();
  await page.getByText('Critical (20)').waitFor(); // colour AND word
  // The risk occurs: one step turns it into a linked issue.
  await page.getByRole('button', { name: 'Edit Key engineer may leave R1' }).click();
  await page.getByRole('button', { name: 'It occurred: turn into an issue' }).click();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('');
  await page.getByRole('cell', { name: 'Occurred', exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Issues' }).click();
  await page.getByRole('cell', { name: 'Key engineer may leave', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Edit Key engineer may leave #2' }).click();
  await page.getByText('R1 Key engineer may leave').waitFor(); // linked back to the risk
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('tab', { name: 'Risks' }).click();

  await saved(page);
  await page.reload();
  await page.getByRole('combobox', { name: 'Status' }).selectOption(''); // occurred risks too
  await page.getByRole('cell', { name: 'Key engineer may leave', exact: true }).waitFor();
  await page.getByRole('tab', { name: 'Issues' }).click();
  await page.getByRole('cell', { name: 'Spec of the accounting interface not fixed', exact: true }).waitFor();
  await page.getByRole('tab', { name: 'WBS' }).click();
  await wbsCell(page, 'Title of task 1.1.2').waitFor();
  assert.deepEqual(await titles(page), ['Requirements', 'As-is study', 'Interviews', 'Flow charts']);

  // Undo with Ctrl+Z brings back the previous title.
  await fillCell(page, 'Title of task 1', 'Requirements (renamed)');
  await page.keyboard.press('Control+z');
  await assert.doesNotReject(async () => {
    await waitForCellValue(page, 'Title of task 1', 'Requirements');
  });

  // Activity shows the history
  await page.getByRole('tab', { name: 'Activity' }).click();
  await page.getByText('changes recorded').waitFor();
  await page.screenshot({ path: `${SHOTS}activity-en.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('sample project, language switch, screenshots of the main screens', async () => {
  const context = await newContext('ja-JP');
  const page = await openPage(context, env.server.url);
  // First visit follows the browser language.
  await page.getByRole('heading', { name: 'プロジェクト一覧' }).waitFor();
  await page.getByRole('button', { name: 'サンプルプロジェクトを読み込む' }).click();
  await page.getByRole('tab', { name: 'WBS' }).click(); // a project opens on its dashboard
  await page.getByRole('treegrid').waitFor();
  // The grid draws the rows in view (and a few around them); it tells assistive technology how
  // many rows there are in all.
  const rows = Number(await page.getByRole('treegrid').getAttribute('aria-rowcount')) - 1;
  assert.ok(rows >= 38, `the sample has ~40 tasks, saw ${rows}`);
  assert.ok(await page.locator('td[data-col="title"]').count() >= 15, 'the rows in view are drawn');
  await page.screenshot({ path: `${SHOTS}wbs-ja.png`, fullPage: false });
  await page.getByRole('tab', { name: '課題管理表' }).click();
  await page.screenshot({ path: `${SHOTS}issues-ja.png`, fullPage: true });
  await page.getByRole('tab', { name: 'リスク管理表' }).click();
  await page.screenshot({ path: `${SHOTS}risks-ja.png`, fullPage: true });
  // Switch to English at once, on the WBS: its rows are drawn again with English names.
  await page.getByRole('tab', { name: 'WBS' }).click();
  await page.getByRole('button', { name: '削除 1.1', exact: true }).waitFor();
  await page.getByLabel('言語').selectOption('en');
  await page.getByRole('button', { name: 'Delete 1.1', exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: '削除 1.1', exact: true }).count(), 0);
  assert.equal(await page.locator('td[data-label="Title of task 1.1"]').count(), 1);
  assert.equal(await page.locator('td[data-label^="タスク名"]').count(), 0, 'no Japanese cell names left');
  await page.getByRole('tab', { name: 'Risks' }).click();
  await page.screenshot({ path: `${SHOTS}risks-en.png`, fullPage: true });
  await page.getByRole('link', { name: 'Projects' }).first().click();
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
  await page.screenshot({ path: `${SHOTS}projects-en.png` });
  await saved(page);
  await page.reload();
  await page.getByRole('heading', { name: 'Projects' }).waitFor(); // the choice is kept
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('export, clear site data, import: identical; a broken file changes nothing', async () => {
  let context = await newContext();
  let page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'Load sample project' }).click();
  await page.getByRole('tab', { name: 'WBS' }).click(); // a project opens on its dashboard
  await page.getByRole('treegrid').waitFor();
  const before = await titles(page);
  await saved(page);
  await page.getByRole('link', { name: 'Projects' }).first().click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export all (JSON)' }).click(),
  ]);
  const file = `${DOWNLOADS}workspace.json`;
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.format, 'mieruka');
  assert.equal(json.schema_version, 3);
  assert.ok(json.projects[0].changes.length > 100, 'the export carries the change log');
  await context.close();

  // A new context is a browser with no site data.
  context = await newContext();
  page = await openPage(context, env.server.url);
  await page.getByText('No projects yet').waitFor();
  // A broken file: clear message, nothing stored.
  const broken = `${DOWNLOADS}broken.json`;
  writeFileSync(broken, readFileSync(file, 'utf8').slice(0, 5000));
  await page.getByLabel('Import file…').setInputFiles(broken);
  await page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor();
  const wrong = `${DOWNLOADS}wrong-date.json`;
  const bad = JSON.parse(readFileSync(file, 'utf8'));
  bad.projects[0].tasks[3].due = '2025-13-45';
  writeFileSync(wrong, JSON.stringify(bad));
  await page.getByLabel('Import file…').setInputFiles(wrong);
  await page.getByRole('alert').filter({ hasText: 'projects[0].tasks[3].due: not a date' }).waitFor();
  await page.screenshot({ path: `${SHOTS}import-error-en.png` });
  assert.equal(await page.getByRole('table').count(), 0, 'nothing was imported');
  // The good file imports identically.
  await page.getByLabel('Import file…').setInputFiles(file);
  await page.getByRole('link', { name: json.projects[0].name }).click();
  await page.getByRole('tab', { name: 'WBS' }).click();
  await page.getByRole('treegrid').waitFor();
  assert.deepEqual(await titles(page), before);
  // Importing it again asks: replace or keep both.
  await page.getByRole('link', { name: 'Projects' }).first().click();
  await page.getByLabel('Import file…').setInputFiles(file);
  const exists = page.getByRole('dialog', { name: 'This project already exists' });
  await exists.getByRole('radio', { name: 'Keep both as separate projects' }).check();
  await exists.getByRole('button', { name: 'Keep both' }).click();
  await page.getByRole('link', { name: `${json.projects[0].name} (copy)` }).waitFor();
  // Replace: a local edit is overwritten by the file's version.
  await page.getByRole('link', { name: json.projects[0].name, exact: true }).click();
  await page.getByRole('tab', { name: 'WBS' }).click();
  await fillCell(page, 'Title of task 1', 'Changed here');
  await page.getByRole('link', { name: 'Projects' }).first().click();
  await page.getByLabel('Import file…').setInputFiles(file);
  const again = page.getByRole('dialog', { name: 'This project already exists' });
  await again.getByRole('radio', { name: 'Replace this copy with the file' }).check();
  await again.getByRole('button', { name: 'Replace', exact: true }).click();
  await page.getByRole('link', { name: json.projects[0].name, exact: true }).click();
  await page.getByRole('tab', { name: 'WBS' }).click();
  await page.getByRole('treegrid').waitFor();
  assert.deepEqual(await titles(page), before);
  await context.close();
});

test('two tabs: an edit in one appears in the other, none lost', async () => {
  const context = await newContext();
  const a = await openPage(context, env.server.url);
  await createProject(a, 'Shared');
  await a.getByRole('button', { name: 'Add task' }).click();
  await fillCell(a, 'Title of task 1', 'From tab A');
  await saved(a);
  const b = await openPage(context, a.url());
  await wbsCell(b, 'Title of task 1').waitFor();
  assert.equal(await cellValue(b, 'Title of task 1'), 'From tab A');
  // B edits another field; A sees it without reloading.
  await fillCell(b, 'Estimate (h) 1', '12');
  await saved(b);
  await waitForCellValue(a, 'Estimate (h) 1', '12');
  // A edits the title meanwhile; both edits survive in both tabs and in storage.
  await fillCell(a, 'Title of task 1', 'Renamed in A');
  await saved(a);
  await waitForCellValue(b, 'Title of task 1', 'Renamed in A');
  assert.equal(await cellValue(b, 'Estimate (h) 1'), '12');
  await a.reload();
  await wbsCell(a, 'Title of task 1').waitFor();
  assert.equal(await cellValue(a, 'Title of task 1'), 'Renamed in A');
  assert.equal(await cellValue(a, 'Estimate (h) 1'), '12');
  await context.close();
});

test('two tabs: typing is not cut off when the other tab changes the rows', async () => {
  const context = await newContext();
  const a = await openPage(context, env.server.url);
  await createProject(a, 'Typing');
  for (let i = 1; i <= 4; i++) {
    await a.getByRole('button', { name: 'Add task' }).click();
    await fillCell(a, `Title of task ${i}`, `Task ${i}`);
  }
  await saved(a);
  const b = await openPage(context, a.url());
  await wbsCell(b, 'Title of task 4').waitFor();
  assert.deepEqual(await wbsTitles(b), ['Task 1', 'Task 2', 'Task 3', 'Task 4']);
  const focusedIn = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);

  // B starts typing a new title for task 4 and does not commit it yet.
  await editCell(b, 'Title of task 4');
  await b.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Title of task 4');
  await b.keyboard.type('first part');

  // Meanwhile A adds a task below task 1: B's task becomes task 5.
  await (await editCell(a, 'Title of task 1')).press('Enter');
  await a.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Title of task 2');
  await saved(a);
  await wbsCell(b, 'Title of task 5').waitFor({ timeout: 5000 });
  await b.waitForTimeout(1500); // whatever else A's change makes B do, let it happen
  assert.equal(await b.locator('td[data-col="title"]').count(), 5, 'B shows the row A added');
  assert.equal(await focusedIn(b), 'Title of task 5', "B's editor kept the focus, renumbered with its row");
  assert.equal(await cellValue(b, 'Title of task 5'), 'first part', 'what B typed is still in its editor');

  // B types on and commits.
  await b.keyboard.type(' second part');
  assert.equal(await focusedIn(b), 'Title of task 5', "B's editor still has the focus");
  assert.equal(await cellValue(b, 'Title of task 5'), 'first part second part');
  await b.keyboard.press('Tab');
  await saved(b);
  await waitForCellValue(a, 'Title of task 5', 'first part second part');
  for (const page of [a, b]) {
    assert.equal(await cellValue(page, 'Title of task 5'), 'first part second part');
    assert.deepEqual(await wbsTitles(page), ['Task 1', 'New task', 'Task 2', 'Task 3', 'first part second part']);
  }
  // And that is what is stored.
  await b.reload();
  await wbsCell(b, 'Title of task 5').waitFor();
  assert.equal(await cellValue(b, 'Title of task 5'), 'first part second part');
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await context.close();
});

test('the built site works from a sub-path', async () => {
  const sub = await serve('/tools/mieruka/');
  try {
    const context = await newContext();
    const page = await openPage(context, sub.url);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    assert.deepEqual(page.problems, []);
    await context.close();
  } finally {
    sub.stop();
  }
});

test('the WBS is built and rearranged with the keyboard alone', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await createProject(page, 'Keyboard');
  const focused = (label) => page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') === l, label);
  await page.getByRole('button', { name: 'Add task' }).click();
  await focused('Title of task 1');
  await page.keyboard.type('Phase A'); // the new title is focused and selected
  await page.keyboard.press('Enter'); // commit, and a sibling below
  await focused('Title of task 2');
  await page.keyboard.type('Design');
  await page.keyboard.press('Alt+Shift+ArrowRight'); // indent under Phase A
  await focused('Title of task 1.1');
  await page.keyboard.press('Enter');
  await focused('Title of task 1.2');
  await page.keyboard.type('Build');
  await page.keyboard.press('Alt+Shift+ArrowUp'); // move above Design
  await waitForCellValue(page, 'Title of task 1.1', 'Build');
  await focused('Title of task 1.1');
  await page.keyboard.press('ArrowDown');
  await focused('Title of task 1.2');
  await page.keyboard.press('Alt+Shift+ArrowLeft'); // Design back to the top level
  await wbsCell(page, 'Title of task 2').waitFor();
  assert.equal(await cellValue(page, 'Title of task 2'), 'Design');
  assert.deepEqual(await titles(page), ['Phase A', 'Build', 'Design']);
  await saved(page);
  await page.reload();
  await wbsCell(page, 'Title of task 2').waitFor();
  assert.deepEqual(await titles(page), ['Phase A', 'Build', 'Design']);
  await context.close();
});

test('project list: rename, archive and delete with confirmation', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await createProject(page, 'Old name');
  await page.getByRole('link', { name: 'Projects' }).first().click();
  await page.getByRole('button', { name: 'Rename' }).click();
  const input = page.getByRole('textbox', { name: 'Project name' });
  await input.fill('New name');
  await input.press('Enter');
  await page.getByRole('link', { name: 'New name' }).waitFor();
  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByText('No projects yet').waitFor(); // archived ones are hidden by default
  await page.getByLabel('Show archived').check();
  await page.getByRole('link', { name: 'New name' }).waitFor();
  await page.getByRole('button', { name: 'Unarchive' }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete project/ });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'New name' }).waitFor(); // cancelling keeps it
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: /Delete project/ }).getByRole('button', { name: 'Delete' }).click();
  await page.getByText('No projects yet').waitFor();
  await saved(page);
  await page.reload();
  await page.getByText('No projects yet').waitFor(); // the deletion is stored
  await context.close();
});

test('a failed save shows a persistent banner, keeps the edits and saves them once it can', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  const cdp = await context.newCDPSession(page);
  const origin = new URL(env.server.url).origin;
  // A full disk: IndexedDB refuses every write with QuotaExceededError.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 });
  await page.getByRole('button', { name: 'Load sample project' }).click();
  await page.getByRole('tab', { name: 'WBS' }).click(); // a project opens on its dashboard
  await page.getByRole('treegrid').waitFor();
  const banner = page.getByRole('alert').filter({ hasText: 'Not saved.' });
  await banner.waitFor({ timeout: 2000 });
  await page.screenshot({ path: `${SHOTS}save-failed-en.png` });
  const rowCount = async () => Number(await page.getByRole('treegrid').getAttribute('aria-rowcount')) - 1;
  assert.ok((await rowCount()) >= 38, 'the edits are still here');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await banner.getByRole('button', { name: 'Retry now' }).click();
  await saved(page);
  assert.equal(await banner.count(), 0);
  await page.reload();
  await page.getByRole('treegrid').waitFor();
  assert.ok((await rowCount()) >= 38, 'saved after the retry');
  await context.close();
});

test('the WBS filters by assignee and status, keeping the parents of what matches', async () => {
  const context = await newContext('ja-JP');
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'サンプルプロジェクトを読み込む' }).click();
  await page.getByRole('tab', { name: 'WBS' }).click(); // a project opens on its dashboard
  await page.getByRole('treegrid').waitFor();
  const all = await page.locator('td[data-col="title"]').count();
  await page.getByRole('combobox', { name: '状態' }).first().selectOption('blocked');
  await page.waitForFunction((n) => document.querySelectorAll('td[data-col="title"]').length < n, all);
  const shown = await titles(page);
  assert.ok(shown.length >= 2 && shown.length < all, `blocked tasks and their parents: ${shown}`);
  await page.getByRole('combobox', { name: '状態' }).first().selectOption('');
  await page.waitForFunction((n) => document.querySelectorAll('td[data-col="title"]').length === n, all);
  await context.close();
});
