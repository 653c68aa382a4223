// End to end: baselines and templates of issue 6 ("Baselines and change", "Standards"), driven as a
// Japanese PMO would: a project from the waterfall template, a baseline, a slip and an estimate
// change, the comparison, baseline bars on the Gantt, save / download / import a template, and
// everything still there after a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, cellValue, fillCell, launch, openPage, serve, wbsCell } from './helpers.mjs';

let server;
let browser;
let context;
let page;
before(async () => {
  server = await serve('/');
  browser = await launch();
  context = await browser.newContext({
    locale: 'ja-JP', timezoneId: 'Asia/Tokyo', acceptDownloads: true, viewport: { width: 1400, height: 900 },
  });
  // "Today" is Monday 20 April 2026, in the requirements phase; the clock runs on from there.
  await context.clock.install({ time: new Date('2026-04-20T09:00:00+09:00') });
  page = await openPage(context, server.url);
});
after(async () => {
  await context?.close();
  await browser?.close();
  server?.stop();
});

const WATERFALL = 'ウォーターフォール型システム開発';
const FIRST = '販売管理システム刷新';
const SECOND = '会計システム刷新';
const TEMPLATE = 'SI標準 (共有)';
// A Wednesday; 2026-04-29 (昭和の日) is a public holiday.
const START = '2026-04-01';

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

const cellTexts = async (row) => (await row.getByRole('cell').allInnerTexts()).map((s) => s.trim());
const tab = (name) => page.getByRole('tab', { name, exact: true });
const saved = () => page.getByRole('status', { name: '保存状態' }).filter({ hasText: 'すべて保存済み' }).waitFor();
const toProjects = async () => {
  await page.getByRole('link', { name: 'プロジェクト一覧' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'プロジェクト一覧' }).waitFor();
};

async function createFromTemplate(template, name, start) {
  await page.getByRole('button', { name: '新規プロジェクト' }).click();
  const form = page.getByRole('form', { name: '新規プロジェクト' });
  await form.getByLabel('ひな形', { exact: true }).selectOption({ label: template });
  await form.getByLabel('プロジェクト名').fill(name);
  await form.getByLabel('開始日', { exact: true }).fill(start);
  await form.getByRole('button', { name: '作成' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(name) }).waitFor();
  await tab('WBS').click();
  await wbsCell(page, 'タスク名 1').waitFor();
}

/** Every WBS row's title and dates ({ '1.2': { title, start, due } }): the table is virtualized,
 * so it is scrolled through from the top. */
async function wbsRows() {
  const rows = {};
  const scroller = page.locator('#wbs-scroll');
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  for (;;) {
    await page.waitForTimeout(100);
    const seen = await page.getByRole('treegrid', { name: 'WBS' }).locator('tbody tr:not(.spacer)').evaluateAll((trs) => trs.map((tr) => {
      // A cell's value: the editor's while it is open there, else the stored one; null where the
      // row has no such editable cell (a parent's dates are rolled up).
      const get = (prefix) => {
        const td = [...tr.querySelectorAll('td[data-label]')].find((c) => c.dataset.label.startsWith(`${prefix} `));
        if (!td || (td.closest('tr').classList.contains('parent') && !['title', 'assignee'].includes(td.dataset.col))) return null;
        const editor = td.querySelector('.cell-editor');
        return { label: td.dataset.label, value: editor ? editor.value : td.dataset.value };
      };
      const title = get('タスク名');
      if (!title) return null;
      const number = title.label.slice('タスク名 '.length);
      return [number, { title: title.value, start: get('開始日')?.value ?? null, due: get('期日')?.value ?? null }];
    }).filter(Boolean));
    for (const [n, r] of seen) rows[n] = r;
    const done = await scroller.evaluate((el) => {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true;
      el.scrollTop += el.clientHeight;
      return false;
    });
    if (done) break;
  }
  await scroller.evaluate((el) => { el.scrollTop = 0; });
  await page.waitForTimeout(100);
  return rows;
}

async function assertWaterfallWbs(start, firstDue) {
  const rows = await wbsRows();
  const phases = Object.keys(rows).filter((n) => !n.includes('.')).map((n) => rows[n].title);
  assert.deepEqual(phases, ['要件定義', '基本設計', '詳細設計', '製造', '単体テスト', '結合テスト', '総合テスト', '移行']);
  assert.equal(rows['1.1'].title, '現行業務・システム調査');
  assert.equal(rows['1.1'].start, start);
  assert.equal(rows['1.1'].due, firstDue);
  // Every task has a due date (milestones have only that); none is before the start.
  const leaves = Object.entries(rows).filter(([n]) => n.includes('.'));
  assert.ok(leaves.length >= 25, `the WBS lists the template's tasks (${leaves.length})`);
  for (const [n, r] of leaves) {
    assert.match(r.due ?? '', /^\d{4}-\d{2}-\d{2}$/, `${n} ${r.title} has a due date`);
    assert.ok(r.due >= start, `${n} (${r.due}) is not before the start ${start}`);
  }
  const last = leaves.map(([, r]) => r.due).sort().at(-1);
  assert.equal(rows['8.4'].title, '本番稼働');
  assert.equal(rows['8.4'].due, last, 'go-live is the last date');
  return rows;
}

test('a project from the waterfall template has its phases with dates from the start date', async () => {
  // 8 working days from Wed 1 April: 1–3, 6–10 April.
  await page.getByRole('heading', { level: 1, name: 'プロジェクト一覧' }).waitFor();
  await createFromTemplate(WATERFALL, FIRST, START);
  await assertWaterfallWbs(START, '2026-04-10');
  await page.screenshot({ path: `${SHOTS}wbs-waterfall-ja.png`, fullPage: true });
});

test('a baseline, a slip and an estimate change show in the comparison', async () => {
  await tab('設定').click();
  const panel = page.getByRole('region', { name: 'ベースライン' });
  await panel.getByRole('textbox', { name: '名前' }).fill('承認済み計画 v1');
  await panel.getByRole('button', { name: 'ベースラインを取得' }).click();
  await page.getByRole('status').filter({ hasText: 'ベースラインを取得しました。' }).waitFor();
  const row = panel.getByRole('row').filter({ hasText: '承認済み計画 v1' });
  await row.waitFor();
  const [name, , count] = await cellTexts(row);
  assert.equal(name, '承認済み計画 v1');
  assert.ok(Number(count) >= 20, `the baseline holds the tasks (${count})`);
  const compare = page.getByRole('region', { name: 'ベースラインとの比較' });
  await compare.getByText('計画はベースラインと一致しています。').waitFor();

  // 要件定義書作成 (1.2): due 24 April → 1 May, across 昭和の日: 27, 28, 30 April, 1 May = 4
  // working days (7 calendar days); estimate 120 h → 150 h.
  await tab('WBS').click();
  assert.equal(await cellValue(page, 'タスク名 1.2'), '要件定義書作成');
  assert.equal(await cellValue(page, '期日 1.2'), '2026-04-24');
  await fillCell(page, '期日 1.2', '2026-05-01');
  await fillCell(page, '予定(h) 1.2', '150');
  await saved();

  await tab('設定').click();
  const slipped = compare.getByRole('table', { name: '遅延したタスク' });
  const slipRow = slipped.getByRole('row').filter({ hasText: '要件定義書作成' });
  const slip = await cellTexts(slipRow);
  assert.equal(slip[0], '要件定義書作成');
  assert.match(slip[1], /2026.0?4.24/);
  assert.match(slip[2], /2026.0?5.0?1/);
  assert.equal(slip[3], '+4', 'the due date slipped by 4 working days');
  const estimates = compare.getByRole('table', { name: '見積の変化' });
  const est = await cellTexts(estimates.getByRole('row').filter({ hasText: '要件定義書作成' }));
  assert.deepEqual(est, ['要件定義書作成', '120', '150', '+30', '+25%']);
  const totals = compare.getByRole('table', { name: '合計' });
  const hoursRow = totals.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '見積 (h)' }) });
  const [base, now, change, pct] = await cellTexts(hoursRow);
  const num = (s) => Number(s.replace(/,/g, ''));
  assert.equal(num(now) - num(base), 30, `totals ${base} → ${now}`);
  assert.equal(change, '+30');
  assert.equal(pct, `+${Math.round((30 / num(base)) * 1000) / 10}%`);
  // Budget at the template's default rate of 6,000 per hour.
  const budgetRow = totals.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '予算' }) });
  const budget = await cellTexts(budgetRow);
  assert.equal(num(budget[1]) - num(budget[0]), 180000);
  assert.equal(budget[2], '+180,000');
  await compare.screenshot({ path: `${SHOTS}baseline-compare-ja.png` });
});

test('the chosen baseline is drawn as grey bars on the Gantt', async () => {
  const panel = page.getByRole('region', { name: 'ベースライン' });
  const row = panel.getByRole('row').filter({ hasText: '承認済み計画 v1' });
  await row.getByRole('button', { name: 'チャートの基準にする' }).click();
  await row.getByText('✓ チャートの基準').waitFor();
  await row.getByRole('button', { name: '基準から外す' }).waitFor();
  await saved();
  await tab('ガント').click();
  const timeline = page.getByRole('img', { name: 'ガントチャートのタイムライン' });
  await timeline.waitFor();
  await page.waitForTimeout(300);
  assert.ok(await canvasColours(timeline) > 8);
  await page.screenshot({ path: `${SHOTS}gantt-baseline.png` });
});

test('a project saved as a template travels as a file; a broken file is refused with its place', async () => {
  await tab('設定').click();
  const panel = page.getByRole('region', { name: 'プロジェクトテンプレート' });
  await panel.getByRole('button', { name: 'テンプレートとして保存' }).click();
  await page.getByRole('status').filter({ hasText: `テンプレートとして保存しました: ${FIRST}` }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'テンプレートファイルをダウンロード' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `${FIRST}-template.json`);
  const file = `${DOWNLOADS}${download.suggestedFilename()}`;
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.format, 'mieruka-template');
  assert.equal(json.schema_version, 1);
  assert.equal(json.template.name, FIRST);
  assert.equal(json.template.tasks[0].title, '要件定義');
  assert.ok(json.template.risks.length > 0, 'the risk checklist travels');
  // Nothing of the project's progress or people: roles only.
  assert.ok(!JSON.stringify(json).includes('"actual_hours"'), 'no actuals in a template');

  // A shared copy under another name, and a broken one.
  json.template.name = TEMPLATE;
  const good = `${DOWNLOADS}shared-template.json`;
  writeFileSync(good, JSON.stringify(json));
  const bad = structuredClone(json);
  bad.template.name = 'こわれたテンプレート';
  bad.template.tasks[3].parent = 99;
  const broken = `${DOWNLOADS}broken-template.json`;
  writeFileSync(broken, JSON.stringify(bad));

  await toProjects();
  const projects = page.getByRole('table', { name: 'プロジェクト一覧' });
  const before = await projects.getByRole('row').count();
  await page.getByLabel('テンプレートファイルを読み込む…').setInputFiles(broken);
  const alert = page.getByRole('alert').filter({ hasText: 'このテンプレートファイルは使えません:' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /template\.tasks\[3\]\.parent/);
  await page.getByLabel('テンプレートファイルを読み込む…').setInputFiles(good);
  await page.getByRole('status').filter({ hasText: `テンプレート「${TEMPLATE}」を読み込みました` }).waitFor();
  assert.equal(await projects.getByRole('row').count(), before, 'importing a template creates no project');

  await page.getByRole('button', { name: '新規プロジェクト' }).click();
  const choices = await page.getByRole('form', { name: '新規プロジェクト' }).getByLabel('ひな形', { exact: true }).locator('optgroup[label="保存したテンプレート"] option').allInnerTexts();
  assert.deepEqual(choices.sort(), [TEMPLATE, FIRST].sort(), 'the broken file was not kept');
  await page.getByRole('button', { name: 'キャンセル' }).click();
  await createFromTemplate(TEMPLATE, SECOND, '2026-06-01');
  // The template keeps the shape and the working-day offsets of the first project, with its
  // slipped 要件定義書作成 (1.2) and 150 h estimate.
  assert.equal(await cellValue(page, 'タスク名 1.2'), '要件定義書作成');
  assert.equal(await cellValue(page, '予定(h) 1.2'), '150');
  assert.equal(await cellValue(page, '開始日 1.1'), '2026-06-01');
  await saved();
});

test('after a reload the baselines, the chosen one, the templates and both projects are there', async () => {
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await toProjects();
  await page.getByRole('link', { name: SECOND }).waitFor();
  await page.getByRole('link', { name: FIRST }).click();
  await tab('設定').click();
  const row = page.getByRole('region', { name: 'ベースライン' }).getByRole('row').filter({ hasText: '承認済み計画 v1' });
  await row.getByText('✓ チャートの基準').waitFor();
  const compare = page.getByRole('region', { name: 'ベースラインとの比較' });
  assert.equal((await cellTexts(compare.getByRole('table', { name: '遅延したタスク' }).getByRole('row').filter({ hasText: '要件定義書作成' })))[3], '+4');
  await toProjects();
  await page.getByRole('button', { name: '新規プロジェクト' }).click();
  const choices = await page.getByRole('form', { name: '新規プロジェクト' }).getByLabel('ひな形', { exact: true }).locator('optgroup[label="保存したテンプレート"] option').allInnerTexts();
  assert.deepEqual(choices.sort(), [TEMPLATE, FIRST].sort());
  assert.deepEqual(page.problems, []);
});
