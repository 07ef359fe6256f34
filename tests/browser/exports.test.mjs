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
import { startServer, launch, openApp, click, text, textWhen, waitText, waitSaved, program, settle, shown, screenshot, typeInto } from './lib.mjs';

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
  // The list's GMV is kept on the prospect, dated the day of the import; not on a roster creator.
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; });
  assert.deepEqual(added.listed, { gmv: 2000, video_gmv: 1000, live_gmv: 200, card_gmv: 800, as_of: today });
  assert.equal(p.creators.find((c) => c.id === 1).followers, 25300);
  assert.equal(p.creators.find((c) => c.id === 1).listed, undefined);
  await go(page, `#/creator/${added.id}`);
  assert.equal(await waitText(page, 'creator listed gmv'),
               `TikTok's creator list of ${today}: GMV $2,000.00 (video $1,000.00, LIVE $200.00, product card $800.00), through any shop: not this program's orders.`);
  await go(page, '#/data');
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
  assert.equal(await text(page, 'paid:unplaced:Brand awareness Q4'),
               'its name holds neither a post\'s video id nor a Spark Code that went live (1 row, $80.00)');
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

test('an ad the report cannot place gets the Spark Code chosen for it, kept in the program for the next report and undone by Undo', async () => {
  const { context, page, problems } = await newApp(paidShop);
  const before = await page.evaluate(() => window.sparkRoster.exportJson());
  await pick(page, 'ads_manager_report_2026-11-22.xlsx', xlsxOf(adsCsv));
  assert.match(await waitText(page, 'export:summary'), /1 ad not placed$/);
  await click(page, 'paid:choose:Brand awareness Q4');
  await click(page, '@glow.daily · ' + VIDEO + ' · #SPARK+glowdaily60 (live)');
  assert.match(await waitText(page, 'data:notice'), /^The ad "Brand awareness Q4" is placed on @glow\.daily · /);
  // Read again with the choice: all four ads placed, the 22nd now with Brand awareness Q4.
  assert.equal(await textWhen(page, 'export:summary', /0 ads not placed/),
               'Paid report (Ads Manager), 4 rows: 2 rounds on 1 Spark Code (2 new, 0 replaced), 0 ads not placed');
  assert.equal(await text(page, 'paid:cost'), '$215.00');  // 50 + 25 + 60 + 80
  let p = await program(page);
  assert.deepEqual(p.settings.ad_codes, [{ ad_name: 'Brand awareness Q4', spark_code_id: 7 }]);
  assert.equal(p.spark_codes[0].rounds.length, 0, 'the rounds wait for the button');
  await click(page, 'Set 2 paid rounds on 1 Spark Code');
  await waitSaved(page);
  p = await program(page);
  // The 22nd: $60 + $80, 10,000 + 50,000 impressions, 150 + 300 clicks, 2 + 0 payments of $68;
  // 2-second views (2,000 + 9,000) / 60,000.
  const day2 = p.spark_codes[0].rounds[1];
  assert.equal(day2.date, '2026-11-22');
  assert.equal(day2.spend, 140);
  assert.equal(day2.impressions, 60000);
  assert.equal(day2.clicks, 450);
  assert.equal(day2.orders, 2);
  assert.equal(day2.gmv, 68);
  assert.ok(Math.abs(day2.view_rate_2s - 11000 / 60000) < 1e-9);

  // The next report places the ad by the choice kept, with no question.
  await pick(page, 'ads_manager_report_2026-11-22.xlsx', xlsxOf(adsCsv));
  assert.match(await waitText(page, 'export:summary'), /0 ads not placed, 2 unchanged$/);
  await click(page, 'Close');
  // Undo takes back the rounds, then the choice.
  await page.keyboard.press('Control+z');
  await settle(page);
  await page.keyboard.press('Control+z');
  await settle(page);
  await waitSaved(page);
  assert.equal(await page.evaluate(() => window.sparkRoster.exportJson()), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('importCsv on the page API reads every export by its header row: video performance, a creator list, a paid report', async () => {
  const { context, page, problems } = await newApp(paidShop);
  const videos = await page.evaluate((t) => window.sparkRoster.importCsv(t), videoCsv);
  assert.equal(videos.ok, true, videos.refused || videos.error);
  assert.equal(videos.family, 'videos');
  assert.equal(videos.found, 'Video performance, 3 videos');
  assert.equal(videos.posts_updated, 1);
  assert.equal(videos.posts_created, 1);
  assert.deepEqual(videos.unknown_creators, [{ creator: 'someone.new', videos: 1, row: 5 }]);
  let p = await program(page);
  assert.equal(p.posts.find((x) => x.id === 2).clicks, 1230);

  const list = 'Creator username,Affiliate GMV,Affiliate followers\r\n' +
    'glow.daily,"$1,234.50","25,300"\r\n@somchai.th,"$2,000.00","45,000"\r\n';
  const creators = await page.evaluate((t) => window.sparkRoster.importCsv(t), list);
  assert.equal(creators.family, 'creators');
  assert.equal(creators.summary, 'Creator list, 2 creators: 1 to add as prospects, 1 followers updated, 0 unchanged');
  p = await program(page);
  assert.equal(p.creators.find((c) => c.handle === 'somchai.th').status, 'prospect');
  assert.equal(p.creators.find((c) => c.id === 1).followers, 25300);

  const paid = await page.evaluate((t) => window.sparkRoster.importCsv(t), adsCsv);
  assert.equal(paid.family, 'paid');
  assert.equal(paid.rounds_new, 2);
  assert.equal(paid.cost, 135);
  assert.deepEqual(paid.unplaced.map((u) => [u.name, u.rows, u.cost, u.by_name]), [['Brand awareness Q4', 1, 80, true]]);
  p = await program(page);
  assert.equal(p.spark_codes[0].rounds.length, 2);
  assert.equal(p.spark_codes[0].rounds[0].spend, 75);

  const other = await page.evaluate((t) => window.sparkRoster.importCsv(t), 'Name,Email\r\nLinh,linh@example.com\r\n');
  assert.equal(other.ok, false);
  assert.match(other.tried, /^tried affiliate orders/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a file no export fits can be mapped as video performance; the mapping is remembered and the views land on the post', async () => {
  const { context, page, problems } = await newApp();
  const csv = `Clip,Kênh,Lượt phát,Chạm sản phẩm\r\n${VIDEO},glow.daily,"12,345","1,230"\r\n`;
  await pick(page, 'bao_cao_video.csv', csv, 'text/csv');
  assert.match(await waitText(page, 'mapping:tried'), /Map them as one of these exports/);
  await click(page, 'video performance');
  assert.equal(await waitText(page, 'mapping:missing'), 'Not yet readable as video performance: no "Video ID" or "Video link" column.');
  for (const [field, column] of [['video_id', 'Clip'], ['creator', 'Kênh'], ['views', 'Lượt phát'], ['product_clicks', 'Chạm sản phẩm']]) {
    await click(page, `vmap:${field}`);
    await click(page, column);
    assert.equal(await textWhen(page, `vmap:${field}`, column), column);
  }
  await screenshot(page, 'data-video-mapping');
  await click(page, 'Import as video performance');
  assert.equal(await waitText(page, 'export:found'), 'Video performance, 1 video');
  assert.equal(await text(page, 'videos:views'), '12,345');
  await click(page, 'Update 1 post');
  await waitSaved(page);
  const post = (await program(page)).posts.find((x) => x.id === 2);
  assert.equal(post.views, 12345);
  assert.equal(post.clicks, 1230);
  // The next such file goes straight to its preview.
  await pick(page, 'bao_cao_video.csv', csv.replace('"12,345"', '"13,000"'), 'text/csv');
  assert.equal(await waitText(page, 'export:found'), 'Video performance, 1 video');
  assert.equal(await text(page, 'videos:views'), '13,000');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an agency\'s own creator sheet is mapped as a creator list, its mapping changed from the preview and remembered', async () => {
  const { context, page, problems } = await newApp();
  // "Kênh" (channel), "Fan", "Doanh số" (sales): no creator list header.
  const csv = 'Kênh,Fan,Doanh số\r\nglow.daily,"25,300",$120.00\r\nkim.ly_88,"12,000","$1,234.50"\r\n';
  await pick(page, 'kenh_sang_tao.csv', csv, 'text/csv');
  assert.match(await waitText(page, 'mapping:tried'), /creator list \(no "Creator username" column/);
  await click(page, 'creator list');
  assert.equal(await waitText(page, 'mapping:missing'),
    'Not yet readable as a creator list: no "Creator username" column and no followers or GMV column.');
  for (const [field, column] of [['creator_username', 'Kênh'], ['followers', 'Fan'], ['gmv', 'Doanh số']]) {
    await click(page, `cmap:${field}`);
    await click(page, column);
    assert.equal(await textWhen(page, `cmap:${field}`, column), column);
  }
  assert.equal(await text(page, 'mapping:missing'), null, 'a username and followers are enough');
  await click(page, 'Import as a creator list');
  assert.equal(await waitText(page, 'export:found'), 'Creator list, 2 creators');
  assert.equal(await text(page, 'export:summary'), 'Creator list, 2 creators: 1 to add as prospects, 1 followers updated, 0 unchanged');

  // Its "Fan" column is not the followers after all: turned off from the preview.
  await click(page, 'Change column mapping');
  assert.equal(await textWhen(page, 'cmap:followers', 'Fan'), 'Fan');
  await click(page, 'cmap:followers');
  await click(page, '(not in this file)');
  assert.equal(await textWhen(page, 'cmap:followers', '(not in this file)'), '(not in this file)');
  await click(page, 'Import as a creator list');
  assert.equal(await waitText(page, 'export:summary'), 'Creator list, 2 creators: 1 to add as prospects, 0 followers updated, 1 unchanged');
  await click(page, 'Add 1 prospect');
  await waitSaved(page);
  const p = await program(page);
  const kim = p.creators.find((c) => c.handle === 'kim.ly_88');
  assert.equal(kim.status, 'prospect');
  assert.equal(p.creators.find((c) => c.handle === 'glow.daily').followers, 20000, 'followers left as they were');

  // The next such file goes straight to its preview, under the mapping as last set.
  assert.equal(await waitText(page, 'data:mappings'), 'Creator list files are read with the column mapping you set last time.');
  await pick(page, 'kenh_sang_tao.csv', csv, 'text/csv');
  assert.equal(await waitText(page, 'export:summary'), 'Creator list, 2 creators: 0 to add as prospects, 0 followers updated, 2 unchanged');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a media buyer\'s own spend sheet is mapped as a paid report and its round lands on the Spark Code', async () => {
  const { context, page, problems } = await newApp(paidShop);
  // "Ngày chạy" (day run), "Clip", "Tiền chi" (money spent): no paid report header.
  const csv = `Ngày chạy,Clip,Tiền chi\r\n21/11/2026,${VIDEO},$45.50\r\n`;
  await pick(page, 'chi_tieu_ads.csv', csv, 'text/csv');
  await waitText(page, 'mapping:tried');
  await click(page, 'paid report');
  assert.equal(await waitText(page, 'mapping:missing'),
    'Not yet readable as a paid report: no "Cost" column and no "Video ID" or "Ad name" column.');
  for (const [field, column] of [['day', 'Ngày chạy'], ['video_id', 'Clip'], ['cost', 'Tiền chi']]) {
    await click(page, `pmap:${field}`);
    await click(page, column);
    assert.equal(await textWhen(page, `pmap:${field}`, column), column);
  }
  await click(page, 'Import as a paid report');
  assert.equal(await waitText(page, 'export:found'), 'Paid report (Ads Manager), 1 row');
  await click(page, 'Set 1 paid round on 1 Spark Code');
  await waitSaved(page);
  const round = (await program(page)).spark_codes[0].rounds[0];
  assert.equal(round.date, '2026-11-21');
  assert.equal(round.spend, 45.5);
  assert.deepEqual(problems, []);
  await context.close();
});

test('saving the settings screen keeps an ad placed on the Data screen while its draft was open', async () => {
  const { context, page, problems } = await newApp(paidShop);
  await go(page, '#/settings');
  await typeInto(page, 'Your name', 'Linh Nguyễn');  // a draft, not saved yet
  await go(page, '#/data');
  await pick(page, 'ads_manager_report_2026-11-22.xlsx', xlsxOf(adsCsv));
  await click(page, 'paid:choose:Brand awareness Q4');
  await click(page, '@glow.daily · ' + VIDEO + ' · #SPARK+glowdaily60 (live)');
  await waitText(page, 'data:notice');
  await go(page, '#/settings');
  await click(page, 'Save settings');
  await textWhen(page, 'settings:status', 'Settings saved.');
  await waitSaved(page);
  const s = (await program(page)).settings;
  assert.equal(s.user_name, 'Linh Nguyễn');
  assert.deepEqual(s.ad_codes, [{ ad_name: 'Brand awareness Q4', spark_code_id: 7 }]);
  assert.deepEqual(problems, []);
  await context.close();
});
