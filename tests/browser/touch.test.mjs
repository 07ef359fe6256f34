// Touch on a phone (Chromium's mobile emulation, touch only): a flick keeps the roster moving
// with decaying speed, a drag that stops before lifting moves it by the finger's distance, a
// finger on a moving list stops it; two fingers are the browser's pinch-zoom, on the shared
// brief as everywhere, while one finger still scrolls the app (docs/rules.md, "Touch scrolling
// and zoom"). Fingers go through the DevTools protocol with the event times set by the test
// (lib.mjs fingerDrag), so the speed at which a finger lifts is known exactly.
//   node --test tests/browser/touch.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, rect, textWhen, waitSaved, program, settle, fingerDrag, fingerDown, fingerPinch, screenshot, useBrowser } from './lib.mjs';

const app = useBrowser();

// A phone at 1 device pixel per CSS pixel (the layout is in CSS pixels either way; headless
// Chromium draws a 3x canvas about ten times slower).
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

// A roster of 160 creators named as creators in TikTok Shop's markets name themselves.
function longRoster() {
  const first = ['Ngọc Trâm', 'Thu Hà', 'น้องมายด์', 'พลอย', 'Siti Nurhaliza', 'Putri', 'Maria Clara', 'Aiko',
                 '小红', 'Олена', 'Nur Aisyah', 'Mai Anh', 'Joy', 'Kim Ngân', 'ฟ้าใส', 'Dewi'];
  const deco = ['✨', '💄', '🌸', '', '🇻🇳', '🇹🇭', '', '🌿'];
  const handles = ['ngoctram', 'thuha', 'nongmind', 'ploy', 'siti', 'putri', 'mariaclara', 'aiko',
                   'xiaohong', 'olena', 'nuraisyah', 'maianh', 'joy', 'kimngan', 'fahsai', 'dewi'];
  const creators = [];
  for (let i = 0; i < 160; i++) {
    const k = i % first.length;
    creators.push({
      id: i + 1, handle: `${handles[k]}.${String(i).padStart(3, '0')}`,
      display_name: `${first[k]} ${deco[i % deco.length]}`.trim(),
      followers: 5000 + i * 1375, status: 'active', categories: ['Skincare'],
      agreed_posts_per_month: 2, commission_rate: 0.12,
    });
  }
  return { format: 'spark-roster', version: 1, creators, next_id: 200 };
}

async function scrollAt(page, x, y) {
  return page.evaluate(([px, py]) => window.sparkRoster.scrollAt(px, py), [x, y]);
}

// The roster on the phone with the long program: a point over its list (the middle of its top
// row) where the scroll is read, and its bottom row, where the fingers come down.
async function phoneRoster() {
  const context = await app.chrome.browser.newContext(PHONE);
  const { page, problems } = await openApp(context, app.url + '#/roster');
  await waitSaved(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(longRoster()));
  assert.deepEqual(r, { ok: true, error: null }, 'the long roster loads');
  await settle(page);
  const rows = [];
  let tick = null;
  for (const c of (await program(page)).creators) {
    const b = await rect(page, '@' + c.handle);
    if (b && b.height > 20) rows.push(b);  // a whole row, not one cut by the list's edge
    tick = tick || await rect(page, 'select @' + c.handle);
  }
  rows.sort((a, b) => a.y - b.y);
  assert.ok(rows.length >= 5, `rows of the roster are drawn on the phone (${rows.length})`);
  const x = 195, y = Math.round(rows[0].y + rows[0].height / 2);
  const bottom = Math.round(rows[rows.length - 1].y + rows[rows.length - 1].height / 2);
  const s = await scrollAt(page, x, y);
  assert.ok(s && s.max_y > 3000, `the roster scrolls a long way (${JSON.stringify(s)})`);
  assert.equal((await scrollAt(page, x, bottom)).window, s.window, 'the bottom row is in the same list');
  const cdp = await context.newCDPSession(page);
  // The rows' tick boxes: a tap there ticks the creator, and the roster then offers "Bulk status".
  const tickX = Math.round(tick.x + tick.width / 2);
  return { context, page, problems, cdp, x, y, bottom, tickX, list: s.window };
}

test('on a phone a flick keeps the roster moving and it stops by itself; a drag that stops moves it by the finger; a finger stops a moving list', async () => {
  const { context, page, problems, cdp, x, y, bottom, tickX, list } = await phoneRoster();
  const hash = await page.evaluate(() => window.location.hash);

  // A drag 300 px up the screen in 480 ms, held still 200 ms, lifted: the list moves 300 px
  // (a CSS pixel is a device pixel here) and not one more. The finger may leave the list on
  // the way: the list it came down on is the one it moves.
  const s0 = await scrollAt(page, x, y);
  await fingerDrag(cdp, { x, y0: bottom, y1: bottom - 300, ms: 480, hold: 200 });
  await settle(page);
  const s1 = await scrollAt(page, x, y);
  assert.equal(s1.window, list, 'the drag scrolled the roster');
  assert.equal(s1.y - s0.y, 300, 'a drag that stops before lifting moves the list by the finger distance');
  assert.equal(s1.momentum, false);

  // A flick: 150 px up in 64 ms (4 moves 16 ms apart), lifted while moving. Its speed over the
  // last 100 ms (the whole flick) is 150 px / 0.064 s = 2,344 px/s, between 12 and 400 font
  // heights a second (16 px a font height: 192 and 6,400 px/s). Momentum adds at most
  // v x 0.325 s = 762 px (less the glide it would still have had when it stops under 1.5 font
  // heights a second, 24 px/s x 0.325 s = 8 px, and less where frames come over 1/20 s apart).
  await fingerDrag(cdp, { x, y0: bottom, y1: bottom - 150, ms: 64, hold: 0 });
  const moving = await page.evaluate(() => window.sparkRoster.idleState());
  assert.equal(moving.idle, false, 'the app is not idle while the list is moving');
  assert.equal(moving.touch, true);
  await settle(page);
  const s2 = await scrollAt(page, x, y);
  const flicked = s2.y - s1.y;
  console.log(`a flick of 150 px in 64 ms moved the roster ${flicked} px`);
  assert.ok(flicked > 2 * 150, `a flick of 150 px moved the list further than the finger: ${flicked} px`);
  assert.ok(flicked <= 150 + 762 + 1, `no further than its speed carries it (150 + 762 px): ${flicked} px`);
  assert.equal(s2.momentum, false, 'it stopped by itself');
  assert.equal(await page.evaluate(() => window.location.hash), hash, 'scrolling opened nothing');

  // The same flick back down (the list moves up the screen's way, scroll decreasing); a finger
  // put down once it has moved 100 px past the finger's own 150 stops it there at once; lifting
  // that finger without moving, on a row's tick box, is not a tap (it ticks nothing) and moves
  // nothing.
  await fingerDrag(cdp, { x, y0: y, y1: y + 150, ms: 64, hold: 0 });
  await page.waitForFunction(([px, py, from]) => from - window.sparkRoster.scrollAt(px, py).y >= 250, [x, y, s2.y]);
  const finger = await fingerDown(cdp, { x: tickX, y });
  const s3 = await scrollAt(page, x, y);
  assert.equal(s3.momentum, false, 'the finger stopped the list');
  await settle(page);
  const held = await scrollAt(page, x, y);
  assert.equal(held.y, s3.y, 'the list stays where the finger stopped it');
  assert.ok(s2.y - held.y < flicked - 50, `stopped short of the full glide (${s2.y - held.y} of about ${flicked} px)`);
  await finger.up();
  await settle(page);
  assert.equal((await scrollAt(page, x, y)).y, held.y, 'lifting the finger moves nothing');
  assert.equal(await page.evaluate(() => window.location.hash), hash, 'the touch that stopped the list opened nothing');
  assert.equal(await rect(page, 'Bulk status'), null, 'and ticked nothing');

  // A tap on a tick box, even one whose finger slides a little (6 px in 16 ms, under the 0.6 font
  // heights of a drag) before lifting, ticks it, scrolls nothing and leaves nothing moving.
  // The finger comes down on the middle of a whole tick box near the top of the list, where the
  // list stopped (it stops wherever the glide was, between rows as well).
  const tapped = await scrollAt(page, x, y);
  const boxes = [];
  for (const c of (await program(page)).creators) {
    const b = await rect(page, 'select @' + c.handle);
    if (b) boxes.push(b);
  }
  const whole = Math.max(...boxes.map((b) => b.height));  // a box the list's edge does not cut
  const box = boxes.filter((b) => b.height === whole).sort((a, b) => Math.abs(a.y - y) - Math.abs(b.y - y))[0];
  assert.ok(box, 'a whole tick box is drawn in the stopped list');
  const tapY = Math.round(box.y + box.height / 2);
  await fingerDrag(cdp, { x: tickX, y0: tapY, y1: tapY - 6, ms: 16, hold: 0 });
  assert.equal((await scrollAt(page, x, y)).momentum, false, 'a tap starts no momentum');
  await settle(page);
  assert.ok(await rect(page, 'Bulk status'), 'the tap ticked the creator');
  const afterTap = await scrollAt(page, x, y);
  assert.equal(afterTap.window, list);
  assert.equal(afterTap.y, tapped.y, 'a tap scrolls nothing');

  // A flick toward the top stops there: the list does not move past its end.
  await fingerDrag(cdp, { x, y0: y, y1: y + 150, ms: 48, hold: 0 });
  await settle(page);
  assert.equal((await scrollAt(page, x, y)).y, 0, 'a flick past the top stops at the top');
  assert.deepEqual(problems, []);
  await context.close();
});

// The brand makes the share link on a desktop.
async function shareLink() {
  const context = await app.chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openApp(context, app.url);
  await waitSaved(page);
  const p = await program(page);
  const brief = p.briefs.find((b) => b.request_spark_code);
  await page.evaluate((h) => { window.location.hash = h; }, '#/brief/' + brief.id);
  await settle(page);
  const r = await rect(page, 'Share');
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  const link = await textWhen(page, 'brief:share-link', /#brief=/);
  await context.close();
  return { brief, link };
}

test('on a phone the shared brief can be pinch-zoomed: two fingers are the browser\'s, one finger still scrolls the brief', async () => {
  const { brief, link } = await shareLink();
  const context = await app.chrome.browser.newContext(PHONE);
  // Every touch event, kept to read afterwards whether the page cancelled it (the app's own
  // listener stops the event: a listener registered after it would not see it).
  await context.addInitScript(() => {
    window.touchEvents = [];
    for (const type of ['touchstart', 'touchmove', 'touchend'])
      window.addEventListener(type, (e) => window.touchEvents.push(e), { capture: true });
  });
  const { page, problems } = await openApp(context, link);
  const touchLog = () => page.evaluate(() => window.touchEvents.map((e) => ({
    type: e.type, touches: e.touches.length, prevented: e.defaultPrevented, cancelable: e.cancelable, y: e.changedTouches[0].clientY })));
  assert.equal(await textWhen(page, 'shared:title', brief.title), brief.title);
  const viewport = await page.evaluate(() => document.querySelector('meta[name=viewport]').content);
  assert.doesNotMatch(viewport, /user-scalable\s*=\s*(no|0)/, 'the viewport allows zoom');
  assert.doesNotMatch(viewport, /maximum-scale\s*=\s*1(\.0*)?\b/, 'the viewport allows zoom beyond 1');
  assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('canvas')).touchAction), 'pinch-zoom');

  const cdp = await context.newCDPSession(page);
  const x = 195, y = 500;

  // One finger scrolls the brief by its distance.
  const s0 = await scrollAt(page, x, y);
  assert.ok(s0 && s0.max_y > 200, 'the shared brief scrolls on a phone');
  await fingerDrag(cdp, { x, y0: 600, y1: 450, ms: 160, hold: 200 });
  await settle(page);
  const s1 = await scrollAt(page, x, y);
  assert.equal(s1.y - s0.y, 150, 'one finger scrolled the brief 150 px');
  const canvas = () => page.evaluate(() => {
    const c = document.getElementById('canvas'), b = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cssW: b.width, cssH: b.height };
  });
  const size = await canvas();

  // Two fingers spread apart: no event of the gesture is cancelled by the page, and the browser
  // zooms in; the app neither scrolls nor taps.
  await page.evaluate(() => { window.touchEvents = []; });
  const hash = await page.evaluate(() => window.location.hash);
  await fingerPinch(cdp, { x: 195, y: 400, from: 90, to: 150, ms: 160, hold: 200 });
  await settle(page);
  const log = await touchLog();
  assert.ok(log.some((e) => e.type === 'touchstart' && e.touches === 2), 'the second finger came down');
  assert.deepEqual(log.filter((e) => e.prevented), [], 'the page cancelled no event of the two-finger gesture');
  const scale = await page.evaluate(() => window.visualViewport.scale);
  assert.ok(scale > 1.2, `the browser zoomed in (scale ${scale})`);
  assert.deepEqual(await canvas(), size, 'the canvas keeps its size: the zoom magnifies, the layout stays');
  assert.equal((await scrollAt(page, x, y)).y, s1.y, 'the pinch did not scroll the brief');
  assert.equal(await page.evaluate(() => window.location.hash), hash, 'nor tapped anything');
  await screenshot(page, 'touch-brief-zoomed');

  // Zoomed in, one finger still scrolls the brief: by the distance the finger moved over the
  // page (the events' client coordinates).
  await page.evaluate(() => { window.touchEvents = []; });
  const zoomed = () => page.evaluate(() => ({ x: visualViewport.offsetLeft, y: visualViewport.offsetTop, s: visualViewport.scale }));
  const before = await zoomed();
  await fingerDrag(cdp, { x: 195, y0: 600, y1: 450, ms: 160, hold: 200 });
  await settle(page);
  const drag = await touchLog();
  const fingerMoved = drag[0].y - drag[drag.length - 1].y;
  assert.deepEqual(await zoomed(), before, 'one finger\'s moves are the app\'s: the browser did not pan the zoomed page');
  const s2 = await scrollAt(page, x, y);
  assert.ok(fingerMoved > 0 && Math.abs(s2.y - s1.y - fingerMoved) <= 1,
            `zoomed in, one finger scrolled the brief ${s2.y - s1.y} px for ${fingerMoved} px of finger`);

  // A finger whose moves the page cannot cancel while the browser moves the zoomed page is the
  // browser's (it pans a page zoomed in far itself): the app does not scroll under it as well.
  // The same uncancellable moves with the page standing still are the app's. The browser's pan
  // is stood in for by the visual viewport's offset moving as the finger does.
  const uncancellable = (pan) => page.evaluate((pan) => {
    const canvas = document.getElementById('canvas');
    const vv = window.visualViewport, top = vv.offsetTop;
    let panned = 0;
    Object.defineProperty(vv, 'offsetTop', { configurable: true, get: () => top + panned });
    const at = (y) => new Touch({ identifier: 7, target: canvas, clientX: 195, clientY: y });
    const fire = (type, y, touches) => canvas.dispatchEvent(new TouchEvent(type, {
      cancelable: false, bubbles: true, touches: touches ? [at(y)] : [], changedTouches: [at(y)] }));
    fire('touchstart', 600, true);
    for (let y = 580; y >= 400; y -= 20) {
      if (pan) panned += 20 / vv.scale;
      fire('touchmove', y, true);
    }
    fire('touchend', 400, false);
    delete vv.offsetTop;
  }, pan);
  await uncancellable(true);
  await settle(page);
  assert.equal((await scrollAt(page, x, y)).y, s2.y, 'the app left the browser\'s pan alone');
  await uncancellable(false);
  await settle(page);
  assert.ok((await scrollAt(page, x, y)).y > s2.y, 'with the page standing still, the finger scrolled the brief');
  assert.deepEqual(problems, []);
  await context.close();
});
