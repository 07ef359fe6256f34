// Text in the scripts of TikTok Shop's markets, drawn glyph by glyph: Vietnamese (precomposed
// and with combining marks), Greek, Cyrillic, Thai with stacked vowels and tone marks, Chinese,
// Japanese, Korean and emoji, in the roster, a creator's notes, the brief builder and the shared
// brief on a phone. Every code point of every string drawn must have a glyph
// (sparkRoster.missingGlyphs / glyphInfo); one that no font has is drawn as a box and reported.
// The first visit stays under 1 MB gzip and the international program fetches no font.
//   node --test tests/browser/scripts.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { appDir, startServer, launch, openApp, rect, text, textWhen, waitSaved, program, screenshot, pngStats,
         settle, shown, click, transferGzip } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

// Names and notes as creators write them.
const NAMES = {
  vietnamese: 'Ngọc Trâm ✨',
  vietnameseCombining: 'Phu\u031Bo\u031Bng Lê Vie\u0323\u0302t',  // Phương Lê Việt with combining marks
  greek: 'Ελένη Παπαδοπούλου',
  cyrillic: 'Олена Коваль',
  thai: 'น้องมายด์',
  chinese: '小红',
  japanese: 'さくら🌸',
  korean: '김민지',
  emoji: 'Siti 💄',
  emojiSequences: 'Mai ❤️👍🏽🇹🇭',
};
const THAI_NOTE = 'ที่นี่ขายดีที่สุด น้ำหอมกลิ่นนี้ ผู้ใหญ่ชอบมาก';  // stacked vowels and tone marks
const NO_FONT = '\u0378';  // unassigned: no font has it
const OWNER = 'คุณมายด์ 小红';
const PRODUCT = 'Kem chống nắng Daily Mineral SPF 50';

// The sample program with the first creators (in the roster's order, by handle) renamed into
// each script, Thai compliance notes, a note holding a character no font has, a Thai renewal
// owner on every Spark Code, a Vietnamese product name and a brief in four scripts.
async function internationalProgram(page) {
  const p = await program(page);
  const keys = Object.keys(NAMES);
  const first = [...p.creators].sort((a, b) => a.handle.localeCompare(b.handle)).slice(0, keys.length);
  const creator = {};
  keys.forEach((k, i) => { first[i].display_name = NAMES[k]; creator[k] = first[i]; });
  const incident = (id, kind, note) => ({ id, date: '2026-11-02', kind, note, resolved: false });
  creator.thai.compliance = [...(creator.thai.compliance || []), incident(9001, 'ไม่ได้ติดแท็กโฆษณา', THAI_NOTE)];
  creator.greek.compliance = [...(creator.greek.compliance || []), incident(9002, 'Σημείωση', `Βιογραφικό ${NO_FONT} τέλος`)];
  for (const c of p.spark_codes) c.renewal_owner = OWNER;
  p.products[0].name = PRODUCT;
  const brief = p.briefs.find((b) => b.request_spark_code);
  brief.title = 'ครีมกันแดด ☀️ 小红书 — Kem chống nắng';
  brief.opening_line = 'ผิวไม่แห้ง ไม่เหนียวเหนอะหนะ';
  brief.product_truths = ['กันน้ำ กันเหงื่อ ได้ทั้งวัน', 'Без запаха, подходит для чувствительной кожи'];
  brief.call_to_action = 'กดตะกร้าเลย 🛒';
  return { p, brief, creator };
}

// Every code point of `s` has a glyph and was drawn in the last frame (ASCII is always there).
async function assertDrawn(page, s, where) {
  const info = await page.evaluate((t) => window.sparkRoster.glyphInfo(t), s);
  for (const g of info) {
    assert.ok(g.glyph === 'font' || g.glyph === 'browser', `${where}: ${g.hex} of "${s}" has a glyph (${g.glyph})`);
    if (g.drawn !== null) assert.equal(g.drawn, true, `${where}: ${g.hex} of "${s}" was drawn`);
  }
}

async function importInternational(page) {
  const made = await internationalProgram(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(made.p));
  assert.deepEqual(r, { ok: true, error: null });
  await settle(page);
  return made;
}

for (const dpr of [1, 2]) {
  test(`at devicePixelRatio ${dpr} names in every script are drawn in the roster, each code point with its glyph`, async () => {
    const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
    const { page, problems } = await openApp(context, url + '#/roster');
    await waitSaved(page);
    const { creator } = await importInternational(page);
    for (const [k, name] of Object.entries(NAMES)) {
      assert.ok(await shown(page, '@' + creator[k].handle), `${k}: the row is drawn`);
      await assertDrawn(page, name, `roster, ${k}`);
    }
    assert.deepEqual(await page.evaluate(() => window.sparkRoster.missingGlyphs()), []);
    const { buf } = await screenshot(page, `scripts-roster-${dpr}x`);
    assert.ok(pngStats(buf).colors > 20, 'the screenshot is not blank');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test(`at devicePixelRatio ${dpr} Thai notes draw their stacked vowels and tone marks over their letters`, async () => {
    const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: dpr });
    const { page, problems } = await openApp(context, url);
    await waitSaved(page);
    const { creator } = await importInternational(page);
    const thai = creator.thai;
    await page.evaluate((h) => { window.location.hash = h; }, '#/creator/' + thai.id);
    await settle(page);
    assert.equal(await text(page, 'creator handle'), '@' + thai.handle);
    await assertDrawn(page, NAMES.thai, 'creator');
    await assertDrawn(page, THAI_NOTE, 'compliance note');
    await assertDrawn(page, 'ไม่ได้ติดแท็กโฆษณา', 'compliance kind');
    await assertDrawn(page, OWNER, 'Spark Code renewal owner');
    assert.deepEqual(await page.evaluate(() => window.sparkRoster.missingGlyphs()), []);
    await screenshot(page, `scripts-thai-notes-${dpr}x`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a character no font has is drawn as a box and reported by missingGlyphs, never as "?"', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const { creator } = await importInternational(page);
  const greek = creator.greek;
  await page.evaluate((h) => { window.location.hash = h; }, '#/creator/' + greek.id);
  await settle(page);
  assert.equal(await text(page, 'creator handle'), '@' + greek.handle);
  assert.deepEqual(await page.evaluate(() => window.sparkRoster.missingGlyphs()), [NO_FONT.codePointAt(0)]);
  const [g] = await page.evaluate((t) => window.sparkRoster.glyphInfo(t), NO_FONT);
  assert.equal(g.glyph, 'none');
  assert.equal(g.drawn, true);
  await assertDrawn(page, 'Βιογραφικό τέλος Σημείωση', 'the rest of the note');
  await screenshot(page, 'scripts-no-font-box');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the shared brief in Thai, Chinese, Vietnamese and emoji opens on a phone with every glyph', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openApp(context, url);
  await waitSaved(page);
  const { brief } = await importInternational(page);
  await page.evaluate((h) => { window.location.hash = h; }, '#/brief/' + brief.id);
  await settle(page);
  await assertDrawn(page, brief.title, 'brief builder');
  await click(page, 'Share');
  const link = await textWhen(page, 'brief:share-link', /#brief=/);
  await context.close();

  const phone = await chrome.browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { page: creator, problems } = await openApp(phone, link);
  assert.equal(await textWhen(creator, 'shared:title', brief.title), brief.title);
  for (const s of [brief.title, brief.product_truths[0], brief.product_truths[1]]) await assertDrawn(creator, s, 'shared brief');
  assert.deepEqual(await creator.evaluate(() => window.sparkRoster.missingGlyphs()), []);
  await screenshot(creator, 'scripts-shared-brief-phone-2x');
  assert.deepEqual(problems, []);
  await phone.close();
});

test('text pasted into a field on a desktop and typed on a phone is drawn as it arrives', async () => {
  const pasted = 'Trâm 💄 น้ำหอม 小红';
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  await page.evaluate((t) => navigator.clipboard.writeText(t), pasted);
  await click(page, 'Display name');
  await page.keyboard.press('Control+V');
  await settle(page);
  await assertDrawn(page, pasted, 'pasted into Display name');
  assert.deepEqual(await page.evaluate(() => window.sparkRoster.missingGlyphs()), []);
  assert.deepEqual(problems, []);
  await context.close();

  // The phone's on-screen keyboard hands the app whole characters (web/keyboard.js).
  const typed = 'ครีมกันแดด ☀️ Ελένη';
  const phone = await chrome.browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const { page: p2, problems: p2problems } = await openApp(phone, url + '#/briefs');
  await waitSaved(p2);
  const tap = async (label) => {
    const r = await shown(p2, label);
    await p2.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
    await settle(p2);
  };
  await tap('New brief');
  await tap('Title');
  await p2.waitForFunction(() => document.activeElement && document.activeElement.id === 'sr-keyboard', null, { timeout: 5000 });
  await p2.keyboard.type(typed, { delay: 15 });
  assert.equal(await textWhen(p2, 'Title', typed), typed);
  await assertDrawn(p2, typed, 'typed into Title');
  assert.deepEqual(await p2.evaluate(() => window.sparkRoster.missingGlyphs()), []);
  await screenshot(p2, 'scripts-phone-typed-2x');
  assert.deepEqual(p2problems, []);
  await phone.close();
});

// A desktop keyboard with an input method: what it composes (Vietnamese Telex, Pinyin, a dead
// key) and what it inserts whole reach the field once, as composed; the composition shows under
// the field meanwhile. Tab moves between the form's fields and Enter adds the creator.
test('an input method\'s composition and inserted text reach the roster form on a desktop, kept after a reload', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const cdp = await context.newCDPSession(page);
  const focused = () => page.waitForFunction(() => document.activeElement && document.activeElement.id === 'sr-keyboard',
                                             null, { timeout: 5000 });

  await click(page, 'Handle');
  await focused();
  await page.keyboard.type('ngoc.tram');
  await page.keyboard.press('Tab');
  await settle(page);
  // Telex: "Ngoc" is typed as a composition the input method rewrites, then commits.
  for (const step of ['N', 'Ng', 'Ngo', 'Ngoj', 'Ngọ', 'Ngọc']) {
    await cdp.send('Input.imeSetComposition', { text: step, selectionStart: step.length, selectionEnd: step.length });
  }
  assert.equal(await page.evaluate(() => document.getElementById('sr-keyboard').classList.contains('sr-composing')), true,
               'the composition shows while it is under way');
  await settle(page);
  // Nothing reaches the field before the composition is done: "Ng" would be drawn in it.
  assert.equal((await page.evaluate(() => window.sparkRoster.glyphInfo('ọ')))[0].drawn, false,
               'the composition is not in the field yet');
  await cdp.send('Input.insertText', { text: 'Ngọc' });
  await page.keyboard.insertText(' Trâm ✨ 小红');
  await settle(page);
  assert.equal(await page.evaluate(() => document.getElementById('sr-keyboard').classList.contains('sr-composing')), false);
  await assertDrawn(page, 'Ngọc Trâm ✨ 小红', 'composed into Display name');
  await page.keyboard.press('Tab');
  await settle(page);
  await page.keyboard.type('52,000');
  await page.keyboard.press('Enter');
  assert.equal(await textWhen(page, 'notice', 'Added @ngoc.tram.'), 'Added @ngoc.tram.');
  await waitSaved(page);

  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
  const added = (await program(page)).creators.find((c) => c.handle === 'ngoc.tram');
  assert.ok(added, 'the creator was saved');
  assert.equal(added.display_name, 'Ngọc Trâm ✨ 小红');
  assert.equal(added.followers, 52000);
  assert.deepEqual(problems, []);
  await context.close();
});

// Keyboard only: Tab and Shift+Tab go through every control of the roster form, combos
// included; Space opens a combo, the arrows move in it and Enter picks; Enter in a text field
// adds the creator.
test('a creator is added with the keyboard alone, its tier picked in the combo', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const key = async (k) => { await page.keyboard.press(k); await settle(page); };
  await click(page, 'Handle');
  await page.keyboard.type('keys.only');
  await key('Tab');
  await page.keyboard.type('Chỉ bàn phím');
  await key('Tab');
  await page.keyboard.type('4000');     // below the program floor: tier 1 by followers
  await key('Tab');                       // to the Tier combo
  await key('Space');                     // opens it
  for (let i = 0; i < 2; i++) await key('ArrowDown');
  await key('Enter');                     // "2 mid (pinned)"
  await key('Tab');                       // to the reason a pinned tier asks for
  await page.keyboard.type('Kênh chính 🎯');
  await key('Shift+Tab');                 // back to the Tier combo
  await key('Shift+Tab');                 // and to Followers
  await key('Enter');
  assert.equal(await textWhen(page, 'notice', 'Added @keys.only.'), 'Added @keys.only.');
  await waitSaved(page);
  const added = (await program(page)).creators.find((c) => c.handle === 'keys.only');
  assert.ok(added, 'the creator was added');
  assert.equal(added.display_name, 'Chỉ bàn phím');
  assert.equal(added.followers, 4000);
  assert.equal(added.pinned_tier, 2, 'the tier picked with the keyboard');
  assert.equal(added.tier_history.length, 1, 'the pin is in the tier history');
  assert.deepEqual([added.tier_history[0].from, added.tier_history[0].to, added.tier_history[0].reason], [1, 2, 'Kênh chính 🎯']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the weekly review draws renewal owners in Thai and Chinese in its action lines', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/review');
  await waitSaved(page);
  await importInternational(page);
  // The review folds each creator's actions into one line: opening @glowwithmaya's (a Spark Code
  // expiring in 5 days in the sample program) shows the action with who renews it.
  await click(page, 'group:@glowwithmaya');
  await assertDrawn(page, OWNER, 'review');
  assert.deepEqual(await page.evaluate(() => window.sparkRoster.missingGlyphs()), []);
  await screenshot(page, 'scripts-review');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a first visit stays under 1 MB gzip, and the international program fetches no font', async (t) => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const responses = [];
  context.on('response', (r) => responses.push(r));
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const first = await transferGzip(responses);
  t.diagnostic(`first visit: ${first.files} files, ${(first.gzip / 1024).toFixed(0)} KB gzip (${(first.raw / 1024).toFixed(0)} KB raw)`);
  assert.ok(first.gzip < 1024 * 1024, `a first visit transfers ${first.gzip} bytes gzip`);

  const seen = responses.length;
  const { creator } = await importInternational(page);
  await shown(page, '@' + creator.thai.handle);
  const later = responses.slice(seen).map((r) => r.url());
  assert.deepEqual(later.filter((u) => /\.(ttf|otf|woff2?|ttc)(\?|$)/.test(u)), [], 'no font file is fetched');
  const font = fs.statSync(path.join(appDir, 'ui-font.ttf')).size;
  t.diagnostic(`embedded UI font: ${(font / 1024).toFixed(0)} KB in the .wasm; fonts fetched for the international program: 0 bytes`);
  assert.deepEqual(problems, []);
  await context.close();
});
