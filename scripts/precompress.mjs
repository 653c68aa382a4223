// Writes FILE.br and FILE.gz next to every compressible file of dist/ (brotli at its best quality,
// gzip -9), for static hosts that serve precompressed files (nginx gzip_static / brotli_static,
// Caddy precompressed, Netlify, `make serve`). Run after sw-build.mjs: sw.js is compressed too.
// Usage: node scripts/precompress.mjs [dist]
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';

const dir = process.argv[2] || 'dist';
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json', '.webmanifest']);
let raw = 0, br = 0, gz = 0, n = 0;
(function walk(d) {
  for (const name of readdirSync(d)) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) { walk(p); continue; }
    if (!COMPRESSIBLE.has(extname(name))) continue;
    const bytes = readFileSync(p);
    const b = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    const g = gzipSync(bytes, { level: 9 });
    writeFileSync(`${p}.br`, b);
    writeFileSync(`${p}.gz`, g);
    raw += bytes.length; br += b.length; gz += g.length; n += 1;
  }
})(dir);
console.log(`precompress: ${n} files, ${(raw / 1024).toFixed(0)} KB raw → ${(br / 1024).toFixed(0)} KB brotli, ${(gz / 1024).toFixed(0)} KB gzip`);
