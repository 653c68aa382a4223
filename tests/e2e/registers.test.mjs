// The one register component (src/ui/register.rs) as the issue log, the risk register and the
// others use it: rows keyed by id (an edit updates its row in place), CSV export of what is shown
// in the user's language, and a long register drawn only where it is in view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, useServerAndBrowser } from './helpers.mjs';
import { generated } from '../soak/large-import-kill.mjs';

const env = useServerAndBrowser();

/** Clicks the register's CSV button and returns the file's name and text. */
async function exportCsv(page, register) {
  const [download] = await Promise.all([page.waitForEvent('download'), register.locator('button.export-csv').click()]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Data lines of a CSV text (header excluded), for cells without line breaks. */
const lines = (text) => text.replace(/^\ufeff/, '').split('\r\n').filter((l) => l.length > 0);

test('the issue log: an edited row is the same row, and CSV holds what the filter shows (ja)', async () => {
  const context = await env.browser.newContext({ locale: 'ja-JP', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'サンプルプロジェクトを読み込む' }).click();
  await page.getByRole('tab', { name: '課題管理表', exact: true }).click();
  const table = page.getByRole('table', { name: '課題管理表' });
  await table.waitFor();
  const register = page.locator('.issues-register');
  const rows = table.locator('tbody tr');
  const open = await rows.count();
  assert.ok(open > 1, `the sample has open issues: ${open}`);

  // CSV of the open issues: UTF-8 with BOM, Japanese headers, one line per row shown.
  const shown = await exportCsv(page, register);
  assert.match(shown.name, /-issues\.csv$/);
  assert.deepEqual([...shown.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so Excel reads Japanese');
  const [header, ...data] = lines(shown.text);
  assert.equal(header, 'No.,件名,優先度,状態,担当者,起票日,期日');
  assert.equal(data.length, open);
  // All statuses: more rows in the table and in the file.
  await register.locator('.toolbar').getByLabel('状態').selectOption('');
  await assert.doesNotReject(() => page.waitForFunction((n) => document.querySelectorAll('.issues-register tbody tr').length > n, open));
  const all = await rows.count();
  assert.equal(lines((await exportCsv(page, register)).text).length - 1, all);

  // Keyed by id: the first row's node survives an edit of its title (a key built from the row's
  // values made a new row on every edit).
  const first = rows.first();
  const number = (await first.locator('td').first().innerText()).trim();
  await first.evaluate((tr) => { tr.dataset.mark = 'kept'; });
  await first.getByRole('button', { name: /^編集/ }).click();
  const form = page.getByRole('form', { name: '課題を編集' });
  await form.getByLabel('件名').fill('キーが ID の行');
  await form.getByRole('button', { name: '保存' }).click();
  const edited = rows.filter({ hasText: 'キーが ID の行' });
  await edited.waitFor();
  assert.equal(await edited.getAttribute('data-mark'), 'kept', 'the edited row is the same element');
  assert.equal((await edited.locator('td').first().innerText()).trim(), number, 'and keeps its number');
  await context.close();
});

test('a long risk register draws only the rows in view; scrolling reaches the last; CSV has every row (en)', async () => {
  // 2,000 tasks come with 200 risks: more than a register draws at once.
  const file = generated(2000);
  const project = JSON.parse(readFileSync(file, 'utf8')).projects[0];
  const name = project.info?.name ?? project.name;
  const context = await env.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  await page.getByLabel('Import file…').setInputFiles(file);
  await page.getByRole('link', { name, exact: true }).first().click({ timeout: 120000 });
  await page.getByRole('tab', { name: 'Risks', exact: true }).click();
  const register = page.locator('.risks-register');
  await register.locator('.toolbar').getByLabel('Status').selectOption('');
  const table = page.getByRole('table', { name: 'Risks' });
  await table.locator('tbody tr:not(.spacer)').first().waitFor();
  const total = Number(await table.getAttribute('aria-rowcount')) - 1;
  assert.ok(total > 150, `a long register: ${total} risks`);
  const drawn = await table.locator('tbody tr:not(.spacer)').count();
  assert.ok(drawn >= 10 && drawn < 60, `only the rows in view and a few more are drawn: ${drawn} of ${total}`);

  // Scrolled to the end: the last row of the order is drawn (the lowest score, sorted by level).
  const scroller = register.locator('.table-scroll');
  await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
  const csv = lines((await exportCsv(page, register)).text);
  assert.equal(csv.length - 1, total, 'the CSV holds every row, not the drawn ones');
  const lastNo = csv[csv.length - 1].split(',')[0];
  await table.locator('tbody tr:not(.spacer)').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${lastNo}$`) }) }).waitFor();
  assert.ok(await table.locator('tbody tr:not(.spacer)').count() < 60, 'still a window at the end');
  await context.close();
});
