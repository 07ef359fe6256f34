// The page before the app runs: while the WebAssembly module is still downloading, input and a
// file dropped on the page reach the page's listeners. Nothing of it may throw, and the file is
// delivered to the app once it runs, not lost (web/api.js, srCall).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, settle, click, waitText, program } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

// A backup of one creator, as another browser would have exported it.
const incoming = JSON.stringify({
  format: 'spark-roster', version: 1, settings: {}, samples: [], briefs: [], posts: [], spark_codes: [],
  products: [], imported_orders: [], next_id: 9001,
  creators: [{ id: 9000, handle: 'ngoc.tram', display_name: 'Ngọc Trâm', followers: 42000, status: 'active' }],
});

test('input and a file dropped while the app is still loading are delivered once it runs, without an error', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  // A first visit, so that the program the dropped file merges into is the sample program.
  const first = await openApp(context, url);
  const before = await program(first.page);
  await first.page.close();

  // Hold the module back: the page's own scripts run, the app does not yet.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = false;
  await context.route(/spark-roster\.wasm$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  await page.goto(url + '#/roster');
  await page.waitForFunction(() => typeof window.sparkRoster === 'object');
  assert.ok(asked, 'the module was asked for and is being held');

  // What a person does on a page that is still loading: move the mouse, scroll, press a key,
  // touch, and drop a backup on it.
  await page.mouse.move(200, 200);
  await page.mouse.wheel(0, 120);
  await page.keyboard.press('Tab');
  await page.dispatchEvent('body', 'touchstart', {});
  const early = await page.evaluate(() => ({
    state: window.sparkRoster.saveState().state,
    rect: window.sparkRoster.widgetRect('Roster'),
    idle: window.sparkRoster.idleState().idle,
  }));
  assert.deepEqual(early, { state: 'loading', rect: null, idle: false }, 'the page API answers before the app runs');
  const prevented = await page.evaluate((c) => {
    const dt = new DataTransfer();
    dt.items.add(new File([c], 'from-another-browser.json'));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const drop = new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true });
    window.dispatchEvent(drop);
    return drop.defaultPrevented;
  }, incoming);
  assert.ok(prevented, 'the browser does not leave the page to show the dropped file');

  release();
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
  // The file was opened: the Data screen says what the backup holds, and merging it by id would
  // add its one creator.
  assert.equal(await page.evaluate(() => window.location.hash), '#/data', 'the dropped file opened the Data screen');
  assert.match(await waitText(page, 'backup:holds'), /1 creator/);
  await click(page, 'Merge by id');
  assert.equal(await waitText(page, 'merge:counts'), '1 added, 0 updated, 0 in conflict, 0 unchanged');
  assert.deepEqual(await program(page), before, 'nothing changes before the merge is applied');
  assert.deepEqual(problems, []);
  await context.close();
});
