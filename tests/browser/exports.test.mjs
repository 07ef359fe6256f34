// The Data screen with the exports other than orders: a Data Compass video performance .xlsx, an
// Affiliate Center creator list CSV and an Ads Manager report .xlsx picked in the file picker,
// each said for what it is before anything changes; the views and clicks land on the performance
// screen, the prospects on the roster, the paid rounds on the Spark Code; a file of other columns
// says which exports were tried.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launch, openApp, click, text, textWhen, waitText, waitSaved, program, settle, shown, screenshot } from './lib.mjs';

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

const VIDEO = '7301234567890123456';  // 19 digits: a double would round it

// Two creators (one with a Vietnamese display name) and a post with 37 orders and no clicks yet.
const shop = JSON.stringify({
  format: 'spark-roster', version: 1, settings: {},
  creators: [{ id: 1, handle: 'glow.daily', display_name: 'Ngọc Trâm 🌸', status: 'active', followers: 20000 },
             { id: 3, handle: 'nongfah.review', display_name: 'น้องฟ้า', status: 'active', followers: 30000 }],
  products: [], samples: [], briefs: [], spark_codes: [], imported_orders: [],
  posts: [{ id: 2, creator_id: 1, tiktok_ref: `https://www.tiktok.com/@glow.daily/video/${VIDEO}`, published: '2026-11-01',
            orders: 37, units: 37, gmv: 925 }],
  next_id: 4,
});

async function newApp(prog = shop) {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const app = await openApp(context, url);
  await waitSaved(app.page);
  const r = await app.page.evaluate((t) => window.sparkRoster.importJson(t), prog);
  assert.equal(r.error, null);
  await settle(app.page);
  return { context, ...app };
}

async function pick(page, name, content, mimeType = 'application/octet-stream') {
  await page.setInputFiles('#sr-file-input', { name, mimeType, buffer: Buffer.from(content) });
  await settle(page);
}

async function go(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
}

// The CSV as a spreadsheet saves it (tests/fixtures/make_xlsx.py: ids stay text).
function xlsxOf(csv) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-xlsx-'));
  fs.writeFileSync(path.join(dir, 'in.csv'), csv);
  const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(py, [new URL('../fixtures/make_xlsx.py', import.meta.url).pathname, path.join(dir, 'in.csv'), path.join(dir, 'out.xlsx')]);
  const bytes = fs.readFileSync(path.join(dir, 'out.xlsx'));
  fs.rmSync(dir, { recursive: true });
  return bytes;
}

// Data Compass "Video Data": every column of the real export; the first video on two product rows.
const videoHeader = 'Video title,Video ID,Post date,Video link,Creator name,Product ID,Creator video-attributed GMV,' +
  'Video-attributed orders,AOV,Avg. GMV per customer,Video-attributed items sold,Refunds,Items refunded,Est. commission,' +
  'Est. flat fee,Video views,Likes,Comments,Shares,Video product impressions,Video product clicks,Completion rate,CTR,' +
  'Engagement,Video GPM';
const videoCsv = [
  videoHeader,
  `Kem chống nắng 🌞,${VIDEO},13/11/2026,,glow.daily,1729384756102938475,"$1,234.50",37,$33.36,$33.36,37,$0.00,0,$92.50,$50.00,"12,345",900,<5,--,"45,678","1,230",5.93%,2.7%,7.3%,$100.00`,
  `Kem chống nắng 🌞,${VIDEO},13/11/2026,,glow.daily,1729384756102938476,"$1,234.50",37,$33.36,$33.36,37,$0.00,0,$92.50,$50.00,"12,345",900,<5,--,"45,678","1,230",5.93%,2.7%,7.3%,$100.00`,
  'รีวิวครีมกันแดด,7309876543210987654,14/11/2026,,nongfah.review,1729384756102938475,$10.00,1,$10.00,$10.00,1,$0.00,0,$1.00,--,"8,900",75,3,1,"9,000",310,"3,5%",3%,2%,$20.00',
  'Chưa có,7322222222222222222,14/11/2026,,someone.new,1729384756102938475,$10.00,1,$10.00,$10.00,1,$0.00,0,$1.00,--,999,5,0,0,600,20,1%,3%,2%,$20.00',
  'Total of 4 results,,,,,,,,,,,,,,,,,,,,,,,,',
].join('\r\n') + '\r\n';

test('a video performance .xlsx says what it is, sets views and clicks once per video, and the performance screen shows them', async () => {
  const { context, page, problems } = await newApp();
  const before = (await program(page)).posts.length;
  await pick(page, 'video_data_2026-11-14.xlsx', xlsxOf(videoCsv), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(await waitText(page, 'export:found'), 'Video performance, 3 videos');
  assert.equal(await text(page, 'export:summary'),
    'Video performance, 3 videos: 1 post updated, 1 new post, 1 unknown creator, 1 row skipped');
  // Placed once each: 12,345 + 8,900 views; 1,230 + 310 clicks (someone.new's video is left out).
  assert.equal(await text(page, 'videos:views'), '21,245');
  assert.equal(await text(page, 'videos:clicks'), '1,540');
  assert.match(await text(page, 'videos:unknown-list'), /@someone\.new \(1 video\)/);
  assert.equal((await program(page)).posts.length, before, 'nothing changes before the button');
  await screenshot(page, 'data-videos');
  await click(page, 'Update 1 post, add 1 post');
  await waitSaved(page);
  const p = await program(page);
  const post = p.posts.find((x) => x.id === 2);
  assert.equal(post.views, 12345);
  assert.equal(post.clicks, 1230);
  assert.equal(post.product_impressions, 45678);
  assert.equal(post.likes, 900);
  assert.equal(post.comments, 0, '"<5" is no value, not a number');
  assert.equal(post.completion_rate, 0.0593);
  assert.equal(post.creator_fee, 50);
  assert.equal(post.orders, 37, 'orders come from the orders export');
  const fah = p.posts.find((x) => x.creator_id === 3);
  assert.equal(fah.tiktok_ref, '7309876543210987654');
  assert.equal(fah.published, '2026-11-14');
  assert.equal(fah.clicks, 310);
  assert.equal(p.creators.length, 2, 'the unknown creator is not invented');

  // The performance screen's post level: views, clicks and conversion 37 / 1,230 = 3.0 %.
  await go(page, '#/performance');
  await click(page, 'Post level');
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click(page, 'Export CSV:performance-posts')]);
  const rows = fs.readFileSync(await d.path(), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(rows[0].slice(0, 6), ['Post', 'Creator', 'Published', 'Views', 'Clicks', 'Conversion (%)']);
  const row = rows.find((r) => r[0] === '2');
  assert.equal(row[3], '12345');
  assert.equal(row[4], '1230');
  assert.ok(Math.abs(Number(row[5]) - 100 * 37 / 1230) < 0.01, `conversion ${row[5]} is 37 / 1,230`);
  const fahRow = rows.find((r) => r[0] === String(fah.id));
  assert.equal(fahRow[3], '8900');
  assert.equal(fahRow[4], '310');

  // The same file again: the numbers are already there.
  await go(page, '#/data');
  await pick(page, 'video_data_2026-11-14.xlsx', xlsxOf(videoCsv));
  assert.equal(await waitText(page, 'export:summary'),
    'Video performance, 3 videos: 0 posts updated, 0 new posts, 1 unknown creator, 2 unchanged, 1 row skipped');
  assert.ok(await text(page, 'export:nothing'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a creator list previews prospects and followers; applied, the prospect is on the roster, and Undo takes it back', async () => {
  const { context, page, problems } = await newApp();
  const csv = 'Creator username,Affiliate GMV,Affiliate LIVE GMV,Affiliate shoppable video GMV,Affiliate product card GMV,' +
    'Affiliate products sold,Items sold,Est. commission,Est. flat fee,Avg. order value,Affiliate orders,CTR,' +
    'Product impressions,Affiliate LIVEs,Affiliate shoppable videos,Affiliate refunded GMV,Affiliate followers\r\n' +
    'glow.daily,"$1,234.50",$0.00,"$1,200.00",$34.50,3,40,$120.00,$0.00,$30.86,40,2.1%,"12,000",0,5,$0.00,"25,300"\r\n' +
    'nongfah.review,$500.00,$100.00,$400.00,$0.00,1,10,$50.00,--,$50.00,10,1.0%,900,1,2,/,30000\r\n' +
    '@somchai.th,"$2,000.00",$200.00,"$1,000.00",$800.00,2,60,$200.00,$0.00,$33.33,60,3.2%,"50,000",3,8,$0.00,"45,000"\r\n' +
    'Ngọc Trâm Official,$10.00,--,$10.00,--,1,1,$1.00,--,$10.00,1,--,10,0,1,--,100\r\n';
  const before = await page.evaluate(() => window.sparkRoster.exportJson());
  await pick(page, 'creator_list.csv', csv, 'text/csv');
  assert.equal(await waitText(page, 'export:found'), 'Creator list, 3 creators');
  assert.equal(await text(page, 'export:summary'),
    'Creator list, 3 creators: 1 to add as prospects, 1 followers updated, 1 unchanged, 1 row refused');
  assert.equal(await text(page, 'creators:action:somchai.th'), 'add as prospect');
  assert.equal(await text(page, 'creators:followers:somchai.th'), '45,000');
  assert.equal(await text(page, 'creators:video:somchai.th'), '$1,000.00');
  assert.equal(await text(page, 'creators:live:somchai.th'), '$200.00');
  assert.equal(await text(page, 'creators:card:somchai.th'), '$800.00');
  assert.equal(await text(page, 'creators:followers:glow.daily'), '25,300 (was 20,000)');
  assert.match(await text(page, 'export:first refused'), /^row 5: Creator username "Ngọc Trâm Official" is not a TikTok username/);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), before, 'nothing changes before the button');
  await screenshot(page, 'data-creators');
  await click(page, "Add 1 prospect, update 1 creator's followers");
  await waitSaved(page);
  const p = await program(page);
  const added = p.creators.find((c) => c.handle === 'somchai.th');
  assert.equal(added.status, 'prospect');
  assert.equal(added.followers, 45000);
  assert.equal(p.creators.find((c) => c.id === 1).followers, 25300);
  await go(page, '#/roster');
  assert.ok(await shown(page, '@somchai.th'), 'the prospect is on the roster');
  await page.keyboard.press('Control+z');
  await settle(page);
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), before, 'one Undo takes the whole import back');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file whose columns fit no export says which exports were tried, on the column mapping', async () => {
  const { context, page, problems } = await newApp();
  await pick(page, 'contacts.csv', 'Name,Email,Phone\r\nLinh,linh@example.com,0901\r\n', 'text/csv');
  assert.match(await waitText(page, 'mapping:tried'),
    /tried affiliate orders \(no "Order ID" column\), paid report \(no "Cost" column and no "Video ID" or "Ad name" column\), video performance \(no "Video ID" or "Video link" column\), creator list/);
  assert.ok(await text(page, 'mapping:missing'));
  assert.deepEqual(problems, []);
  await context.close();
});

// The same shop with the post running as a Spark Ad: its code went live on 2026-11-10 for 60
// days, on a product of $34 costing $8 with $2 shipping subsidy and a $3 usual discount.
const paidShop = (() => {
  const p = JSON.parse(shop);
  p.products = [{ id: 5, sku: 'KCN-50', name: 'Kem chống nắng 50ml', price: 34, unit_cost: 8, shipping_subsidy: 2, usual_discount: 3 }];
  p.posts[0].product_id = 5;
  p.spark_codes = [{ id: 7, code: '#SPARK+glowdaily60', creator_id: 1, post_id: 2, product_id: 5, received: '2026-11-09',
                     auth_start: '2026-11-10', duration_days: 60, status: 'live', verified_in_ads_manager: true }];
  p.next_id = 10;
  return JSON.stringify(p);
})();

// The Ads Manager report: an ad named after the code, one naming the video, one neither.
const adsHeader = 'By Day,Campaign name,Ad group name,Ad name,Ad ID,Currency,Cost,Impressions,Reach,CPM,Clicks (destination),' +
  'CTR (destination),Conversions,Video views,2-second video views,6-second video views,Average play time per video view,' +
  'Complete payment,Complete payment ROAS,Total complete payment value';
const adsCsv = [
  adsHeader,
  '21/11/2026,Spark Q4,Kem,Spark | #SPARK+glowdaily60 | Ngọc Trâm 🌸,1790000000000000001,USD,50.00,"8,000",--,--,160,--,--,--,"2,400",800,--,3,--,102.00',
  `21/11/2026,Spark Q4,Kem,Retarget ${VIDEO},1790000000000000002,USD,25.00,"2,000",--,--,40,--,--,--,600,200,--,1,--,34.00`,
  '22/11/2026,Spark Q4,Kem,Spark | #SPARK+glowdaily60 | Ngọc Trâm 🌸,1790000000000000001,USD,60.00,"10,000",--,--,150,--,--,--,"2,000",500,--,2,--,68.00',
  '22/11/2026,Awareness,Brand,Brand awareness Q4,1790000000000000003,USD,80.00,"50,000",--,--,300,--,--,--,"9,000","2,000",--,0,--,0',
].join('\r\n') + '\r\n';

test('an Ads Manager report .xlsx sets a paid round per day on the Spark Code, and the code panel shows its ratios and margin', async () => {
  const { context, page, problems } = await newApp(paidShop);
  await pick(page, 'ads_manager_report_2026-11-22.xlsx', xlsxOf(adsCsv));
  assert.equal(await waitText(page, 'export:found'), 'Paid report (Ads Manager), 4 rows');
  assert.equal(await text(page, 'export:summary'),
               'Paid report (Ads Manager), 4 rows: 2 rounds on 1 Spark Code (2 new, 0 replaced), 1 ad not placed');
  assert.equal(await text(page, 'paid:unplaced-list'),
               'Left out (name the Spark Code or the video id in the ad\'s name, or add the post and its code, then import again):\n' +
               'Brand awareness Q4: its name holds neither a post\'s video id nor a Spark Code that went live (1 row, $80.00)');
  assert.equal(await text(page, 'paid:cost'), '$135.00');
  await screenshot(page, 'exports-paid');
  await click(page, 'Set 2 paid rounds on 1 Spark Code');
  await waitSaved(page);
  const code = (await program(page)).spark_codes.find((c) => c.id === 7);
  assert.equal(code.rounds.length, 2);
  // The 21st: the two ads summed, $50 + $25, 8,000 + 2,000 impressions, 160 + 40 clicks,
  // 3 + 1 payments of $102 + $34; 2-second views (2,400 + 600) / 10,000 = 30 %.
  assert.deepEqual({ ...code.rounds[0] }, { date: '2026-11-21', spend: 75, impressions: 10000, clicks: 200, orders: 4, gmv: 136,
                                            view_rate_2s: 0.3, view_rate_6s: 0.1 });
  assert.equal(code.rounds[1].date, '2026-11-22');
  assert.equal(code.rounds[1].view_rate_6s, 0.05);

  // The code's panel: CTR 200 / 10,000 = 2 %, CPA $75 / 4 = $18.75, ROAS 136 / 75 = 1.81; its
  // margin 204 - 8 x 6 - 15 % x 204 - (2 + 3) x 6 - 135 = -$39.60.
  await go(page, '#/spark/7');
  assert.equal(await textWhen(page, 'round 1 CTR', /%/), '2 %');
  assert.equal(await text(page, 'round 1 CPA'), '$18.75');
  assert.equal(await text(page, 'round 1 ROAS'), '1.81');
  assert.equal(await text(page, 'round 1 2 s views'), '30 %');
  assert.equal(await text(page, 'round 2 6 s views'), '5 %');
  assert.equal(await text(page, 'code margin'), 'Margin of its paid rounds: -$39.60');

  // The same report again: nothing to change.
  await go(page, '#/data');
  await pick(page, 'ads_manager_report_2026-11-22.xlsx', xlsxOf(adsCsv));
  assert.match(await waitText(page, 'export:summary'), /2 rounds on 0 Spark Codes \(0 new, 0 replaced\), 1 ad not placed, 2 unchanged$/);
  assert.ok(await shown(page, 'export:nothing'));
  assert.deepEqual(problems, []);
  await context.close();
});
