// Publishes the web build as a self-contained folder for any static host, at any path:
//   node tools/dist.mjs [BUILD_DIR [OUT_DIR]]   build/web -> dist (what tools/dist and tools/build web run)
//   node tools/dist.mjs --stamp DIR             re-versions a published folder after its files were edited
//   node tools/dist.mjs --icons DIR             writes the app icons (SVG and PNG) into DIR
//   node tools/dist.mjs --pouchdb DIR           writes DIR/pouchdb.js, PouchDB bundled from node_modules
//
// The folder holds the app target's outputs (spark-roster.* from emcc, the page from shell/ and
// the icons its build writes beside them), and sw.js: the service worker of web/sw.js preceded by
// this version's file list with a SHA-256 of each file and a version named from all of them.
// Every URL in the page and the manifest must be relative and name a file of the folder.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bundlePouchDB } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appName = 'spark-roster';
const workerTemplate = path.join(root, 'web/sw.js');

// ------------------------------------------------------------------ icons
// Drawn here, from geometry in a 512-unit square: a rounded square in the app's accent colour
// with two white four-pointed sparks. The same shapes become the SVG and, through a small
// scanline rasterizer, the PNGs, so no drawing tool is needed and the output never varies.
const accent = [0xdb, 0x26, 0x5c];
const white = [0xff, 0xff, 0xff];

function spark(cx, cy, r, pinch) {
  const k = r * pinch;  // how far the curved sides bow in towards the centre
  return [
    ['M', cx, cy - r],
    ['Q', cx + k, cy - k, cx + r, cy],
    ['Q', cx + k, cy + k, cx, cy + r],
    ['Q', cx - k, cy + k, cx - r, cy],
    ['Q', cx - k, cy - k, cx, cy - r],
  ];
}

// maskable: full-bleed background and the sparks inside the central safe circle (80 %).
function iconShapes(maskable) {
  const s = maskable ? 0.84 : 1;
  const at = (v) => 256 + (v - 256) * s;
  return [
    { rect: { size: 512, radius: maskable ? 0 : 116 }, fill: accent },
    { path: spark(at(226), at(288), 140 * s, 0.16), fill: white },
    { path: spark(at(370), at(148), 58 * s, 0.16), fill: white },
  ];
}

function iconSvg(maskable) {
  const n = (v) => String(Math.round(v * 100) / 100);
  const parts = iconShapes(maskable).map((shape) => {
    const fill = '#' + shape.fill.map((c) => c.toString(16).padStart(2, '0')).join('');
    if (shape.rect) return `<rect width="${shape.rect.size}" height="${shape.rect.size}" rx="${shape.rect.radius}" fill="${fill}"/>`;
    const d = shape.path.map(([cmd, ...xy]) => cmd + xy.map(n).join(' ')).join('') + 'Z';
    return `<path d="${d}" fill="${fill}"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">${parts.join('')}</svg>\n`;
}

// Each shape as a polygon in pixel units of a size x size image.
function polygon(shape, size) {
  const f = size / 512;
  const pts = [];
  if (shape.rect) {
    const w = shape.rect.size * f, r = shape.rect.radius * f;
    if (r === 0) return [[0, 0], [w, 0], [w, w], [0, w]];
    const corners = [[w - r, r, -90], [w - r, w - r, 0], [r, w - r, 90], [r, r, 180]];
    for (const [cx, cy, start] of corners) {
      for (let i = 0; i <= 16; i++) {
        const a = (start + (90 * i) / 16) * Math.PI / 180;
        pts.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
      }
    }
    return pts;
  }
  let x = 0, y = 0;
  for (const [cmd, ...v] of shape.path) {
    if (cmd === 'M') {
      [x, y] = [v[0] * f, v[1] * f];
      pts.push([x, y]);
    } else {
      const [qx, qy, ex, ey] = v.map((c) => c * f);
      for (let i = 1; i <= 24; i++) {
        const t = i / 24, u = 1 - t;
        pts.push([u * u * x + 2 * u * t * qx + t * t * ex, u * u * y + 2 * u * t * qy + t * t * ey]);
      }
      [x, y] = [ex, ey];
    }
  }
  return pts;
}

// RGBA pixels: each shape's coverage from 8 x 8 samples per pixel (even-odd rule), painted over.
function rasterize(shapes, size) {
  const S = 8;
  const rgba = new Float64Array(size * size * 4);
  for (const shape of shapes) {
    const pts = polygon(shape, size);
    const cover = new Float64Array(size * size);
    for (let sy = 0; sy < size * S; sy++) {
      const y = (sy + 0.5) / S;
      const xs = [];
      for (let i = 0; i < pts.length; i++) {
        const [x0, y0] = pts[i], [x1, y1] = pts[(i + 1) % pts.length];
        if ((y0 <= y) !== (y1 <= y)) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
      }
      xs.sort((a, b) => a - b);
      const row = Math.floor(sy / S) * size;
      for (let i = 0; i + 1 < xs.length; i += 2) {
        const from = Math.max(0, Math.ceil(xs[i] * S - 0.5)), to = Math.min(size * S, Math.ceil(xs[i + 1] * S - 0.5));
        for (let sx = from; sx < to; sx++) cover[row + Math.floor(sx / S)] += 1 / (S * S);
      }
    }
    for (let p = 0; p < size * size; p++) {
      const c = Math.min(1, cover[p]);
      if (c === 0) continue;
      const a = rgba[p * 4 + 3], out = c + a * (1 - c);
      for (let k = 0; k < 3; k++) rgba[p * 4 + k] = (shape.fill[k] * c + rgba[p * 4 + k] * a * (1 - c)) / out;
      rgba[p * 4 + 3] = out;
    }
  }
  return rgba;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function iconPng(size, maskable) {
  const rgba = rasterize(iconShapes(maskable), size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size * 4; x++) {
      const p = y * size * 4 + x;
      raw[y * (size * 4 + 1) + 1 + x] = Math.round(x % 4 === 3 ? rgba[p] * 255 : rgba[p]);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);  // 8-bit RGBA, no interlace
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr),
                        chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

export function writeIcons(dir) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'icon.svg'), iconSvg(false));
  fs.writeFileSync(path.join(dir, 'icon-192.png'), iconPng(192, false));
  fs.writeFileSync(path.join(dir, 'icon-512.png'), iconPng(512, false));
  fs.writeFileSync(path.join(dir, 'icon-maskable-512.png'), iconPng(512, true));
}

// ------------------------------------------------------------------ the published folder
// The app's files below dir, not the precompressed copies of them (`.br`, `.gz`) stamp() writes.
function listFiles(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(full, base);
    return /\.(br|gz)$/.test(e.name) ? [] : [path.relative(base, full).split(path.sep).join('/')];
  }).sort();
}

// Brotli and gzip copies beside each text or wasm file, for hosts that serve precompressed files
// (nginx gzip_static / brotli_static, most static hosting services, tools/serve.mjs): the
// browser then downloads about a third of the bytes. Stale copies of earlier files are removed.
const precompress = new Set(['.html', '.js', '.wasm', '.css', '.webmanifest', '.json', '.svg']);
function writeCompressed(dir) {
  for (const f of fs.readdirSync(dir, { recursive: true })) {
    const full = path.join(dir, String(f));
    if (/\.(br|gz)$/.test(full) && fs.statSync(full).isFile()) fs.rmSync(full);
  }
  for (const f of listFiles(dir)) {
    if (!precompress.has(path.extname(f))) continue;
    const full = path.join(dir, f);
    const body = fs.readFileSync(full);
    fs.writeFileSync(full + '.gz', zlib.gzipSync(body, { level: 9 }));
    fs.writeFileSync(full + '.br', zlib.brotliCompressSync(body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }));
  }
}

// What the app target leaves in the build folder: its emcc outputs (spark-roster.js, .wasm,
// and .data or .worker.js should the link options ever produce them), the page (shell/, copied
// by the build) and the icons and assets the build puts beside them. Not the build system's
// files nor other targets' outputs (core_tests.*).
function appFiles(buildDir) {
  if (!fs.existsSync(path.join(buildDir, appName + '.js'))) throw new Error(`${path.join(buildDir, appName + '.js')} is missing: run tools/build web first`);
  const fromShell = listFiles(path.join(root, 'shell'));
  const emitted = fs.readdirSync(buildDir).filter((f) => f.startsWith(appName + '.') && fs.statSync(path.join(buildDir, f)).isFile());
  const beside = ['icons', 'assets'].filter((d) => fs.existsSync(path.join(buildDir, d)))
    .flatMap((d) => listFiles(path.join(buildDir, d)).map((f) => d + '/' + f));
  // pouchdb.js: the storage library, bundled from node_modules by the build (tools/bundle.mjs).
  const files = [...new Set([...fromShell, ...emitted, ...beside, appName + '.js', appName + '.wasm', 'pouchdb.js'])].sort();
  for (const f of files) {
    if (!fs.existsSync(path.join(buildDir, f))) throw new Error(`${path.join(buildDir, f)} is missing: run tools/build web first`);
  }
  return files;
}

// Every URL the page and the manifest name: relative, and a file of the folder.
function checkReferences(dir) {
  const problems = [];
  const check = (from, ref) => {
    if (/^data:/.test(ref)) return;
    if (/^[a-z][a-z0-9+.-]*:|^\/|^\\/i.test(ref)) { problems.push(`${from}: "${ref}" is not a relative URL`); return; }
    const file = decodeURIComponent(ref.split(/[?#]/)[0]);
    if (file === '' || file === './') return;
    if (!fs.existsSync(path.join(dir, path.dirname(from), file))) problems.push(`${from}: "${ref}" names no file of ${dir}`);
  };
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const m of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) check('index.html', m[1]);
  const manifestRef = /<link[^>]*rel="manifest"[^>]*href="([^"]*)"/.exec(html);
  if (!manifestRef) problems.push('index.html: no <link rel="manifest">');
  else {
    const name = manifestRef[1];
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    for (const key of ['start_url', 'scope', 'id']) if (manifest[key] !== undefined) check(name, manifest[key]);
    for (const icon of manifest.icons || []) check(name, icon.src);
  }
  if (problems.length) throw new Error('the published folder would not work from any path:\n  ' + problems.join('\n  '));
}

// Writes sw.js for the files now in dir and marks the page as published (so it registers the
// worker). Returns the version.
export function stamp(dir) {
  const indexFile = path.join(dir, 'index.html');
  const html = fs.readFileSync(indexFile, 'utf8');
  if (!/<html[^>]*\sdata-sw=/.test(html)) fs.writeFileSync(indexFile, html.replace(/<html\b/, '<html data-sw="sw.js"'));
  checkReferences(dir);
  const template = fs.readFileSync(workerTemplate, 'utf8');
  const files = {};
  for (const f of listFiles(dir)) {
    if (f !== 'sw.js') files[f] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
  }
  const all = crypto.createHash('sha256');
  for (const [f, h] of Object.entries(files)) all.update(`${f} ${h}\n`);
  all.update(template);
  const version = all.digest('hex').slice(0, 16);
  fs.writeFileSync(path.join(dir, 'sw.js'),
                   `// Generated by tools/dist from web/sw.js: version ${version}.\n` +
                   `const BUILD = ${JSON.stringify({ version, files }, null, 1)};\n\n` + template);
  writeCompressed(dir);
  return version;
}

export function publish(buildDir, outDir) {
  const files = appFiles(buildDir);
  if (fs.existsSync(outDir)) {
    const old = fs.readdirSync(outDir);
    if (old.length && !old.includes('sw.js')) throw new Error(`${outDir} is not empty and holds no published app: not replacing it`);
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(outDir, f)), { recursive: true });
    fs.copyFileSync(path.join(buildDir, f), path.join(outDir, f));
  }
  if (!files.some((f) => f.startsWith('icons/'))) writeIcons(path.join(outDir, 'icons'));
  return { version: stamp(outDir), files: listFiles(outDir) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  try {
    if (args[0] === '--icons' && args[1]) writeIcons(args[1]);
    else if (args[0] === '--pouchdb' && args[1]) {
      // Written only when it changes, so a build that changes nothing leaves it alone.
      const out = path.join(args[1], 'pouchdb.js'), text = await bundlePouchDB();
      if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
    }
    else if (args[0] === '--stamp' && args[1]) console.log(`${args[1]}: version ${stamp(args[1])}`);
    else if (args.length <= 2 && !(args[0] || '').startsWith('-')) {
      const buildDir = path.resolve(args[0] || path.join(root, 'build/web'));
      const outDir = path.resolve(args[1] || path.join(root, 'dist'));
      const { version, files } = publish(buildDir, outDir);
      const bytes = files.reduce((n, f) => n + fs.statSync(path.join(outDir, f)).size, 0);
      console.log(`${path.relative(process.cwd(), outDir) || '.'}: version ${version}, ${files.length} files, ${(bytes / 1024).toFixed(0)} KB`);
    } else {
      console.error('usage: tools/dist [BUILD_DIR [OUT_DIR]] | tools/dist --stamp DIR | tools/dist --icons DIR | tools/dist --pouchdb DIR');
      process.exit(2);
    }
  } catch (e) {
    console.error('tools/dist: ' + e.message);
    process.exit(1);
  }
}
