// Shared helpers for the browser tests: a server for the built app, Debian's Chromium driven
// by playwright-core, clicks and typing on the canvas through window.sparkRoster.widgetRect.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { serve } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const appDir = process.env.SR_APP_DIR ? path.resolve(process.env.SR_APP_DIR) : path.join(root, 'build/web');
export const shotsDir = path.join(root, 'test-results/screenshots');

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function startServer() {
  const server = await serve(appDir, 0);
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

// A browser; every test opens its own context, whose storage (IndexedDB) starts empty.
export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: chromiumArgs,
  });
  return { browser, close: () => browser.close() };
}

// The server and the browser of a test file, started before its tests and closed after them:
// `app.url` (with `hash`) and `app.chrome` are set once they run.
export function useBrowser(hash = '') {
  const app = { url: '', chrome: null, server: null };
  before(async () => {
    const s = await startServer();
    app.server = s.server;
    app.url = s.url + hash;
    app.chrome = await launch();
  });
  after(async () => {
    await app.chrome?.close();
    app.server?.close();
  });
  return app;
}

// A day as YYYY-MM-DD, and the local day n days from today (the app's today is the browser's).
const pad2 = (n) => String(n).padStart(2, '0');
export const isoDay = (d) => `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
export function plusDays(n) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);  // noon: a day away whatever the clock change
  d.setDate(d.getDate() + n);
  return isoDay(d);
}

// Opens the app and collects what a person (or devtools) would see go wrong.
export async function openApp(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));
  await page.goto(url);
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
  return { page, problems };
}

// Waits until the app has done what the inputs so far call for (sparkRoster.idle: the screen
// has settled, nothing queued, no save or file read in flight). Fails, naming what the app was
// still doing, when it is not idle within `timeout` ms.
// With {save: false}, a save still running does not count (a test that holds one open).
// SR_TRACE=1 prints how long each wait took and how many frames the app drew meanwhile.
export async function settle(page, { timeout = 15000, save = true } = {}) {
  try {
    const t0 = Date.now(), f0 = process.env.SR_TRACE ? await page.evaluate(() => window.sparkRoster.frameCount()) : 0;
    const r = await page.evaluate(([t, s]) => window.sparkRoster.idle(t, { save: s }), [timeout, save]);
    if (process.env.SR_TRACE) console.error(`settle ${Date.now() - t0} ms, ${r.frame - f0} frames`);
    return r;
  } catch (e) {
    throw new Error(`settle: ${e.message.split('\n')[0]}`);
  }
}

// Reloads the page and waits for the app to be ready and drawn again.
export async function reload(page) {
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
}

// Clicks a widget once it is drawn (kept for the tests' wording: click() waits the same way).
export async function clickShown(page, label) {
  await click(page, label);
}

// Waits for a labelled message to be on screen and returns its text; fails naming it if it is not.
export async function waitText(page, label) {
  await shown(page, label);
  return text(page, label);
}

// Waits until a labelled message reads as expected (a string or a RegExp) and returns it. The
// app being idle is not enough where the change comes from outside this page (another tab's
// save), so this waits on the text itself, up to `timeout` ms, and fails with what it last read.
export async function textWhen(page, label, expected, timeout = 10000) {
  await settle(page);
  const want = expected instanceof RegExp ? { re: expected.source, flags: expected.flags } : { eq: expected };
  try {
    await page.waitForFunction(([l, w]) => {
      const t = window.sparkRoster.widgetText(l);
      if (t === null) return false;
      return w.re !== undefined ? new RegExp(w.re, w.flags).test(t) : t === w.eq;
    }, [label, want], { timeout });
  } catch (e) {
    throw new Error(`"${label}" did not read ${expected} within ${timeout} ms; it reads ${JSON.stringify(await text(page, label))}`);
  }
  return text(page, label);
}

export async function rect(page, label) {
  return page.evaluate((l) => window.sparkRoster.widgetRect(l), label);
}

// The widget's rectangle once the app is idle and the widget is drawn; fails naming the label
// when it is not drawn (after the app has settled, and within `timeout` ms).
export async function shown(page, label, timeout = 10000) {
  await settle(page);
  try {
    await page.waitForFunction((l) => window.sparkRoster.widgetRect(l) !== null, label, { timeout });
  } catch (e) {
    throw new Error(`no widget labelled "${label}" was drawn within ${timeout} ms`);
  }
  return rect(page, label);
}

export async function text(page, label) {
  return page.evaluate((l) => window.sparkRoster.widgetText(l), label);
}

// Clicks the middle of a labelled widget, as a person would with the mouse, once it is drawn,
// and waits until the app has done what the click calls for (`opts` as for settle()).
export async function click(page, label, opts) {
  const r = await shown(page, label);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await settle(page, opts);
}

export async function typeInto(page, label, value) {
  await click(page, label);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(value);
  await settle(page);
}

export async function waitSaved(page, timeout = 15000) {
  try {
    await page.waitForFunction(() => window.sparkRoster.saveState().state === 'saved', null, { timeout });
  } catch (e) {
    throw new Error(`not saved within ${timeout} ms: ${JSON.stringify(await page.evaluate(() => window.sparkRoster.saveState()))}`);
  }
}

// A finger on a touch screen, through the DevTools protocol (Input.dispatchTouchEvent), with the
// event times the page sees (event.timeStamp) set here: how fast the finger moved when it
// lifted, which decides a flick's momentum, does not depend on how fast the test runs. The
// finger comes down at (x, y0), moves to (x, y1) in `ms` milliseconds (a move every 16 ms, as a
// phone's touch screen reports them), stays there `hold` ms and lifts. A hold of 100 ms or more
// is a drag that stops before lifting (no momentum); a hold of 0 lifts while moving (a flick).
// Times only go forward from one gesture to the next.
let fingerClock = 0;
export async function fingerDrag(cdp, { x, y0, y1, ms = 160, hold = 200 }) {
  const t0 = Math.max(Date.now() / 1000, fingerClock + 0.05);
  const steps = Math.max(1, Math.round(ms / 16));
  const send = (type, touchPoints, at) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: t0 + at / 1000 });
  await send('touchStart', [{ x, y: y0 }], 0);
  for (let i = 1; i <= steps; i++) await send('touchMove', [{ x, y: y0 + ((y1 - y0) * i) / steps }], (ms * i) / steps);
  await send('touchEnd', [], ms + hold);
  fingerClock = t0 + (ms + hold) / 1000;
}

// A finger that comes down at (x, y) and, with `up`, lifts again without moving (a tap).
export async function fingerDown(cdp, { x, y }) {
  const t0 = Math.max(Date.now() / 1000, fingerClock + 0.05);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }], timestamp: t0 });
  fingerClock = t0;
  return {
    up: async (after = 80) => {
      fingerClock = t0 + after / 1000;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [], timestamp: fingerClock });
    },
  };
}

// Two fingers, on the same clock: they come down `from` px apart around (x, y) (the first a
// frame before the second), spread to `to` px apart in `ms` milliseconds, stay `hold` ms and lift.
export async function fingerPinch(cdp, { x, y, from, to, ms = 160, hold = 200 }) {
  const t0 = Math.max(Date.now() / 1000, fingerClock + 0.05);
  const send = (type, touchPoints, at) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints, timestamp: t0 + at / 1000 });
  const two = (d) => [{ x: x - d / 2, y, id: 0 }, { x: x + d / 2, y, id: 1 }];
  await send('touchStart', [two(from)[0]], 0);
  await send('touchStart', two(from), 16);
  const steps = Math.max(1, Math.round(ms / 16));
  for (let i = 1; i <= steps; i++) await send('touchMove', two(from + ((to - from) * i) / steps), 16 + (ms * i) / steps);
  await send('touchEnd', [two(to)[1]], 16 + ms + hold);
  await send('touchEnd', [], 32 + ms + hold);
  fingerClock = t0 + (32 + ms + hold) / 1000;
}

export async function program(page) {
  return JSON.parse(await page.evaluate(() => window.sparkRoster.exportJson()));
}

// Bytes as a static host would send them gzip-compressed (bench/app.mjs counts the same way).
export function gzipSize(buf) {
  return zlib.gzipSync(buf, { level: 9 }).length;
}

// What a page transferred, from the responses it got (context.on('response')): each URL once
// (the service worker fetches the app again to keep it), gzip-compressed.
export async function transferGzip(responses) {
  const seen = new Set();
  let raw = 0, gzip = 0;
  for (const r of responses) {
    const u = r.url().split('#')[0];
    if (seen.has(u) || !u.startsWith('http') || r.status() !== 200) continue;
    seen.add(u);
    const body = await r.body().catch(() => null);
    if (!body) continue;
    raw += body.length;
    gzip += gzipSize(body);
  }
  return { files: seen.size, raw, gzip };
}

export async function screenshot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  const file = path.join(shotsDir, name + '.png');
  const buf = await page.screenshot({ path: file });
  return { file, buf };
}

// Decodes an 8-bit RGB/RGBA PNG (what Chromium writes) and counts its distinct colours, so a
// test can tell a drawn screen from a blank one.
export function pngStats(buf) {
  let pos = 8, width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9]; }
    if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let v = src[x];
      if (f === 1) v += a;
      else if (f === 2) v += b;
      else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  const colors = new Set();
  for (let i = 0; i < out.length; i += bpp * 7) colors.add((out[i] << 16) | (out[i + 1] << 8) | out[i + 2]);
  return { width, height, colors: colors.size };
}

// Writes `text` (a backup) as the versions before the documents kept the program: database
// "spark-roster" version 3, kv "program" = {bytes: Blob, size, savedAt, seq}, written durably.
// `page`: a page of the app's origin that is not the app (the app would open the database itself).
export async function writeSingleRecord(page, text, seq = 3) {
  await page.evaluate(([t, s]) => new Promise((resolve, reject) => {
    const req = indexedDB.open('spark-roster', 3);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('kv');
      req.result.createObjectStore('versions', { autoIncrement: true });
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const bytes = new Blob([new TextEncoder().encode(t)], { type: 'application/json' });
      const tx = db.transaction('kv', 'readwrite', { durability: 'strict' });
      tx.objectStore('kv').put({ bytes, size: bytes.size, savedAt: new Date().toISOString(), seq: s }, 'program');
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [text, seq]);
}
