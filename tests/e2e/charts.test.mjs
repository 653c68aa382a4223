// End to end: the dashboard, charts and Gantt of issue 4 on the sample project.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, openPage, useServerAndBrowser } from './helpers.mjs';

const env = useServerAndBrowser();

async function newContext(locale = 'en-US') {
  return env.browser.newContext({ locale, acceptDownloads: true, viewport: { width: 1400, height: 900 } });
}

/** How many distinct colours a canvas shows: a blank or broken chart has one or two. */
async function canvasColours(locator) {
  return locator.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

async function loadSample(page, label = 'Load sample project') {
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('tab', { name: /Dashboard|ダッシュボード/, selected: true }).waitFor();
}

test('the dashboard shows KPI cards with colour words and small charts', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await loadSample(page);
  for (const name of ['Overall status', 'Progress', 'Schedule (SPI)', 'Cost (CPI)', 'Overdue tasks', 'Open issues', 'Next milestone', 'Top risks']) {
    await page.getByRole('region', { name }).waitFor();
  }
  const spi = await page.getByRole('region', { name: 'Schedule (SPI)' }).innerText();
  assert.match(spi, /SPI \d\.\d\d/);
  assert.match(spi, /Green|Amber|Red/i);
  const burndown = page.getByRole('img', { name: 'Burndown' });
  await burndown.waitFor();
  await page.waitForTimeout(300);
  assert.ok(await canvasColours(burndown) > 8, 'the burndown is drawn');
  assert.ok(await canvasColours(page.getByRole('img', { name: 'Risk matrix' })) > 8, 'the matrix is drawn');
  await page.screenshot({ path: `${SHOTS}dashboard-en.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('every chart renders in both languages, reads out values, and exports SVG and PNG', async () => {
  const context = await newContext('ja-JP');
  const page = await openPage(context, env.server.url);
  await loadSample(page, 'サンプルプロジェクトを読み込む');
  await page.screenshot({ path: `${SHOTS}dashboard-ja.png`, fullPage: true });
  await page.getByRole('tab', { name: 'グラフ' }).click();
  const charts = [
    ['バーンダウン', 'Burndown', 'burndown'],
    ['バーンアップ', 'Burnup', 'burnup'],
    ['リスク推移', 'Risk trend', 'risk-trend'],
    ['出来高 (EVM)', 'Earned value', 'earned-value'],
    ['負荷', 'Workload', 'workload'],
  ];
  for (const [ja, , slug] of charts) {
    await page.getByRole('button', { name: ja, exact: true }).click();
    const img = page.getByRole('img', { name: ja });
    await img.waitFor();
    await page.waitForTimeout(200);
    assert.ok(await canvasColours(img) > 8, `${ja} is drawn`);
    await page.screenshot({ path: `${SHOTS}chart-${slug}-ja.png`, fullPage: true });
  }
  await page.getByLabel('言語').selectOption('en');
  for (const [, en, slug] of charts) {
    await page.getByRole('button', { name: en, exact: true }).click();
    const img = page.getByRole('img', { name: en });
    await img.waitFor();
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${SHOTS}chart-${slug}-en.png`, fullPage: true });
  }
  // The burnup says when the work would be done at the recent rate, with its unit.
  await page.getByRole('button', { name: 'Burnup', exact: true }).click();
  await page.getByText(/Forecast finish: \d{4}-\d{2}-\d{2} \(recent rate [\d.,]+ h\/day\)/).waitFor();
  // The EV indices are listed with what they mean.
  await page.getByRole('button', { name: 'Earned value', exact: true }).click();
  await page.getByRole('table', { name: 'Earned-value indices at the status date' }).waitFor();
  await page.getByRole('rowheader', { name: 'SPI' }).waitFor();

  // Pointer read-out on the burndown.
  await page.getByRole('button', { name: 'Burndown', exact: true }).click();
  const img = page.getByRole('img', { name: 'Burndown' });
  const box = await img.boundingBox();
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.5);
  await page.getByRole('status').filter({ hasText: 'Remaining' }).waitFor();

  // Export SVG and PNG.
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG: Burndown' }).click(),
  ]);
  assert.match(svgDownload.suggestedFilename(), /^[\w-]+-burndown-\d{4}-\d{2}-\d{2}\.svg$/);
  const svgFile = `${DOWNLOADS}${svgDownload.suggestedFilename()}`;
  await svgDownload.saveAs(svgFile);
  const svg = readFileSync(svgFile, 'utf8');
  assert.match(svg, /^<svg[\s\S]*<\/svg>\s*$/);
  assert.ok(svg.includes('Burndown'), 'the SVG carries the title');
  const [pngDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PNG: Burndown' }).click(),
  ]);
  assert.match(pngDownload.suggestedFilename(), /-burndown-\d{4}-\d{2}-\d{2}\.png$/);
  const pngFile = `${DOWNLOADS}${pngDownload.suggestedFilename()}`;
  await pngDownload.saveAs(pngFile);
  const png = readFileSync(pngFile);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 5000, 'the PNG has content');
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a risk-matrix cell filters the register to its risks', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await loadSample(page);
  await page.getByRole('tab', { name: 'Risks' }).click();
  const cell = page.getByRole('button', { name: /^Probability \d × Impact \d: [1-9]\d* risks$/ }).first();
  const label = await cell.getAttribute('aria-label');
  const [, p, i, n] = label.match(/Probability (\d) × Impact (\d): (\d+) risks/);
  await page.screenshot({ path: `${SHOTS}risk-matrix-en.png`, fullPage: true });
  await cell.click();
  await page.getByRole('status').filter({ hasText: `Probability ${p} × Impact ${i}` }).waitFor();
  const rows = page.locator('table.grid tbody tr');
  assert.equal(await rows.count(), Number(n));
  for (const row of await rows.all()) {
    const cells = await row.locator('td').allInnerTexts();
    assert.equal(cells[4], p);
    assert.equal(cells[5], i);
  }
  await page.getByRole('button', { name: 'Clear filter' }).click();
  assert.ok(await rows.count() > Number(n));
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the Gantt chart draws the sample; zoom and the status date change it', async () => {
  const context = await newContext('ja-JP');
  const page = await openPage(context, env.server.url);
  await loadSample(page, 'サンプルプロジェクトを読み込む');
  await page.getByRole('tab', { name: 'ガント' }).click();
  const timeline = page.getByRole('img', { name: 'ガントチャートのタイムライン' });
  await timeline.waitFor();
  await page.waitForTimeout(300);
  assert.ok(await canvasColours(timeline) > 8);
  assert.ok(await page.getByRole('listitem').count() > 10, 'WBS rows are listed beside the bars');
  await page.screenshot({ path: `${SHOTS}gantt-ja.png` });
  await page.getByLabel('表示単位').selectOption('week');
  await page.waitForTimeout(200);
  await page.screenshot({ path: `${SHOTS}gantt-week-ja.png` });
  // Scroll down: other rows are listed.
  const first = await page.getByRole('listitem').first().innerText();
  await page.locator('.gantt').evaluate((el) => { el.scrollTop = 400; });
  await page.waitForTimeout(200);
  assert.notEqual(await page.getByRole('listitem').first().innerText(), first);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a past status date shows the project as it was; back to today restores it', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await loadSample(page);
  const progress = page.getByRole('region', { name: 'Progress' });
  const now = await progress.locator('.value').innerText();
  await page.getByRole('button', { name: 'Last Friday' }).click();
  await page.getByRole('note').filter({ hasText: 'Showing the project as it was' }).waitFor();
  assert.ok(parseInt(await progress.locator('.value').innerText(), 10) <= parseInt(now, 10));
  const past = new Date(Date.now() - 21 * 86400e3).toISOString().slice(0, 10);
  await page.getByLabel('Status date').fill(past);
  await page.getByRole('note').filter({ hasText: 'Showing the project as it was' }).waitFor();
  const then = await progress.locator('.value').innerText();
  assert.ok(parseInt(then, 10) < parseInt(now, 10), `progress three weeks ago (${then}) is below today's (${now})`);
  await page.screenshot({ path: `${SHOTS}dashboard-past-en.png`, fullPage: true });
  await page.getByRole('button', { name: 'Back to today' }).click();
  assert.equal(await progress.locator('.value').innerText(), now);
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('a brand-new project shows helpful empty states, not broken axes', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Project name').fill('Empty one');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { level: 1, name: /Empty one/ }).waitFor();
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  await page.screenshot({ path: `${SHOTS}dashboard-empty-en.png` });
  await page.getByText('Nothing to show yet').waitFor();
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByText('Charts need dates').waitFor();
  await page.getByRole('tab', { name: 'Gantt' }).click();
  await page.getByText('No tasks to draw yet').waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('the project calendar and rates are edited in Settings; bad entries are refused with a message', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'New project' }).click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByLabel('Project name').fill('Calendar');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('tab', { name: 'Settings' }).click();
  const settings = page.getByRole('form', { name: 'Project settings' });
  await settings.getByLabel(/Company holidays/).fill('12-29..01-03\n02-30');
  await settings.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').filter({ hasText: '02-30' }).waitFor();
  await settings.getByLabel(/Company holidays/).fill('12-29..01-03\n08-13..08-15');
  await settings.getByLabel(/Extra working days/).fill('2026-12-26');
  await settings.getByLabel(/Default rate/).fill('6,000');
  await settings.getByLabel(/Default rate/).press('Tab');
  await settings.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved').first().waitFor();
  await page.getByRole('button', { name: 'Add member' }).click();
  const rate = page.getByRole('textbox', { name: 'Rate (per hour)' });
  await rate.fill('abc');
  await rate.press('Tab');
  await page.getByRole('alert').filter({ hasText: 'Enter a number.' }).waitFor();
  await rate.fill('8000');
  await rate.press('Tab');
  await page.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();
  await page.reload();
  await page.getByRole('form', { name: 'Project settings' }).waitFor();
  assert.equal(await page.getByLabel(/Company holidays/).inputValue(), '12-29..01-03\n08-13..08-15');
  assert.equal(await page.getByLabel(/Extra working days/).inputValue(), '2026-12-26');
  assert.equal(await page.getByLabel(/Default rate/).inputValue(), '6000');
  assert.equal(await page.getByRole('textbox', { name: 'Rate (per hour)' }).inputValue(), '8000');
  await page.screenshot({ path: `${SHOTS}settings-calendar-en.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('charts follow the dark colour scheme', async () => {
  const context = await env.browser.newContext({ locale: 'en-US', colorScheme: 'dark', viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  await loadSample(page);
  await page.getByRole('tab', { name: 'Charts' }).click();
  const img = page.getByRole('img', { name: 'Burndown' });
  await img.waitFor();
  await page.waitForTimeout(200);
  const corner = await img.evaluate((c) => [...c.getContext('2d').getImageData(2, 2, 1, 1).data]);
  assert.ok(corner[0] + corner[1] + corner[2] < 200, `a dark background, got ${corner}`);
  await page.screenshot({ path: `${SHOTS}chart-burndown-dark-en.png` });
  assert.deepEqual(page.problems, []);
  await context.close();
});
