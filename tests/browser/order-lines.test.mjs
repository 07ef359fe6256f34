// Order lines through the Data screen: a creator not on the roster added with one click, a
// LIVE sale counted for its creator, and a second, overlapping export that updates the
// creator's refunds and commission on the creator screen (docs/rules.md, "Order lines").
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, text, waitText, waitSaved, program, screenshot, settle, textWhen } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  url += '#/data';
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

const CONTENT = '7301234567890123456';
const shop = JSON.stringify({
  format: 'spark-roster', version: 2, settings: {}, samples: [], briefs: [], spark_codes: [], next_id: 3,
  creators: [{ id: 1, handle: 'glow.daily', display_name: 'Ngọc Trâm ✨', status: 'active', followers: 20000 }],
  products: [],
  posts: [{ id: 2, creator_id: 1, tiktok_ref: `https://www.tiktok.com/@glow.daily/video/${CONTENT}`, published: '2026-11-01' }],
});

const HEADER = 'Order ID,SKU ID,Payment Amount,Quantity,Order Status,Creator Username,Content Type,Content ID,' +
  'Est. standard commission payment,Actual Commission Payment,Time Created,Fully returned or refunded\n';
// Week 1: two video orders (one Pending, one Settled), a LIVE order, and an order of a creator
// not on the roster.
const week1 = HEADER +
  `880001,SKU1,40.00,1,Pending,glow.daily,Video,${CONTENT},4.00,/,2026-11-02 10:00:00,No\n` +
  `880002,SKU1,60.00,1,Settled,glow.daily,Video,${CONTENT},6.00,6.00,2026-11-03 10:00:00,No\n` +
  `880003,SKU1,50.00,1,Pending,glow.daily,LIVE,/,5.00,/,2026-11-04 20:00:00,No\n` +
  `880004,SKU1,30.00,1,Pending,bep.nha.lan,Video,7300000000000000009,3.00,/,2026-11-04 21:00:00,No\n`;
// Week 2 overlaps it: 880001 settled at 3.60, 880002 refunded (Ineligible: no commission), the
// LIVE order settled at 5.00.
const week2 = HEADER +
  `880001,SKU1,40.00,1,Settled,glow.daily,Video,${CONTENT},4.00,3.60,2026-11-02 10:00:00,No\n` +
  `880002,SKU1,60.00,1,Ineligible,glow.daily,Video,${CONTENT},6.00,6.00,2026-11-03 10:00:00,Yes\n` +
  `880003,SKU1,50.00,1,Settled,glow.daily,LIVE,/,5.00,5.00,2026-11-04 20:00:00,No\n`;

async function pick(page, name, content) {
  await page.setInputFiles('#sr-file-input', { name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await settle(page);
}

async function go(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
}

test('a second, overlapping export through the Data screen updates the creator\'s refunds and commission on screen', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 1500 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), shop);
  assert.equal(r.error, null);
  await settle(page);
  await waitSaved(page);

  // Week 1: the LIVE order is the creator's; only the creator not on the roster is unmatched.
  await pick(page, 'affiliate_orders_week1.csv', week1);
  assert.equal(await waitText(page, 'orders:imported'), '3 (3 lines)');
  assert.equal(await text(page, 'orders:off post'), '1 lines (LIVE, showcase, other)');
  assert.equal(await text(page, 'orders:unmatched'), '1');
  // Settled 6.00; expected 4.00 + 5.00 = 9.00.
  assert.equal(await text(page, 'orders:commission status'), '$6.00 settled, $9.00 expected (Pending, Frozen: not yet paid)');
  // One click adds the creator as a prospect and reads the file again: the order is placed.
  await click(page, 'Add this creator');
  assert.equal(await textWhen(page, 'orders:imported', /^4 /), '4 (4 lines)');
  assert.equal(await text(page, 'orders:unmatched'), '0');
  await click(page, 'Add 4 orders');
  await waitSaved(page);
  const added = (await program(page)).creators.find((c) => c.handle === 'bep.nha.lan');
  assert.ok(added, 'the creator is on the roster');
  assert.equal(added.status, 'prospect');

  // The creator screen: video from the post (2 orders, 100.00, commission 4 + 6 = 10, of which
  // 4.00 Pending), LIVE from its line (50.00, 5.00 not yet paid).
  await go(page, '#/creator/1');
  assert.equal(await waitText(page, 'sales:Video (posts)'),
               '2 orders, $100.00 GMV, $0.00 refunds, $10.00 commission, $4.00 not yet paid');
  assert.equal(await text(page, 'sales:LIVE'), '1 orders, $50.00 GMV, $0.00 refunds, $5.00 commission, $5.00 not yet paid');
  assert.equal(await text(page, 'sales:Total'), '3 orders, $150.00 GMV, $0.00 refunds, $15.00 commission, $9.00 not yet paid');

  // Week 2 through the Data screen: three lines updated, nothing new.
  await go(page, '#/data');
  await pick(page, 'affiliate_orders_week2.csv', week2);
  assert.equal(await waitText(page, 'orders:updated'), '3 (3 status, 1 refund, 3 commission)');
  assert.equal(await text(page, 'orders:imported'), '0 (0 lines)');
  assert.equal(await text(page, 'orders:unchanged'), '0 (imported before, the same again)');
  await click(page, 'Update 3 lines');
  await waitSaved(page);

  // Refunds 60.00 (880002); commission 10 - 0.40 - 6 = 3.60, nothing left to pay; LIVE settled.
  await go(page, '#/creator/1');
  assert.equal(await waitText(page, 'sales:Video (posts)'),
               '2 orders, $100.00 GMV, $60.00 refunds, $3.60 commission, $0.00 not yet paid');
  assert.equal(await text(page, 'sales:LIVE'), '1 orders, $50.00 GMV, $0.00 refunds, $5.00 commission, $0.00 not yet paid');
  await screenshot(page, 'creator-sales-by-content');
  const post = (await program(page)).posts.find((x) => x.id === 2);
  assert.equal(post.refunded, 60);
  assert.equal(post.commission, 3.6);

  // The performance table counts the LIVE sale in the creator's GMV.
  await go(page, '#/performance');
  assert.equal(await waitText(page, 'perf:@glow.daily:GMV'), '$150.00');

  // The same file once more changes nothing.
  await go(page, '#/data');
  const before = await page.evaluate(() => window.sparkRoster.exportJson());
  await pick(page, 'affiliate_orders_week2.csv', week2);
  assert.equal(await waitText(page, 'orders:unchanged'), '3 (imported before, the same again)');
  assert.match(await text(page, 'orders:nothing'), /Nothing to add or update/);
  await click(page, 'Close');
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), before);
  assert.deepEqual(problems, []);
  await context.close();
});
