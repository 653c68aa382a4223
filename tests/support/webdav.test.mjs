// The WebDAV test server (webdav.mjs) does what the sync tests rely on: rclone behind a CORS proxy,
// basic auth, stop/restart, a cut upload; and what rclone does with a create-only PUT.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { startWebDav } from './webdav.mjs';

const USER = 'team';
const PASS = 's3cret';
const ORIGIN = 'http://127.0.0.1:9';
const auth = (user = USER, pass = PASS) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

let dir;
let dav;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mieruka-webdav-'));
  writeFileSync(join(dir, 'existing.json'), 'first');
  dav = await startWebDav({ dir, user: USER, pass: PASS });
});
after(async () => {
  await dav?.close();
  rmSync(dir, { recursive: true, force: true });
});

const propfind = (base, headers = {}) =>
  fetch(base, { method: 'PROPFIND', headers: { Depth: '1', Authorization: auth(), ...headers } });

test('a listing through the proxy, with auth, carries CORS headers', async () => {
  const r = await propfind(dav.url, { Origin: ORIGIN });
  assert.equal(r.status, 207);
  assert.match(await r.text(), /existing\.json/);
  assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
  assert.equal(r.headers.get('access-control-allow-credentials'), 'true');
  assert.match(r.headers.get('access-control-expose-headers'), /ETag/);
  assert.ok(dav.requests.some((q) => q.method === 'PROPFIND' && q.path === '/'), JSON.stringify(dav.requests));
  // rclone itself has no CORS.
  const direct = await propfind(dav.directUrl, { Origin: ORIGIN });
  assert.equal(direct.status, 207);
  assert.equal(direct.headers.get('access-control-allow-origin'), null);
});

test('a preflight is answered by the proxy, without credentials', async () => {
  const r = await fetch(`${dav.url}p/log/`, {
    method: 'OPTIONS',
    headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'PROPFIND', 'Access-Control-Request-Headers': 'authorization, depth' },
  });
  assert.equal(r.status, 204);
  assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN);
  for (const m of ['GET', 'PUT', 'PROPFIND', 'MKCOL', 'OPTIONS']) {
    assert.match(r.headers.get('access-control-allow-methods'), new RegExp(`\\b${m}\\b`));
  }
  for (const h of ['Authorization', 'Depth', 'If-None-Match', 'Content-Type', 'Cache-Control', 'Destination', 'Overwrite']) {
    assert.match(r.headers.get('access-control-allow-headers'), new RegExp(`\\b${h}\\b`));
  }
  assert.ok(Number(r.headers.get('access-control-max-age')) > 0);
});

test('a wrong password is answered 401', async () => {
  const r = await fetch(dav.url, { method: 'PROPFIND', headers: { Depth: '1', Authorization: auth(USER, 'wrong') } });
  assert.equal(r.status, 401);
});

// !!! rclone does NOT honour `If-None-Match: *` on PUT (rclone 1.60 here; golang.org/x/net/webdav,
// which every rclone serves WebDAV with, ignores conditional headers on PUT: golang/go#44492). It
// overwrites the file and answers 201. Create-only writes are the whole design of team sync, so
// against rclone a segment CAN be overwritten (two installs under one device name, or a retry
// after a lost answer). This test records the gap; when it fails, rclone has learned
// If-None-Match: make it assert 412 instead.
test('KNOWN GAP: rclone overwrites an existing file despite If-None-Match: *', async () => {
  const r = await fetch(`${dav.url}existing.json`, {
    method: 'PUT', headers: { Authorization: auth(), 'If-None-Match': '*' }, body: 'second',
  });
  assert.equal(r.status, 201, 'rclone answers 201, not 412');
  assert.equal(readFileSync(join(dir, 'existing.json'), 'utf8'), 'second', 'and the file is overwritten');
  writeFileSync(join(dir, 'existing.json'), 'first');
});

// The create-only write that rclone does honour: the text under a temporary name, then `MOVE` with
// `Overwrite: F`, which is refused with 412 when the name exists (RFC 4918 §10.6; x/net/webdav
// also holds a lock on the destination for the request, so two moves cannot both win).
test('MOVE with Overwrite: F refuses an existing name (412) and creates a free one (201)', async () => {
  const put = (name, body) => fetch(`${dav.directUrl}${name}`, { method: 'PUT', headers: { Authorization: auth() }, body });
  const move = (from, to) => fetch(`${dav.directUrl}${from}`, {
    method: 'MOVE', headers: { Authorization: auth(), Destination: `${dav.directUrl}${to}`, Overwrite: 'F' },
  });
  assert.equal((await put('.tmp-1', 'second')).status, 201);
  assert.equal((await move('.tmp-1', 'existing.json')).status, 412);
  assert.equal(readFileSync(join(dir, 'existing.json'), 'utf8'), 'first', 'the existing file is kept');
  assert.equal((await move('.tmp-1', 'fresh.json')).status, 201);
  assert.equal(readFileSync(join(dir, 'fresh.json'), 'utf8'), 'second');
  assert.equal(existsSync(join(dir, '.tmp-1')), false);
});

test('through the proxy too: a MOVE naming the proxy as its Destination is refused on a taken name', async () => {
  const put = (name, body) => fetch(`${dav.url}${name}`, { method: 'PUT', headers: { Authorization: auth() }, body });
  const move = (from, to) => fetch(`${dav.url}${from}`, {
    method: 'MOVE', headers: { Authorization: auth(), Destination: `${dav.url}${to}`, Overwrite: 'F' },
  });
  assert.equal((await put('.tmp-2', 'third')).status, 201);
  assert.equal((await move('.tmp-2', 'existing.json')).status, 412);
  assert.equal((await move('.tmp-2', 'fresh2.json')).status, 201);
  assert.equal(readFileSync(join(dir, 'fresh2.json'), 'utf8'), 'third');
});

test('a file put into the folder behind rclone\'s back is listed at once', async () => {
  await propfind(dav.url);
  writeFileSync(join(dir, 'behind.json'), '{}');
  assert.match(await (await propfind(dav.url)).text(), /behind\.json/);
});

test('stopped, the proxy closes connections; restarted, the same folder is served', async () => {
  await dav.stop();
  await assert.rejects(propfind(dav.url), /fetch failed/);
  await assert.rejects(propfind(dav.directUrl), /fetch failed/);
  await dav.restart();
  const r = await propfind(dav.url);
  assert.equal(r.status, 207);
  assert.match(await r.text(), /existing\.json/);
});

test('a cut upload fails at the client and leaves no whole file', async () => {
  dav.cutNextUpload();
  const body = 'x'.repeat(64 * 1024);
  await assert.rejects(
    fetch(`${dav.url}cut.json`, { method: 'PUT', headers: { Authorization: auth() }, body }),
    /fetch failed/,
  );
  // rclone 1.60 leaves the part it received under the final name (half the text here): a reader
  // must refuse a short file, and a create-only writer sees the name taken.
  const left = existsSync(join(dir, 'cut.json')) ? readFileSync(join(dir, 'cut.json'), 'utf8') : '';
  assert.ok(left.length < body.length, `${left.length} bytes left`);
  // The next upload goes through.
  const r = await fetch(`${dav.url}whole.json`, { method: 'PUT', headers: { Authorization: auth() }, body });
  assert.equal(r.status, 201);
  assert.equal(readFileSync(join(dir, 'whole.json'), 'utf8'), body);
});
