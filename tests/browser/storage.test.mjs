// What the app promises about saved data, with the faults injected: a browser killed in the
// middle of a save, IndexedDB missing, storage full, two tabs at once, leaving with a change
// unsaved, and rolling back to a recovery point.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, launch, openApp, click, typeInto, rect, text, waitSaved, program, screenshot,
         settle, textWhen, clickShown, shown, chromiumArgs, writeSingleRecord } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

const roster = () => url + '#/roster';

// `opts` {save: false}: do not wait for the save (a test that holds it open).
async function addCreator(page, handle, followers = '8000', opts) {
  await typeInto(page, 'Handle', handle);
  await typeInto(page, 'Followers', followers);
  await click(page, 'Add creator', opts);
}

const handles = (p) => p.creators.map((c) => c.handle);

// ------------------------------------------------------------------ a browser killed mid-save

// A backup with `n` creators whose handles start with `prefix`, large enough (about 1 MB) that
// parsing, writing and committing it takes a while.
function bigBackup(prefix, n) {
  const creators = [];
  for (let i = 1; i <= n; i++) {
    creators.push({ id: i, handle: `${prefix}${String(i).padStart(5, '0')}`, display_name: `Creator ${prefix} ${i}`,
                    followers: 5000 + i * 37, notes: `${prefix} notes for creator ${i}: `.padEnd(120, '.') });
  }
  return JSON.stringify({ format: 'spark-roster', version: 1, creators, next_id: n + 1 });
}

// Every process of the browser using this profile, the browser first (its process group holds
// the renderers and the storage service it started).
function browserPids(profile) {
  const pids = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    let cmd;
    try { cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.includes(`--user-data-dir=${profile}`)) pids.push(Number(d));
  }
  return pids;
}

function killBrowser(profile) {
  const pids = browserPids(profile);
  for (const pid of pids) { try { process.kill(-pid, 'SIGKILL'); } catch { /* not a group leader */ } }
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
  return pids.length;
}

async function openProfile(profile) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs,
    viewport: { width: 1000, height: 700 },
  });
  const page = context.pages()[0] || await context.newPage();
  await page.goto(roster());
  await page.evaluate(() => window.sparkRoster.ready);
  return { context, page };
}

test('a browser killed at any moment of a save keeps the old program or the new one, whole', { timeout: 600000 }, async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-kill-'));
  const A = bigBackup('alpha', 4000), B = bigBackup('beta', 5000);
  const kills = 20;
  try {
    // The exports of A and B as the app writes them, and how long a save of one takes here.
    let { context, page } = await openProfile(profile);
    await waitSaved(page);
    assert.deepEqual(await page.evaluate((t) => window.sparkRoster.importJson(t), B), { ok: true, error: null });
    const exportB = await page.evaluate(() => window.sparkRoster.exportJson());
    const t0 = Date.now();
    assert.deepEqual(await page.evaluate((t) => window.sparkRoster.importJson(t), A), { ok: true, error: null });
    const saveMs = Date.now() - t0;
    const exportA = await page.evaluate(() => window.sparkRoster.exportJson());
    assert.notEqual(exportA, exportB);

    const seen = { old: 0, new: 0 };
    let stored = 'A';
    for (let i = 0; i < kills; i++) {
      // Start replacing the stored program with the other one, and kill the whole browser
      // somewhere between the first byte of the import and well after its save should be done.
      const next = stored === 'A' ? 'B' : 'A';
      await page.evaluate((t) => { window.sparkRoster.importJson(t); }, next === 'A' ? A : B);
      const delay = Math.round((i / (kills - 1)) * saveMs * 1.2);
      await new Promise((r) => setTimeout(r, delay));
      assert.ok(killBrowser(profile) > 0, 'the browser processes were found');
      await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);

      ({ context, page } = await openProfile(profile));
      await page.waitForFunction(() => window.sparkRoster.saveState().state !== 'loading', null, { timeout: 10000 });
      const now = await page.evaluate(() => window.sparkRoster.exportJson());
      const state = await page.evaluate(() => window.sparkRoster.saveState());
      const banner = await text(page, 'banner');
      assert.equal(banner, null, `after kill ${i + 1} (${delay} ms) the stored program reads clean`);
      assert.equal(state.state, 'saved', `after kill ${i + 1} (${delay} ms) the status line reads ${state.text}`);
      const got = now === exportA ? 'A' : now === exportB ? 'B' : null;
      assert.ok(got, `after kill ${i + 1} (${delay} ms) the stored program is exactly A or exactly B ` +
                     `(it has ${JSON.parse(now).creators.length} creators)`);
      seen[got === stored ? 'old' : 'new']++;
      if (process.env.SR_VERBOSE) console.log(`# kill ${i + 1} at ${delay} ms: ${got === stored ? 'old' : 'new'}`);
      stored = got;
    }
    console.log(`# kill mid-save: ${kills} kills over 0-${Math.round(saveMs * 1.2)} ms after an import ` +
                `(a save took ${saveMs} ms): ${seen.old} kept the old program, ${seen.new} the new one, 0 mixed or empty`);
    await context.close();
  } finally {
    killBrowser(profile);
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

// ------------------------------------------------------------------ no IndexedDB

for (const [how, script] of [
  ['indexedDB.open throws', () => { IDBFactory.prototype.open = function () { throw new DOMException('The operation is insecure.', 'SecurityError'); }; }],
  ['indexedDB is undefined', () => { Object.defineProperty(window, 'indexedDB', { value: undefined }); }],
]) {
  test(`when ${how}, a banner says so, edits work in memory and export, and the status says not saved`, async () => {
    const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(script);
    const { page, problems } = await openApp(context, roster());
    const banner = await textWhen(page, 'banner', /^Storage is unavailable/);
    assert.match(banner, /^Storage is unavailable: .+\. Changes stay in this tab only and are not saved: export a backup to keep them\.$/);
    assert.match(await text(page, 'save status'), /^Not saved: /);

    await addCreator(page, 'in.memory');
    assert.equal(await textWhen(page, 'notice', 'Added @in.memory.'), 'Added @in.memory.');
    assert.match(await textWhen(page, 'save status', /^Not saved: /), /^Not saved: /);
    assert.ok(handles(await program(page)).includes('in.memory'), 'the export holds the edit');
    assert.ok(await rect(page, '@in.memory'), 'the new row is drawn');
    await screenshot(page, `storage-unavailable-${how.split(' ').pop()}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

// ------------------------------------------------------------------ storage full

test('storage full (on put or at commit): the status says so, the data stays and exports, and the next change after the fault saves', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // window.__fault: 'put' makes the write throw, 'commit' aborts the transaction with a quota
  // error as a full disk does; null lets everything through.
  await context.addInitScript(() => {
    window.__fault = null;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.__fault === 'put') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = transaction.apply(this, args);
      if (window.__fault === 'commit' && args[1] === 'readwrite') {
        Object.defineProperty(tx, 'error', { get: () => new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
        Promise.resolve().then(() => tx.abort());
      }
      return tx;
    };
  });
  const { page, problems } = await openApp(context, roster());
  await waitSaved(page);
  let n = 0;
  for (const fault of ['put', 'commit']) {
    await page.evaluate((f) => { window.__fault = f; }, fault);
    await addCreator(page, `wont.fit.${fault}`);
    assert.equal(await textWhen(page, 'save status', /^Not saved/), 'Not saved: storage is full (QuotaExceededError)', fault);
    assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).state, 'failed');
    assert.ok(handles(await program(page)).includes(`wont.fit.${fault}`), `the change stays in memory and in an export (${fault})`);
    if (!n++) await screenshot(page, 'storage-full');

    // Room again: the next change saves, and with it the one that did not fit.
    await page.evaluate(() => { window.__fault = null; });
    await addCreator(page, `fits.after.${fault}`);
    await waitSaved(page);
    assert.equal(await text(page, 'save status'), 'Saved');
  }
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  const kept = handles(await program(page));
  for (const h of ['wont.fit.put', 'fits.after.put', 'wont.fit.commit', 'fits.after.commit']) assert.ok(kept.includes(h), `${h} is stored`);
  // The put that throws inside the storage library's write is caught where it is made: no
  // uncaught page error, nothing logged as the database failing.
  assert.deepEqual(problems, []);
  await context.close();
});

test('a save says "Saved" only once its writes are committed, each with strict durability', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Every write transaction on the documents' database, with its durability and whether it has
  // completed (installed before the app, so the app's own wrapper calls through it).
  await context.addInitScript(() => {
    window.__writes = [];
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = transaction.apply(this, args);
      if (args[1] === 'readwrite' && this.name.includes('spark-roster-docs')) {
        const w = { durability: tx.durability, done: false };
        window.__writes.push(w);
        tx.addEventListener('complete', () => { w.done = true; });
        tx.addEventListener('abort', () => { w.done = 'aborted'; });
      }
      return tx;
    };
  });
  const { page, problems } = await openApp(context, roster());
  await waitSaved(page);
  // When the app hears a save is done, every write it started must have completed.
  await page.evaluate(() => {
    window.__early = [];
    const saved = window.Module._sr_storage_saved;
    window.Module._sr_storage_saved = (seq, ok, error) => {
      const open = window.__writes.filter((w) => w.done !== true).length;
      window.__early.push({ ok, open, writes: window.__writes.length });
      return saved(seq, ok, error);
    };
  });
  const before = await page.evaluate(() => window.__writes.length);
  await addCreator(page, 'le.thi.mai');
  await waitSaved(page);
  await addCreator(page, 'ploy.review');
  await waitSaved(page);
  const seen = await page.evaluate(() => ({ early: window.__early, writes: window.__writes }));
  // Two saves: each a pending head, one batch of documents, the head committed (3 writes).
  assert.equal(seen.early.length, 2);
  for (const e of seen.early) assert.deepEqual([e.ok, e.open], [1, 0], 'no write still open when "Saved" is reported');
  assert.ok(seen.writes.length >= before + 6, `${seen.writes.length - before} write transactions for two saves`);
  assert.deepEqual([...new Set(seen.writes.map((w) => w.durability))], ['strict'], 'every write transaction is strict');
  assert.equal(await text(page, 'save status'), 'Saved');
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------------------------ two tabs

test('a second tab is read-only: its controls change nothing, it follows the writer, and takes over when the writer closes', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const first = await openApp(context, roster());
  await waitSaved(first.page);
  const second = await openApp(context, roster());
  assert.equal((await second.page.evaluate(() => window.sparkRoster.saveState())).state, 'read_only');
  assert.match(await textWhen(second.page, 'banner', /another tab/), /read-only/);
  assert.equal(await text(second.page, 'save status'), 'Read-only: another tab is editing');
  const refused = await second.page.evaluate(() => window.sparkRoster.importJson('{}'));
  assert.equal(refused.ok, false);

  // A person tries to edit in the read-only tab: typing, clicking Add, Delete, Undo, Ctrl+Z.
  const stored = await first.page.evaluate(() => window.sparkRoster.exportJson());
  await second.page.bringToFront();
  await addCreator(second.page, 'not.from.here');
  await click(second.page, '@acnefreeava');
  assert.equal(await rect(second.page, 'Save changes'), null, 'clicking a row opens nothing to edit');
  await click(second.page, 'Undo');
  await second.page.keyboard.press('Control+Z');
  await settle(second.page);
  assert.equal(await second.page.evaluate(() => window.sparkRoster.exportJson()), stored, 'the read-only tab changed nothing');
  assert.equal(await first.page.evaluate(() => window.sparkRoster.exportJson()), stored, 'nor the writer');

  await first.page.bringToFront();  // a hidden tab draws nothing; a person would switch to it
  await addCreator(first.page, 'from.tab.one', '6000');
  await waitSaved(first.page);
  await second.page.waitForFunction(() => window.sparkRoster.exportJson().includes('from.tab.one'), null, { timeout: 5000 });
  await second.page.bringToFront();
  await settle(second.page);
  await typeInto(second.page, 'Filter', 'from.tab');
  assert.ok(await rect(second.page, '@from.tab.one'), "the writer's new creator is drawn in the read-only tab");
  await screenshot(second.page, 'second-tab-read-only');

  await first.page.close();
  await second.page.waitForFunction(() => window.sparkRoster.saveState().state === 'saved', null, { timeout: 5000 });
  await settle(second.page);
  assert.equal(await text(second.page, 'banner'), null, 'the read-only banner is gone');
  await addCreator(second.page, 'from.tab.two', '6000');
  await waitSaved(second.page);
  await second.page.reload();
  await second.page.evaluate(() => window.sparkRoster.ready);
  const p = await program(second.page);
  assert.ok(handles(p).includes('from.tab.one') && handles(p).includes('from.tab.two'), 'both tabs\' creators are stored');
  assert.ok(!handles(p).includes('not.from.here'));
  assert.deepEqual(first.problems.concat(second.problems), []);
  await context.close();
});

// ------------------------------------------------------------------ leaving with unsaved changes

test('leaving while a change is still being saved asks first; leaving with everything saved does not', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // window.__hold keeps every write transaction open (a slow disk) until it is cleared.
  await context.addInitScript(() => {
    window.__hold = false;
    const transaction = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (...args) {
      const tx = transaction.apply(this, args);
      if (window.__hold && args[1] === 'readwrite') {
        // Any store of the transaction (the program's documents are in PouchDB's stores).
        const store = tx.objectStore(tx.objectStoreNames[0]);
        (function keepBusy() {
          const r = store.get('program');
          r.onsuccess = () => { if (window.__hold) keepBusy(); };
        })();
      }
      return tx;
    };
  });
  const { page, problems } = await openApp(context, roster());
  await waitSaved(page);
  const dialogs = [];
  let asked;
  const dialogShown = new Promise((resolve) => { asked = resolve; });
  page.on('dialog', (d) => { dialogs.push(d.type()); d.dismiss(); asked(); });  // dismiss: stay on the page

  await page.evaluate(() => { window.__hold = true; });
  await addCreator(page, 'still.saving', '8000', { save: false });
  // The save starts on the frame after the change ("Saving…" is on screen either way).
  await settle(page, { save: false });
  assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).state, 'saving');
  await page.close({ runBeforeUnload: true });
  await dialogShown;
  assert.deepEqual(dialogs, ['beforeunload'], 'the browser asked before leaving');
  assert.equal(page.isClosed(), false, 'the person chose to stay');

  await page.evaluate(() => { window.__hold = false; });
  await waitSaved(page);
  const closed = new Promise((r) => page.once('close', r));
  await page.close({ runBeforeUnload: true });
  await closed;
  assert.deepEqual(dialogs, ['beforeunload'], 'no question when everything is saved');

  const again = await openApp(context, roster());
  await waitSaved(again.page);
  assert.ok(handles(await program(again.page)).includes('still.saving'), 'the held save landed');
  assert.deepEqual(problems.concat(again.problems), []);
  await context.close();
});

// ------------------------------------------------------------------ recovery points

test('Settings shows persistent storage and the recovery points; restoring one brings back the earlier program, and Undo returns', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 1100 } });
  // The clock moves 11 minutes between the two saves, so each keeps its own recovery point.
  await context.addInitScript(() => {
    window.__skew = 0;
    const now = Date.now;
    Date.now = () => now() + window.__skew;
  });
  const { page, problems } = await openApp(context, roster());
  await waitSaved(page);
  const earlier = await page.evaluate(() => window.sparkRoster.exportJson());
  await page.evaluate(() => { window.__skew = 11 * 60 * 1000; });
  await addCreator(page, 'after.the.point');
  await waitSaved(page);
  const later = await page.evaluate(() => window.sparkRoster.exportJson());

  await page.goto(url + '#/settings');
  await settle(page);
  assert.match(await textWhen(page, 'persistent storage', /^Persistent storage: (granted|not granted)\./),
               /^Persistent storage: (granted|not granted)\./);
  assert.match(await textWhen(page, 'recovery point 2', /UTC/), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ KB$/);
  assert.equal(await text(page, 'recovery point 3'), null, 'two saves ten minutes apart: two recovery points');
  await screenshot(page, 'settings-storage');

  // The older point, behind a confirmation.
  await click(page, 'restore point 2');
  assert.ok(await shown(page, 'Restore version'), 'a confirmation asks first');
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), later, 'nothing changes before the confirmation');
  await click(page, 'Restore version');
  assert.match(await textWhen(page, 'storage message', /^Restored/), /^Restored the version saved \d{4}-\d\d-\d\d \d\d:\d\d UTC\. Undo brings back what was there\.$/);
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), earlier, 'the earlier program is back');

  await click(page, 'Undo');
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), later, 'Undo returns the program as it was');
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  assert.ok(handles(await program(page)).includes('after.the.point'), 'and that is what is stored');
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------------------------ data stored by earlier versions

// Earlier versions stored the program as a string: kv "program" = {text, savedAt, seq}, and each
// recovery point as {text, at, savedAt}. A person who saved with such a version finds the program
// and its recovery points again after the update.
test('a program stored as text by an earlier version loads, and its recovery points list and restore', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 1100 } });
  const backup = (prefix, n) => {
    const p = JSON.parse(bigBackup(prefix, n));
    p.creators[0].display_name = 'Zoë Ōtani 東京 🎬';  // stored text beyond ASCII
    return JSON.stringify(p);
  };
  const current = backup('kept', 40), older = backup('older', 25);
  // A first page of the same origin (not the app) writes the records as the earlier version did.
  const first = await context.newPage();
  await first.goto(url + 'app.css');
  await first.evaluate(([text, olderText]) => new Promise((resolve, reject) => {
    const req = indexedDB.open('spark-roster', 2);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('kv');
      req.result.createObjectStore('versions', { autoIncrement: true });
    };
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const now = Date.now(), hour = 60 * 60 * 1000;
      const tx = db.transaction(['kv', 'versions'], 'readwrite');
      tx.objectStore('kv').put({ text, savedAt: new Date(now - hour).toISOString(), seq: 7 }, 'program');
      tx.objectStore('versions').add({ text: olderText, at: now - 3 * hour, savedAt: now - 3 * hour });
      tx.objectStore('versions').add({ text, at: now - hour, savedAt: now - hour });
      tx.oncomplete = () => { db.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [current, older]);
  await first.close();

  const { page, problems } = await openApp(context, roster());
  assert.equal(await text(page, 'banner'), null, 'the stored program reads clean');
  assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).state, 'saved');
  const loaded = await program(page);
  assert.deepEqual(handles(loaded), handles(JSON.parse(current)), 'the stored program is the one on screen');
  assert.equal(loaded.creators[0].display_name, 'Zoë Ōtani 東京 🎬');
  assert.ok(await rect(page, '@kept00001'), 'its creators are drawn');

  await page.goto(url + '#/settings');
  await settle(page);
  assert.match(await textWhen(page, 'recovery point 2', /UTC/), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ KB$/);
  assert.match(await text(page, 'recovery point 1'), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ KB$/);
  assert.equal(await text(page, 'recovery point 3'), null, 'the two stored recovery points');

  await click(page, 'restore point 2');
  await clickShown(page, 'Restore version');
  assert.match(await textWhen(page, 'storage message', /^Restored/), /^Restored the version saved /);
  await waitSaved(page);
  assert.deepEqual(handles(await program(page)), handles(JSON.parse(older)), 'the older recovery point is back');

  // Saved again (by this version), it loads again, and so does the display name.
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
  const again = await program(page);
  assert.deepEqual(handles(again), handles(JSON.parse(older)), 'and that is what is stored');
  assert.equal(again.creators[0].display_name, 'Zoë Ōtani 東京 🎬');
  assert.equal(await text(page, 'banner'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

// ------------------------------------------------------------------ one document per record

// The documents stored in the page's PouchDB database, by id (the head left out): each record
// is its backup JSON as text (JSON.parse refuses anything else).
const storedDocs = (page) => page.evaluate(async () => {
  const db = new PouchDB('spark-roster-docs', { adapter: 'indexeddb' });
  const all = await db.allDocs({ include_docs: true });  // not closed: the app's connection is shared
  const out = {};
  for (const row of all.rows) if (row.id !== 'head') out[row.id] = typeof row.doc.r === 'string' ? JSON.parse(row.doc.r) : 'not text';
  return out;
});
const docId = (kind, id) => `${kind}:${String(id).padStart(16, '0')}`;

test('a save after one edit writes that record\'s document (and the next id), not the program', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, roster());
  await waitSaved(page);
  const before = await program(page);
  const first = await page.evaluate(() => window.sparkRoster.storageStats());
  // The first visit's sample program: every record a document, plus program, settings and the
  // review marks.
  const records = before.creators.length + before.products.length + before.samples.length + before.briefs.length +
                  before.posts.length + before.spark_codes.length;
  assert.equal(first.last.docs, records + 3);

  await addCreator(page, 'nguyen.thu.ha', '12000');
  await waitSaved(page);
  const after = await program(page);
  const added = after.creators.find((c) => c.handle === 'nguyen.thu.ha');
  assert.equal(added.id, before.next_id, 'the new creator takes the next id');
  const stats = await page.evaluate(() => window.sparkRoster.storageStats());
  assert.equal(stats.saves, first.saves + 1);
  assert.deepEqual(stats.last.ids.slice().sort(), [docId('creator', added.id), 'program'].sort());
  assert.equal(stats.last.deleted, 0);
  assert.ok(stats.last.bytes < 1000, `${stats.last.bytes} bytes written for one creator`);

  // Removing it deletes its document; the stored documents are the program, record by record.
  const docs = await storedDocs(page);
  assert.deepEqual(docs[docId('creator', added.id)], added);
  assert.equal(docs.program.next_id, after.next_id);
  await click(page, 'Undo');
  await waitSaved(page);
  // Undo keeps the id used (the next id stays), so only the creator's document goes.
  const undone = await page.evaluate(() => window.sparkRoster.storageStats());
  assert.equal(undone.last.deleted, 1);
  assert.deepEqual(undone.last.ids, [docId('creator', added.id)]);
  assert.equal((await storedDocs(page))[docId('creator', added.id)], undefined);
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  assert.deepEqual(await program(page), { ...before, next_id: after.next_id }, 'reloaded: the program as it was, its next id kept');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a program stored by the previous version (one record of bytes) moves to documents whole, and the old record goes only after', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 1100 } });
  const p = JSON.parse(bigBackup('moved', 300));
  p.creators[0].display_name = 'Nguyễn Thu Hà 🌸';
  p.creators[1].display_name = 'สมชาย ใจดี';
  p.creators[2].display_name = '小林 · 美妆分享 ✨';
  p.products = [{ id: 301, sku: 'SERUM-30', name: 'Vitamin C serum 30 ml', price: 24.9 }];
  p.posts = [{ id: 302, creator_id: 1, product_id: 301, tiktok_ref: '7301234567890123456', published: '2026-11-18', views: 48210, gmv: 1234.5 }];
  p.imported_orders = Array.from({ length: 2500 }, (_, i) => `5764612345678${String(i).padStart(5, '0')}|7301234567890123456|1`);
  p.next_id = 303;
  const backupText = JSON.stringify(p);
  // The previous version's record: database version 3, kv "program" = {bytes: Blob, size, savedAt, seq}.
  const first = await context.newPage();
  await first.goto(url + 'app.css');
  await writeSingleRecord(first, backupText);
  await first.close();

  const { page, problems } = await openApp(context, roster());
  await waitSaved(page);
  const loaded = await program(page);
  assert.deepEqual(loaded.creators.map((c) => [c.id, c.handle, c.display_name, c.followers, c.notes]),
                   p.creators.map((c) => [c.id, c.handle, c.display_name, c.followers, c.notes]), 'every creator as stored');
  assert.deepEqual(loaded.imported_orders, p.imported_orders);
  assert.equal(loaded.posts[0].gmv, 1234.5);
  assert.equal(loaded.creators.length, 300);
  assert.equal(loaded.creators[0].display_name, 'Nguyễn Thu Hà 🌸');
  assert.equal(loaded.imported_orders.length, 2500);
  // The old record is deleted once the documents read back the same (waitSaved covers the check).
  const oldRecord = await page.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('spark-roster');
    req.onsuccess = () => {
      const tx = req.result.transaction('kv', 'readonly');
      const get = tx.objectStore('kv').get('program');
      tx.oncomplete = () => { req.result.close(); resolve(get.result === undefined ? null : 'still there'); };
    };
    req.onerror = () => reject(req.error);
  }));
  assert.equal(oldRecord, null, 'the old record is gone once the documents are verified');
  const docs = await storedDocs(page);
  // 300 creators, a product, a post, the settings, the review marks, the program and three
  // blocks of order keys (1,000, 1,000 and 500).
  assert.equal(Object.keys(docs).length, 300 + 1 + 1 + 3 + 3);
  assert.equal(docs[docId('creator', 2)].display_name, 'สมชาย ใจดี');
  assert.equal(docs['orders:000002'].length, 500);

  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await waitSaved(page);
  assert.deepEqual(await program(page), loaded, 'reloaded from the documents: the same program');
  assert.equal(await text(page, 'banner'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a browser killed while a save\'s documents are half written reopens with the program before the command, whole', { timeout: 120000 }, async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-half-'));
  const A = bigBackup('alpha', 1500), B = bigBackup('beta', 2000);
  try {
    let { context, page } = await openProfile(profile);
    await waitSaved(page);
    assert.deepEqual(await page.evaluate((t) => window.sparkRoster.importJson(t), A), { ok: true, error: null });
    await waitSaved(page, 60000);
    const exportA = await page.evaluate(() => window.sparkRoster.exportJson());
    // The next save's documents (2,003, in batches of 500): two batches written, then half of
    // the third, the rest never (the browser dies first).
    await page.evaluate(() => {
      const db = window.Module.srStorageDb();
      const bulk = db.bulkDocs;
      window.__halfWritten = null;
      let written = 0, batches = 0;
      db.bulkDocs = function (docs, ...rest) {
        const list = Array.isArray(docs) ? docs : docs.docs;
        if (list.length > 100 && ++batches === 3) {
          const half = list.slice(0, list.length >> 1);
          return bulk.call(this, half).then(() => { window.__halfWritten = written + half.length; return new Promise(() => {}); });
        }
        if (list.length > 100) written += list.length;
        return bulk.call(this, docs, ...rest);
      };
    });
    await page.evaluate((t) => { window.sparkRoster.importJson(t); }, B);
    await page.waitForFunction(() => window.__halfWritten !== null, null, { timeout: 60000 });
    assert.equal(await page.evaluate(() => window.__halfWritten), 1250, 'more than half of the documents were written');
    assert.ok(killBrowser(profile) > 0);
    await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);

    ({ context, page } = await openProfile(profile));
    await page.waitForFunction(() => window.sparkRoster.saveState().state !== 'loading', null, { timeout: 30000 });
    assert.equal(await text(page, 'banner'), null, 'the stored program reads clean');
    assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).state, 'saved');
    assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), exportA, 'exactly the program before the import');
    // And the next save after it works from there.
    assert.deepEqual(await page.evaluate((t) => window.sparkRoster.importJson(t), B), { ok: true, error: null });
    await waitSaved(page, 60000);
    const exportB = await page.evaluate(() => window.sparkRoster.exportJson());
    await page.reload();
    await page.evaluate(() => window.sparkRoster.ready);
    assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), exportB);
    await context.close();
  } finally {
    killBrowser(profile);
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('the move from the previous record is written in batches of 500 in one save; killed between two batches, it reopens from that record, whole', { timeout: 180000 }, async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-move-'));
  const p = JSON.parse(bigBackup('moving', 5000));
  p.creators[0].display_name = 'Trần Minh Khoa 🎬';
  p.creators[1].display_name = 'วิภา สุขใจ';
  const backupText = JSON.stringify(p);
  try {
    // The previous version's record, as in the test above, in a profile kept on disk.
    let context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: chromiumArgs, viewport: { width: 1000, height: 700 },
    });
    let page = context.pages()[0] || await context.newPage();
    await page.goto(url + 'app.css');
    await writeSingleRecord(page, backupText);
    // Every bulkDocs of the documents (trapped as the storage library loads): the first save's
    // batches are counted; after the first, the next never completes and the browser dies.
    await page.addInitScript(() => {
      window.__batches = [];
      let P;
      Object.defineProperty(self, 'PouchDB', {
        configurable: true,
        get: () => P,
        // Its methods are the instance's own: each database made is given the counting one.
        set: (v) => {
          P = class extends v {
            constructor(...a) {
              super(...a);
              const bulk = this.bulkDocs;
              this.bulkDocs = function (docs, ...rest) {
                const list = Array.isArray(docs) ? docs : docs.docs;
                if (list.length && list[0].s === 1) {
                  window.__batches.push(list.length);
                  if (window.__batches.length === 2) return new Promise(() => {});
                }
                return bulk.call(this, docs, ...rest);
              };
            }
          };
        },
      });
    });
    await page.goto(roster());
    await page.waitForFunction(() => window.__batches.length === 2, null, { timeout: 60000 });
    // 5,000 creators, the settings, the review marks and the program: 5,003 documents.
    assert.deepEqual(await page.evaluate(() => window.__batches), [500, 500], 'the documents go 500 to a bulkDocs');
    assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).state, 'saving');
    assert.ok(killBrowser(profile) > 0);
    await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);

    // Reopened: the program of the previous record, whole, and the move done this time.
    ({ context, page } = await openProfile(profile));
    const problems = [];
    page.on('pageerror', (e) => problems.push('page error: ' + e.message));
    const loaded = await program(page);
    assert.equal(loaded.creators.length, 5000);
    assert.deepEqual(loaded.creators.map((c) => [c.id, c.handle, c.display_name, c.followers, c.notes]),
                     p.creators.map((c) => [c.id, c.handle, c.display_name, c.followers, c.notes]), 'every creator as in the record');
    assert.equal(await text(page, 'banner'), null);
    await waitSaved(page, 90000);
    const docs = await storedDocs(page);
    assert.equal(Object.keys(docs).length, 5003, 'every record a document, none left over from the cut save');
    assert.equal(docs[docId('creator', 2)].display_name, 'วิภา สุขใจ');
    await page.reload();
    await page.evaluate(() => window.sparkRoster.ready);
    assert.deepEqual(await program(page), loaded, 'reloaded from the documents: the same program');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    killBrowser(profile);
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
