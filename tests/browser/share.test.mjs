// Briefs shared as links and Spark Codes handed back, driven like people on a desktop: the
// brand shares a brief, a creator opens the link in another browser, ticks the checklist,
// copies the brief, makes a copy, answers with a Spark Code; the brand opens the reply.
//   node --test tests/browser/share.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { startServer, launch, openApp, click, typeInto, rect, text, textWhen, waitSaved, program, screenshot, settle, reload } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

const CODE = '#AbCdEf0123456789GhIjKlMnOp=';

async function fresh(hash = '') {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + hash);
  await waitSaved(page);
  return { context, page, problems };
}

// Goes to a place in the same tab (the app follows the hash, as with a link).
async function go(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
}

function isoDate(d) { return d.toISOString().slice(0, 10); }
function plusDays(iso, n) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return isoDate(d);
}
async function today(page) {
  return page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
}

// Scrolls the shared view with the mouse wheel until a labelled widget is drawn on screen.
async function reveal(page, label) {
  for (let i = 0; i < 40; i++) {
    const r = await rect(page, label);
    if (r && r.y >= 0 && r.y + r.height <= 790) return r;
    await page.mouse.move(640, 400);
    // One wheel notch (100 px, as Chromium reports it): three lines, down or up.
    await page.mouse.wheel(0, r && r.y < 0 ? -100 : 100);
    await settle(page);
  }
  return rect(page, label);
}

async function textOf(page, label) {
  await reveal(page, label);
  return text(page, label);
}

// Types into a labelled field until the field reads back what was typed (a keystroke lost by
// the headless browser between frames is typed again).
async function typeChecked(page, label, value) {
  await reveal(page, label);
  for (let attempt = 0; attempt < 3; attempt++) {
    await typeInto(page, label, value);
    if ((await textWhen(page, label, value)) === value) return;
  }
  assert.equal(await text(page, label), value, `${label} reads "${value}"`);
}

// The brand's side: the sample brief that asks for a Spark Code, shared from its builder.
async function shareSampleBrief(page) {
  const p = await program(page);
  const brief = p.briefs.find((b) => b.request_spark_code);
  assert.ok(brief, 'the sample has a brief that asks for a Spark Code');
  await go(page, '#/brief/' + brief.id);
  await click(page, 'Share');
  const link = await textWhen(page, 'brief:share-link', /#brief=/);
  return { p, brief, link };
}

function payloadJson(link) {
  const b64 = link.slice(link.indexOf('#brief=') + 7);
  return zlib.inflateRawSync(Buffer.from(b64, 'base64url')).toString('utf8');
}

test('Share makes a link of the brief alone, with its length, and the link opens it read-only elsewhere', async () => {
  const { context, page, problems } = await fresh();
  const { p, brief, link } = await shareSampleBrief(page);
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#brief=[A-Za-z0-9_-]+$/);
  assert.equal(await text(page, 'brief:share-length'),
               `Share link, ${link.length.toLocaleString('en-US')} characters: it carries this brief alone, never the roster.`);
  await screenshot(page, 'share-link');

  // The brief alone: no creator, no other brief, no Spark Code of the program travels.
  const json = payloadJson(link);
  const shared = JSON.parse(json);
  assert.equal(shared.format, 'spark-roster-brief');
  assert.equal(shared.title, brief.title);
  for (const c of p.creators) assert.ok(!json.includes('"' + c.handle + '"') && !json.includes('@' + c.handle), `no @${c.handle}`);
  for (const b of p.briefs.filter((x) => x.id !== brief.id)) assert.ok(!json.includes(b.title), `no "${b.title}"`);
  for (const c of p.spark_codes) if (c.code) assert.ok(!json.includes(c.code), 'no Spark Code');

  await click(page, 'Copy link');
  assert.equal(await page.evaluate(() => window.Module.srClipboard), link);

  // Another browser (a creator's): the five parts, what not to say, and the checklist.
  const other = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page: creator, problems: creatorProblems } = await openApp(other, link);
  assert.equal(await textWhen(creator, 'shared:title', brief.title), brief.title);
  assert.match(await text(creator, 'shared:hook'), /problem \/ agitation/);
  assert.equal(await text(creator, 'shared:opening'), `Start from: "${brief.opening_line}"`);
  assert.equal(await text(creator, 'shared:truth-1'), brief.product_truths[0]);
  assert.equal(await text(creator, 'shared:truth-2'), brief.product_truths[1]);
  assert.match(await text(creator, 'shared:proof'), new RegExp(brief.proof_detail));
  assert.equal(await textOf(creator, 'shared:cta'), brief.call_to_action);
  for (let i = 0; i < brief.do_not_say.length; i++)
    assert.equal(await textOf(creator, `shared:dont-${i + 1}`), brief.do_not_say[i]);
  for (const item of shared.checklist) assert.equal(await textOf(creator, 'item:' + item.id), item.text, item.id);
  // Read-only: none of the builder's fields or the program's tabs are there.
  for (const label of ['Title', 'Save brief', 'Roster', 'Briefs']) assert.equal(await rect(creator, label), null, label);
  await screenshot(creator, 'share-opened');
  assert.deepEqual(problems, []);
  assert.deepEqual(creatorProblems, []);
  await other.close();
  await context.close();
});

test('the creator\'s ticks stay on the device per brief, survive a reload, and are not in the program', async () => {
  const { context, page } = await fresh();
  const { link } = await shareSampleBrief(page);
  const shared = JSON.parse(payloadJson(link));
  await page.goto(link);
  await settle(page);
  assert.equal(await textWhen(page, 'shared:title', shared.title), shared.title);
  const programBefore = await page.evaluate(() => window.sparkRoster.exportJson());
  const revisionBefore = (await page.evaluate(() => window.sparkRoster.saveState())).revision;

  const [first, second] = shared.checklist;
  await click(page, 'tick:' + first.id);
  await click(page, 'item:' + second.id);  // the text ticks too
  assert.equal(await textWhen(page, 'shared:ticked', '2'), '2');
  assert.equal(await text(page, 'tick:' + first.id), 'ticked');
  await click(page, 'tick:' + second.id);  // and a tick comes off
  assert.equal(await textWhen(page, 'shared:ticked', '1'), '1');

  await reload(page);
  assert.equal(await textWhen(page, 'shared:ticked', '1'), '1');
  assert.equal(await text(page, 'tick:' + first.id), 'ticked');
  assert.equal(await text(page, 'tick:' + second.id), '');
  const stored = await page.evaluate((k) => window.localStorage.getItem('sr-ticks:' + k), shared.key);
  assert.deepEqual(JSON.parse(stored), [first.id]);
  // Not in the program: it neither changed nor holds the ticks.
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), programBefore);
  assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).revision, revisionBefore);
  await context.close();
});

test('Copy as text gives the brief and its checklist for chat apps, on the shared view and the brief screen', async () => {
  const { context, page } = await fresh();
  const { brief, link } = await shareSampleBrief(page);
  await click(page, 'Copy as text');
  const fromBuilder = await page.evaluate(() => window.Module.srClipboard);
  assert.match(fromBuilder, new RegExp(brief.title));
  assert.match(fromBuilder, /- \[ \] /);

  await page.goto(link);
  await settle(page);
  await textWhen(page, 'shared:title', brief.title);
  await click(page, 'Copy as text');
  const copied = await page.evaluate(() => window.Module.srClipboard);
  assert.match(await text(page, 'shared:notice'), /Copied/);
  assert.match(copied, new RegExp(brief.title));
  for (const line of [...brief.product_truths, ...brief.do_not_say, brief.call_to_action])
    assert.ok(copied.includes(line), `the text holds "${line}"`);
  assert.ok((copied.match(/- \[ \] /g) || []).length >= 5, 'checklist items as "- [ ]" lines');
  await context.close();
});

test('Make my own copy adds the shared brief to the opener\'s program as an editable brief, and undo takes it back', async () => {
  const { context, page } = await fresh();
  const { brief, link } = await shareSampleBrief(page);
  const before = (await program(page)).briefs.length;
  await page.goto(link);
  await settle(page);
  await textWhen(page, 'shared:title', brief.title);
  await click(page, 'Make my own copy');
  await waitSaved(page);
  const after = await program(page);
  assert.equal(after.briefs.length, before + 1);
  const copy = after.briefs[after.briefs.length - 1];
  assert.equal(copy.title, brief.title);
  assert.deepEqual(copy.product_truths, brief.product_truths);
  assert.deepEqual(copy.do_not_say, brief.do_not_say);
  assert.equal(copy.product_id, brief.product_id, 'the product of the same name in this program');
  assert.deepEqual(copy.creator_ids ?? [], [], 'no creators travel with it');
  // The builder, editable.
  assert.equal(await page.evaluate(() => window.location.hash), '#/brief/' + copy.id);
  assert.equal(await textWhen(page, 'Title', brief.title), brief.title);
  await click(page, 'Undo');
  await waitSaved(page);
  assert.equal((await program(page)).briefs.length, before);
  await context.close();
});

test('a shared brief shows while the stored program is still loading, and Make my own copy waits for it', async () => {
  const { context, page } = await fresh();
  const { brief, link } = await shareSampleBrief(page);
  const before = (await program(page)).briefs.length;
  await page.close();  // its tab let go of the stored program
  // The next tab's storage is held back until the test lets it go: its request for the writer
  // lock (web/storage.js, before it reads the stored program) waits.
  const tab = await context.newPage();
  await tab.addInitScript(() => {
    const request = navigator.locks.request.bind(navigator.locks);
    const held = new Promise((resolve) => { window.releaseStorage = resolve; });
    navigator.locks.request = (...args) => held.then(() => request(...args));
  });
  await tab.goto(link);
  await tab.waitForFunction(() => window.sparkRoster.widgetText('shared:title') !== null);
  assert.equal(await text(tab, 'shared:title'), brief.title, 'the brief is drawn');
  assert.equal((await tab.evaluate(() => window.sparkRoster.saveState())).state, 'loading', 'before the program is in');
  // A click on Make my own copy meanwhile does nothing (the program it would go into is not in).
  const r = await rect(tab, 'Make my own copy');
  await tab.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await tab.waitForFunction(() => {
    const s = window.sparkRoster.idleState();
    return s.frames === 0 && s.input === 0 && s.queued === 0 && s.pending === 0 && !s.touch;
  });
  assert.match(await tab.evaluate(() => window.location.hash), /^#brief=/, 'still the shared brief');
  await tab.evaluate(() => window.releaseStorage());
  await tab.evaluate(() => window.sparkRoster.ready);
  await settle(tab);
  assert.equal((await program(tab)).briefs.length, before, 'the early click added nothing');
  // Once it is in, the copy is made.
  await click(tab, 'Make my own copy');
  await waitSaved(tab);
  const after = await program(tab);
  assert.equal(after.briefs.length, before + 1);
  assert.equal(await tab.evaluate(() => window.location.hash), '#/brief/' + after.briefs[after.briefs.length - 1].id);
  await context.close();
});

test('a damaged, cut or hostile brief link says what is wrong and where, and changes nothing', async () => {
  const { context, page, problems } = await fresh();
  const { link } = await shareSampleBrief(page);
  await click(page, 'Close link');
  const stored = await page.evaluate(() => window.sparkRoster.exportJson());
  const revision = (await page.evaluate(() => window.sparkRoster.saveState())).revision;
  const b64 = (s) => zlib.deflateRawSync(Buffer.from(s)).toString('base64url');
  const base = link.slice(0, link.indexOf('#'));
  const payload = link.slice(base.length + '#brief='.length);
  const cases = [
    ['a character outside base64url', base + '#brief=' + payload.slice(0, 20) + '$' + payload.slice(21), /'\$' at position 20/],
    ['cut short', base + '#brief=' + payload.slice(0, Math.floor(payload.length / 2)), /damaged or cut off|impossible length/],
    ['nothing after #brief=', base + '#brief=', /holds nothing after "#brief="/],
    ['a zip bomb', base + '#brief=' + b64('\0'.repeat(5 * 1024 * 1024)), /more than 64 KB/],
    ['not a brief', base + '#brief=' + b64(JSON.stringify({ format: 'spark-roster', version: 1, creators: [] })), /format/],
    ['a script for a title', base + '#brief=' + b64(JSON.stringify({ ...JSON.parse(payloadJson(link)), title: 5 })), /title/],
    ['deep nesting', base + '#brief=' + b64('['.repeat(5000) + ']'.repeat(5000)), /deep|nest|depth/i],
  ];
  for (const [what, bad, expected] of cases) {
    await page.goto(bad);
    await settle(page);
    const msg = await textWhen(page, 'shared:error', expected);
    assert.match(msg ?? '', expected, what);
    assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), stored, `${what}: the program is untouched`);
    assert.equal((await page.evaluate(() => window.sparkRoster.saveState())).revision, revision, `${what}: nothing saved`);
    if (what === 'a character outside base64url') await screenshot(page, 'share-damaged');
  }
  await reload(page);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), stored, 'the stored program is untouched');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Spark Code handoff: the brand shares, the creator answers with a reply link, the brand receives the code', async () => {
  const brand = await fresh();
  const { p, brief, link } = await shareSampleBrief(brand.page);
  const assigned = p.creators.find((c) => c.id === brief.creator_ids[0]);
  const postLink = `https://www.tiktok.com/@${assigned.handle}/video/7312345678901234567`;

  // The creator, in their own browser.
  const other = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page: creator, problems } = await openApp(other, link);
  await textWhen(creator, 'shared:title', brief.title);
  assert.match(await textOf(creator, 'shared:spark-ask'), new RegExp(`authorizing ${brief.spark_days_wanted} days`));
  const steps = ['Creator tools', 'Ad settings', 'on the post: Ad authorization', 'generate', 'copy'];
  for (let i = 0; i < steps.length; i++) assert.equal(await textOf(creator, `shared:step-${i + 1}`), `${i + 1}. ${steps[i]}`);
  assert.equal(await textOf(creator, 'Days authorized'), String(brief.spark_days_wanted), 'the length the brief asks for');
  assert.equal(await rect(creator, 'reply:link'), null, 'no reply before the code is in');

  const day = await today(creator);
  const generated = plusDays(day, -2);
  await typeChecked(creator, 'Your TikTok handle', '@' + assigned.handle);
  await typeChecked(creator, 'Post link', postLink);
  await typeChecked(creator, 'Spark Code', CODE);
  await typeChecked(creator, 'Days authorized', '30');  // the default length (docs/rules.md, section 5)
  await typeChecked(creator, 'Generated on', generated);
  await reveal(creator, 'Copy reply link');
  const reply = await textWhen(creator, 'reply:link', /#reply=/);
  assert.match(reply, /^http:\/\/127\.0\.0\.1:\d+\/#reply=[A-Za-z0-9_-]+$/);
  assert.match(await text(creator, 'reply:length'), new RegExp(`^${reply.length.toLocaleString('en-US')} characters`));
  await screenshot(creator, 'share-reply-form');
  await click(creator, 'Copy reply link');
  assert.equal(await creator.evaluate(() => window.Module.srClipboard), reply);
  await click(creator, 'Copy reply as text');
  const asText = await creator.evaluate(() => window.Module.srClipboard);
  assert.match(asText, /^Spark Roster reply/);
  assert.ok(asText.includes('Code: ' + CODE) && asText.includes('Days: 30') && asText.includes('Generated: ' + generated));
  assert.deepEqual(problems, []);
  await other.close();

  // The brand opens the reply: what it will do, then the code is received.
  const beforeCodes = (await program(brand.page)).spark_codes.length;
  await brand.page.goto(reply);
  await settle(brand.page);
  const expiry = plusDays(generated, 30);
  assert.equal(await textWhen(brand.page, 'handoff:brief', `Brief: "${brief.title}"`), `Brief: "${brief.title}"`);
  assert.equal(await text(brand.page, 'handoff:creator'), 'Creator: @' + assigned.handle);
  assert.equal(await text(brand.page, 'handoff:expiry'), `Authorization: 30 days from ${generated}, so it expires ${expiry}.`);
  assert.match(await text(brand.page, 'handoff:plan'), new RegExp(`expires ${expiry}`));
  assert.ok(!(await text(brand.page, 'handoff:code')).includes(CODE), 'the code is masked on screen');
  await screenshot(brand.page, 'share-reply-opened');
  await click(brand.page, 'Receive the Spark Code');
  assert.match(await textWhen(brand.page, 'handoff:result', /received/), new RegExp(`received: 30 days from ${generated}, expires ${expiry}`));
  await waitSaved(brand.page);
  const after = await program(brand.page);
  const code = after.spark_codes.find((c) => c.code === CODE);
  assert.ok(code, 'the Spark Code record holds the code');
  assert.equal(code.status, 'received');
  assert.equal(code.auth_start, generated);
  assert.equal(code.duration_days, 30);
  assert.equal(code.creator_id, assigned.id);
  const post = after.posts.find((x) => x.id === code.post_id);
  assert.equal(post.tiktok_ref, postLink);
  assert.ok(after.spark_codes.length <= beforeCodes + 1, 'one record at most is added');

  // The same reply again changes nothing.
  await brand.page.goto(url + '#/review');
  await settle(brand.page);
  await brand.page.goto(reply);
  await settle(brand.page);
  await textWhen(brand.page, 'handoff:brief', `Brief: "${brief.title}"`);
  await click(brand.page, 'Receive the Spark Code');
  assert.match(await textWhen(brand.page, 'handoff:result', /already applied/), /already applied/);
  assert.equal((await program(brand.page)).spark_codes.length, after.spark_codes.length);
  await brand.context.close();
});

test('a reply for an unknown brief or a malformed reply is refused with its reason and changes nothing', async () => {
  const { context, page, problems } = await fresh();
  const p = await program(page);
  const creator = p.creators[3];
  const stored = await page.evaluate(() => window.sparkRoster.exportJson());
  const reply = {
    format: 'spark-roster-reply', version: 1, brief: 'bzzzzzzzzzzzzz', brief_title: 'Another program\'s brief',
    creator: creator.handle, post: `https://www.tiktok.com/@${creator.handle}/video/7312345678901234999`, code: CODE,
    days: 30, generated: plusDays(await today(page), -1),
  };
  const encode = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  await page.goto(url + '#reply=' + encode(reply));
  await settle(page);
  assert.match(await textWhen(page, 'handoff:refused:error:brief', /No brief/) ?? '',
               /No brief in this program has the key bzzzzzzzzzzzzz/);
  assert.equal(await rect(page, 'Receive the Spark Code'), null, 'nothing to apply');
  await screenshot(page, 'share-reply-unknown');

  for (const [what, hash, expected] of [
    ['not base64url', '#reply=abc$def', /position 3/],
    ['not a reply', '#reply=' + encode({ format: 'spark-roster-brief', version: 1 }), /format/],
    ['days out of range', '#reply=' + encode({ ...reply, days: 400 }), /days/i],
  ]) {
    await page.goto(url + hash);
    await settle(page);
    assert.match(await textWhen(page, 'handoff:error', expected) ?? '', expected, what);
    assert.equal(await rect(page, 'Receive the Spark Code'), null, `${what}: nothing to apply`);
  }
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), stored, 'the program is untouched');
  assert.deepEqual(problems, []);
  await context.close();
});
