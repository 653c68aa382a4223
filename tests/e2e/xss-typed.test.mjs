// End to end: the injection strings of payloads.mjs typed through the real forms — every text
// field a user can type into — then every view, every export (status report HTML and Markdown,
// minutes Markdown, chart SVG) and a reload: nothing runs. A canary (`window.__xss`), a
// `securitypolicyviolation` listener and the page's console-error listener catch any execution.
//
// Rotation: entity j's field k gets payload (j + k) mod 100, so N entities of a type put N
// different payloads into each of its fields; single fields (project settings, your name, the
// search and filter boxes, the report's narrative) are typed N times. XSS_PAYLOADS=N (default 10,
// `make test`; 100 in `make soak`) — with 100, every field receives every payload.
//
// Links: javascript:/data:/vbscript:/file: addresses typed into long texts never become links
// (no such `a[href]` anywhere, in the page or the exported HTML); an https address does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DOWNLOADS, SHOTS, fillCell, openPage, useServerAndBrowser } from './helpers.mjs';
import { GOOD_LINK, LINK_PAYLOADS, assertInert, payloads } from './payloads.mjs';

const N = Math.max(1, Math.min(100, Number(process.env.XSS_PAYLOADS || 10)));
const P = payloads();
/** Payload for entity j, field k. */
const pay = (j, k) => P[(j + k) % P.length];
/** What every field of each type received, for the coverage check at the end. */
const typed = new Map();
const note = (field, value) => {
  if (!typed.has(field)) typed.set(field, new Set());
  for (const p of P) if (value.includes(p)) typed.get(field).add(p);
};

const env = useServerAndBrowser();

/** Nothing ran, no CSP violation, no console error, and no link other than http(s)/mailto. */
async function tab(page, name) {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

/** Fills a labelled field of `scope` and records it. */
async function put(scope, label, field, value) {
  await scope.getByLabel(label, { exact: true }).fill(value);
  note(field, value);
}

test(`injection strings typed into every field (${N} per field) stay text in every view and export`, async () => {
  const t0 = Date.now();
  const lap = (what) => console.log(`# ${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const context = await env.browser.newContext({ locale: 'en-US', acceptDownloads: true, viewport: { width: 1400, height: 900 } });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await openPage(context, env.server.url);
  page.on('dialog', (d) => d.dismiss());
  try {
    await typeEverywhere(page, context, t0, lap);
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}xss-typed-failure.png` });
    throw e;
  }
  await context.close();
});

async function typeEverywhere(page, context, t0, lap) {
  let form;

  // ---- New project form.
  await page.getByRole('button', { name: 'New project', exact: true }).click();
  form = page.getByRole('form', { name: 'New project' });
  await put(form, 'Code', 'project.code', pay(0, 0).slice(0, 50));
  await put(form, 'Project name', 'project.name', `XSS ${pay(0, 1)}`);
  await put(form, 'Manager', 'project.manager', pay(0, 2));
  await put(form, 'Description', 'project.description', `${pay(0, 3)} ${GOOD_LINK} ${LINK_PAYLOADS.join(' ')}`);
  await form.getByLabel('Start', { exact: true }).fill('2026-11-02');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('tab', { name: 'WBS', exact: true, selected: true }).waitFor();
  await assertInert(page, 'new project');
  lap('project');

  // ---- Settings: members, project fields typed N times, your name N times, baselines.
  await tab(page, 'Settings');
  const members = page.locator('section.card', { has: page.getByRole('heading', { name: 'Members', exact: true }) });
  for (let j = 0; j < N; j++) {
    await members.getByRole('button', { name: 'Add member' }).click();
    const row = members.locator('tbody tr').filter({ has: page.getByRole('button', { name: `Delete Member ${j + 1}`, exact: true }) });
    await row.waitFor();
    const role = row.getByRole('textbox', { name: 'Role', exact: true });
    await role.fill(pay(j, 1));
    await role.press('Tab');
    note('member.role', pay(j, 1));
    const name = row.getByRole('textbox', { name: 'Name', exact: true });
    await name.fill(`M${j} ${pay(j, 0)}`);
    await name.press('Tab');
    note('member.name', pay(j, 0));
    await members.getByRole('button', { name: `Delete M${j} ${pay(j, 0)}`, exact: true }).waitFor();
  }
  await assertInert(page, 'members');
  lap(`${N} members`);
  const settings = page.getByRole('form', { name: 'Project settings' });
  for (let j = 0; j < N; j++) {
    // The code takes at most 50 characters (the <iframe> payloads are longer and refused).
    await put(settings, 'Code', 'project.code', pay(j, 0).slice(0, 50));
    await put(settings, 'Project name', 'project.name', `XSS ${pay(j, 1)}`);
    await put(settings, 'Manager', 'project.manager', pay(j, 2));
    await put(settings, 'Description', 'project.description', `${pay(j, 3)} ${GOOD_LINK}`);
    // The currency takes at most 20 characters (longer is refused with a message): the payload's start.
    await settings.getByLabel('Currency', { exact: true }).fill(pay(j, 4).slice(0, 20));
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `XSS ${pay(j, 1)}` }).waitFor();
    // A template saved from the project carries its name.
    await page.getByRole('button', { name: 'Save as template' }).click();
    note('template.name', `XSS ${pay(j, 1)}`);
  }
  await settings.getByLabel('Currency', { exact: true }).fill('JPY');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  // The description's links are listed under it, the forbidden ones are not links.
  await settings.getByRole('link', { name: GOOD_LINK }).waitFor();
  await assertInert(page, 'project settings');
  const you = page.getByLabel('Recorded with every change', { exact: false });
  for (let j = 0; j < N; j++) {
    await you.fill(pay(j, 0));
    await you.press('Tab');
    note('actor', pay(j, 0));
  }
  await assertInert(page, 'your name');
  lap('settings');

  // ---- WBS: N tasks, title inline; details form: title, tags (a list: two payloads), description.
  await tab(page, 'WBS');
  for (let j = 0; j < N; j++) {
    await page.getByRole('button', { name: 'Add task', exact: true }).click();
    await fillCell(page, `Title of task ${j + 1}`, `T${j} ${pay(j, 0)}`);
    note('task.title', pay(j, 0));
    await page.getByRole('button', { name: `Details ${j + 1}`, exact: true }).click();
    const dlg = page.getByRole('dialog', { name: 'Task details' });
    await put(dlg, 'Title', 'task.title', `T${j} ${pay(j, 0)} ${pay(j, 3)}`);
    await put(dlg, 'Tags', 'task.tags', `${pay(j, 1).replaceAll(',', ' ')}, ${pay(j + 50, 1).replaceAll(',', ' ')}`);
    await put(dlg, 'Description', 'task.description', `${pay(j, 2)}\n${GOOD_LINK}`);
    await dlg.getByRole('button', { name: 'Save', exact: true }).click();
    await dlg.waitFor({ state: 'detached' });
  }
  await assertInert(page, 'WBS');
  lap(`${N} tasks`);

  // ---- Issues: title, raised by, description, resolution; the search box typed N times.
  await tab(page, 'Issues');
  for (let j = 0; j < N; j++) {
    await page.getByRole('button', { name: 'New issue', exact: true }).click();
    form = page.getByRole('form', { name: 'New issue' });
    await put(form, 'Title', 'issue.title', `I${j} ${pay(j, 0)}`);
    await put(form, 'Raised by', 'issue.raised_by', pay(j, 1));
    await put(form, 'Description', 'issue.description', `${pay(j, 2)} ${LINK_PAYLOADS[j % LINK_PAYLOADS.length]} ${GOOD_LINK}`);
    await put(form, 'Resolution', 'issue.resolution', pay(j, 3));
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }
  await page.getByRole('cell', { name: `I0 ${pay(0, 0)}`, exact: true }).waitFor();
  const search = page.getByRole('searchbox', { name: 'Search' });
  for (let j = 0; j < N; j++) {
    await search.fill(pay(j, 0));
    note('issues.search', pay(j, 0));
  }
  await search.fill('');
  await assertInert(page, 'issues');
  lap(`${N} issues`);

  // ---- Risks: title, category, description, cause, response plan, contingency plan.
  await tab(page, 'Risks');
  for (let j = 0; j < N; j++) {
    await page.getByRole('button', { name: 'New risk', exact: true }).click();
    form = page.getByRole('form', { name: 'New risk' });
    await put(form, 'Title', 'risk.title', `R${j} ${pay(j, 0)}`);
    await put(form, 'Category', 'risk.category', pay(j, 1));
    await put(form, 'Description', 'risk.description', pay(j, 2));
    await put(form, 'Cause / trigger', 'risk.cause', pay(j, 3));
    await put(form, 'Response plan', 'risk.response_plan', `${pay(j, 4)} ${LINK_PAYLOADS[j % LINK_PAYLOADS.length]} ${GOOD_LINK}`);
    await put(form, 'Contingency plan', 'risk.contingency_plan', pay(j, 5));
    await form.getByLabel('Probability (1–5)').selectOption('5');
    await form.getByLabel('Impact (1–5)').selectOption('4');
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }
  await assertInert(page, 'risks');
  lap(`${N} risks`);

  // ---- Stakeholders: name, organisation, role, contact, channel, what they receive.
  await tab(page, 'Stakeholders');
  for (let j = 0; j < N; j++) {
    await page.getByRole('button', { name: 'Add stakeholder', exact: true }).click();
    form = page.getByRole('form', { name: 'Add stakeholder' });
    await put(form, 'Name', 'stakeholder.name', `S${j} ${pay(j, 0)}`);
    await put(form, 'Organisation', 'stakeholder.organization', pay(j, 1));
    await put(form, 'Role', 'stakeholder.role', pay(j, 2));
    await put(form, 'Contact', 'stakeholder.contact', `${pay(j, 3)} mailto:pmo@example.jp`);
    await put(form, 'Channel', 'stakeholder.channel', pay(j, 4));
    await put(form, 'What they receive', 'stakeholder.communication', `${pay(j, 5)}\n${LINK_PAYLOADS[j % LINK_PAYLOADS.length]}\n${GOOD_LINK}`);
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    await form.waitFor({ state: 'detached' });
  }
  // The register's communication column links the https address, nothing else.
  await page.getByRole('link', { name: GOOD_LINK }).first().waitFor();
  await assertInert(page, 'stakeholders');
  lap(`${N} stakeholders`);

  // ---- Meetings: title, agenda, minutes, decisions; one action item each (edited once).
  await tab(page, 'Meetings');
  for (let j = 0; j < N; j++) {
    await page.getByRole('button', { name: 'New meeting', exact: true }).click();
    form = page.getByRole('form', { name: 'New meeting' });
    await put(form, 'Title', 'meeting.title', `G${j} ${pay(j, 0)}`);
    await put(form, 'Agenda', 'meeting.agenda', pay(j, 1));
    await put(form, 'Minutes', 'meeting.minutes', `${pay(j, 2)}\nTeams: ${GOOD_LINK}\n${LINK_PAYLOADS[j % LINK_PAYLOADS.length]}`);
    await put(form, 'Decisions', 'meeting.decisions', pay(j, 3));
    await form.getByRole('button', { name: 'Save', exact: true }).click();
    const meeting = page.getByRole('form', { name: 'Meeting' });
    await meeting.waitFor();
    const items = page.getByRole('region', { name: 'Action items' });
    await items.getByRole('button', { name: 'Add action item', exact: true }).click();
    const add = items.getByRole('form', { name: 'Add action item' });
    await put(add, 'Action', 'action.title', `A${j} ${pay(j, 4)}`);
    await add.getByRole('button', { name: 'Save', exact: true }).click();
    await add.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await items.getByRole('button', { name: `Edit A${j} ${pay(j, 4)}`, exact: true }).click();
    const edit = items.getByRole('form', { name: 'Edit action item' });
    await edit.getByRole('textbox', { name: 'Action', exact: true }).fill(`A${j} ${pay(j, 5)}`);
    await edit.getByRole('button', { name: 'Save', exact: true }).click();
    note('action.title', pay(j, 5));
    await items.getByRole('button', { name: `Edit A${j} ${pay(j, 5)}`, exact: true }).waitFor();
    if (j === 0) {
      // The minutes as Markdown.
      const [d] = await Promise.all([page.waitForEvent('download'), meeting.getByRole('button', { name: 'Minutes (Markdown)' }).click()]);
      const md = readFileSync(await d.path(), 'utf8');
      assert.ok(!/<script>window|<img src=x|<iframe/.test(md), 'the minutes Markdown escapes every payload');
      assert.ok(!/(^|[^\\])\]\(javascript:/im.test(md), 'no Markdown javascript: link');
      // The printed minutes link the https address only (checked on the hidden print view).
      assert.equal(await page.locator(`.minutes-doc a[href="${GOOD_LINK}"]`).count(), 1);
    }
    await meeting.getByRole('button', { name: 'Dismiss', exact: true }).click();
    await meeting.waitFor({ state: 'detached' });
  }
  await assertInert(page, 'meetings');
  lap(`${N} meetings`);

  // ---- Baselines (name).
  await tab(page, 'Settings');
  const take = page.getByRole('form', { name: 'Take baseline' });
  for (let j = 0; j < N; j++) {
    await put(take, 'Name', 'baseline.name', pay(j, 0));
    await take.getByRole('button', { name: 'Take baseline' }).click();
    await page.getByRole('region', { name: 'Baselines' }).getByRole('cell', { name: pay(j, 0), exact: true }).first().waitFor();
  }
  await assertInert(page, 'baselines');
  lap(`${N} baselines`);

  // ---- Status report: author and narrative typed N times (the draft view follows), then issued
  // with all N payloads in each narrative field.
  await tab(page, 'Status reports');
  await page.getByRole('button', { name: 'Generate draft' }).click();
  await page.locator('.report-doc').waitFor();
  const author = page.getByLabel('Author', { exact: true });
  const narrative = [['Reason', 'report.reason'], ['Decisions needed', 'report.decisions'], ["Next period's plan", 'report.next_plan'], ['Notes', 'report.notes']];
  for (let j = 0; j < N; j++) {
    await author.fill(pay(j, 0));
    note('report.author', pay(j, 0));
    for (const [k, [label, field]] of narrative.entries()) await put(page, label, field, pay(j, k + 1));
  }
  for (const [k, [label, field]] of narrative.entries()) {
    const all = Array.from({ length: N }, (_, j) => pay(j, k + 1));
    await put(page, label, field, `${all.join('\n')}\n${LINK_PAYLOADS.join('\n')}\n${GOOD_LINK}`);
  }
  // The draft shows the https address as a link that opens a new tab without an opener.
  const good = page.locator('.report-doc').getByRole('link', { name: GOOD_LINK }).first();
  await good.waitFor();
  assert.equal(await good.getAttribute('target'), '_blank');
  assert.equal(await good.getAttribute('rel'), 'noopener noreferrer');
  await assertInert(page, 'report draft');
  await page.locator('.report-doc h3', { hasText: 'Notes' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}xss-typed-report-link.png` });
  await page.getByRole('button', { name: 'Issue report' }).click();
  await assertInert(page, 'issued report');
  const hrefsOf = (html) => [...html.matchAll(/<a\s[^>]*href="([^"]*)"/gi)].map((m) => m[1]);
  {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Markdown download' }).first().click()]);
    const md = readFileSync(await d.path(), 'utf8');
    assert.ok(!/<script>window|<img src=x|<iframe|<svg onload/.test(md), 'Markdown escapes every payload');
    // `\](` is an escaped bracket (text); an unescaped `](javascript:` would be a link.
    assert.ok(!/(^|[^\\])\]\((javascript|data|vbscript):/im.test(md), 'no Markdown link with a forbidden scheme');
  }
  {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML download' }).first().click()]);
    const html = readFileSync(await d.path(), 'utf8');
    assert.ok(!/<script>window|<img src=x|<iframe|onerror="window|<svg onload/.test(html), 'HTML escapes every payload');
    const hrefs = hrefsOf(html);
    assert.ok(hrefs.includes(GOOD_LINK), 'the https address is a link in the HTML report');
    assert.deepEqual(hrefs.filter((h) => !/^(https?:\/\/|mailto:)/i.test(h)), [], 'only http(s)/mailto links in the HTML report');
    const out = `${DOWNLOADS}xss-typed-report.html`;
    writeFileSync(out, html);
    const view = await context.newPage();
    view.on('dialog', (dlg) => dlg.dismiss());
    await view.goto(`file://${out}`);
    assert.equal(await view.evaluate(() => window.__xss), undefined, 'the exported report ran a payload');
    assert.equal(await view.locator('script, iframe, [onerror], [onload]').count(), 0);
    await view.close();
  }
  lap('report');

  // ---- Every tab, the charts' SVG, the portfolio (its filter typed N times), a reload.
  for (const name of ['Dashboard', 'WBS', 'Gantt', 'Issues', 'Risks', 'Charts', 'Meetings', 'Stakeholders', 'Status reports', 'Activity', 'Settings']) {
    await tab(page, name);
    await page.waitForTimeout(200);
    await assertInert(page, name);
  }
  await tab(page, 'Charts');
  {
    const svgButton = page.getByRole('button', { name: /^Export SVG: / }).first();
    const [d] = await Promise.all([page.waitForEvent('download'), svgButton.click()]);
    const svg = readFileSync(await d.path(), 'utf8');
    assert.ok(!/<script|<iframe|onerror=|onload=/i.test(svg), 'the chart SVG holds no markup from user text');
    assert.ok(!/href="(javascript|data):/i.test(svg));
  }
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByText(`XSS ${pay(N - 1, 1)}`).first().waitFor();
  const filter = page.getByRole('searchbox', { name: 'Filter' });
  for (let j = 0; j < N; j++) {
    await filter.fill(pay(j, 0));
    note('portfolio.filter', pay(j, 0));
  }
  await filter.fill('');
  await assertInert(page, 'portfolio');
  await page.goBack();
  // The new project form lists the saved template by its (poisoned) name.
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'New project', exact: true }).click();
  assert.ok((await page.locator('option').allInnerTexts()).some((t) => t.includes(`XSS ${pay(N - 1, 1)}`)), 'the saved template is offered');
  await assertInert(page, 'new project form with templates');
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForTimeout(300);
  await assertInert(page, 'after reload');
  lap('views');

  // Coverage: each field received min(N, 100) different payloads.
  // The code is limited to 50 characters: it gets every payload that fits.
  const fits = (max) => new Set(Array.from({ length: N }, (_, j) => pay(j, 0)).filter((p) => p.length <= max)).size;
  for (const [field, seen] of typed) {
    const want = field === 'project.code' ? fits(50) : Math.min(N, 100);
    assert.ok(seen.size >= want, `${field}: ${seen.size} payloads, ${want} expected`);
  }
  console.log(`# ${typed.size} fields, ≥ ${N} payloads each, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
