// Browser figures for tools/bench: the app's transfer size, time to first frame, and with a
// large program: loading it from storage, the longest task while saving it, roster scrolling.
// Usage: node bench/app.mjs APP_DIR PROGRAM.json   (prints one JSON object)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const appDir = path.resolve(process.argv[2] || path.join(root, 'build/web'));
const programFile = process.argv[3];
process.env.SR_APP_DIR = appDir;
const { startServer, launch, settle, gzipSize } = await import('../tests/browser/lib.mjs');
const waitSaved = (page, timeout = 10000) =>
  page.waitForFunction(() => window.sparkRoster.saveState().state === 'saved', null, { timeout, polling: 50 });

const out = {};

// Transfer size: what a first visit downloads, gzip-compressed as a static host would serve it.
let raw = 0, gz = 0;
for (const f of ['index.html', 'spark-roster.js', 'spark-roster.wasm']) {
  const body = fs.readFileSync(path.join(appDir, f));
  raw += body.length;
  gz += gzipSize(body);
  if (f.endsWith('.wasm')) out.wasm_gzip_kb = gzipSize(body) / 1024;
}
out.transfer_kb = raw / 1024;
out.transfer_gzip_kb = gz / 1024;

const { server, url } = await startServer();
const chrome = await launch();

// Longest tasks seen by the page (PerformanceObserver 'longtask': tasks over 50 ms).
const observeLongTasks = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
};
// performance.now() when the app has drawn its first frame (polled every 2 ms from navigation).
const firstFrame = () => new Promise((resolve) => {
  const poll = () => {
    const ok = window.sparkRoster && window.Module && Module.calledRun && window.sparkRoster.frameCount() > 0;
    if (ok) resolve(performance.now());
    else setTimeout(poll, 2);
  };
  poll();
});
const longestSince = (page, t) => page.evaluate((since) => window.__longTasks.filter((e) => e.start >= since)
  .reduce((m, e) => Math.max(m, e.ms), 0), t);

// Time to first frame on a first visit (empty storage: the sample program), median of three.
const times = [];
for (let i = 0; i < 3; i++) {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(url + '#/review', { waitUntil: 'commit' });
  times.push(await page.evaluate(firstFrame));
  await context.close();
}
times.sort((a, b) => a - b);
out.first_frame_ms = times[1];

if (programFile) {
  const text = fs.readFileSync(programFile, 'utf8');
  out.program_mb = Buffer.byteLength(text) / 1e6;
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(observeLongTasks);
  let page = await context.newPage();
  await page.goto(url + '#/roster');
  await page.evaluate(firstFrame);
  await waitSaved(page);

  // Import: the backup read into the app (the synchronous part), then saved.
  const imported = await page.evaluate((t) => {
    const n = Module.lengthBytesUTF8(t) + 1;
    const ptr = Module._malloc(n);
    Module.stringToUTF8(t, ptr, n);
    const a = performance.now();
    const r = JSON.parse(Module.ccall('sr_api_import', 'string', ['number'], [ptr]));
    const b = performance.now();
    Module._free(ptr);
    return { ok: r.ok, error: r.error, ms: b - a, end: b };
  }, text);
  if (!imported.ok) throw new Error(imported.error);
  out.import_ms = imported.ms;
  let t = await page.evaluate(() => performance.now());
  await waitSaved(page, 120000);
  out.import_save_longest_task_ms = await longestSince(page, imported.end);
  out.import_save_ms = (await page.evaluate(() => performance.now())) - imported.end;

  // Save: undo the import (a small program), wait for its save, then redo: the large program is
  // saved again while the page should keep answering input.
  await page.mouse.move(640, 400);
  await page.keyboard.press('Control+z');
  await settle(page, 100);
  await waitSaved(page, 120000);
  t = await page.evaluate(() => performance.now());
  await page.keyboard.press('Control+Shift+z');
  await settle(page, 100);
  await waitSaved(page, 120000);
  const t2 = await page.evaluate(() => performance.now());
  out.save_ms = t2 - t;
  // The first long task is the frame that applied the change (redo, then every view recomputed
  // for the new program); the save runs in the tasks after it.
  const tasks = await page.evaluate((since) => window.__longTasks.filter((e) => e.start >= since), t);
  out.change_frame_ms = tasks.length ? tasks[0].ms : 0;
  out.save_longest_task_ms = tasks.slice(1).reduce((m, e) => Math.max(m, e.ms), 0);
  out.save_long_tasks = tasks.map((e) => Math.round(e.ms));
  out.saved_creators = JSON.parse(await page.evaluate(() => window.sparkRoster.exportJson())).creators.length;

  // Load: a new page in the same context reads the large program back from IndexedDB.
  await page.close();
  page = await context.newPage();
  await page.goto(url + '#/roster', { waitUntil: 'commit' });
  out.stored_load_first_frame_ms = await page.evaluate(firstFrame);
  out.stored_load_longest_task_ms = await longestSince(page, 0);
  // The first frame can come before the stored program has been read and parsed: the same, up
  // to the moment the program is in the app (window.sparkRoster.ready) and drawn.
  out.stored_load_ready_ms = await page.evaluate(() => window.sparkRoster.ready.then(() => performance.now()));
  await settle(page, 100);
  out.stored_load_ready_longest_task_ms = await longestSince(page, 0);

  // Roster scrolling, the app's own frame CPU time.
  await settle(page, 300);
  await page.mouse.move(400, 400);
  await page.evaluate(() => window.sparkRoster.frameTime());
  const samples = [];
  for (let i = 0; i < 60; i++) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(30);
    samples.push((await page.evaluate(() => window.sparkRoster.frameTime())).last);
  }
  const max = (await page.evaluate(() => window.sparkRoster.frameTime())).max;
  samples.sort((a, b) => a - b);
  out.scroll_median_ms = samples[Math.floor(samples.length / 2)];
  out.scroll_p95_ms = samples[Math.floor(samples.length * 0.95)];
  out.scroll_max_ms = Math.max(max, samples[samples.length - 1]);
  await context.close();
}
await chrome.close();
server.close();
console.log(JSON.stringify(out));
