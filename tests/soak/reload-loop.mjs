// Edits survive reloads and closed tabs: each run makes an edit (a task title), waits 0–1000 ms
// (seeded), then reloads the page or closes the tab and opens a new one, and checks the edit is
// there. `make soak` runs 500; the test command runs a short loop (tests/e2e/edits-survive.test.mjs).
// Usage: node tests/soak/reload-loop.mjs [runs]   (prints and returns { runs, lost, … })
import { mkdirSync, writeFileSync } from 'node:fs';
import { cellValue, fillCell, launch, openPage, serve, wbsCell } from '../e2e/helpers.mjs';
import { rng } from './rng.mjs';

export async function reloadLoop({ runs = 500, seed = 20261129, log = () => {} } = {}) {
  const server = await serve('/');
  const browser = await launch();
  const context = await browser.newContext({ locale: 'en-US' });
  const random = rng(seed);
  const result = { runs, seed, lost: 0, reloads: 0, closes: 0, lostRuns: [], maxWaitMs: 1000 };
  try {
    let page = await openPage(context, server.url);
    await page.getByRole('button', { name: 'New project' }).click();
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill('Soak');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { level: 1, name: /Soak/ }).waitFor();
    await page.getByRole('tab', { name: 'WBS' }).click();
    await page.getByRole('button', { name: 'Add task' }).click();
    const projectUrl = page.url();
    const title = (p) => wbsCell(p, 'Title of task 1');
    await title(page).waitFor();
    for (let i = 1; i <= runs; i++) {
      const value = `edit ${i}`;
      await fillCell(page, 'Title of task 1', value);
      const wait = Math.floor(random() * 1001);
      await page.waitForTimeout(wait);
      if (random() < 0.5) {
        result.reloads++;
        await page.reload();
      } else {
        result.closes++;
        await page.close();
        page = await context.newPage();
        await page.goto(projectUrl);
      }
      await title(page).waitFor().catch(async (e) => {
        await page.screenshot({ path: 'tests/e2e/screenshots/reload-loop-failure.png' });
        throw new Error(`run ${i}: the WBS did not come back (${page.url()}): ${e.message}`);
      });
      const got = await cellValue(page, 'Title of task 1');
      if (got !== value) {
        result.lost++;
        result.lostRuns.push({ run: i, waitMs: wait, got });
      }
      if (i % 50 === 0) log(`${i}/${runs} runs, ${result.lost} lost`);
    }
  } finally {
    await browser.close();
    server.stop();
  }
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] || process.env.SOAK_RUNS || 500);
  const r = await reloadLoop({ runs, log: console.log });
  mkdirSync('target/soak', { recursive: true });
  writeFileSync('target/soak/reload-loop.json', JSON.stringify(r, null, 2));
  console.log(`reload/close loop: ${r.runs} runs (${r.reloads} reloads, ${r.closes} closed tabs), ${r.lost} lost edits`);
  if (r.lost > 0) {
    console.log(JSON.stringify(r.lostRuns.slice(0, 10)));
    process.exit(1);
  }
}
