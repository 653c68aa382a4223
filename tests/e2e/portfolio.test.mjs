// End to end: the portfolio of issue 6 — three projects stored, sorted, filtered and clicked
// through; the same three opened as files without storing them; a person over-allocated only
// across the three projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, openPage, useServerAndBrowser } from './helpers.mjs';

const env = useServerAndBrowser();

async function newContext(locale = 'en-US') {
  return env.browser.newContext({ locale, viewport: { width: 1500, height: 1000 } });
}

// ------------------------------------------------------------------ the three team files

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
function addDays(d, n) {
  const x = new Date(d);
  x.setDate(x.getDate() + n);
  return x;
}
const today = new Date();
today.setHours(12, 0, 0, 0);
const monday = addDays(today, -((today.getDay() + 6) % 7));
const sunday = addDays(monday, 6);
const nextMonday = addDays(monday, 7);

/** A deterministic UUID for project k, entity n. */
const uuid = (k, n) => `${pad(k)}000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * One project: Hanako Sato works 24 h next week in each (72 h against 40 h: over-allocated only
 * across projects); A has an overdue task, B an overdue high issue and a critical risk, C is calm.
 */
function project(k, code, name, manager, kind) {
  const id = uuid(k, 0);
  const hanako = uuid(k, 1);
  const pm = uuid(k, 2);
  const tasks = [
    { id: uuid(k, 10), title: `${code} build`, assignee: hanako, start: iso(nextMonday), due: iso(addDays(nextMonday, 4)),
      estimate_hours: 24, status: 'not_started' },
    { id: uuid(k, 11), title: `${code} release`, start: iso(addDays(today, 40)), due: iso(addDays(today, 40)), milestone: true },
  ];
  const issues = [{ id: uuid(k, 20), title: `${code} question due this week`, priority: 'low', due: iso(sunday), status: 'open' }];
  const risks = [{ id: uuid(k, 30), title: `${code} small risk`, probability: 2, impact: 2, status: 'open' }];
  if (kind === 'late') {
    // Done work keeps SPI green (EV ≈ PV), so the one overdue task alone makes it amber.
    tasks.push({ id: uuid(k, 13), title: `${code} analysis`, assignee: pm, start: iso(addDays(today, -30)),
      due: iso(addDays(today, -15)), estimate_hours: 100, status: 'done', percent: 100 });
    tasks.push({ id: uuid(k, 12), title: `${code} late design`, assignee: pm, start: iso(addDays(today, -20)),
      due: iso(addDays(today, -10)), estimate_hours: 8, status: 'in_progress', percent: 50 });
  }
  if (kind === 'red') {
    issues.push({ id: uuid(k, 21), title: `${code} overdue decision`, priority: 'high', due: iso(addDays(today, -3)), status: 'open' });
    risks.push({ id: uuid(k, 31), title: `${code} vendor shortage`, probability: 4, impact: 4, status: 'open' });
  }
  return {
    id, code, name, manager, status: 'active', start: iso(addDays(today, -30)), target_end: iso(addDays(today, 60)),
    members: [
      { id: hanako, name: k === 2 ? ' hanako  SATO ' : 'Hanako Sato', role: 'dev', capacity_hours_per_week: k === 2 ? 32 : 40 },
      { id: pm, name: manager, role: 'pm', capacity_hours_per_week: 40 },
    ],
    tasks, issues, risks, changes: [],
  };
}

function file(name, projects) {
  const path = `${DOWNLOADS}${name}`;
  writeFileSync(path, JSON.stringify({ format: 'mieruka', schema_version: 1, exported_at: new Date().toISOString(), app_version: '0.1.0', projects }));
  return path;
}

const FILES = [
  file('portfolio-a.json', [project(1, 'A-100', 'Alpha billing', 'Yamada', 'late')]),
  file('portfolio-b.json', [project(2, 'B-200', 'Bravo portal', 'Suzuki', 'red')]),
  file('portfolio-c.json', [project(3, 'C-300', 'Charlie data', 'Yamada', 'calm')]),
];
const BROKEN = (() => {
  const path = `${DOWNLOADS}portfolio-broken.json`;
  writeFileSync(path, '{"format": "mieruka", "schema_version": 1, "projects": [ {');
  return path;
})();

// ------------------------------------------------------------------ helpers

const table = (page) => page.getByRole('table', { name: 'Portfolio: cross-project view' });

/** The codes of the portfolio rows, top to bottom. */
async function codes(page) {
  return table(page).locator('tbody tr td:first-child').allInnerTexts();
}

async function rowOf(page, code) {
  return table(page).locator('tbody tr').filter({ hasText: code });
}

// ------------------------------------------------------------------ the journeys

test('three stored projects: rows with RAG words, sorting, filtering, click-through, cross-project views', async () => {
  const context = await newContext();
  const page = await openPage(context, env.server.url);
  for (const f of FILES) {
    await page.getByLabel('Import file…').setInputFiles(f);
  }
  for (const name of ['Alpha billing', 'Bravo portal', 'Charlie data']) {
    await page.getByRole('link', { name }).waitFor();
  }
  // From the project list to the portfolio.
  await page.getByRole('link', { name: 'Portfolio: cross-project view' }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio: cross-project view' }).waitFor();
  await table(page).waitFor();
  assert.equal(await table(page).locator('tbody tr').count(), 3);

  // RAG as words: B red (overdue high issue, critical risk), A amber (one overdue task).
  assert.match(await (await rowOf(page, 'B-200')).innerText(), /Red/);
  assert.match(await (await rowOf(page, 'B-200')).innerText(), /High-priority issues overdue: 1 · Critical risks: 1/);
  assert.match(await (await rowOf(page, 'A-100')).innerText(), /Amber/);
  assert.match(await (await rowOf(page, 'A-100')).innerText(), /Tasks past due: 1/);
  // Default order: worst first.
  assert.deepEqual(await codes(page), ['B-200', 'A-100', 'C-300']);

  // Sorting by code, then the other way.
  await table(page).getByRole('button', { name: 'Code' }).click();
  assert.deepEqual(await codes(page), ['A-100', 'B-200', 'C-300']);
  assert.equal(await table(page).locator('th[aria-sort="ascending"]').count(), 1);
  await table(page).getByRole('button', { name: 'Code' }).click();
  assert.deepEqual(await codes(page), ['C-300', 'B-200', 'A-100']);
  // Sorting by high risks (B has one).
  await table(page).getByRole('button', { name: 'High risks' }).click();
  assert.equal((await codes(page))[2], 'B-200');

  // Filtering: text, RAG, manager.
  await page.getByLabel('Filter').fill('bravo');
  assert.deepEqual(await codes(page), ['B-200']);
  await page.getByLabel('Filter').fill('');
  await page.getByLabel('Overall status').selectOption('amber');
  assert.deepEqual(await codes(page), ['A-100']);
  await page.getByLabel('Overall status').selectOption('');
  await page.getByLabel('Manager').selectOption('Yamada');
  assert.deepEqual((await codes(page)).sort(), ['A-100', 'C-300']);
  await page.getByLabel('Manager').selectOption('');

  // Cross-project views.
  const overdue = page.getByRole('table', { name: 'Overdue tasks across projects' });
  await overdue.getByRole('cell', { name: 'A-100 late design' }).waitFor();
  const risks = page.getByRole('table', { name: 'Open high and critical risks' });
  await risks.getByRole('cell', { name: 'B-200 vendor shortage' }).waitFor();
  assert.equal(await risks.locator('tbody tr').count(), 1, 'only the critical threat; small risks are left out');
  const issues = page.getByRole('table', { name: 'Issues due this week, and overdue ones' });
  assert.equal(await issues.locator('tbody tr').count(), 4, 'three due this week and one overdue');
  assert.match(await issues.locator('tbody tr').filter({ hasText: 'B-200 overdue decision' }).innerText(), /Overdue/);
  // Hanako Sato: 24 h in each project next week, matched across name spellings → over across projects.
  const load = page.getByRole('table', { name: 'Workload across projects' });
  const hanako = load.locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: 'Hanako Sato' }) });
  assert.equal(await hanako.count(), 1, 'one person, not three');
  assert.match(await hanako.innerText(), /72 \/ \d+ h\s*over across projects/i);
  assert.match(await hanako.innerText(), /A-100, B-200, C-300/);

  await page.screenshot({ path: `${SHOTS}portfolio-en.png`, fullPage: true });
  await page.getByLabel('Language').selectOption('ja');
  await page.getByRole('heading', { level: 1, name: 'ポートフォリオ (組織横断)' }).waitFor();
  await page.getByText('案件合計で超過').first().waitFor();
  await page.screenshot({ path: `${SHOTS}portfolio-ja.png`, fullPage: true });
  await page.getByLabel('言語').selectOption('en');

  // Click-through: the project name opens its dashboard; the header link comes back.
  await table(page).getByRole('link', { name: 'Bravo portal' }).click();
  await page.getByRole('tab', { name: 'Dashboard', selected: true }).waitFor();
  await page.getByRole('region', { name: 'Overall status' }).getByText('Red').waitFor();
  await page.getByRole('navigation', { name: 'Portfolio' }).getByRole('link', { name: 'Portfolio' }).click();
  await table(page).waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});

test('team files open into the portfolio without being stored; a broken one is reported; saving stores them', async () => {
  const context = await newContext();
  const page = await openPage(context, `${env.server.url}#/portfolio`);
  await page.getByText('No projects yet: create or import one').waitFor();
  await page.getByLabel('Open project files…').setInputFiles([...FILES, BROKEN]);
  await page.getByRole('alert').filter({ hasText: 'Could not open portfolio-broken.json' }).waitFor();
  await table(page).waitFor();
  assert.equal(await table(page).locator('tbody tr').count(), 3, 'the good files still open');
  await page.getByText('from files — not saved').first().waitFor();
  // A project from a file is not a link (it is not stored) and says where it comes from.
  assert.equal(await table(page).getByRole('link', { name: 'Alpha billing' }).count(), 0);
  await (await rowOf(page, 'A-100')).getByText('file', { exact: true }).waitFor();
  await page.getByRole('table', { name: 'Workload across projects' }).getByText('over across projects').waitFor();
  await page.screenshot({ path: `${SHOTS}portfolio-files-en.png`, fullPage: true });

  // Nothing was stored: after a reload the portfolio and the project list are empty.
  await page.reload();
  await page.getByText('No projects yet: create or import one').waitFor();
  await page.goto(env.server.url);
  await page.getByText('No projects yet').first().waitFor();
  assert.equal(await page.getByRole('table').count(), 0);

  // Saving when asked stores them.
  await page.goto(`${env.server.url}#/portfolio`);
  await page.getByLabel('Open project files…').setInputFiles(FILES);
  await table(page).waitFor();
  await page.getByRole('button', { name: 'Save these projects' }).click();
  await page.waitForTimeout(400);
  await page.getByText('All changes saved').waitFor();
  await page.reload();
  await table(page).waitFor();
  assert.equal(await table(page).locator('tbody tr').count(), 3);
  assert.equal(await page.getByText('from files — not saved').count(), 0);
  await table(page).getByRole('link', { name: 'Alpha billing' }).waitFor();
  assert.deepEqual(page.problems, []);
  await context.close();
});
