// Collects the native (criterion) and browser figures into bench/results.json and prints one table.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url).pathname;
const outDir = process.env.MIERUKA_BENCH_OUT || `${root}bench`;
const out = { native: [], browser: null };
const crit = `${root}target/criterion`;
if (existsSync(crit)) {
  for (const group of readdirSync(crit)) {
    const gdir = `${crit}/${group}`;
    if (!existsSync(gdir) || group === 'report') continue;
    for (const bench of readdirSync(gdir)) {
      const f = `${gdir}/${bench}/new/estimates.json`;
      const meta = `${gdir}/${bench}/new/benchmark.json`;
      if (!existsSync(f) || !existsSync(meta)) continue;
      const e = JSON.parse(readFileSync(f, 'utf8'));
      const m = JSON.parse(readFileSync(meta, 'utf8'));
      out.native.push({ group: m.group_id, name: m.function_id, median_ms: e.median.point_estimate / 1e6, mean_ms: e.mean.point_estimate / 1e6 });
    }
  }
}
const bfile = `${outDir}/browser-results.json`;
if (existsSync(bfile)) out.browser = JSON.parse(readFileSync(bfile, 'utf8'));
writeFileSync(`${outDir}/results.json`, JSON.stringify(out, null, 2));

const pad = (s, n) => String(s).padEnd(n);
const num = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));
console.log(`\nMieruka benchmarks${out.browser ? ` — ${out.browser.machine}` : ''}\n`);
console.log(`${pad('native (criterion)', 58)}${pad('median', 12)}`);
const ref = {};
for (const r of out.native) if (r.name.includes('reference')) ref[r.group] = r.median_ms;
for (const r of out.native.sort((a, b) => a.group.localeCompare(b.group, 'en', { numeric: true }) || a.name.localeCompare(b.name))) {
  const ratio = r.name.startsWith('JSON parse + validate') && ref[r.group] ? ` ×${(r.median_ms / ref[r.group]).toFixed(1)} of serde_json parse` : '';
  console.log(`${pad(`${r.group}: ${r.name}`, 58)}${pad(`${num(r.median_ms)} ms`, 12)}${ratio}`);
}
if (out.browser) {
  console.log(`\n${pad('browser (headless Chromium)', 64)}${pad('median', 12)}${pad('p95', 10)}${pad('reference', 14)}${pad('ratio', 8)}target`);
  for (const f of out.browser.figures) {
    console.log(`${pad(f.name, 64)}${pad(`${num(f.median)} ${f.unit}`, 12)}${pad(num(f.p95), 10)}${pad(f.reference == null ? '' : num(f.reference), 14)}${pad(f.ratio == null ? '' : `×${f.ratio.toFixed(2)}`, 8)}${f.target || f.note || ''}`);
  }
}
console.log(`\nwritten: ${outDir}/results.json`);
