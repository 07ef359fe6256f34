// A small static file server for the built app, loopback only: right MIME types
// (application/wasm); compressed as the browser accepts (a published folder's precompressed
// `.br` / `.gz` copies, else gzip made on the fly); revalidated on every use (no-cache) with an
// ETag, so a file the browser already holds (the service worker's install right after the first
// visit) costs a 304 and no second download. Usage: node tools/serve.mjs DIR [PORT]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.css': 'text/css; charset=utf-8', '.data': 'application/octet-stream',
};

const compressible = new Set(['.html', '.js', '.mjs', '.wasm', '.json', '.webmanifest', '.svg', '.css']);
// Whether an Accept-Encoding header takes `enc` (and does not refuse it with q=0).
function encodes(accepts, enc) {
  return accepts.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    return name.trim() === enc && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

export function serve(dir, port = 0, host = '127.0.0.1') {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, '.' + rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const accepts = String(req.headers['accept-encoding'] || '');
      const headers = {
        'content-type': types[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-cache',
        vary: 'accept-encoding',
        etag: `W/"${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}"`,
      };
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      if (req.headers['if-none-match'] === headers.etag) {
        res.writeHead(304).end();
        return;
      }
      // A precompressed copy (tools/dist writes them), else gzip made now for text and wasm.
      const pre = [['br', '.br'], ['gzip', '.gz']].find(([enc, ext]) => encodes(accepts, enc) && fs.existsSync(file + ext));
      fs.readFile(pre ? file + pre[1] : file, (err2, body) => {
        if (err2) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('cannot read the file');
          return;
        }
        if (pre) res.setHeader('content-encoding', pre[0]);
        else if (compressible.has(path.extname(file)) && encodes(accepts, 'gzip')) {
          body = zlib.gzipSync(body, { level: 6 });
          res.setHeader('content-encoding', 'gzip');
        }
        res.setHeader('content-length', body.length);
        res.writeHead(200);
        res.end(req.method === 'HEAD' ? undefined : body);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port = '8080'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node tools/serve.mjs DIR [PORT]');
    process.exit(2);
  }
  const server = await serve(dir, Number(port));
  console.log(`Spark Roster is at http://127.0.0.1:${server.address().port}/  (Ctrl+C stops)`);
}
