// Posts by hand on the creator screen: a post added by pasting its TikTok link and filled in by
// typing, a Spark Code reply's post given its publish date, kept across a reload; an edit the
// post's rules refuse shows each reason under its field and saves nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, launch, openApp, click, typeInto, rect, text, textWhen, waitSaved, program, screenshot, settle,
         reload, shown } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

// Lan (tier 2: 400 per content piece) with her brief and delivered sample; Somchai with his
// own, which Lan's posts cannot name; the post Lan's Spark Code reply made, from a short link
// and with no publish date; and a post whose fee (600) was agreed apart.
const backup = JSON.stringify({
  format: 'spark-roster', version: 1, next_id: 11,
  settings: { program_name: 'Lumen Skin SEA', currency: 'USD', program_start: '2026-11-01' },
  creators: [
    { id: 1, handle: 'lan.nguyen', display_name: 'Nguyễn Thị Lan 🌸', followers: 180000, status: 'active',
      commission_rate: 0.15, flat_fee: 400, agreed_posts_per_month: 4 },
    { id: 2, handle: 'somchai.th', display_name: 'สมชาย ใจดี', followers: 52000, status: 'active' },
  ],
  products: [
    { id: 3, sku: 'LS-SER-30', name: 'Barrier Repair Serum 30 ml', price: 34, unit_cost: 7.9, shipping_subsidy: 2.5,
      usual_discount: 3 },
    { id: 4, sku: 'LS-ESS-100', name: '焕肤精华 Essence 100 ml', price: 42, unit_cost: 9 },
  ],
  briefs: [
    { id: 5, title: 'Serum — first week', product_id: 3, hook: 'transformation_reveal', creator_ids: [1],
      product_truths: ['ceramides'], do_not_say: ['cures eczema'] },
    { id: 6, title: 'Essence ราคาดี', product_id: 4, creator_ids: [2], do_not_say: ['whitening'] },
  ],
  samples: [
    { id: 7, creator_id: 1, product_id: 3, requested: '2026-11-01', delivered: '2026-11-05', cost: 12, status: 'delivered' },
    { id: 8, creator_id: 2, product_id: 4, requested: '2026-11-01', delivered: '2026-11-06', cost: 15, status: 'delivered' },
  ],
  posts: [
    { id: 9, creator_id: 1, product_id: 3, brief_id: 5, tiktok_ref: 'https://vm.tiktok.com/ZMabc123/', source: 'spark',
      hook: 'transformation_reveal' },
    { id: 10, creator_id: 1, product_id: 3, tiktok_ref: '7312345678901234000', published: '2026-11-12', views: 8000,
      clicks: 200, orders: 4, units: 4, gmv: 136, commission: 20.4, creator_fee: 600, fee_by_hand: true },
  ],
});

const video = '7312345678901234567';
const link = `https://www.tiktok.com/@lan.nguyen/video/${video}?is_from_webapp=1&sender_device=pc`;
const reply = 'https://vm.tiktok.com/ZMabc123/';  // the reply's post: the table names it by its link

async function lansScreen() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), backup);
  assert.deepEqual(r, { ok: true, error: null });
  await settle(page);
  await page.evaluate(() => { window.location.hash = '#/creator/1'; });
  await textWhen(page, 'creator handle', '@lan.nguyen');
  return { context, page, problems };
}

// The message sits under the field it is about, within a few rows.
function assertUnder(field, message, what) {
  assert.ok(field && message, `${what}: both drawn`);
  assert.ok(message.y >= field.y + field.height - 1, `${what}: the message is under the field`);
  assert.ok(message.y - (field.y + field.height) < field.height * 3, `${what}: and close to it`);
  assert.ok(Math.abs(message.x - field.x) < field.height, `${what}: and in its column`);
}

const postOf = (p, ref) => p.posts.find((x) => x.tiktok_ref === ref);

test('a post added by pasting its TikTok link and typing its numbers, and a reply\'s post given its date, are there after a reload', async () => {
  const { context, page, problems } = await lansScreen();

  // The Spark Code reply's post has no publish date: the table says so, and it can be set.
  assert.match(await textWhen(page, `post row:${reply}`, /^no date · /), /^no date · 0 views · \$0\.00 GMV · fee \$400\.00/);
  await click(page, `post row:${reply}`);
  assert.equal(await textWhen(page, 'post:editor', 'edit'), 'edit');
  await typeInto(page, 'post:published', '2026-11-18');
  await page.keyboard.press('Enter');  // Enter in the editor saves
  await settle(page);
  assert.match(await textWhen(page, 'post:notice', /^Saved post /), /Undo \(Ctrl\+Z\) takes it back\./);
  assert.match(await text(page, `post row:${reply}`), /^2026-11-18 · /);
  assert.equal(postOf(await program(page), reply).published, '2026-11-18',
               'the short link is kept as it was');

  // A new post from its link, pasted: the Video ID is taken from it.
  await click(page, 'New post');
  assert.equal(await text(page, 'post:editor'), 'new');
  await page.evaluate((l) => navigator.clipboard.writeText(l), link);
  await page.keyboard.press('Control+V');  // New post puts the keyboard in the link field
  await settle(page);
  assert.equal(await text(page, 'post:link'), link);
  assert.equal(await text(page, 'warning:post:link'), null, 'the link is Lan\'s own');

  // The brief and the sample are chosen from Lan's own: Somchai's are not offered.
  await click(page, 'post:brief');
  await shown(page, 'Serum — first week');
  assert.equal(await rect(page, 'Essence ราคาดี'), null, 'another creator\'s brief is not offered');
  await click(page, 'Serum — first week');
  assert.equal(await text(page, 'post:product'), 'Barrier Repair Serum 30 ml (LS-SER-30)', 'the brief\'s product');
  await click(page, 'post:sample');
  await shown(page, 'Barrier Repair Serum 30 ml · Delivered 2026-11-05');
  assert.equal(await rect(page, '焕肤精华 Essence 100 ml · Delivered 2026-11-06'), null, 'another creator\'s sample is not offered');
  await click(page, 'Barrier Repair Serum 30 ml · Delivered 2026-11-05');

  const typed = [['post:published', '2026-11-20'], ['post:views', '12,400'], ['post:hold_rate_3s', '32 %'],
                 ['post:clicks', '310'], ['post:orders', '12'], ['post:units', '12'], ['post:gmv', '$1,234.50'],
                 ['post:refunded', '45.50'], ['post:buyers', '11'], ['post:repeat_buyers_60d', '3'],
                 ['post:commission', '185.18']];
  for (const [field, value] of typed) {
    await typeInto(page, field, value);
    assert.equal(await text(page, field), value, `${field} reads what was typed`);
  }
  // The fee is the deal's, shown and not typed.
  assert.equal(await text(page, 'post:creator_fee'), '400');
  assert.equal(await text(page, 'post:fee_by_hand'), 'the deal');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await textWhen(page, 'post:notice', `Added post ${video}. Undo (Ctrl+Z) takes it back.`),
               `Added post ${video}. Undo (Ctrl+Z) takes it back.`);
  // Margin: 1,234.50 GMV - 45.50 refunds - 7.90 x 12 units - 185.18 commission - 400 fee
  //         - 2.50 x 12 shipping - 3 x 12 discounts - 12 sample = 431.02.
  const row = `2026-11-20 · 12,400 views · $1,234.50 GMV · fee $400.00 · margin $431.02`;
  assert.equal(await textWhen(page, `post row:${video}`, row), row);
  await screenshot(page, 'creator-posts-editor');

  await waitSaved(page);
  await reload(page);
  assert.equal(new URL(page.url()).hash, '#/creator/1');
  assert.equal(await textWhen(page, `post row:${video}`, row), row, 'the row is there after the reload');
  assert.match(await text(page, `post row:${reply}`), /^2026-11-18 · /);
  const p = await program(page);
  const x = postOf(p, video);
  assert.ok(x, 'kept as its Video ID');
  assert.deepEqual(
    { creator_id: x.creator_id, product_id: x.product_id, brief_id: x.brief_id, sample_id: x.sample_id, hook: x.hook,
      published: x.published, views: x.views, clicks: x.clicks, orders: x.orders, units: x.units, gmv: x.gmv,
      refunded: x.refunded, buyers: x.buyers, repeat_buyers_60d: x.repeat_buyers_60d, commission: x.commission,
      creator_fee: x.creator_fee, fee_by_hand: x.fee_by_hand, source: x.source },
    { creator_id: 1, product_id: 3, brief_id: 5, sample_id: 7, hook: 'transformation_reveal', published: '2026-11-20',
      views: 12400, clicks: 310, orders: 12, units: 12, gmv: 1234.5, refunded: 45.5, buyers: 11, repeat_buyers_60d: 3,
      commission: 185.18, creator_fee: 400, fee_by_hand: false, source: 'organic' });
  assert.ok(Math.abs(x.hold_rate_3s - 0.32) < 1e-9);

  // Edited again after the reload, by typing.
  await click(page, `post row:${video}`);
  await typeInto(page, 'post:views', '15000');
  await click(page, 'Save post');
  assert.match(await textWhen(page, 'post:notice', /^Saved post /), new RegExp(video));
  assert.equal(postOf(await program(page), video).views, 15000);

  // Removed after the question; undo brings it back.
  await click(page, 'Remove this post');
  await click(page, 'Remove post');
  assert.equal(await textWhen(page, 'post:notice', `Removed post ${video}. Undo brings it back.`),
               `Removed post ${video}. Undo brings it back.`);
  assert.equal(await text(page, `post row:${video}`), null);
  assert.equal(postOf(await program(page), video), undefined);
  await click(page, 'Undo');
  assert.match(await textWhen(page, `post row:${video}`, /^2026-11-20 · 15,000 views/), /margin \$431\.02$/);
  assert.equal(postOf(await program(page), video).views, 15000);
  await waitSaved(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an edit the post\'s rules refuse shows each reason under its field and saves nothing', async () => {
  const { context, page, problems } = await lansScreen();
  await click(page, `post row:${reply}`);
  for (const [field, value] of [['post:gmv', '120'], ['post:refunded', '150'], ['post:buyers', '5'],
                                ['post:repeat_buyers_60d', '6'], ['post:hold_rate_3s', '120']])
    await typeInto(page, field, value);
  const before = await program(page);
  await click(page, 'Save post');
  assert.equal(await textWhen(page, 'error:post:refunded', 'Refunds cannot exceed GMV.'), 'Refunds cannot exceed GMV.');
  assertUnder(await rect(page, 'post:refunded'), await rect(page, 'error:post:refunded'), 'refunds');
  assert.equal(await text(page, 'error:post:repeat_buyers_60d'), 'Repeat buyers cannot exceed buyers.');
  assertUnder(await rect(page, 'post:repeat_buyers_60d'), await rect(page, 'error:post:repeat_buyers_60d'), 'repeat buyers');
  assert.equal(await text(page, 'error:post:hold_rate_3s'), '3-second hold rate must be between 0 % and 100 %.');
  assertUnder(await rect(page, 'post:hold_rate_3s'), await rect(page, 'error:post:hold_rate_3s'), 'hold rate');
  assert.equal(await text(page, 'error:post:gmv'), null, 'GMV itself is fine');
  assert.equal(await text(page, 'post:notice'), null, 'nothing saved');
  await screenshot(page, 'creator-posts-refused');
  assert.deepEqual(await program(page), before, 'the program is as it was');

  // A number that cannot be read is named too, with the rules' reasons beside it.
  await typeInto(page, 'post:views', '12.5k');
  await click(page, 'Save post');
  assert.equal(await textWhen(page, 'error:post:views', "'12.5k' is not a whole number."), "'12.5k' is not a whole number.");
  assert.equal(await text(page, 'error:post:refunded'), 'Refunds cannot exceed GMV.');
  assert.deepEqual(await program(page), before);

  // Put right, it saves, and the reasons go.
  await typeInto(page, 'post:views', '9500');
  await typeInto(page, 'post:refunded', '20');
  await typeInto(page, 'post:repeat_buyers_60d', '2');
  await typeInto(page, 'post:hold_rate_3s', '41');
  await click(page, 'Save post');
  assert.match(await textWhen(page, 'post:notice', /^Saved post /), /Saved post/);
  for (const f of ['refunded', 'repeat_buyers_60d', 'hold_rate_3s', 'views'])
    assert.equal(await text(page, `error:post:${f}`), null, `${f}: no reason left`);
  const x = postOf(await program(page), reply);
  assert.deepEqual([x.views, x.gmv, x.refunded, x.buyers, x.repeat_buyers_60d], [9500, 120, 20, 5, 2]);
  await waitSaved(page);
  assert.deepEqual(problems, []);
  await context.close();
});

// The file as the Export CSV button saves it: UTF-8 with a byte-order mark, CRLF records.
async function download(page, label) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click(page, label)]);
  const bytes = fs.readFileSync(await d.path());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
  const body = bytes.subarray(3).toString('utf8');
  assert.ok(body.endsWith('\r\n'), 'records end with CRLF');
  return { name: d.suggestedFilename(), rows: body.slice(0, -2).split('\r\n').map((r) => r.split(',')) };
}

test('the posts table sorted by margin exports its rows as shown, with each post\'s fee', async () => {
  const { context, page, problems } = await lansScreen();
  // Margins: the reply's post 0 - 400 fee = -400.00; the other 136 GMV - 7.90 x 4 units - 20.40
  // commission - 600 fee (by hand) - 2.50 x 4 shipping - 3 x 4 discounts = -538.00.
  assert.match(await textWhen(page, 'post row:7312345678901234000', /fee \$600\.00 · margin -\$538\.00$/), /^2026-11-12 /);
  assert.match(await text(page, `post row:${reply}`), /fee \$400\.00 · margin -\$400\.00$/);
  // The fee by hand is shown as the post's own; Escape closes the editor.
  await click(page, 'post row:7312345678901234000');
  assert.equal(await textWhen(page, 'post:fee_by_hand', 'by hand'), 'by hand');
  assert.equal(await text(page, 'post:creator_fee'), '600');
  await page.keyboard.press('Escape');
  await settle(page);
  assert.equal(await text(page, 'post:editor'), null);

  const header = await shown(page, 'header:creator-posts:Margin');
  await page.mouse.move(header.x + header.width / 2, header.y + header.height / 2);
  await click(page, 'header:creator-posts:Margin');  // largest first
  const replyRow = await rect(page, `post row:${reply}`), otherRow = await rect(page, 'post row:7312345678901234000');
  assert.ok(replyRow.y < otherRow.y, 'the larger margin is on top');
  const file = await download(page, 'Export CSV:lan.nguyen-posts');
  assert.match(file.name, /^lan\.nguyen-posts-\d{4}-\d\d-\d\d\.csv$/);
  assert.deepEqual(file.rows, [
    ['Published', 'Video', 'Views', 'Clicks', 'Orders', 'Conv. (%)', 'GMV (USD)', 'Fee (USD)', 'Margin (USD)', 'Source'],
    ['', reply, '0', '0', '0', '', '0.00', '400.00', '-400.00', 'spark'],
    ['2026-11-12', '7312345678901234000', '8000', '200', '4', '2', '136.00', '600.00', '-538.00', 'organic'],
  ]);
  assert.deepEqual(problems, []);
  await context.close();
});
