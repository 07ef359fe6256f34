// Sync figures in the browser (headless Chromium, as the tests use it) for a program of
// CREATORS creators and POSTS posts (default 10,000 and 100,000), with the tests' CouchDB-compatible
// server (express-pouchdb in memory on loopback, tests/browser/couch.mjs):
//   - the first replication to an empty database: from the page loading with the server set to
//     "Synced", with every document on the server;
//   - opening it in a fresh browser: from the click on "Open the team's program" to the reloaded
//     page's first frame with the program and "Synced";
//   - an edit in one browser showing in the other: from the click on "Add creator" in A to B's
//     program holding the new creator (its revision moving, then checked), median of EDITS.
// usage: node tools/bench-sync-browser.mjs [CREATORS POSTS] [--edits N] [--json]
// Needs the web build (tools/build web) and build/native/sparkroster (tools/build native).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const editsAt = argv.indexOf('--edits');
const edits = editsAt >= 0 ? Number(argv[editsAt + 1]) : 5;
const args = argv.filter((a, i) => !a.startsWith('--') && (editsAt < 0 || i !== editsAt + 1));
const creators = Number(args[0] || 10000), posts = Number(args[1] || 100000);
const { startServer, chromiumArgs, typeInto, settle, shown } = await import('../tests/browser/lib.mjs');
const { startCouch } = await import('../tests/browser/couch.mjs');
const { chromium } = await import('playwright-core');
const { benchProgram } = await import('./bench-program.mjs');

const out = { creators, posts };
const { text, mb } = benchProgram(creators, posts);
out.backup_mb = mb;

const { server, url } = await startServer();
const couch = await startCouch({ origin: new URL(url).origin });
await couch.addUser('mai', 'pw-mai', ['editor']);
await couch.addUser('an', 'pw-an', ['editor']);
await couch.addProgramDb('brand', ['mai', 'an']);
const dbUrl = couch.base + '/brand';

// A browser with a profile on disk, as a person's is (an off-the-record context keeps IndexedDB
// in memory, with a quota too small for a program this size).
async function browser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-bench-sync-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs, viewport: { width: 1280, height: 900 },
  });
  await context.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = context.pages()[0] || await context.newPage();
  return { context, page, profile };
}
const ready = async (page) => {
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page, { timeout: 600000 });
};
const syncState = (page) => page.evaluate(() => window.sparkRoster.syncState());
async function until(page, fn, arg, timeout = 1200000) {
  await page.waitForFunction(fn, arg, { timeout, polling: 50 });
}
const docCount = async () => (await couch.call('GET', '/brand')).json.doc_count - 1;  // less the design document
const longest = (page) => page.evaluate(() => Math.round(Math.max(0, ...window.__longTasks)));

const a = await browser();
await a.page.goto(url + '#/roster');
await ready(a.page);
const imported = await a.page.evaluate((t) => window.sparkRoster.importJson(t), text);
if (!imported.ok) throw new Error('the program did not load: ' + imported.error);
await until(a.page, () => window.sparkRoster.saveState().state === 'saved');
const localDocs = await a.page.evaluate(async () => (await Module.srStorageDb().allDocs({ limit: 0 })).total_rows - 1);  // less "head"
out.documents = localDocs;

// 1. The first replication, to the empty database.
await a.page.evaluate((c) => localStorage.setItem('spark-roster-sync', JSON.stringify(c)),
                      { url: dbUrl, username: 'mai', password: 'pw-mai', slot: 101 });
let t0 = Date.now();
await a.page.reload();
await ready(a.page);
await until(a.page, () => { const s = window.sparkRoster.syncState(); return s && s.state === 'synced'; });
out.first_replication_ms = Date.now() - t0;
out.server_documents = await docCount();
out.first_replication_longest_task_ms = await longest(a.page);

// 2. Into a fresh browser.
const b = await browser();
await b.page.goto(url + '#/settings');
await ready(b.page);
await b.page.evaluate((c) => localStorage.setItem('spark-roster-sync', JSON.stringify(c)),
                      { url: dbUrl, username: 'an', password: 'pw-an', slot: 202 });
await b.page.reload();
await ready(b.page);
await until(b.page, () => { const s = window.sparkRoster.syncState(); return s && s.state === 'join'; });
const r = await shown(b.page, "Open the team's program");
t0 = Date.now();
const loaded = b.page.waitForEvent('load', { timeout: 1200000 });
await b.page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
await loaded;
out.join_replication_ms = Date.now() - t0;
await ready(b.page);
await until(b.page, () => { const s = window.sparkRoster.syncState(); return s && s.state === 'synced'; });
out.join_to_synced_ms = Date.now() - t0;
out.join_open_longest_task_ms = await longest(b.page);

// 3. An edit in A showing in B.
await a.page.evaluate(() => { window.location.hash = '#/roster'; });
await settle(a.page);
const lat = [];
for (let i = 0; i < edits; i++) {
  const handle = `bench.sync.${Date.now().toString(36)}`;
  await typeInto(a.page, 'Handle', handle);
  await typeInto(a.page, 'Followers', '12000');
  const rev0 = (await b.page.evaluate(() => window.sparkRoster.saveState())).revision;
  const at = await shown(a.page, 'Add creator');
  const start = Date.now();
  await a.page.mouse.click(at.x + at.width / 2, at.y + at.height / 2);
  await until(b.page, (r0) => window.sparkRoster.saveState().revision !== r0, rev0, 120000);
  lat.push(Date.now() - start);
  await settle(a.page);
}
lat.sort((x, y) => x - y);
out.edit_latency_ms = { median: lat[Math.floor(lat.length / 2)], min: lat[0], max: lat[lat.length - 1], runs: lat.length };
const sb = await syncState(b.page);
out.b_state = sb.state;

await a.context.close();
await b.context.close();
await couch.close();
server.close();
fs.rmSync(a.profile, { recursive: true, force: true });
fs.rmSync(b.profile, { recursive: true, force: true });
if (asJson) console.log(JSON.stringify(out));
else {
  console.log(`program: ${creators} creators, ${posts} posts, ${out.backup_mb} MB backup, ${out.documents} documents`);
  console.log(`first replication to an empty server: ${out.first_replication_ms} ms (${out.server_documents} documents on the server; longest task ${out.first_replication_longest_task_ms} ms)`);
  console.log(`into a fresh browser: replicated and reloaded ${out.join_replication_ms} ms, synced ${out.join_to_synced_ms} ms (longest task ${out.join_open_longest_task_ms} ms)`);
  console.log(`an edit in A shown in B: median ${out.edit_latency_ms.median} ms (min ${out.edit_latency_ms.min}, max ${out.edit_latency_ms.max}, ${lat.length} edits)`);
}
