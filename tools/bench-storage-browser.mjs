// Storage figures in the browser (headless Chromium, as the tests use it) for a program of
// CREATORS creators and POSTS posts (default 10,000 and 100,000), stored one document per record:
//   - the move from the previous versions' single record (the first save: every document, in
//     batches), until the old record is verified and deleted: its time and longest task;
//   - the save after one edit (a creator added on the roster): ms from the click to "Saved",
//     the documents and bytes written, the longest task;
//   - opening the stored program: the time to the first frame, to the first frame with the
//     program's data, and the longest task until then.
// Longest tasks: PerformanceObserver 'longtask' entries (tasks over 50 ms; 0 = none).
// usage: node tools/bench-storage-browser.mjs [CREATORS POSTS] [--json]
// Needs the web build (tools/build web) and build/native/sparkroster (tools/build native).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2).filter((a) => a !== '--json');
const asJson = process.argv.includes('--json');
const creators = Number(args[0] || 10000), posts = Number(args[1] || 100000);
const { startServer, chromiumArgs, typeInto, click, writeSingleRecord } = await import('../tests/browser/lib.mjs');
const { chromium } = await import('playwright-core');
const { benchProgram } = await import('./bench-program.mjs');

const out = { creators, posts };
const { text, mb } = benchProgram(creators, posts);
out.backup_mb = mb;

const { server, url } = await startServer();
// A profile on disk, as a person's browser has (an off-the-record context keeps IndexedDB in
// memory, with a quota too small for a program this size).
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-storage-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs, viewport: { width: 1280, height: 800 },
});
await context.addInitScript(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // The longest calls into the app's storage callbacks: where a long task comes from.
  window.__calls = {};
  // The storage library's reads and writes (wall time: IndexedDB works meanwhile), as the
  // library loads: each database made is given timed allDocs and bulkDocs.
  const timedCall = (name, f) => function (...a) {
    const t = performance.now();
    const done = () => {
      const c = window.__calls[name] || (window.__calls[name] = { n: 0, ms: 0, max: 0 });
      const d = performance.now() - t;
      c.n++; c.ms += d; c.max = Math.max(c.max, d);
    };
    const r = f.apply(this, a);
    if (r && r.then) r.then(done, done);
    return r;
  };
  let P;
  Object.defineProperty(self, 'PouchDB', {
    configurable: true,
    get: () => P,
    set: (v) => {
      P = class extends v {
        constructor(...a) {
          super(...a);
          this.bulkDocs = timedCall('pouch.bulkDocs', this.bulkDocs);
          this.allDocs = timedCall('pouch.allDocs', this.allDocs);
        }
      };
    },
  });
  const wrap = () => {
    if (!window.Module || !Module._sr_storage_docs_end) return setTimeout(wrap, 1);
    for (const name of ['_sr_storage_loaded', '_sr_storage_docs_end', '_sr_storage_docs_work', '_sr_storage_docs_finish', '_sr_storage_saved', '_sr_storage_stage']) {
      let f = Module[name];
      const timed = function (...a) {
        const t = performance.now();
        try { return f.apply(this, a); } finally {
          const c = window.__calls[name] || (window.__calls[name] = { n: 0, ms: 0, max: 0 });
          const d = performance.now() - t;
          c.n++; c.ms += d; c.max = Math.max(c.max, d);
          // The first call puts the export itself in its place: timed again from it.
          if (Module[name] !== timed) { f = Module[name]; Module[name] = timed; }
        }
      };
      Module[name] = timed;
    }
  };
  wrap();
});
const longest = (page, from, to = Infinity) => page.evaluate(([a, b]) => window.__longTasks
  .filter((e) => e.start >= a && e.start < b).reduce((m, e) => Math.max(m, e.ms), 0), [from, to]);
const now = (page) => page.evaluate(() => performance.now());
// Polls every 5 ms in the page; resolves to performance.now() when `state` is the save state.
const whenState = (page, state, timeout = 900000) => page.waitForFunction((s) => window.sparkRoster &&
  window.sparkRoster.saveState && window.sparkRoster.saveState().state === s && performance.now(), state,
  { timeout, polling: 5 }).then((h) => h.jsonValue());
// The time to the first frame and to the first frame with data (one drawn after the stored
// program is in the app), from the page's start.
const firstFrames = (page) => page.evaluate(() => new Promise((resolve) => {
  let first = 0;
  const poll = () => {
    const app = window.sparkRoster;
    const drawing = app && window.Module && Module.calledRun && app.frameCount && app.frameCount() > 0;
    if (drawing && !first) first = performance.now();
    // The first frame with data: one drawn after the stored program is in the app.
    if (drawing && app.saveState().state !== 'loading') {
      const n = app.frameCount();
      const wait = () => (app.frameCount() > n ? resolve({ first, data: performance.now() }) : setTimeout(wait, 2));
      return wait();
    }
    setTimeout(poll, 2);
  };
  poll();
}));
const round = (x) => Math.round(x);
const step = (what) => process.stderr.write(`bench-storage-browser: ${what}\n`);

// The previous versions' record: database "spark-roster" version 3, kv "program" = {bytes: Blob}.
let page = await context.newPage();
await page.goto(url + 'app.css');
await writeSingleRecord(page, text, 1);
await page.close();

step('the previous record written; opening the app');
// 1. The move to documents: from the program loaded out of the old record to "Saved" (the
//    documents written, read back, compared, the old record deleted).
page = await context.newPage();
await page.goto(url + '#/roster', { waitUntil: 'commit' });
// Opening the single record, as the previous versions did: the reference for opening documents.
const legacyFrames = await firstFrames(page);
out.legacy_first_frame_with_data_ms = round(legacyFrames.data);
out.legacy_longest_task_ms = round(await longest(page, 0, legacyFrames.data + 1));
const loaded = await page.evaluate(() => window.sparkRoster.ready.then(() => performance.now()));
step('loaded from the record; moving it to documents');
page.on('crash', () => step('the page crashed'));
const progress = setInterval(() => {
  page.evaluate(() => [window.sparkRoster.saveState(), window.sparkRoster.storageStats().saves, window.__longTasks.length])
    .then((x) => step(`  ${JSON.stringify(x)}`), (e) => step(`  ${e.message.split('\n')[0]}`));
}, 15000);
const migrated = await whenState(page, 'saved');
clearInterval(progress);
step('moved');
let stats = await page.evaluate(() => window.sparkRoster.storageStats());
out.migration_ms = round(migrated - loaded);
out.migration_longest_task_ms = round(await longest(page, loaded, migrated));
out.migration_docs = stats.last.docs;
out.migration_mb = +(stats.last.bytes / 1e6).toFixed(1);
out.migration_calls = await page.evaluate(() => window.__calls);
out.migration_long_tasks = await page.evaluate(([a, b]) => window.__longTasks.filter((e) => e.start >= a && e.start < b).map((e) => [Math.round(e.start - a), Math.round(e.ms)]), [loaded, migrated]);
out.old_record_left = await page.evaluate(() => new Promise((resolve) => {
  const req = indexedDB.open('spark-roster');
  req.onsuccess = () => {
    const get = req.result.transaction('kv').objectStore('kv').get('program');
    get.onsuccess = () => { req.result.close(); resolve(get.result !== undefined); };
  };
}));

// 2. The save after one edit: a creator added on the roster.
await typeInto(page, 'Handle', 'nguyen.thu.ha');
await typeInto(page, 'Followers', '182000');
// When the storage layer tells the app the documents are committed.
await page.evaluate(() => {
  window.__committed = [];
  const saved = window.Module._sr_storage_saved;
  window.Module._sr_storage_saved = (...a) => { window.__committed.push(performance.now()); return saved(...a); };
});
const clicked = await now(page);
await click(page, 'Add creator', { save: false });
const status = await whenState(page, 'saved');
const saved = await page.evaluate(() => window.__committed[0]);
stats = await page.evaluate(() => window.sparkRoster.storageStats());
out.edit_save_ms = round(saved - clicked);
// "Saved" on screen can come later: a recovery point (the whole backup) is written after a save
// when the newest is ten minutes old, and there is none yet after the move.
out.edit_status_saved_ms = round(status - clicked);
out.edit_docs_written = stats.last.docs;
out.edit_bytes_written = stats.last.bytes;
out.edit_ids = stats.last.ids;
out.edit_longest_task_ms = round(await longest(page, clicked, saved));
out.edit_status_longest_task_ms = round(await longest(page, clicked, status));
const handles = await page.evaluate(() => JSON.parse(window.sparkRoster.exportJson()).creators.length);
if (handles !== creators + 1) throw new Error(`expected ${creators + 1} creators after the edit, found ${handles}`);
await page.close();

step('edit saved; opening again');
// 3. Opening the stored program: a new page reads it back from the documents.
page = await context.newPage();
await page.goto(url + '#/roster', { waitUntil: 'commit' });
const frames = await firstFrames(page);
out.load_first_frame_ms = round(frames.first);
out.load_first_frame_with_data_ms = round(frames.data);
out.load_longest_task_ms = round(await longest(page, 0, frames.data + 1));
out.load_calls = await page.evaluate(() => window.__calls);
out.load_long_tasks = await page.evaluate((b) => window.__longTasks.filter((e) => e.start < b).map((e) => [Math.round(e.start), Math.round(e.ms)]), frames.data + 1);
const back = await page.evaluate(() => JSON.parse(window.sparkRoster.exportJson()));
out.loaded_creators = back.creators.length;
out.loaded_posts = back.posts.length;
await context.close();
server.close();
fs.rmSync(profile, { recursive: true, force: true });

if (asJson) {
  console.log(JSON.stringify(out));
} else {
  const mb = out.backup_mb;
  console.log(`Storage in headless Chromium, ${creators} creators and ${posts} posts (backup ${mb} MB):`);
  console.log(`  open the single record (previous versions): first frame with data ${out.legacy_first_frame_with_data_ms} ms, ` +
              `longest task ${out.legacy_longest_task_ms} ms`);
  console.log(`  move from the single record: ${out.migration_ms} ms, ${out.migration_docs} documents (${out.migration_mb} MB), ` +
              `longest task ${out.migration_longest_task_ms} ms, old record deleted: ${!out.old_record_left}`);
  console.log(`  save after one edit: ${out.edit_save_ms} ms from the click to the documents committed, ${out.edit_docs_written} documents, ` +
              `${out.edit_bytes_written} bytes (${out.edit_ids.join(', ')}), longest task ${out.edit_longest_task_ms} ms ` +
              `(status "Saved" at ${out.edit_status_saved_ms} ms, after the recovery point due then)`);
  console.log(`  open: first frame ${out.load_first_frame_ms} ms, first frame with data ${out.load_first_frame_with_data_ms} ms, ` +
              `longest task ${out.load_longest_task_ms} ms (${out.loaded_creators} creators, ${out.loaded_posts} posts)`);
}
