// The injection strings of the XSS end-to-end tests (xss.test.mjs through import,
// xss-typed.test.mjs through the forms): each sets `window.__xss` if it ever runs.
import assert from 'node:assert/strict';

/** 100 payloads: 10 shapes × 10 numbers. */
export function payloads() {
  const shapes = [
    (n) => `<script>window.__xss=${n}</script>`,
    (n) => `<img src=x onerror="window.__xss=${n}">`,
    (n) => `"><svg onload=window.__xss=${n}>`,
    (n) => `javascript:window.__xss=${n}`,
    (n) => `</textarea><script>window.__xss=${n}</script>`,
    (n) => `' onmouseover='window.__xss=${n}' x='`,
    (n) => `<a href="javascript:window.__xss=${n}">link ${n}</a>`,
    (n) => `[click ${n}](javascript:window.__xss=${n})`,
    (n) => `<iframe srcdoc="<script>parent.__xss=${n}</script>"></iframe>`,
    (n) => `=cmd|' /C calc'!A${n} <style>*{display:none}</style>`,
  ];
  const out = [];
  for (let n = 1; n <= 10; n++) for (const s of shapes) out.push(s(n));
  return out;
}

/** Addresses that must never become links however they are spelled, typed where links are shown. */
export const LINK_PAYLOADS = [
  'javascript:window.__xss=201',
  'JaVaScRiPt:window.__xss=202',
  'java\tscript:window.__xss=203',
  ' javascript:window.__xss=204',
  '&#106;avascript:window.__xss=205',
  'data:text/html,<script>parent.__xss=206</script>',
  'vbscript:msgbox(207)',
  'file:///etc/passwd',
];

/** The one address that must become a link. */
export const GOOD_LINK = 'https://jira.example.com/browse/XSS-1';

/**
 * Fails unless the page shows no sign of a payload: none ran (`window.__xss`), no CSP violation
 * (`window.__csp`, when the test listens) or console error, no link with a scheme other than
 * http/https/mailto, no element or handler attribute made from user text.
 */
export async function assertInert(page, where) {
  const state = await page.evaluate(() => {
    const bad = [...document.querySelectorAll('a[href]')]
      .filter((a) => !['http:', 'https:', 'mailto:'].includes(new URL(a.href, location.href).protocol))
      .map((a) => a.getAttribute('href'));
    const sel = ['javascript:', 'data:', 'vbscript:', 'file:']
      .map((s) => `a[href^="${s}" i], a[href*="script:" i]`).join(', ');
    return {
      xss: window.__xss,
      csp: window.__csp || [],
      bad: bad.concat([...document.querySelectorAll(sel)].map((a) => a.getAttribute('href'))),
      injected: document.body.querySelectorAll('script, iframe, object, embed, [onerror], [onload], [onmouseover], [srcdoc]').length,
    };
  });
  assert.equal(state.xss, undefined, `a payload ran (${where})`);
  assert.deepEqual(state.csp, [], `CSP violations (${where})`);
  assert.deepEqual(state.bad, [], `links with a forbidden scheme (${where})`);
  assert.equal(state.injected, 0, `user text became elements (${where})`);
  assert.deepEqual(page.problems, [], `console errors or CSP violations (${where})`);
}
