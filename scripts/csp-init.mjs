// Trunk writes an inline <script type="module"> that starts the wasm. The Content-Security-Policy
// (script-src 'self') forbids inline scripts, so move it to dist/init.js and reference it.
import { readFileSync, writeFileSync } from 'node:fs';
const dir = process.argv[2] || 'dist';
const path = `${dir}/index.html`;
let html = readFileSync(path, 'utf8');
const re = /<script type="module"[^>]*>([\s\S]*?)<\/script>/;
const m = html.match(re);
if (m && m[1].trim()) {
  writeFileSync(`${dir}/init.js`, m[1]);
  html = html.replace(re, '<script type="module" src="./init.js"></script>');
  writeFileSync(path, html);
  console.log('csp: moved the inline start-up script to init.js');
} else if (!html.includes('init.js')) {
  console.error('csp: no inline start-up script found in index.html');
  process.exit(1);
}
