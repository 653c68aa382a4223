// End to end: the weekly meeting and the stakeholder side of issue 6 on the sample project —
// a meeting whose agenda carries the open actions over, an action item that becomes a WBS task,
// the minutes as Markdown, a new stakeholder on the power/interest grid and a RACI check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, openPage, useServerAndBrowser } from './helpers.mjs';

const env = useServerAndBrowser();

async function canvasColours(locator) {
  return locator.evaluate((c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
}

/** Whether the page shows `text`, as text or as the value of an input (the WBS edits titles in place). */
async function shows(page, text) {
  return page.evaluate((t) => document.body.innerText.includes(t)
    || [...document.querySelectorAll('input, textarea')].some((i) => i.value.includes(t)), text);
}

const ACTION = 'Prepare the migration rehearsal plan';
const MEETING = 'Weekly meeting (e2e)';
const PERSON = 'Ichiro Watanabe';

test('a meeting carries the open actions over, an action becomes a task, minutes export; stakeholders, grid and RACI', async () => {
  const context = await env.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  await page.getByRole('button', { name: 'Load sample project' }).click();
  await page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();

  // The last meeting's open action items.
  await page.getByRole('tab', { name: 'Meetings' }).click();
  const list = page.getByRole('table', { name: 'Meetings' });
  await list.waitFor();
  await list.getByRole('button', { name: /^Open / }).first().click();
  const items = page.getByRole('region', { name: 'Action items' });
  await items.waitFor();
  const open = await items.locator('tbody tr').evaluateAll((rows) => rows
    .filter((r) => !r.querySelector('input[type=checkbox]').checked && !r.classList.contains('done'))
    .map((r) => r.children[1].innerText.trim()));
  assert.ok(open.length > 0, 'the sample has open action items in its last meeting');

  // A new meeting: dated by the cadence, the open actions in its agenda.
  await page.getByRole('button', { name: 'New meeting' }).click();
  const form = page.getByRole('form', { name: 'New meeting' });
  await form.waitFor();
  const agenda = await form.getByLabel('Agenda', { exact: true }).inputValue();
  for (const t of open) assert.ok(agenda.includes(`- ${t}`), `the agenda lists "${t}":\n${agenda}`);
  const date = await form.getByLabel('Date', { exact: true }).inputValue();
  assert.match(date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(new Date(`${date}T00:00:00Z`).getUTCDay(), 2, 'the sample meets on Tuesdays');
  await form.getByLabel('Title', { exact: true }).fill(MEETING);
  await form.getByLabel('Minutes', { exact: true }).fill('Agreed on plan A.\n- cut-over on a weekend');
  await form.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('form', { name: 'Meeting' }).waitFor();

  // An action item with owner and due date; the form stays open, empty, for the next one.
  await items.getByRole('button', { name: 'Add action item' }).click();
  const add = items.getByRole('form', { name: 'Add action item' });
  await add.getByLabel('Action', { exact: true }).fill(ACTION);
  await add.getByRole('combobox', { name: 'Owner' }).selectOption({ index: 1 });
  await add.getByLabel('Due', { exact: true }).fill('2030-05-07');
  await add.getByRole('button', { name: 'Save' }).click();
  const row = items.getByRole('row').filter({ hasText: ACTION });
  await row.waitFor();
  assert.equal(await add.getByLabel('Action', { exact: true }).inputValue(), '', 'the form is ready for the next item');
  await add.getByRole('button', { name: 'Dismiss' }).click();
  await add.waitFor({ state: 'detached' });

  // Opened again, it becomes a task under the first phase.
  await row.getByRole('button', { name: `Edit ${ACTION}` }).click();
  const edit = items.getByRole('form', { name: 'Edit action item' });
  await edit.getByRole('combobox', { name: `Under: ${ACTION}` }).selectOption({ index: 1 });
  const phase = await edit.getByRole('combobox', { name: `Under: ${ACTION}` }).evaluate((s) => s.options[1].text);
  await edit.getByRole('button', { name: `Make task: ${ACTION}` }).click();
  const link = row.getByRole('link', { name: new RegExp(`^Task \\d+\\.\\d+ ${ACTION}`) });
  await link.waitFor();
  assert.equal(await edit.getByRole('button', { name: `Make task: ${ACTION}` }).count(), 0, 'no second task');
  assert.equal(await edit.getByRole('button', { name: `Make issue: ${ACTION}` }).count(), 1, 'it can still become an issue');

  // Ticked off in its row, it is done, and the form saved after does not undo it.
  await row.getByRole('checkbox', { name: `Done: ${ACTION}` }).check();
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'detached' });
  assert.ok(await row.getByRole('checkbox', { name: `Done: ${ACTION}` }).isChecked(), 'done stays done');

  // The register exports what it shows.
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    items.getByRole('button', { name: 'Export as CSV' }).click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffDone,Action,Owner,Due,Became'), text.slice(0, 80));
  assert.ok(text.includes(ACTION) && /2030.05.07|May 7, 2030/.test(text), text);
  await page.screenshot({ path: `${SHOTS}meetings-en.png`, fullPage: true });

  // The task is in the WBS under that phase.
  await link.click();
  await page.getByRole('tab', { name: 'WBS', selected: true }).waitFor();
  await page.waitForTimeout(300);
  assert.ok(await shows(page, ACTION), 'the task is in the WBS');
  assert.ok(await shows(page, phase));

  // Everything is kept over a reload.
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.getByRole('tab', { name: 'Meetings' }).click();
  await page.getByRole('button', { name: `Open ${MEETING}` }).click();
  const kept = page.getByRole('region', { name: 'Action items' }).getByRole('row').filter({ hasText: ACTION });
  await kept.getByRole('link', { name: new RegExp(`^Task \\d+\\.\\d+ ${ACTION}`) }).waitFor();
  assert.ok((await page.getByRole('form', { name: 'Meeting' }).getByLabel('Agenda').inputValue()).includes(open[0]));

  // Minutes as Markdown.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Minutes (Markdown)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /-minutes-\d{4}-\d{2}-\d{2}\.md$/);
  const file = `${DOWNLOADS}${download.suggestedFilename()}`;
  await download.saveAs(file);
  const md = readFileSync(file, 'utf8');
  // Parentheses stay as typed (chat tools show a backslash as is); brackets are escaped.
  assert.ok(md.startsWith(`# Minutes: Weekly meeting (e2e)`), md.slice(0, 80));
  assert.ok(md.includes('## Action items') && md.includes(ACTION) && md.includes('→ task'), md);
  assert.ok(md.includes('- cut-over on a weekend'), 'list lines stay lists');

  // Japanese screenshot of the meeting.
  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('region', { name: 'アクションアイテム' }).waitFor();
  await page.screenshot({ path: `${SHOTS}meetings-ja.png`, fullPage: true });
  // The print view shows only the minutes.
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${SHOTS}meetings-print-ja.png`, fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('言語').selectOption('en');

  // Stakeholders: add one, see it on the grid and in its text alternative.
  await page.getByRole('tab', { name: 'Stakeholders' }).click();
  await page.getByRole('button', { name: 'Add stakeholder' }).click();
  const sf = page.getByRole('form', { name: 'Add stakeholder' });
  await sf.getByLabel('Name', { exact: true }).fill(PERSON);
  await sf.getByLabel('Organisation').fill('Minato Foods, logistics');
  await sf.getByLabel('Influence (1–5)').selectOption('5');
  await sf.getByLabel('Interest (1–5)').selectOption('2');
  await sf.getByLabel('Engagement now').selectOption('resistant');
  await sf.getByRole('button', { name: 'Save' }).click();
  const reg = page.getByRole('table', { name: 'Stakeholders' });
  const srow = reg.getByRole('row').filter({ hasText: PERSON });
  await srow.waitFor();
  assert.match(await srow.innerText(), /Keep satisfied/);
  assert.match(await srow.innerText(), /Resistant → Supportive\s+2 step\(s\) to go/);
  const grid = page.getByRole('img', { name: /^Power\/interest grid/ });
  await grid.waitFor();
  await page.waitForTimeout(300);
  assert.ok(await canvasColours(grid) > 8, 'the grid is drawn');
  assert.match(await grid.getAttribute('aria-label'), new RegExp(`Keep satisfied: [^;]*${PERSON}`));
  const alt = await page.getByRole('list', { name: 'Stakeholders by approach' }).innerText();
  assert.match(alt, new RegExp(`Keep satisfied: .*${PERSON}`));

  // RACI: a second A on the first deliverable is named on its row and counted.
  const raci = page.getByRole('region', { name: 'RACI matrix' });
  await raci.waitFor();
  assert.match(await raci.getByRole('status').innerText(), /Every deliverable has exactly one A/);
  const first = (await raci.locator('tbody th[scope=row]').first().innerText()).trim();
  await raci.getByRole('combobox', { name: `${first} — ${PERSON} role` }).selectOption('A');
  await raci.getByRole('row').filter({ hasText: first }).getByText("2 A's").waitFor();
  assert.match(await raci.getByRole('status').innerText(), /^1 of \d+ deliverables need attention\.$/);
  await page.screenshot({ path: `${SHOTS}stakeholders-en.png`, fullPage: true });
  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('region', { name: 'RACI マトリクス (責任分担表)' }).getByText('A が 2 名').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}stakeholders-ja.png`, fullPage: true });
  assert.deepEqual(page.problems, []);
  await context.close();
});
