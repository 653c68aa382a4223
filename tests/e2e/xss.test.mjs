// End to end: 100 script-injection strings in every text field of a project (through JSON import and
// CSV import) are shown in every view and every export as text — nothing runs. A canary
// (`window.__xss`) and the page's CSP-violation / console-error listener catch any execution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, openPage, useServerAndBrowser, wbsTitles } from './helpers.mjs';
import { assertInert, payloads } from './payloads.mjs';

const FIXTURE = new URL('../../crates/core/tests/fixtures/v2-sample.json', import.meta.url).pathname;

function poisoned() {
  const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'));
  const list = payloads();
  let k = 0;
  const one = () => list[k++ % list.length];
  // Long text fields take three payloads each, so all 100 are in the project at least once.
  const next = () => `${one()} ${one()} ${one()}`;
  const p = doc.projects[0];
  p.name = `XSS ${one()}`;
  p.description = next();
  p.manager = next();
  p.code = `C-${one()}`;
  for (const m of p.members) { m.name = `${m.name} ${one()}`; m.role = next(); }
  for (const t of p.tasks) { t.title = `${t.title} ${one()}`; t.description = next(); t.tags = [one()]; }
  for (const i of p.issues) { i.title = `${i.title} ${one()}`; i.description = next(); i.resolution = next(); i.raised_by = next(); }
  for (const r of p.risks) { r.title = `${r.title} ${one()}`; r.description = next(); r.cause = next(); r.response_plan = next(); r.contingency_plan = next(); r.category = next(); }
  for (const s of p.stakeholders) { s.name = `${s.name} ${one()}`; s.organization = next(); s.role = next(); s.contact = next(); s.communication = next(); s.channel = next(); }
  for (const m of p.meetings) { m.title = `${m.title} ${one()}`; m.agenda = next(); m.minutes = next(); m.decisions = next(); }
  for (const a of p.action_items) a.title = `${a.title} ${one()}`;
  for (const b of p.baselines) b.name = next();
  for (const m of p.members) m.role = `${m.role} ${one()}`;
  assert.ok(k >= 100, `every payload used (${k} fields)`);
  return doc;
}

const env = useServerAndBrowser();


test('100 injection strings in every field are shown as text in every view and export, never run', async () => {
  const context = await env.browser.newContext({ locale: 'ja-JP', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  const file = `${DOWNLOADS}xss-project.json`;
  writeFileSync(file, JSON.stringify(poisoned()));
  await page.getByLabel('ファイルをインポート…', { exact: true }).setInputFiles(file);
  const link = page.getByRole('link', { name: /^XSS / });
  await link.waitFor();
  await assertInert(page, 'project list');
  await link.click();
  await page.getByRole('heading', { level: 1, name: /<script>window.__xss=1<\/script>/ }).waitFor();
  const tabs = ['ダッシュボード', 'WBS', 'ガント', '課題管理表', 'リスク管理表', 'グラフ', '会議', '関係者', '進捗報告', '変更履歴', '設定'];
  for (const name of tabs) {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
    await page.waitForTimeout(250);
    await assertInert(page, name);
  }
  // Payloads are on screen as text.
  await page.getByRole('tab', { name: '課題管理表', exact: true }).click();
  await page.getByText(/window\.__xss=\d/).first().waitFor();
  // Open a meeting and its minutes.
  await page.getByRole('tab', { name: '会議', exact: true }).click();
  await page.getByRole('button', { name: /編集|開く/ }).first().click().catch(() => {});
  await page.waitForTimeout(300);
  await assertInert(page, 'meeting');
  // The status report: draft, Markdown and HTML downloads escape every payload.
  await page.getByRole('tab', { name: '進捗報告', exact: true }).click();
  await page.getByRole('button', { name: '下書きを作成' }).click();
  await page.waitForTimeout(300);
  await assertInert(page, 'report draft');
  await page.locator('.report-doc').waitFor();
  await page.getByLabel('理由', { exact: true }).fill(payloads().slice(0, 10).join(' '));
  await page.getByRole('button', { name: '報告書を発行' }).click();
  await assertInert(page, 'issued report');
  const md = page.getByRole('button', { name: 'Markdown をダウンロード' }).first();
  await md.waitFor();
  {
    const [d] = await Promise.all([page.waitForEvent('download'), md.click()]);
    const text = readFileSync(await d.path(), 'utf8');
    assert.ok(!/<script>window/.test(text), 'Markdown escapes <script>');
  }
  const html = page.getByRole('button', { name: 'HTML をダウンロード' }).first();
  await html.waitFor();
  {
    const [d] = await Promise.all([page.waitForEvent('download'), html.click()]);
    const text = readFileSync(await d.path(), 'utf8');
    assert.ok(!/<script>window|<img src=x|<iframe|onerror="window/.test(text), 'HTML escapes every payload');
    assert.match(text, /&lt;script&gt;window.__xss=/);
    // Opened as a page (file written next to the downloads), the report runs nothing either.
    const out = `${DOWNLOADS}xss-report.html`;
    writeFileSync(out, text);
    const view = await context.newPage();
    view.on('dialog', (dlg) => dlg.dismiss());
    await view.goto(`file://${out}`);
    assert.equal(await view.evaluate(() => window.__xss), undefined, 'the exported report ran a payload');
    await view.close();
  }
  await assertInert(page, 'report');
  // The portfolio lists the project by its poisoned name.
  await page.getByRole('link', { name: 'ポートフォリオ', exact: true }).click();
  await page.getByText(/XSS <script>/).first().waitFor();
  await assertInert(page, 'portfolio');
  await page.screenshot({ path: `${SHOTS}xss-portfolio.png` });
  // Reloaded, still inert.
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await assertInert(page, 'after reload');
  await context.close();
});

test('the same strings through a CSV import stay text', async () => {
  const context = await env.browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  const rows = payloads().map((p, i) => `T-${i + 1},"${p.replaceAll('"', '""')}","${p.replaceAll('"', '""')}",2026/04/01,2026/04/10`);
  const file = `${DOWNLOADS}xss.csv`;
  writeFileSync(file, `Key,Summary,Description,Start,Due\n${rows.join('\n')}\n`);
  await page.getByLabel('Import file…').setInputFiles(file);
  const wizard = page.getByRole('dialog', { name: 'Import from another tool' });
  await wizard.waitFor();
  await assertInert(page, 'import preview');
  await wizard.getByRole('button', { name: /^Import/ }).last().click();
  await page.getByRole('tab', { name: 'WBS' }).click().catch(() => {});
  await page.getByRole('treegrid').waitFor();
  await assertInert(page, 'WBS of the CSV import');
  const titles = await wbsTitles(page);
  assert.ok(titles.some((t) => t.startsWith('<script>window.__xss=')), 'payloads kept as titles');
  await context.close();
});
