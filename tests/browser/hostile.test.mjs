// Hostile backups through the page API (window.sparkRoster.importJson): each is refused whole
// with a reason naming where, and neither the program on screen nor the stored one changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, waitSaved, rect, settle } from './lib.mjs';

let server, url, chrome, context, page, problems, stored, shown;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
  context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  ({ page, problems } = await openApp(context, url + '#/roster'));
  await waitSaved(page);
  stored = await storedText(page);
  shown = await page.evaluate(() => window.sparkRoster.exportJson());
  // The stored documents are the program on screen, record by record.
  const docs = JSON.parse(stored), program = JSON.parse(shown);
  const kinds = { creators: 'creator', products: 'product', samples: 'sample', briefs: 'brief', posts: 'post', spark_codes: 'spark_code' };
  for (const [list, kind] of Object.entries(kinds)) {
    for (const x of program[list]) assert.deepEqual(docs[`${kind}:${String(x.id).padStart(16, '0')}`].r, x, `${list} ${x.id} is stored`);
  }
  assert.deepEqual(docs.settings.r, program.settings, 'the settings are stored');
  assert.equal(docs.program.r.next_id, program.next_id);
});
after(async () => {
  await context?.close();
  await chrome?.close();
  server?.close();
});

// The stored documents (the program one document per record, in the app's PouchDB database),
// each with its revision, as one text: unchanged text, nothing written.
function storedText(p) {
  return p.evaluate(async () => {
    const db = window.Module.srStorageDb();
    const all = await db.allDocs({ include_docs: true });
    const out = {};
    // Each record is its backup JSON as text (JSON.parse refuses anything else); the head has none.
    for (const row of all.rows) out[row.id] = { rev: row.value.rev, r: row.doc.r === undefined ? undefined : JSON.parse(row.doc.r) };
    return JSON.stringify(out);
  });
}

async function refused(make, where, why, arg) {
  const r = await page.evaluate(make, arg);
  assert.equal(r.ok, false);
  assert.ok(r.error.startsWith(where + ': '), `the reason names where: ${r.error.slice(0, 300)}`);
  assert.match(r.error, why);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), shown, 'the program is unchanged');
  assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).state, 'saved');
  assert.equal(await storedText(page), stored, 'the stored program is unchanged');
  return r.error;
}

const head = '{"format":"spark-roster","version":1,';

test('a truncated backup is refused at $ with the line and column', async () => {
  await refused(() => {
    const t = window.sparkRoster.exportJson();  // the program as it is, cut in half
    return window.sparkRoster.importJson(t.slice(0, Math.floor(t.length / 2)));
  }, '$', /^\$: not valid JSON \(the file may be truncated or not a backup\): parse error at line \d+, column \d+: syntax error/);
});

test('wrong types are refused at their path', async () => {
  await refused((h) => window.sparkRoster.importJson(h + '"creators":[{"id":1,"handle":"ok.one","followers":"many"}]}'),
                '$.creators[0].followers', /expected a whole number/, head);
  await refused((h) => window.sparkRoster.importJson(h + '"creators":{"id":1}}'), '$.creators', /expected a list/, head);
});

test('duplicate ids are refused at the second record', async () => {
  await refused((h) => window.sparkRoster.importJson(h + '"creators":[{"id":7,"handle":"one"},{"id":7,"handle":"two"}]}'),
                '$.creators[1].id', /id 7 is used by another record/, head);
});

test('1e400 is refused, not read as infinity', async () => {
  await refused((h) => window.sparkRoster.importJson(h + '"creators":[{"id":1,"handle":"big","followers":1e400}]}'),
                '$', /number overflow parsing '1e400'/, head);
});

test('10,000-deep nesting is refused before parsing', async () => {
  await refused((h) => window.sparkRoster.importJson(h + '"settings":' + '['.repeat(10000) + ']'.repeat(10000) + '}'),
                '$', /nested more than 64 levels deep/, head);
});

test('invalid UTF-8 is refused at $ with the line and column of the broken character', async () => {
  // A JavaScript string cannot hold bytes that are not UTF-8; what a broken file becomes in
  // one is a lone surrogate, in the middle of a field or at the very end.
  await refused((h) => window.sparkRoster.importJson(h + '\n"creators":[{"id":1,"handle":"ok","notes":"caf\uD800e"}]}'),
                '$', /^\$: not valid text at line 2, column 47: a broken character \(lone surrogate U\+D800\); the file is not valid UTF-8$/, head);
  await refused((h) => window.sparkRoster.importJson(h + '"creators":[]}\uDC80'),
                '$', /line 1, column 52: a broken character \(lone surrogate U\+DC80\)/, head);
  // A whole emoji (a surrogate pair) is fine and reaches the backup's own checks.
  await refused((h) => window.sparkRoster.importJson(h + '"creators":[{"id":1,"handle":"caf\uD83D\uDE00"}]}'),
                '$.creators[0].handle', /'\uD83D\uDE00' is not allowed/, head);
});

test('a 300 MB file is refused with its size and the 250 MB limit, without copying it into the app', async () => {
  const before = await page.evaluate(() => wasmMemory.buffer.byteLength);
  const error = await refused(async (h) => {
    const open = '"creators":[', tail = ']}';
    const text = h + open + ' '.repeat(300000000 - h.length - open.length - tail.length) + tail;
    if (text.length !== 300000000) throw new Error('test file is ' + text.length + ' bytes');
    return window.sparkRoster.importJson(text);
  }, '$', /the file is 300 MB \(300,000,000 bytes\); a backup can be at most 250 MB \(250,000,000 bytes\)/, head);
  assert.equal(error, '$: the file is 300 MB (300,000,000 bytes); a backup can be at most 250 MB (250,000,000 bytes)');
  const after = await page.evaluate(() => wasmMemory.buffer.byteLength);
  assert.ok(after - before < 100e6, `the app's memory grew by ${after - before} bytes`);
  // Still alive: input is drawn and the roster is there.
  await page.mouse.move(200, 200);
  await settle(page);
  assert.ok(await rect(page, '@glowwithmaya'));
  assert.deepEqual(problems, []);
});
