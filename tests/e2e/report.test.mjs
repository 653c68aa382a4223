// End to end: the weekly status report (進捗報告書) of issue 6 on the sample project — generate,
// edit, issue, reload, frozen numbers after a later edit, Markdown and HTML downloads, print view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, fillCell, openPage, useServerAndBrowser } from './helpers.mjs';

const env = useServerAndBrowser();

const REASON = 'Integration tests slip | <b>watch</b>\n# not a heading';
const DECISIONS = 'Approve the `rehearsal` date <Dec 5>';

async function download(page, name) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name, exact: true }).click()]);
  const path = `${DOWNLOADS}${d.suggestedFilename()}`;
  await d.saveAs(path);
  return { name: d.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** The numbers of the report document (what must never change once issued). */
async function docText(page) {
  const doc = page.locator('.report-doc');
  await doc.waitFor();
  return doc.innerText();
}

test('generate, edit, issue, reload; the issued report stays frozen; outputs and print view', async () => {
  const context = await env.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1300, height: 900 } });
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'Load sample project' }).click();
  await page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
  await page.getByRole('tab', { name: 'Status reports' }).click();

  await page.getByRole('button', { name: 'Generate draft' }).click();
  await page.getByLabel('Reason').fill(REASON);
  await page.getByLabel('Decisions needed').fill(DECISIONS);
  const plan = await page.getByLabel("Next period's plan").inputValue();
  assert.match(plan, /^- /, 'the plan is pre-filled from the next period\'s tasks');
  const draft = await docText(page);
  assert.match(draft, /Status report: CSR-2027/);
  assert.match(draft, /Overall progress/);
  assert.match(draft, /Budget at completion \(BAC\)/);
  assert.equal(await page.locator('.report-doc canvas').count(), 2, 'burndown and EV charts');

  await page.getByRole('button', { name: 'Issue report' }).click();
  const item = page.getByRole('button', { name: /^Open report:/ });
  await item.first().waitFor();
  const issued = await docText(page);
  assert.ok(issued.includes('Integration tests slip | <b>watch</b>'), 'the reason is shown as text');
  assert.ok(issued.includes(DECISIONS));
  assert.equal(await page.locator('.report-doc b').count(), 0, 'no markup from user text');

  // Reload: listed, and shows the same text and numbers.
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.getByRole('button', { name: /^Open report:/ }).first().click();
  assert.equal(await docText(page), issued);

  // Edit a task afterwards: the issued report's numbers do not change.
  await page.getByRole('tab', { name: 'WBS' }).click();
  await fillCell(page, 'Progress % 3.1.2', '95');
  await page.waitForTimeout(300);
  await page.getByRole('tab', { name: 'Status reports' }).click();
  await page.getByRole('button', { name: /^Open report:/ }).first().click();
  assert.equal(await docText(page), issued, 'frozen after a later edit');
  // A new draft does see the edit.
  await page.getByRole('button', { name: 'New draft' }).click();
  await page.getByRole('button', { name: 'Generate draft' }).click();
  assert.notEqual(await docText(page), issued);
  await page.getByRole('button', { name: /^Open report:/ }).first().click();
  await docText(page);

  // Markdown and HTML.
  const md = await download(page, 'Markdown download');
  assert.match(md.name, /^CSR-2027-report-\d{4}-\d\d-\d\d\.md$/);
  assert.ok(md.text.startsWith('# Status report: CSR-2027'));
  assert.ok(md.text.includes('Integration tests slip \\| &lt;b&gt;watch&lt;/b&gt;  \n\\# not a heading'), md.text.slice(0, 1200));
  assert.ok(md.text.includes('Approve the \\`rehearsal\\` date &lt;Dec 5&gt;'));
  const html = await download(page, 'HTML download');
  assert.match(html.name, /\.html$/);
  assert.equal((html.text.match(/<svg/g) || []).length, 2, 'both charts inline as SVG');
  assert.ok(!/<script/i.test(html.text), 'no script in the HTML');
  assert.ok(html.text.includes('&lt;b&gt;watch&lt;/b&gt;'));
  assert.ok(!html.text.includes('<b>watch'));

  // Print view, in Japanese.
  await page.locator('.app-header').getByLabel('Language').selectOption('ja');
  await page.locator('.report-doc[lang="ja"]').waitFor();
  // A4 at 96 dpi is 794 px wide: narrow the page first so the charts redraw at that width.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await page.waitForTimeout(1000);
  assert.equal(await page.locator('.app-header').isVisible(), false, 'no app chrome in print');
  assert.equal(await page.getByRole('button', { name: '印刷 / PDF 保存' }).isVisible(), false);
  assert.ok((await docText(page)).includes('進捗報告書'));
  await page.screenshot({ path: `${SHOTS}report-print-ja.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await context.close();
});
