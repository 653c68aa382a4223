// End to end: a WBS longer than its rendered window (rows are virtualized). Adding tasks one after
// another, each new row is drawn, in view and focused; the keyboard walks the whole list; Enter in
// the middle types into the new row; scrolling up keeps the focused cell while it is drawn; a reload
// keeps every task.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, cellValue, editCell, openPage, useServerAndBrowser, wbsCell } from './helpers.mjs';

const env = useServerAndBrowser();

/** The focused element's label, whether it lies inside the scroller's visible box, and the scroll position. */
function focusState(page) {
  return page.evaluate(() => {
    const box = document.querySelector('#wbs-scroll')?.getBoundingClientRect();
    const a = document.activeElement;
    const r = a?.getBoundingClientRect();
    return {
      label: a?.getAttribute('aria-label') ?? null,
      inView: Boolean(box && r && r.top >= box.top && r.bottom <= box.bottom),
      top: document.querySelector('#wbs-scroll')?.scrollTop ?? -1,
    };
  });
}

const N = 70;

test(`a WBS of ${N} tasks typed in one after another: each new row is drawn, in view and focused`, async () => {
  const context = await env.browser.newContext({ locale: 'en-US', viewport: { width: 1400, height: 900 } });
  const page = await openPage(context, env.server.url);
  try {
    await page.getByRole('button', { name: 'New project', exact: true }).click();
    const form = page.getByRole('form', { name: 'New project' });
    await form.getByLabel('Project name').fill('Long WBS');
    await form.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('tab', { name: 'WBS', exact: true, selected: true }).waitFor();

    for (let j = 1; j <= N; j++) {
      await page.getByRole('button', { name: 'Add task', exact: true }).click();
      const title = page.getByLabel(`Title of task ${j}`, { exact: true });
      await assert.doesNotReject(title.waitFor({ timeout: 3000 }), `task ${j} is drawn`);
      await page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') === l, `Title of task ${j}`, { timeout: 3000 })
        .catch(() => {});
      const s = await focusState(page);
      assert.equal(s.label, `Title of task ${j}`, `task ${j} has the focus (scrollTop ${s.top})`);
      assert.ok(s.inView, `task ${j} is in view (scrollTop ${s.top})`);
      // Typing goes straight into the new row: its text is selected.
      await page.keyboard.type(`Step ${j}`);
      await page.keyboard.press('Tab');
    }
    // The rows are virtualized: far fewer than N are in the page.
    const drawn = await page.locator('#wbs-scroll tbody tr:not(.spacer)').count();
    assert.ok(drawn < N, `only the window is drawn (${drawn} rows of ${N})`);
    assert.equal(await page.getByRole('treegrid').getAttribute('aria-rowcount'), String(N + 1));

    // Scrolling up with the wheel keeps the focused cell focused while it is drawn.
    await editCell(page, `Title of task ${N - 5}`);
    await page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') === l, `Title of task ${N - 5}`);
    await page.locator('#wbs-scroll').hover();
    for (let k = 0; k < 3; k++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(80);
      assert.equal((await focusState(page)).label, `Title of task ${N - 5}`, `still focused after ${k + 1} wheel steps up`);
    }

    // The arrow keys walk the whole list, scrolling as they go.
    await page.evaluate(() => { document.querySelector('#wbs-scroll').scrollTop = 0; });
    await editCell(page, 'Title of task 1');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Title of task 1');
    for (let k = 0; k < N - 1; k++) await page.keyboard.press('ArrowDown');
    await page.waitForFunction((l) => document.activeElement?.getAttribute('aria-label') === l, `Title of task ${N}`);
    assert.ok((await focusState(page)).inView, 'the last task is in view after walking down');
    for (let k = 0; k < N - 1; k++) await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Title of task 1');
    assert.ok((await focusState(page)).inView, 'the first task is in view after walking up');

    // Enter in the middle adds the next sibling; what is typed lands in it.
    await page.evaluate(() => { document.querySelector('#wbs-scroll').scrollTop = 29 * 36 - 200; });
    const mid = await editCell(page, 'Title of task 30');
    await mid.press('Enter');
    await page.keyboard.type('Inserted after 30');
    await page.keyboard.press('Tab');
    assert.equal(await cellValue(page, 'Title of task 31'), 'Inserted after 30');
    assert.equal(await cellValue(page, 'Title of task 32'), 'Step 31');
    await page.screenshot({ path: `${SHOTS}wbs-long.png` });

    // A reload keeps all of them, in order.
    await page.getByText('All changes saved').waitFor();
    await page.reload();
    await page.getByRole('tab', { name: 'WBS', exact: true, selected: true }).waitFor();
    await page.evaluate(() => { document.querySelector('#wbs-scroll').scrollTop = 1e6; });
    const last = wbsCell(page, `Title of task ${N + 1}`);
    await last.waitFor();
    assert.equal(await cellValue(page, `Title of task ${N + 1}`), `Step ${N}`);

    // With 30 members the RACI matrix has 71 × 30 cells: too many to draw on every edit, so it is
    // drawn when opened; its check still covers every row.
    await page.getByRole('tab', { name: 'Settings', exact: true }).click();
    const members = page.locator('section.card', { has: page.getByRole('heading', { name: 'Members', exact: true }) });
    for (let j = 0; j < 30; j++) await members.getByRole('button', { name: 'Add member' }).click();
    await members.getByRole('button', { name: 'Delete Member 30', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Stakeholders', exact: true }).click();
    const raci = page.getByRole('region', { name: 'RACI matrix' });
    await raci.getByRole('status').waitFor();
    assert.match(await raci.getByRole('status').innerText(), /^71 of 71 deliverables need attention\.$/);
    assert.equal(await raci.getByRole('combobox').count(), 0, 'the large matrix is not drawn until opened');
    await raci.getByRole('button', { name: `Show the matrix (${(N + 1) * 30} cells)` }).click();
    await raci.getByRole('combobox', { name: `Step ${N} — Member 30 role`, exact: true }).waitFor();
    assert.equal(await raci.getByRole('combobox').count(), (N + 1) * 30);
    await raci.getByRole('button', { name: 'Hide the matrix' }).click();
    await raci.getByRole('combobox').first().waitFor({ state: 'detached' });
    assert.deepEqual(page.problems, []);
  } catch (e) {
    await page.screenshot({ path: `${SHOTS}wbs-long-failure.png` });
    throw e;
  } finally {
    await context.close();
  }
});
