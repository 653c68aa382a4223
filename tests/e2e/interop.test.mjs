// End to end: importing other tools' exports through the preview, exporting CSV / MS Project XML,
// re-importing, and merging a teammate's copy with a conflict — against the release build in dist/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, openPage, useServerAndBrowser, wbsTitles } from './helpers.mjs';

const FIXTURES = new URL('../../crates/core/tests/fixtures/', import.meta.url).pathname;

const env = useServerAndBrowser();

async function newContext(locale = 'en-US') {
  return env.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1400, height: 900 } });
}

async function saved(page) {
  await page.getByRole('status', { name: /Save state|保存状態/ }).filter({ hasText: /All changes saved|すべて保存済み/ }).waitFor();
}

async function titles(page) {
  return wbsTitles(page);
}

/** Sets the title of the `index`-th WBS row drawn (0-based): a click on its cell, then type and Tab. */
async function fillTitleAt(page, index, value) {
  const cell = page.locator('tr[data-wbs] td[data-col="title"]').nth(index);
  await cell.click();
  const editor = cell.locator('.cell-editor');
  await editor.fill(value);
  await editor.press('Tab');
}

/** Picks a file with the Projects page's import button and returns the wizard dialog. */
async function openWizard(page, file) {
  await page.getByLabel('Import file…').setInputFiles(file);
  const wizard = page.getByRole('dialog', { name: 'Import from another tool' });
  await wizard.waitFor();
  return wizard;
}

/** The summary's count in a row (Tasks, Issues, Members) and column (0 New, 1 Updated, 2 Unchanged). */
async function count(wizard, row, column = 0) {
  const summary = wizard.getByRole('table', { name: 'What will be imported' });
  const text = await summary.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').nth(column).innerText();
  return Number(text.replace(/,/g, ''));
}

function fixtures() {
  const out = [];
  for (const [dir, source] of [['import/jira', 'jira'], ['import/backlog', 'backlog'], ['import/redmine', 'redmine'], ['mspdi', 'mspdi']]) {
    for (const f of readdirSync(FIXTURES + dir)) {
      if (/\.(csv|xml)$/.test(f)) out.push({ path: `${FIXTURES}${dir}/${f}`, name: f, source });
    }
  }
  return out;
}

test('every fixture of Jira, Backlog, Redmine and MS Project imports through the preview into the WBS, and survives a reload', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  const files = fixtures();
  assert.ok(files.length >= 8, `fixtures found: ${files.map((f) => f.name)}`);
  for (const f of files) {
    const back = page.getByRole('link', { name: 'Projects' });
    if (await back.count()) await back.first().click();
    const wizard = await openWizard(page, f.path);
    assert.equal(await wizard.getByLabel('The file comes from').inputValue(), f.source, `${f.name} detected as ${f.source}`);
    assert.equal(await wizard.locator('p.error').count(), 0, `${f.name} reads without a blocking error`);
    await wizard.getByLabel('Import into').selectOption('');
    const tasks = await count(wizard, 'Tasks');
    assert.ok(tasks > 0, `${f.name}: tasks to import`);
    await wizard.getByRole('table', { name: 'The first rows as they will land' }).waitFor();
    await wizard.getByRole('region', { name: 'Warnings' }).or(wizard.getByText('No warnings')).first().waitFor();
    if (/sjis|cp932|cloud|mspdi|project/i.test(f.name)) {
      await page.screenshot({ path: `${SHOTS}import-wizard-${f.name.replace(/\W+/g, '-')}.png`, fullPage: false });
    }
    // Fixtures of one tool share keys, so the wizard may propose the project an earlier one created.
    await wizard.getByLabel('Import into').selectOption('');
    await wizard.getByLabel('Name of the new project').fill(`Imported ${f.name}`);
    await wizard.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('treegrid').waitFor();
    assert.equal((await titles(page)).length, tasks, `${f.name}: every task is in the WBS`);
  }
  await saved(page);
  await page.reload();
  await page.getByRole('link', { name: 'Projects' }).first().click();
  for (const f of files) {
    await page.getByRole('link', { name: `Imported ${f.name}` }).waitFor();
  }
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('Shift_JIS Backlog export keeps 髙, 﨑 and ①; re-importing the same file changes nothing; a changed Jira file updates in place', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  const sjis = readdirSync(`${FIXTURES}import/backlog`).find((f) => /sjis/i.test(f));
  const file = `${FIXTURES}import/backlog/${sjis}`;
  const text = new TextDecoder('shift_jis').decode(readFileSync(file));
  let wizard = await openWizard(page, file);
  await wizard.getByText(/Shift_JIS \(CP932\)/).waitFor();
  const preview = wizard.getByRole('table', { name: 'The first rows as they will land' });
  for (const ch of ['髙', '﨑', '①'].filter((c) => text.includes(c))) {
    assert.ok((await preview.innerText()).includes(ch) || (await wizard.innerText()).includes(ch), `${ch} survives decoding`);
  }
  const tasks = await count(wizard, 'Tasks');
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('treegrid').waitFor();
  const first = await titles(page);
  assert.equal(first.length, tasks);
  await saved(page);

  // The same file again: the wizard proposes the project it created, and nothing would change.
  await page.getByRole('link', { name: 'Projects' }).first().click();
  wizard = await openWizard(page, file);
  assert.notEqual(await wizard.getByLabel('Import into').inputValue(), '', 're-import targets the earlier project');
  assert.equal(await count(wizard, 'Tasks', 0), 0);
  assert.equal(await count(wizard, 'Tasks', 2), tasks);
  await wizard.getByText('Nothing to import').waitFor();
  assert.ok(await wizard.getByRole('button', { name: 'Import', exact: true }).isDisabled());
  await wizard.getByRole('button', { name: 'Cancel' }).click();

  // A Jira export a week later: one summary changed, one item added.
  const jiraName = readdirSync(`${FIXTURES}import/jira`).find((f) => /cloud/i.test(f));
  const jira = readFileSync(`${FIXTURES}import/jira/${jiraName}`, 'utf8');
  wizard = await openWizard(page, `${FIXTURES}import/jira/${jiraName}`);
  await wizard.getByLabel('Name of the new project').fill('Jira weekly');
  const jiraTasks = await count(wizard, 'Tasks');
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('treegrid').waitFor();
  const jiraTitles = await titles(page);
  await saved(page);
  const renamed = jiraTitles[jiraTitles.length - 1];
  assert.ok(jira.includes(renamed), 'the last WBS title comes from the file');
  const lines = jira.split(/\r?\n/);
  const header = lines[0];
  const summaryAt = header.split(',').indexOf('Summary');
  assert.ok(summaryAt >= 0, 'the Jira fixture has a Summary column');
  const changed = jira.replace(renamed, `${renamed} (renamed)`);
  const week2 = `${DOWNLOADS}jira-week2.csv`;
  writeFileSync(week2, changed);
  await page.getByRole('link', { name: 'Projects' }).first().click();
  wizard = await openWizard(page, week2);
  assert.equal(await wizard.getByLabel('Import into').locator('option:checked').innerText(), 'Jira weekly');
  assert.equal(await count(wizard, 'Tasks', 0), 0, 'nothing new');
  assert.equal(await count(wizard, 'Tasks', 1), 1, 'one task updated');
  await page.screenshot({ path: `${SHOTS}import-reimport-update.png` });
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('treegrid').waitFor();
  const after = await titles(page);
  assert.equal(after.length, jiraTasks, 'no duplicates');
  assert.ok(after.includes(`${renamed} (renamed)`));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a CSV of unknown columns is mapped by hand with a live preview', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  const file = `${DOWNLOADS}hand-mapped.csv`;
  writeFileSync(file, 'Aufgabe;Verantwortlich;Stunden;Ende\r\nKonzept;Anna;12,5;2026-03-31\r\n"Bau\r\nPhase 1";Ben;40;2026-04-30\r\nTest;Anna;abc;2026-05-15\r\n');
  const wizard = await openWizard(page, file);
  assert.equal(await wizard.getByLabel('The file comes from').inputValue(), 'csv');
  await wizard.getByText(/delimiter semicolon/).waitFor();
  await wizard.getByText('Choose the column that holds the title.').waitFor();
  await wizard.getByRole('combobox', { name: 'Imported as: Aufgabe' }).selectOption({ label: 'Title' });
  await wizard.getByRole('combobox', { name: 'Imported as: Verantwortlich' }).selectOption({ label: 'Assignee' });
  await wizard.getByRole('combobox', { name: 'Imported as: Stunden' }).selectOption({ label: 'Estimate (h)' });
  await wizard.getByRole('combobox', { name: 'Imported as: Ende' }).selectOption({ label: 'Due' });
  const preview = wizard.getByRole('table', { name: 'The first rows as they will land' });
  await preview.getByRole('cell', { name: '12.5' }).waitFor();
  await preview.getByText('Konzept').waitFor();
  assert.equal(await count(wizard, 'Tasks'), 3);
  assert.equal(await count(wizard, 'Members'), 2);
  // The bad number is reported with its line (the quoted newline makes "Test" line 5).
  await wizard.getByRole('region', { name: 'Warnings' }).getByText(/Line 5: "abc" in "Stunden"/).waitFor();
  await page.screenshot({ path: `${SHOTS}import-hand-mapped.png` });
  await wizard.getByLabel('Name of the new project').fill('Hand mapped');
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('treegrid').waitFor();
  // A title is one line: the quoted line break becomes a space.
  assert.deepEqual(await titles(page), ['Konzept', 'Bau Phase 1', 'Test']);
  // An unreadable file: a clear message and nothing stored.
  await page.getByRole('link', { name: 'Projects' }).first().click();
  const broken = `${DOWNLOADS}broken.csv`;
  writeFileSync(broken, 'Title,Due\r\n"never closed,2026-01-01\r\n');
  await page.getByLabel('Import file…').setInputFiles(broken);
  await page.getByRole('alert').filter({ hasText: 'a quoted cell is never closed' }).waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('tasks export as CSV Excel can open (BOM, Shift_JIS, formulas neutralized) and import back with every task', async () => {
  const context = await newContext('ja-JP');
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'サンプルプロジェクトを読み込む' }).click();
  await page.getByRole('tab', { name: 'WBS' }).click();
  await page.getByRole('treegrid').waitFor();
  await fillTitleAt(page, 0, '=HYPERLINK("http://evil","x")');
  await saved(page);
  const before = await titles(page);
  await page.getByRole('tab', { name: /設定/ }).click();
  const panel = page.getByRole('region', { name: 'このプロジェクトをエクスポート' });
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'タスク (CSV)' }).click()]);
  const csv = `${DOWNLOADS}tasks-utf8.csv`;
  await download.saveAs(csv);
  const bytes = readFileSync(csv);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
  const text = bytes.toString('utf8');
  assert.ok(text.includes(`"'=HYPERLINK(""http://evil"",""x"")"`) || text.includes(`'=HYPERLINK`), 'the formula is neutralized');
  assert.ok(!/(^|,)=HYPERLINK/m.test(text), 'no cell starts with =');
  await panel.getByLabel('CSV の文字コード').selectOption('sjis');
  const [sj] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'タスク (CSV)' }).click()]);
  const sjPath = `${DOWNLOADS}tasks-sjis.csv`;
  await sj.saveAs(sjPath);
  assert.equal(new TextDecoder('shift_jis').decode(readFileSync(sjPath)), text.slice(1), 'Shift_JIS holds the same text');
  const [xml] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'MS Project 用スケジュール (XML)' }).click()]);
  const xmlPath = `${DOWNLOADS}schedule.xml`;
  await xml.saveAs(xmlPath);
  assert.match(readFileSync(xmlPath, 'utf8'), /<Project xmlns="http:\/\/schemas.microsoft.com\/project"/);

  // Import the CSV back as a new project: same tasks in the same order.
  await page.getByRole('link', { name: 'プロジェクト一覧' }).first().click();
  await page.getByLabel('ファイルをインポート…').setInputFiles(csv);
  const wizard = page.getByRole('dialog', { name: '他のツールから取り込み' });
  await wizard.getByLabel('新しいプロジェクトの名前').fill('CSV round trip');
  await wizard.getByRole('button', { name: '取り込む' }).click();
  await page.getByRole('treegrid').waitFor();
  assert.deepEqual(await titles(page), before);
  // And the MS Project file too.
  await page.getByRole('link', { name: 'プロジェクト一覧' }).first().click();
  await page.getByLabel('ファイルをインポート…').setInputFiles(xmlPath);
  const w2 = page.getByRole('dialog', { name: '他のツールから取り込み' });
  await w2.getByLabel('新しいプロジェクトの名前').fill('XML round trip');
  await w2.getByRole('button', { name: '取り込む' }).click();
  await page.getByRole('treegrid').waitFor();
  assert.deepEqual(await titles(page), before);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('two teammates edit the same project; merging shows the conflict with both values and keeps everything else', async () => {
  // Alice creates the project and sends it.
  const alice = await newContext();
  const a = await openPage(alice, env.server.url);
  await a.getByRole('button', { name: 'Load sample project' }).click();
  await a.getByRole('tab', { name: 'WBS' }).click();
  await a.getByRole('treegrid').waitFor();
  await saved(a);
  const base = await titles(a);
  await a.getByRole('tab', { name: 'Settings' }).click();
  const [d0] = await Promise.all([a.waitForEvent('download'), a.getByRole('button', { name: 'Project file (JSON, with history)' }).click()]);
  const f0 = `${DOWNLOADS}merge-base.json`;
  await d0.saveAs(f0);

  // Bob opens it, renames task 2 and task 3, and sends it back.
  const bob = await newContext();
  const b = await openPage(bob, env.server.url);
  await b.getByLabel('Import file…').setInputFiles(f0);
  await b.getByRole('link', { name: JSON.parse(readFileSync(f0, 'utf8')).projects[0].name }).click();
  await b.getByRole('tab', { name: 'WBS' }).click();
  await b.getByRole('treegrid').waitFor();
  await fillTitleAt(b, 1, 'Bob: requirements signed off');
  await fillTitleAt(b, 2, 'Bob only edit');
  await saved(b);
  await b.getByRole('tab', { name: 'Settings' }).click();
  const [d1] = await Promise.all([b.waitForEvent('download'), b.getByRole('button', { name: 'Project file (JSON, with history)' }).click()]);
  const f1 = `${DOWNLOADS}merge-bob.json`;
  await d1.saveAs(f1);
  await bob.close();

  // Meanwhile Alice renamed task 2 too, and task 4.
  await a.getByRole('tab', { name: 'WBS' }).click();
  await fillTitleAt(a, 1, 'Alice: requirements in review');
  await fillTitleAt(a, 3, 'Alice only edit');
  await saved(a);

  await a.getByRole('link', { name: 'Projects' }).first().click();
  await a.getByLabel('Import file…').setInputFiles(f1);
  const dialog = a.getByRole('dialog', { name: 'This project already exists' });
  assert.ok(await dialog.getByRole('radio', { name: /^Merge/ }).isChecked(), 'merge is the default');
  const conflicts = dialog.getByRole('region', { name: 'Conflicts' });
  await conflicts.waitFor();
  await conflicts.getByRole('radio', { name: 'Alice: requirements in review' }).waitFor();
  await conflicts.getByRole('radio', { name: 'Bob: requirements signed off' }).waitFor();
  await a.screenshot({ path: `${SHOTS}merge-conflict.png` });
  await conflicts.getByRole('radio', { name: 'Bob: requirements signed off' }).check();
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await a.getByRole('link', { name: JSON.parse(readFileSync(f0, 'utf8')).projects[0].name }).first().click();
  await a.getByRole('tab', { name: 'WBS' }).click();
  await a.getByRole('treegrid').waitFor();
  const merged = await titles(a);
  assert.equal(merged[1], 'Bob: requirements signed off', 'the picked value');
  assert.equal(merged[2], 'Bob only edit', "Bob's other edit");
  assert.equal(merged[3], 'Alice only edit', "Alice's other edit");
  assert.equal(merged.length, base.length);
  await saved(a);
  await a.reload();
  await a.getByRole('treegrid').waitFor();
  assert.deepEqual(await titles(a), merged, 'the merge was stored');

  // Importing the same file again brings nothing new.
  await a.getByRole('link', { name: 'Projects' }).first().click();
  await a.getByLabel('Import file…').setInputFiles(f1);
  await a.getByRole('dialog', { name: 'This project already exists' }).getByText('The file brings no changes').waitFor();
  assert.deepEqual(a.problems, []);
  await alice.close();
});
