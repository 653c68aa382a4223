// A real WebDAV server for tests: `rclone serve webdav` on a folder, behind a small Node reverse
// proxy that adds CORS (so a page on another origin can sync with it) and can misbehave on demand
// (server stopped, connection cut mid-upload). Used by the CLI's twin tests in JS
// (webdav.test.mjs), and by the browser's end-to-end tests and soak runs.
//
//   const dav = await startWebDav({ dir, user: 'u', pass: 'p' });
//   dav.url        the proxy, with CORS: what the app is given (http://127.0.0.1:PORT/)
//   dav.directUrl  rclone itself, without CORS (http://127.0.0.1:PORT/)
//   await dav.stop()     rclone stops; the proxy closes every connection (the client sees "unreachable")
//   await dav.restart()  rclone again, same port, same folder
//   dav.cutNextUpload()  the next PUT is forwarded in part, then both sockets are destroyed
//   dav.requests         [{ method, path }] of every request the proxy received
//   await dav.close()    everything stopped, ports freed
//
// rclone (1.60 at least) does NOT honour `If-None-Match: *` on PUT: it overwrites the file and
// answers 201 (golang.org/x/net/webdav's PUT ignores conditional headers). `MOVE` with
// `Overwrite: F` is refused with 412 when the destination exists. webdav.test.mjs records both.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { createServer } from 'node:net';

const NOT_INSTALLED = 'rclone is not installed: run scripts/setup.sh test';

// What a team's TLS proxy in front of rclone adds so that the app (served from another origin)
// may call it: rclone has no CORS option. The README shows the same as an nginx / Caddy snippet.
const ALLOW_METHODS = 'GET, PUT, PROPFIND, MKCOL, MOVE, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Authorization, Depth, If-None-Match, Content-Type, Cache-Control, Destination, Overwrite';
const MAX_AGE = '600';

/** A free TCP port on 127.0.0.1 (rclone needs one named; the proxy listens on port 0 itself). */
async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function cors(origin) {
  if (!origin) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': 'ETag',
    vary: 'Origin',
  };
}

/** Resolves once rclone answers anything on `port` (or rejects when it exits or 10 s pass). */
async function answering(port, proc, log) {
  const deadline = Date.now() + 10_000;
  let exited = null;
  proc.once('exit', (code) => { exited = code; });
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`rclone exited ${exited}: ${log().trim()}`);
    const ok = await new Promise((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'OPTIONS', path: '/' }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`rclone did not answer on port ${port} within 10 s: ${log().trim()}`);
}

function spawnRclone(dir, port, user, pass) {
  // --dir-cache-time 0s: a file a test puts into `dir` itself is listed at once (rclone keeps a
  // folder's listing for 5 minutes by default, so files added behind its back stay unseen).
  const args = ['serve', 'webdav', dir, '--addr', `127.0.0.1:${port}`, '--user', user, '--pass', pass, '--dir-cache-time', '0s'];
  const proc = spawn('rclone', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-2000); });
  return { proc, log: () => stderr };
}

async function kill(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise((resolve) => {
    proc.once('exit', resolve);
    proc.kill('SIGTERM');
  });
}

/**
 * Starts rclone on `dir` with basic auth `user`/`pass`, and the CORS proxy in front of it.
 * Throws "rclone is not installed: run scripts/setup.sh test" when rclone is missing.
 */
export async function startWebDav({ dir, user, pass }) {
  const probe = spawnSync('rclone', ['version'], { stdio: 'ignore' });
  if (probe.error) throw new Error(NOT_INSTALLED);

  const port = await freePort();
  let rclone = spawnRclone(dir, port, user, pass);
  await answering(port, rclone.proc, rclone.log);

  let stopped = false;
  let cut = false;
  const requests = [];
  const sockets = new Set();

  const proxy = http.createServer((req, res) => {
    requests.push({ method: req.method, path: req.url });
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS' && origin && req.headers['access-control-request-method']) {
      res.writeHead(204, {
        ...cors(origin),
        'access-control-allow-methods': ALLOW_METHODS,
        'access-control-allow-headers': ALLOW_HEADERS,
        'access-control-max-age': MAX_AGE,
      });
      res.end();
      return;
    }
    // The Host header is passed on as it came (as nginx's `proxy_set_header Host $host`): a MOVE's
    // Destination names this proxy's address, and the server accepts it only if the hosts agree.
    const headers = { ...req.headers };
    delete headers.origin;
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode, { ...up.headers, ...cors(origin) });
      up.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    if (req.method === 'PUT' && cut) {
      // The server stopped mid-upload: part of the body reaches rclone, then both ends are cut.
      cut = false;
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        upstream.write(body.subarray(0, Math.floor(body.length / 2)), () => {
          setTimeout(() => {
            upstream.destroy();
            req.socket.destroy();
          }, 50);
        });
      });
      return;
    }
    req.pipe(upstream);
  });
  proxy.on('connection', (socket) => {
    if (stopped) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const proxyPort = proxy.address().port;

  return {
    url: `http://127.0.0.1:${proxyPort}/`,
    directUrl: `http://127.0.0.1:${port}/`,
    requests,
    cutNextUpload() {
      cut = true;
    },
    async stop() {
      stopped = true;
      for (const s of sockets) s.destroy();
      await kill(rclone.proc);
    },
    async restart() {
      await kill(rclone.proc);
      rclone = spawnRclone(dir, port, user, pass);
      await answering(port, rclone.proc, rclone.log);
      stopped = false;
    },
    async close() {
      stopped = true;
      for (const s of sockets) s.destroy();
      await kill(rclone.proc);
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}
