// Teams: one program shared by several browsers through a CouchDB-compatible server
// (express-pouchdb in memory, tests/browser/couch.mjs), on loopback, as README "Teams" sets one
// up: two editors see each other's changes, edits made offline merge record by record, the
// same record edited in both is a conflict resolved on screen, the server going away
// mid-replication loses nothing, a read-only member cannot change anything, and a wrong
// password, an unreachable server or a database that is not a program are reported with
// nothing changed here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, typeInto, settle, program, textWhen, text, shown, waitSaved,
         screenshot } from './lib.mjs';

import { startCouch } from './couch.mjs';

let server, url, chrome, couch, origin;
before(async () => {
  ({ server, url } = await startServer());
  origin = new URL(url).origin;
  chrome = await launch();
  couch = await startCouch({ origin });
  await couch.addUser('mai.nguyen', 'Bếp-đỏ-42', ['editor']);
  await couch.addUser('somchai', 'ส้มตำ-7', ['editor']);
  await couch.addUser('reader', 'read-only-pw', []);
});
after(async () => {
  await chrome?.close();
  await couch?.close();
  server?.close();
});

const users = {
  mai: { username: 'mai.nguyen', password: 'Bếp-đỏ-42' },
  somchai: { username: 'somchai', password: 'ส้มตำ-7' },
  reader: { username: 'reader', password: 'read-only-pw' },
};

let dbCount = 0;
async function newProgramDb(members = ['mai.nguyen', 'somchai', 'reader']) {
  const name = `brand-${++dbCount}`;
  await couch.addProgramDb(name, members);
  return { name, url: `${couch.base}/${name}` };
}

// A browser tall enough that a creator's notes, at the foot of the creator screen, are in view.
async function newBrowser() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 1500 } });
  const { page, problems: all } = await openApp(context, url + '#/settings');
  // Replication asks the server for its last checkpoint, which is not there the first time: the
  // browser logs that 404 as an error (PouchDB's own protocol, docs/rules.md "Teams").
  const problems = {
    list: all,
    get real() { return all.filter((p) => p !== 'console error: Failed to load resource: the server responded with a status of 404 (Not Found)'); },
  };
  await waitSaved(page);
  return { context, page, problems };
}

const sync = (page) => page.evaluate(() => window.sparkRoster.syncState());

// Waits until the sync state is `state` (and, when given, its text matches); fails with the state.
async function syncWhen(page, state, timeout = 20000) {
  try {
    await page.waitForFunction((s) => {
      const x = window.sparkRoster && window.sparkRoster.syncState && window.sparkRoster.syncState();
      return x && x.state === s;
    }, state, { timeout });
  } catch (e) {
    throw new Error(`sync did not reach "${state}" within ${timeout} ms: ${JSON.stringify(await sync(page))}`);
  }
  await settle(page);
  return sync(page);
}

// Types the database and the user on Settings, Sync, and connects: the page reloads.
async function connect(page, dbUrl, user) {
  await page.goto(url + '#/settings');
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
  await typeInto(page, 'sync url', dbUrl);
  await typeInto(page, 'sync user', user.username);
  await typeInto(page, 'sync password', user.password);
  const r = await shown(page, 'Connect');
  const loaded = page.waitForEvent('load');
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await loaded;
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
}

// Opens the team's program in a browser that has connected to a database holding one.
async function openTeamProgram(page) {
  await syncWhen(page, 'join');
  const r = await shown(page, "Open the team's program");
  const loaded = page.waitForEvent('load', { timeout: 60000 });
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await loaded.catch(async (e) => {
    throw new Error(`the page did not reload onto the team's program: ${JSON.stringify(await sync(page))}`);
  });
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
}

// Goes to a screen as a link in the app does (no page load: it works offline too).
async function go(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
}

async function addCreator(page, handle, followers) {
  await go(page, '#/roster');
  await typeInto(page, 'Handle', handle);
  await typeInto(page, 'Followers', followers);
  await click(page, 'Add creator');
  await waitSaved(page);
}

async function setNotes(page, id, notes) {
  await go(page, '#/creator/' + id);
  await click(page, 'Notes');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(notes, { delay: 5 });
  await settle(page);
  await click(page, 'Save notes');
  await waitSaved(page);
}

// Waits until the page's program satisfies `fn` (a change from another browser arriving).
async function programWhen(page, fn, what, timeout = 20000) {
  const start = Date.now();
  for (;;) {
    const p = await program(page);
    if (fn(p)) return p;
    if (Date.now() - start > timeout) throw new Error(`the program did not show ${what} within ${timeout} ms`);
    await page.waitForFunction(() => true, null, { polling: 100, timeout: 1000 }).catch(() => {});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  }
}

const handles = (p) => p.creators.map((c) => c.handle).sort();

// Two browsers on one team's program, both synced: A pushed its program to the empty database,
// B opened it from there.
async function twoEditors() {
  const db = await newProgramDb();
  const a = await newBrowser();
  await connect(a.page, db.url, users.mai);
  await syncWhen(a.page, 'synced');
  const b = await newBrowser();
  await connect(b.page, db.url, users.somchai);
  await openTeamProgram(b.page);
  await syncWhen(b.page, 'synced');
  return { db, a, b };
}

test('two editors share one program: each sees the other\'s changes, and new records never take the same id', async () => {
  const { db, a, b } = await twoEditors();
  const pa = await program(a.page);
  const pb = await program(b.page);
  assert.deepEqual(handles(pb), handles(pa), 'B opened the program A sent to the server');
  assert.ok(pa.creators.length >= 5, `${pa.creators.length} creators in the sample`);
  const onServer = await couch.docs(db.name);
  assert.ok(onServer.program && onServer.settings, 'the program and its settings are on the server');
  assert.equal(onServer.head, undefined, 'the local save record is not sent');
  assert.equal(Object.keys(onServer).filter((k) => k.startsWith('creator:')).length, pa.creators.length);

  // The status line says so, and Settings names the database and the user.
  assert.equal(await textWhen(a.page, 'sync status', 'Synced'), 'Synced');
  assert.equal(await text(a.page, 'sync database'), `Database: ${db.url}, as mai.nguyen.`);
  await screenshot(a.page, 'sync-settings');

  await addCreator(a.page, 'trang.beauty.vn', '41000');
  const seen = await programWhen(b.page, (p) => p.creators.some((c) => c.handle === 'trang.beauty.vn'), 'A\'s new creator');
  await addCreator(b.page, 'somtam.daily', '18500');
  const back = await programWhen(a.page, (p) => p.creators.some((c) => c.handle === 'somtam.daily'), 'B\'s new creator');
  const ta = back.creators.find((c) => c.handle === 'trang.beauty.vn');
  const tb = back.creators.find((c) => c.handle === 'somtam.daily');
  assert.equal(seen.creators.find((c) => c.handle === 'trang.beauty.vn').followers, 41000);
  assert.equal(tb.followers, 18500);
  // Each browser gives ids from its own range (docs/rules.md, "Teams").
  const sa = (await sync(a.page)).slot, sb = (await sync(b.page)).slot;
  assert.ok(sa > 0 && sb > 0 && sa !== sb, `slots ${sa} and ${sb}`);
  assert.equal(Math.floor(ta.id / 2 ** 40), sa);
  assert.equal(Math.floor(tb.id / 2 ** 40), sb);

  // Undo stays with the browser that made the change: B's undo takes back B's creator only.
  await b.page.keyboard.press('Control+Z');
  await settle(b.page);
  await waitSaved(b.page);
  assert.ok(!(await program(b.page)).creators.some((c) => c.handle === 'somtam.daily'), 'undone in B');
  const afterUndo = await programWhen(a.page, (p) => !p.creators.some((c) => c.handle === 'somtam.daily'), 'B\'s undo');
  assert.ok(afterUndo.creators.some((c) => c.handle === 'trang.beauty.vn'), 'A\'s creator stays');
  assert.deepEqual(a.problems.real, []);
  assert.deepEqual(b.problems.real, []);
  await a.context.close();
  await b.context.close();
});

test('edits made offline in two browsers merge record by record; the same creator edited in both is a conflict chosen on screen', async () => {
  const { db, a, b } = await twoEditors();
  // A creator both browsers have, added by A before either goes offline.
  await addCreator(a.page, 'linh.nguyen.vn', '15000');
  await programWhen(b.page, (p) => p.creators.some((c) => c.handle === 'linh.nguyen.vn'), 'A\'s creator');
  const p0 = await program(a.page);
  const linh = p0.creators.find((c) => c.handle === 'linh.nguyen.vn');
  await a.context.setOffline(true);
  await b.context.setOffline(true);
  await addCreator(a.page, 'linh.nguyen.official', '9000');
  await addCreator(b.page, 'ploy.skincare', '27000');
  await setNotes(a.page, linh.id, 'Gửi mẫu serum trước ngày 12 🎁');
  await setNotes(b.page, linh.id, 'ส่งตัวอย่างไปกรุงเทพฯ ก่อนวันศุกร์');
  assert.match(await textWhen(a.page, 'sync status', /^Offline/), /^Offline, \d+ changes? waiting$/);
  await screenshot(a.page, 'sync-offline');

  await a.context.setOffline(false);
  await b.context.setOffline(false);
  // Both browsers end with both new creators, and the two notes as a conflict: within the
  // replication's longest wait between retries (30 s, docs/rules.md "Teams") and the transfer.
  for (const x of [a, b]) {
    const p = await programWhen(x.page, (q) => ['linh.nguyen.official', 'ploy.skincare'].every((h) => q.creators.some((c) => c.handle === h)),
                                'both offline creators', 45000);
    assert.equal(p.creators.length, p0.creators.length + 2);
    await x.page.waitForFunction(() => (window.sparkRoster.syncState().conflicts || []).length === 1, null, { timeout: 20000 });
  }
  const conflict = (await sync(a.page)).conflicts[0];
  assert.equal(conflict.id, 'creator:' + String(linh.id).padStart(16, '0'));
  const notes = conflict.versions.map((v) => JSON.parse(v.text).notes).sort();
  assert.deepEqual(notes, ['Gửi mẫu serum trước ngày 12 🎁', 'ส่งตัวอย่างไปกรุงเทพฯ ก่อนวันศุกร์'].sort());
  // Both browsers show the same version until one is chosen.
  const shownA = (await program(a.page)).creators.find((c) => c.id === linh.id).notes;
  const shownB = (await program(b.page)).creators.find((c) => c.id === linh.id).notes;
  assert.equal(shownA, shownB);
  assert.equal(await textWhen(a.page, 'sync conflicts', '· 1 conflict'), '· 1 conflict');

  // The Conflicts screen: both versions side by side; keep the one not shown now.
  await go(a.page, '#/conflicts');
  assert.match(await text(a.page, 'conflict 1'), /^Creator @/);
  const other = shownA === notes[0] ? notes[1] : notes[0];
  assert.equal(await text(a.page, 'conflict 1 notes 1'), shownA);
  assert.equal(await text(a.page, 'conflict 1 notes 2'), other);
  await screenshot(a.page, 'sync-conflicts');
  await click(a.page, 'keep 1 2');
  for (const x of [a, b]) {
    await programWhen(x.page, (q) => q.creators.find((c) => c.id === linh.id).notes === other, 'the version kept');
    await x.page.waitForFunction(() => (window.sparkRoster.syncState().conflicts || []).length === 0, null, { timeout: 20000 });
  }
  const onServer = await couch.docs(db.name);
  const doc = onServer[conflict.id];
  assert.equal(JSON.parse(doc.r).notes, other);
  assert.equal(doc._conflicts, undefined, 'no version left in conflict on the server');
  // Offline, the page's requests to the team's server fail, and the browser's own request of the
  // page's icon: nothing else.
  const offlineFailures = (p) => p.startsWith(`request failed: ${couch.base}/`) || p === `request failed: ${origin}/icons/icon.svg` ||
                                 p === 'console error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED';
  assert.deepEqual(a.problems.real.filter((p) => !offlineFailures(p)), []);
  assert.deepEqual(b.problems.real.filter((p) => !offlineFailures(p)), []);
  await a.context.close();
  await b.context.close();
});

// A backup with `n` creators with names of the shops' languages.
const names = ['Nguyễn Thị Hoa', 'สมชาย ใจดี', '林美玲', 'Putri Ayu 🌸', 'Maria Santos'];
function teamBackup(n) {
  const creators = [];
  for (let i = 1; i <= n; i++) {
    creators.push({ id: i, handle: `creator.${String(i).padStart(4, '0')}`, display_name: `${names[i % names.length]} ${i}`,
                    followers: 4000 + i * 13, notes: `Notes ${i} `.padEnd(200, '.') });
  }
  return JSON.stringify({ format: 'spark-roster', version: 1, creators, next_id: n + 1 });
}

test('the server going away in the middle of the first replication loses nothing: it resumes and sends every record', async () => {
  const db = await newProgramDb();
  const a = await newBrowser();
  // A program large enough that sending it takes several batches.
  await a.page.goto(url + '#/data');
  await settle(a.page);
  await a.page.setInputFiles('#sr-file-input', { name: 'team.json', mimeType: 'application/json', buffer: Buffer.from(teamBackup(10000)) });
  await shown(a.page, 'backup:holds');
  await click(a.page, 'Replace my program');
  await click(a.page, 'Replace');
  await waitSaved(a.page);
  assert.equal((await program(a.page)).creators.length, 10000);
  await connect(a.page, db.url, users.mai);
  // Stopped once part of the program is on the server (some of its batches, not all).
  const total = 10000 + 3;  // the creators, "program", "settings", "review_marks"
  let part = 0;
  while (part === 0) part = (await couch.call('GET', '/' + db.name)).json.doc_count - 1;  // the design document
  await couch.stop();
  assert.ok(part < total, `stopped with ${part} of ${total} documents sent`);
  await syncWhen(a.page, 'offline', 30000);
  await couch.start();
  await syncWhen(a.page, 'synced', 60000);
  const onServer = await couch.docs(db.name);
  const creators = Object.keys(onServer).filter((k) => k.startsWith('creator:'));
  assert.equal(creators.length, 10000, `every creator on the server (${part} documents before it went away)`);
  for (const i of [1, 4999, 9999, 10000])
    assert.equal(JSON.parse(onServer['creator:' + String(i).padStart(16, '0')].r).display_name, `${names[i % names.length]} ${i}`);
  assert.deepEqual(handles(await program(a.page)), handles({ creators: JSON.parse(teamBackup(10000)).creators }));
  await a.context.close();
});

test('a read-only member sees the team\'s program and cannot change it; the app says so', async () => {
  const { db, a, b } = await twoEditors();
  await b.context.close();
  const r = await newBrowser();
  await connect(r.page, db.url, users.reader);
  await openTeamProgram(r.page);
  const st = await syncWhen(r.page, 'synced');
  assert.equal(st.read_only, true);
  assert.match(await text(r.page, 'banner'), /read-only member/);
  await screenshot(r.page, 'sync-read-only');
  assert.equal((await r.page.evaluate(() => window.sparkRoster.saveState())).state, 'read_only');
  const before = handles(await program(r.page));
  assert.deepEqual(before, handles(await program(a.page)));
  // The roster's add form does nothing here.
  await go(r.page, '#/roster');
  await typeInto(r.page, 'Handle', 'not.allowed');
  await typeInto(r.page, 'Followers', '5000');
  await click(r.page, 'Add creator');
  assert.deepEqual(handles(await program(r.page)), before);
  // And it still follows the editors' changes.
  await addCreator(a.page, 'hoa.nguyen.review', '12000');
  await programWhen(r.page, (p) => p.creators.some((c) => c.handle === 'hoa.nguyen.review'), 'the editor\'s change');
  const onServer = await couch.docs(db.name);
  assert.ok(!Object.values(onServer).some((d) => typeof d.r === 'string' && d.r.includes('not.allowed')));
  // The server itself refuses the member's writes (the program's design document).
  const put = await couch.call('PUT', `/${db.name}/creator:0000000000009999`, { r: '{}' }, users.reader);
  assert.equal(put.status, 403);
  assert.deepEqual(r.problems.real, []);
  await a.context.close();
  await r.context.close();
});

test('a wrong password, an unreachable server and a database that is not a program are reported, and nothing here changes', async () => {
  const db = await newProgramDb();
  const x = await newBrowser();
  const p0 = await program(x.page);

  // A URL that is not one is refused before anything is kept.
  await typeInto(x.page, 'sync url', 'couch.example.com/brand');
  await click(x.page, 'Connect');
  assert.equal(await text(x.page, 'sync problem'), 'The database URL starts with https:// (or http:// on this computer or network).');

  await connect(x.page, db.url, { username: 'mai.nguyen', password: 'wrong' });
  let st = await syncWhen(x.page, 'failed');
  assert.equal(st.text, 'Not synced: the server refused the user name or password (401 Unauthorized)');
  assert.equal(await textWhen(x.page, 'sync status', st.text), st.text);
  assert.deepEqual(await program(x.page), p0);
  assert.deepEqual(await couch.docs(db.name), {}, 'nothing was sent');

  // The server is not there.
  await connect(x.page, 'http://127.0.0.1:9/brand-a', users.mai);
  st = await syncWhen(x.page, 'failed');
  assert.match(st.text, /^Not synced: the server at http:\/\/127\.0\.0\.1:9 cannot be reached/);
  assert.deepEqual(await program(x.page), p0);

  // A database holding something else.
  await couch.call('PUT', '/not-ours');
  await couch.call('PUT', '/not-ours/_security', { admins: { names: [], roles: [] }, members: { names: ['mai.nguyen'], roles: [] } });
  await couch.call('PUT', '/not-ours/invoice-2026-11', { total: 420 });
  await connect(x.page, `${couch.base}/not-ours`, users.mai);
  st = await syncWhen(x.page, 'failed');
  assert.equal(st.text, 'Not synced: database not-ours is not a Spark Roster program: it holds other documents ("invoice-2026-11") and no program');
  assert.deepEqual(await program(x.page), p0);
  assert.deepEqual(Object.keys(await couch.docs('not-ours')), ['invoice-2026-11']);

  // The page may talk to the configured server only: another origin is refused by its policy.
  const other = url.replace('127.0.0.1', 'localhost');
  const tried = await x.page.evaluate(async ([allowed, elsewhere]) => {
    window.srSeen = [];
    document.addEventListener('securitypolicyviolation', (e) => window.srSeen.push(e.violatedDirective + ' ' + e.blockedURI));
    const attempt = (u) => fetch(u, { cache: 'no-store' }).then((r) => r.status, () => 'refused');
    return { allowed: await attempt(allowed), other: await attempt(elsewhere) };
  }, [couch.base + '/', other]);
  assert.equal(tried.allowed, 200);
  assert.equal(tried.other, 'refused');
  await x.page.waitForFunction(() => window.srSeen.length > 0);
  const seen = await x.page.evaluate(() => window.srSeen);
  assert.ok(seen.every((v) => v.startsWith('connect-src ' + new URL(other).origin)), seen.join('; '));
  await x.context.close();
});
