// Several tabs editing the same project at once: each tab sets task titles at random moments for a
// while; afterwards every tab, reloaded, must show the same WBS as storage, and each title must be
// the value of one of the last edits made to it (the latest change wins; none silently dropped for an
// older one). Usage: node tests/soak/multi-tab.mjs [tabs] [seconds]
import { mkdirSync, writeFileSync } from 'node:fs';
import { launch, openPage, serve } from '../e2e/helpers.mjs';
import { rng } from './rng.mjs';

const TASKS = 6;

async function titles(page) {
  const out = [];
  for (let i = 1; i <= TASKS; i++) out.push(await page.getByLabel(`Title of task ${i}`, { exact: true }).inputValue());
  return out;
}

export async function multiTab({ tabs = 3, seconds = 60, seed = 11, log = () => {} } = {}) {
  const server = await serve('/');
  const browser = await launch();
  const context = await browser.newContext({ locale: 'en-US' });
  const random = rng(seed);
  const result = { tabs, seconds, edits: 0, identical: false, stale: [], mismatches: [] };
  try {
    const first = await openPage(context, server.url);
    await first.getByRole('button', { name: 'New project' }).click();
    const form = first.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill('Tabs');
    await form.getByRole('button', { name: 'Create' }).click();
    await first.getByRole('heading', { level: 1, name: /Tabs/ }).waitFor();
    await first.getByRole('tab', { name: 'WBS' }).click();
    for (let i = 1; i <= TASKS; i++) {
      await first.getByRole('button', { name: 'Add task' }).click();
      await first.getByLabel(`Title of task ${i}`, { exact: true }).fill(`task ${i}`);
      await first.getByLabel(`Title of task ${i}`, { exact: true }).press('Tab');
    }
    const url = first.url();
    const saved = (p) => p.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();
    await saved(first);
    const pages = [first];
    for (let t = 1; t < tabs; t++) {
      const p = await context.newPage();
      await p.goto(url);
      await p.getByLabel(`Title of task ${TASKS}`, { exact: true }).waitFor();
      pages.push(p);
    }
    // Every edit: [task, value, time it was committed].
    const history = [];
    const until = Date.now() + seconds * 1000;
    await Promise.all(pages.map(async (p, t) => {
      let k = 0;
      while (Date.now() < until) {
        const task = 1 + Math.floor(random() * TASKS);
        const value = `tab${t + 1}-${++k}`;
        const input = p.getByLabel(`Title of task ${task}`, { exact: true });
        await input.fill(value);
        await input.press('Tab');
        history.push({ task, value, at: Date.now() });
        await p.waitForTimeout(50 + Math.floor(random() * 400));
      }
    }));
    result.edits = history.length;
    log(`${history.length} edits in ${tabs} tabs`);
    for (const [t, p] of pages.entries()) {
      await saved(p).catch(async () => {
        const state = await p.getByRole('status', { name: 'Save state' }).innerText();
        const banner = await p.getByRole('alert').allInnerTexts();
        throw new Error(`tab ${t + 1} did not finish saving: ${state} ${banner.join(' | ')}`);
      });
    }
    await pages[0].waitForTimeout(1500);
    const seen = [];
    for (const p of pages) {
      await p.reload();
      await p.getByLabel(`Title of task ${TASKS}`, { exact: true }).waitFor();
      seen.push(await titles(p));
    }
    result.identical = seen.every((s) => JSON.stringify(s) === JSON.stringify(seen[0]));
    if (!result.identical) result.mismatches = seen;
    // Each final title is one of the edits made to it in the last second of its edits (clocks of the
    // tabs and of this script differ by the time a commit takes).
    for (let i = 1; i <= TASKS; i++) {
      const edits = history.filter((h) => h.task === i);
      if (!edits.length) continue;
      const last = Math.max(...edits.map((e) => e.at));
      const recent = edits.filter((e) => e.at >= last - 1000).map((e) => e.value);
      if (!recent.includes(seen[0][i - 1])) result.stale.push({ task: i, got: seen[0][i - 1], expected: recent });
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tabs = Number(process.argv[2] || 3);
  const seconds = Number(process.argv[3] || 120);
  const r = await multiTab({ tabs, seconds, log: console.log });
  mkdirSync('target/soak', { recursive: true });
  writeFileSync('target/soak/multi-tab.json', JSON.stringify(r, null, 2));
  console.log(`multi-tab: ${r.tabs} tabs for ${r.seconds} s, ${r.edits} edits; tabs identical after reload: ${r.identical}; titles older than the last edits: ${r.stale.length}`);
  if (!r.identical || r.stale.length) {
    console.log(JSON.stringify({ stale: r.stale, mismatches: r.mismatches }));
    process.exit(1);
  }
}
