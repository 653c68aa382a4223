// Several tabs editing the same project at once: each tab sets task titles at random moments for a
// while; afterwards every tab, reloaded, must show the same WBS as storage; every value typed must be
// in the stored change log (none silently dropped), and each stored title must be the value of the
// latest change to it in the order the app documents (time, then actor, then id).
// Usage: node tests/soak/multi-tab.mjs [tabs] [seconds]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cellValue, fillCell, launch, openPage, serve, storedRecords, wbsCell } from '../e2e/helpers.mjs';
import { rng } from './rng.mjs';

const TASKS = 6;

async function titles(page) {
  const out = [];
  for (let i = 1; i <= TASKS; i++) out.push(await cellValue(page, `Title of task ${i}`));
  return out;
}

export async function multiTab({ tabs = 3, seconds = 60, seed = 11, log = () => {} } = {}) {
  const server = await serve('/');
  const browser = await launch();
  const context = await browser.newContext({ locale: 'en-US' });
  const random = rng(seed);
  const result = { tabs, seconds, edits: 0, identical: false, dropped: [], notLatest: [], mismatches: [] };
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
      await fillCell(first, `Title of task ${i}`, `task ${i}`);
    }
    const url = first.url();
    const saved = (p) => p.getByRole('status', { name: 'Save state' }).filter({ hasText: 'All changes saved' }).waitFor();
    await saved(first);
    const pages = [first];
    for (let t = 1; t < tabs; t++) {
      const p = await context.newPage();
      await p.goto(url);
      await wbsCell(p, `Title of task ${TASKS}`).waitFor();
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
        await fillCell(p, `Title of task ${task}`, value);
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
    // Before any reload: every tab shows what the others stored (what another tab's save sent it,
    // read as that save's changes alone or as the whole project).
    const live = [];
    for (const p of pages) live.push(await titles(p));
    result.liveIdentical = live.every((s) => JSON.stringify(s) === JSON.stringify(live[0]));
    if (!result.liveIdentical) result.liveMismatches = live;
    result.reads = { changesOnly: 0, whole: 0 };
    for (const p of pages) {
      const r = await p.evaluate(() => [performance.getEntriesByName('mieruka:pull-changes').length, performance.getEntriesByName('mieruka:pull-whole').length]);
      result.reads.changesOnly += r[0];
      result.reads.whole += r[1];
    }
    const seen = [];
    for (const p of pages) {
      await p.reload();
      await wbsCell(p, `Title of task ${TASKS}`).waitFor();
      seen.push(await titles(p));
    }
    result.identical = seen.every((s) => JSON.stringify(s) === JSON.stringify(seen[0]));
    if (!result.identical) result.mismatches = seen;
    // The stored change log holds every value typed, and each stored title is its latest change's.
    const stores = await storedRecords(pages[0]);
    const changes = stores.changes.values.map((v) => JSON.parse(v)).flatMap((r) => (Array.isArray(r.changes) ? r.changes : [r.change])) // a segment (layout 3) or one change (layout 2)
      .filter((c) => c.entity.kind === 'task' && c.field === 'title');
    const logged = new Set(changes.map((c) => c.to));
    result.dropped = history.filter((h) => !logged.has(h.value)).map((h) => h.value);
    const later = (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.actor > b.actor) - (a.actor < b.actor) || (a.id > b.id) - (a.id < b.id);
    const latest = new Map();
    for (const c of changes) if (!latest.has(c.entity.id) || later(c, latest.get(c.entity.id)) > 0) latest.set(c.entity.id, c);
    // Entity records hold a bucket of entities (layout 3) or one (layout 2).
    const tasks = stores.entities.values.map((v) => JSON.parse(v)).filter((e) => e.kind === 'task').flatMap((e) => (Array.isArray(e.data) ? e.data : [e.data]));
    for (const t of tasks) {
      const want = latest.get(t.id)?.to;
      if (t.title !== want) result.notLatest.push({ task: t.id, stored: t.title, latest: want });
    }
    const stored = tasks.map((t) => t.title);
    if ([...seen[0]].sort().join('|') !== [...stored].sort().join('|')) result.mismatches.push({ shown: seen[0], stored });
    if (result.liveIdentical && JSON.stringify(live[0]) !== JSON.stringify(seen[0])) result.mismatches.push({ live: live[0], reloaded: seen[0] });
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
  console.log(`multi-tab: ${r.tabs} tabs for ${r.seconds} s, ${r.edits} edits; tabs identical to each other before reload: ${r.liveIdentical}; and to storage after reload: ${r.identical && !r.mismatches.length}; edits missing from the change log: ${r.dropped.length}; titles not their latest change: ${r.notLatest.length}; other tabs' saves read as their changes alone: ${r.reads.changesOnly}, as the whole project: ${r.reads.whole}`);
  if (!r.identical || !r.liveIdentical || r.mismatches.length || r.dropped.length || r.notLatest.length) {
    console.log(JSON.stringify({ dropped: r.dropped, notLatest: r.notLatest, mismatches: r.mismatches, live: r.liveMismatches }));
    process.exit(1);
  }
}
