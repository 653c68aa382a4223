// A tiny static file server for dist/ on 127.0.0.1 (no dependencies). It serves the .br / .gz
// files written by precompress.mjs when the browser accepts them, lets the browser keep files
// whose names carry Trunk's content hash, and answers a revalidation of the others with 304 —
// as a well-configured static host does, so a first visit fetches each byte once.
// Usage: node scripts/serve.mjs [dir] [port] [base-path] [refused]
// `refused`: a regular expression of file names answered 404, as a host that lacks them would
// (the tests of a browser where the import worker cannot start).
import { createServer } from 'node:http';
import { appendFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, extname, join, normalize } from 'node:path';

const dir = process.argv[2] || 'dist';
const port = Number(process.argv[3] || 8080);
const base = (process.argv[4] || '/').replace(/\/?$/, '/');
const refused = process.argv[5] ? new RegExp(process.argv[5]) : null;
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.webmanifest': 'application/manifest+json', '.ico': 'image/x-icon',
};

// With MIERUKA_SERVE_LOG set, each response's status, body bytes and path are appended to that file
// (the benchmark counts what a first visit fetches).
const LOG = process.env.MIERUKA_SERVE_LOG;
const logged = (res, status, bytes, path) => { if (LOG) appendFileSync(LOG, `${status} ${bytes} ${path}\n`); };

const server = createServer(async (req, res) => {
  try {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(base)) { res.writeHead(404); res.end('not found'); return; }
    path = path.slice(base.length - 1);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) { res.writeHead(403); res.end(); return; }
    const s = refused?.test(basename(file)) ? null : await stat(file).catch(() => null);
    if (!s || !s.isFile()) { res.writeHead(404); res.end('not found'); return; }
    const accepts = String(req.headers['accept-encoding'] || '');
    let body = null;
    let encoding = null;
    for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']]) {
      if (!accepts.includes(enc)) continue;
      // Only a compressed copy at least as new as the file (a file changed after the build, as
      // the update test does to sw.js, is served as it is now).
      const c = await stat(file + ext).catch(() => null);
      if (!c || c.mtimeMs < s.mtimeMs) continue;
      body = await readFile(file + ext).catch(() => null);
      if (body) { encoding = enc; break; }
    }
    body ??= await readFile(file);
    // Trunk names built files name-<16+ hex digits>.ext: such a name never changes content.
    const hashed = /-[0-9a-f]{16,}(_bg)?\.[a-z]+$/.test(basename(file));
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}${encoding ? `-${encoding}` : ''}"`;
    const headers = {
      'content-type': types[extname(file)] || 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag,
      vary: 'accept-encoding',
    };
    if (encoding) headers['content-encoding'] = encoding;
    if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); logged(res, 304, 0, path); return; }
    res.writeHead(200, headers);
    res.end(body);
    logged(res, 200, body.length, path);
  } catch (e) {
    res.writeHead(500); res.end(String(e));
  }
});
server.listen(port, '127.0.0.1', () => console.log(`Mieruka: http://127.0.0.1:${port}${base}`));
