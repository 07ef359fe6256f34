// Phones: Chromium's mobile emulation (390 x 844 CSS px, devicePixelRatio 3, touch only), driven
// with taps and finger drags, never the mouse. A creator opens a shared brief, scrolls it,
// ticks the checklist, and types a Spark Code into the reply form with the on-screen keyboard.
//   node --test tests/browser/phone.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, rect, text, textWhen, waitSaved, program, screenshot, pngStats,
         settle, fingerDrag } from './lib.mjs';

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
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
// The same phone drawn at 1 device pixel per CSS pixel, for the tests about touch and typing: the
// layout is in CSS pixels either way, and headless Chromium draws a canvas of 3 x 3 times the
// pixels about ten times slower (the first test checks the drawing at devicePixelRatio 3).
const PHONE_1X = { ...PHONE, deviceScaleFactor: 1 };

// The brand makes the share link on a desktop.
async function shareLink() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openApp(context, url);
  await waitSaved(page);
  const p = await program(page);
  const brief = p.briefs.find((b) => b.request_spark_code);
  await page.evaluate((h) => { window.location.hash = h; }, '#/brief/' + brief.id);
  await settle(page);
  const r = await rect(page, 'Share');
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  const link = await textWhen(page, 'brief:share-link', /#brief=/);
  await context.close();
  return { p, brief, link };
}

// A tap is delivered over a few frames (hover, press, release): the app is idle once it is.
const frames = (page) => settle(page);

async function tap(page, label) {
  const r = await rect(page, label);
  if (!r) throw new Error(`no widget labelled "${label}" on screen`);
  await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
  await frames(page);
}

// A finger drag from (x, y0) to (x, y1), through touch events only, that stops before lifting
// (no momentum: the content moves by the finger's distance).
async function drag(page, cdp, x, y0, y1, steps = 10) {
  await fingerDrag(cdp, { x, y0, y1, ms: steps * 16, hold: 200 });
  await frames(page);
}

// Drags the page up until a labelled widget is fully on screen (above the bottom edge).
async function scrollTo(page, cdp, label, bottom = 844) {
  for (let i = 0; i < 30; i++) {
    const r = await rect(page, label);
    if (r && r.y >= 0 && r.y + r.height <= bottom - 10) return r;
    await drag(page, cdp, 195, 600, 300);
  }
  throw new Error(`could not scroll to "${label}"`);
}

async function open(link, device = PHONE) {
  const context = await chrome.browser.newContext(device);
  const { page, problems } = await openApp(context, link);
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, problems };
}

test('on a phone the shared brief reads in one column with 16 px text and 44 px targets, scrolls by dragging, and ticks by tapping', async () => {
  const { brief, link } = await shareLink();
  const { context, page, cdp, problems } = await open(link);
  assert.equal(await textWhen(page, 'shared:title', brief.title), brief.title);
  assert.equal(await page.evaluate(() => window.devicePixelRatio), 3);
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch device');

  // Text at least 16 CSS px: a line of text is at least that tall.
  const hook = await rect(page, 'shared:hook');
  assert.ok(hook.height >= 16, `a text line is ${hook.height} CSS px tall`);
  // One column: the parts start at the same left edge, one under the other, within the screen.
  const parts = [];
  for (const label of ['shared:hook', 'shared:truth-1', 'shared:proof', 'shared:cta', 'shared:dont-1'])
    parts.push(await rect(page, label) ?? await scrollTo(page, cdp, label));
  for (const r of parts) assert.ok(r.x >= 0 && r.x + r.width <= 390, 'inside the screen width');
  // Tap targets: buttons and checkboxes at least 44 CSS px.
  const top = await open(link);
  await textWhen(top.page, 'shared:title', brief.title);
  for (const label of ['Copy as text', 'Make my own copy']) {
    const r = await rect(top.page, label);
    assert.ok(r.height >= 44 - 0.5, `${label}: ${r.height} CSS px tall`);
    assert.ok(r.width >= 300, `${label}: as wide as the column (${r.width} CSS px)`);
  }
  await screenshot(top.page, 'phone-shared-top');
  const shot = await top.page.screenshot();
  const stats = pngStats(shot);
  assert.equal(stats.width, 390 * 3, 'rendered at devicePixelRatio 3');
  await top.context.close();

  // Dragging scrolls; the drag presses nothing on the way.
  const shared = JSON.parse(Buffer.from(
    (await import('node:zlib')).inflateRawSync(Buffer.from(link.split('#brief=')[1], 'base64url'))).toString('utf8'));
  const first = shared.checklist[0];
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await textWhen(page, 'shared:title', brief.title);
  const before = await rect(page, 'shared:proof');
  // A drag that starts on a button (Make my own copy) scrolls and presses nothing.
  const button = await rect(page, 'Make my own copy');
  await drag(page, cdp, 195, button.y + button.height / 2, button.y + button.height / 2 - 150);
  const moved = await rect(page, 'shared:proof');
  assert.ok(moved && Math.abs(before.y - 150 - moved.y) <= 12, `the content followed the finger (${before.y} -> ${moved?.y})`);
  assert.equal(await page.evaluate(() => window.location.hash.startsWith('#brief=')), true, 'no copy was made');
  assert.equal(await text(page, 'shared:notice'), null);
  await drag(page, cdp, 195, 400, 550);  // and back down
  const back = await rect(page, 'shared:proof');
  assert.ok(Math.abs(back.y - before.y) <= 12, `dragging down scrolls back (${back.y})`);
  const box = await scrollTo(page, cdp, 'tick:' + first.id);
  assert.ok(box.height >= 44 - 0.5 && box.width >= 44 - 0.5, `a checkbox is ${box.width} x ${box.height} CSS px`);
  assert.equal(await text(page, 'shared:ticked'), '0', 'scrolling ticked nothing');

  // A tap ticks; another tap unticks; ticks survive a reload.
  await tap(page, 'tick:' + first.id);
  assert.equal(await textWhen(page, 'shared:ticked', '1'), '1');
  await screenshot(page, 'phone-shared-checklist');
  const second = shared.checklist[1];
  await scrollTo(page, cdp, 'tick:' + second.id);
  await tap(page, 'tick:' + second.id);
  assert.equal(await textWhen(page, 'shared:ticked', '2'), '2');
  await tap(page, 'tick:' + second.id);
  assert.equal(await textWhen(page, 'shared:ticked', '1'), '1');
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await frames(page);
  assert.equal(await textWhen(page, 'shared:ticked', '1'), '1');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone a creator types the code into the shared brief with the on-screen keyboard and gets a reply link', async () => {
  const { p, brief, link } = await shareLink();
  const creator = p.creators.find((c) => c.id === brief.creator_ids[0]);
  const { context, page, cdp, problems } = await open(link, PHONE_1X);
  await textWhen(page, 'shared:title', brief.title);

  // Tapping a field opens the keyboard: the page's hidden text field has the focus.
  const typeField = async (label, value) => {
    await scrollTo(page, cdp, label, 780);
    await tap(page, label);
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'sr-keyboard',
                               null, { timeout: 5000 });
    await page.keyboard.type(value, { delay: 5 });
    assert.equal(await textWhen(page, label, value), value, `${label} reads what was typed`);
  };
  await typeField('Your TikTok handle', '@' + creator.handle);
  const field = await rect(page, 'Your TikTok handle');
  assert.ok(field.height >= 44 - 0.5, `a text field is ${field.height} CSS px tall`);
  await typeField('Post link', `https://www.tiktok.com/@${creator.handle}/video/7312345678901234567`);
  await typeField('Spark Code', CODE);
  await screenshot(page, 'phone-typing-code');

  // The keyboard takes the lower part of the screen: the field being typed into stays above it.
  await page.setViewportSize({ width: 390, height: 480 });
  await frames(page, 8);
  const visible = await rect(page, 'Spark Code');
  assert.ok(visible && visible.y >= 0 && visible.y + visible.height <= 480, `the field is at ${visible?.y} in 480 px`);
  await screenshot(page, 'phone-keyboard-open');
  await page.setViewportSize({ width: 390, height: 844 });
  await frames(page, 6);

  const reply = await textWhen(page, 'reply:link', /#reply=/);
  assert.match(reply, /#reply=[A-Za-z0-9_-]+$/);
  const copy = await scrollTo(page, cdp, 'Copy reply link', 780);
  assert.ok(copy.height >= 44 - 0.5 && copy.width >= 300, 'Copy reply link is thumb-sized');
  await tap(page, 'Copy reply link');
  assert.equal(await page.evaluate(() => window.Module.srClipboard), reply);
  assert.match(await text(page, 'reply:notice'), /Copied the reply link/);
  await screenshot(page, 'phone-reply-link');
  // Tapping outside a field closes the keyboard.
  assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'sr-keyboard');
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone the rest of the app stays usable: tabs wrap, the brief builder is one column', async () => {
  const { context, page, problems } = await open(url + '#/briefs', PHONE_1X);
  await waitSaved(page);
  const tabs = [];
  for (const label of ['Weekly review', 'Roster', 'Briefs', 'Spark Codes', 'Settings']) tabs.push(await rect(page, label));
  for (const [i, r] of tabs.entries()) assert.ok(r && r.x >= 0 && r.x + r.width <= 390, `tab ${i} is on screen`);
  await tap(page, 'New brief');
  const title = await rect(page, 'Title');
  const product = await rect(page, 'Product');
  assert.ok(title.width >= 300 && product.y > title.y, 'title and product fields one under the other, full width');
  await tap(page, 'Title');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'sr-keyboard', null, { timeout: 5000 });
  await page.keyboard.type('Phone brief', { delay: 15 });
  assert.equal(await textWhen(page, 'Title', 'Phone brief'), 'Phone brief');
  await screenshot(page, 'phone-brief-builder');
  assert.deepEqual(problems, []);
  await context.close();
});
