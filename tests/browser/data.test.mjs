// The Data screen: export a backup (Spark Codes blanked on request), import a file picked or
// dropped on the page (a backup replacing or merging by id, an affiliate-orders CSV through its
// column mapping to a summary), refusals that change nothing, and starting over.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launch, openApp, click, rect, text, waitText, waitSaved, program, screenshot, settle, textWhen, clickShown } from './lib.mjs';

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

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

async function newApp() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const app = await openApp(context, url);
  await waitSaved(app.page);
  return { context, ...app };
}

const exportJson = (page) => page.evaluate(() => window.sparkRoster.exportJson());

// A small program as a backup document: fields left out take their defaults.
function backup({ creators = [], products = [], posts = [], settings = {}, next_id, version = 1 } = {}) {
  const ids = [...creators, ...products, ...posts].map((r) => r.id);
  return JSON.stringify({
    format: 'spark-roster', version, settings, creators, products, samples: [], briefs: [], posts,
    spark_codes: [], next_id: next_id ?? Math.max(0, ...ids) + 1, imported_orders: [],
  });
}

async function importJson(page, text) {
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), text);
  assert.equal(r.error, null);
  await settle(page);
}

// Hands a file to the page's hidden file input, as the browser's file picker does.
async function pick(page, name, content, mimeType = 'application/octet-stream') {
  await page.setInputFiles('#sr-file-input', { name, mimeType, buffer: Buffer.from(content) });
  await settle(page);
}

// Drops a file on the page, as dragging it from the desktop does.
async function drop(page, name, content) {
  await page.evaluate(([n, c]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([c], n));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, content]);
  await settle(page);
}

// Downloads through the screen's button; the file's name and text.
async function download(page) {
  const [d] = await Promise.all([page.waitForEvent('download'), click(page, 'Download backup')]);
  const file = await d.path();
  return { name: d.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

test('export downloads the whole program as a dated JSON file that imports back to the same program', async () => {
  const { context, page, problems } = await newApp();
  const before = await exportJson(page);
  const { name, text: file } = await download(page);
  const today = await page.evaluate(() => { const d = new Date(); return [d.getFullYear(), d.getMonth(), d.getDate()]; });
  assert.equal(name, `spark-roster-${iso(new Date(...today))}.json`);
  assert.deepEqual(JSON.parse(file), JSON.parse(before), 'the file holds the whole program');
  assert.match(await text(page, 'data:notice'), /^Downloaded spark-roster-.*\.json/);
  await screenshot(page, 'data-screen');

  // Into a fresh browser through the Import button and its file picker, replacing its program.
  const other = await newApp();
  const [chooser] = await Promise.all([other.page.waitForEvent('filechooser'), click(other.page, 'Import a file…')]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(file) });
  await settle(other.page);
  assert.match(await waitText(other.page, 'backup:holds'), /36 creators/);
  await click(other.page, 'Replace my program');
  await clickShown(other.page, 'Replace');
  await waitSaved(other.page);
  assert.deepEqual(JSON.parse(await exportJson(other.page)), JSON.parse(before));
  assert.deepEqual(other.problems, []);
  await other.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('"Blank the Spark Codes" downloads a file with every Spark Code record and no code in it', async () => {
  const { context, page, problems } = await newApp();
  const codes = (await program(page)).spark_codes.map((c) => c.code).filter((c) => c);
  assert.ok(codes.length > 0, 'the sample program has Spark Codes');
  await click(page, 'Blank the Spark Codes');
  const { text: file } = await download(page);
  const p = JSON.parse(file);
  assert.equal(p.spark_codes.length, (await program(page)).spark_codes.length, 'the records stay');
  assert.ok(p.spark_codes.every((c) => c.code === ''), 'every code is blank');
  for (const c of codes) assert.ok(!file.includes(c), `code ${c} is not in the file`);
  assert.match(await text(page, 'data:notice'), /Spark Codes blanked/);
  assert.ok((await program(page)).spark_codes.some((c) => c.code), 'the program itself keeps its codes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a backup dropped on the page merges by id: the preview counts, and nothing changes before Apply', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, backup({ creators: [{ id: 1, handle: 'ana.one' }, { id: 2, handle: 'ben.two' }] }));
  await page.evaluate(() => { window.location.hash = '#/roster'; });
  await settle(page);
  const before = await exportJson(page);

  // One creator changed, one new, one whose handle another creator here already uses.
  const incoming = backup({
    settings: { program_name: 'Somebody else' },
    creators: [{ id: 1, handle: 'ana.one', display_name: 'Ana Renamed' }, { id: 3, handle: 'cara.three' },
               { id: 4, handle: 'Ben.Two' }],
  });
  await drop(page, 'theirs.json', incoming);
  assert.equal(await page.evaluate(() => window.location.hash), '#/data', 'a dropped file opens the Data screen');
  assert.match(await waitText(page, 'backup:holds'), /3 creators/);
  await click(page, 'Merge by id');
  assert.equal(await waitText(page, 'merge:counts'), '1 added, 1 updated, 1 in conflict, 0 unchanged');
  assert.match(await text(page, 'merge:settings'), /settings differ and are not taken/);
  await screenshot(page, 'data-merge-preview');
  assert.equal(await exportJson(page), before, 'the preview changes nothing');

  await click(page, 'Apply merge');
  assert.match(await textWhen(page, 'data:notice', /^Merged theirs\.json/), /1 added, 1 updated, 1 in conflict/);
  await waitSaved(page);
  const p = await program(page);
  assert.deepEqual(p.creators.map((c) => [c.id, c.handle, c.display_name]),
                   [[1, 'ana.one', 'Ana Renamed'], [2, 'ben.two', ''], [3, 'cara.three', '']]);
  assert.notEqual(p.settings.program_name, 'Somebody else', 'the current settings are kept');

  await click(page, 'Undo');
  await waitSaved(page);
  assert.equal(await exportJson(page), before, 'undo takes the merge back');
  assert.deepEqual(problems, []);
  await context.close();
});

test('replacing the program with a backup says what is replaced and is undone in one step', async () => {
  const { context, page, problems } = await newApp();
  const before = await exportJson(page);
  await pick(page, 'small.json', backup({ creators: [{ id: 1, handle: 'only.one' }] }));
  assert.match(await waitText(page, 'backup:holds'), /1 creator, 0 products/);
  await click(page, 'Replace my program');
  const said = await waitText(page, 'confirm:text');
  assert.match(said, /Your program \(36 creators, .*\) is replaced by the backup small\.json \(1 creator/);
  assert.match(said, /Undo \(Ctrl\+Z\) brings your program back/);
  await click(page, 'Replace');
  await waitSaved(page);
  assert.deepEqual((await program(page)).creators.map((c) => c.handle), ['only.one']);
  await click(page, 'Undo');
  await waitSaved(page);
  assert.equal(await exportJson(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a backup that is not valid, or newer than the app, is refused with its JSON path and changes nothing', async () => {
  const { context, page, problems } = await newApp();
  const before = await exportJson(page);
  await pick(page, 'newer.json', backup({ version: 3 }));
  assert.match(await waitText(page, 'data:error'), /^newer\.json was refused: \$\.version: this backup is version 3/);
  await pick(page, 'broken.json', backup({ creators: [{ id: 1, handle: 'bad handle!' }] }));
  assert.match(await textWhen(page, 'data:error', /^broken/), /\$\.creators\[0\]\.handle/);
  assert.match(await text(page, 'data:error'), /Nothing was changed\.$/);
  assert.equal(await exportJson(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

// A program whose one post is found by the Content ID of the orders below.
const CONTENT = '7301234567890123456';
const shop = backup({
  creators: [{ id: 1, handle: 'glow.daily', status: 'active', followers: 20000 }],
  posts: [{ id: 2, creator_id: 1, tiktok_ref: `https://www.tiktok.com/@glow.daily/video/${CONTENT}`, published: '2026-11-01' }],
});
// The same columns under other names, in another order.
const renamed = (rows) => 'Video,Order No.,Amount,Affiliate\n' + rows.map(([id, amount]) => `${CONTENT},${id},${amount},glow.daily`).join('\n') + '\n';

test('an orders CSV with other header names opens the mapping screen; the mapping is remembered next time', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  await waitSaved(page);

  await pick(page, 'orders-1.csv', renamed([['9001', '25.00'], ['9002', '40.00']]), 'text/csv');
  assert.match(await waitText(page, 'mapping:missing'), /Order ID, Creator Username, Payment Amount/);
  for (const [field, header] of [['order_id', 'Order No.'], ['creator_username', 'Affiliate'],
                                 ['payment_amount', 'Amount'], ['content_id', 'Video']]) {
    await click(page, `map:${field}`);
    await clickShown(page, header);
    assert.equal(await text(page, `map:${field}`), header);
  }
  assert.equal(await text(page, 'mapping:missing'), null, 'every required field has its column');
  await screenshot(page, 'data-mapping');
  await click(page, 'Import with this mapping');
  assert.equal(await waitText(page, 'orders:imported'), '2 (2 lines)');
  assert.equal(await text(page, 'orders:rows'), '2');
  await screenshot(page, 'data-orders-summary');
  await click(page, 'Add 2 orders');
  assert.match(await textWhen(page, 'data:notice', /^Imported orders-1\.csv/), /2 new lines \(2 orders\)/);
  await waitSaved(page);
  let post = (await program(page)).posts[0];
  assert.equal(post.orders, 2);
  assert.equal(post.gmv, 65);

  // The next file with the same columns goes straight to its summary.
  await pick(page, 'orders-2.csv', renamed([['9003', '10.00']]), 'text/csv');
  assert.equal(await waitText(page, 'orders:imported'), '1 (1 line)');
  await click(page, 'Add 1 order');
  await waitSaved(page);
  post = (await program(page)).posts[0];
  assert.equal(post.orders, 3);
  assert.equal(post.gmv, 75);

  // The first file again: every line is known and the same, and nothing changes.
  const before = await exportJson(page);
  await pick(page, 'orders-1.csv', renamed([['9001', '25.00'], ['9002', '40.00']]), 'text/csv');
  assert.match(await waitText(page, 'orders:unchanged'), /^2 \(imported before/);
  assert.equal(await text(page, 'orders:updated'), '0');
  assert.match(await text(page, 'orders:duplicates'), /^0 /);
  assert.equal(await text(page, 'orders:imported'), '0 (0 lines)');
  assert.match(await text(page, 'orders:nothing'), /Nothing to add/);
  await click(page, 'Close');
  assert.equal(await exportJson(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an orders file larger than one read (4 MB) is read whole, over several frames, every row counted once', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  const rows = 250000;  // about 11 MB: three reads from the file
  const lines = ['Order ID,Creator Username,Payment Amount,Content ID'];
  for (let i = 0; i < rows; i++) lines.push(`${10000000 + i},glow.daily,2.00,${CONTENT}`);
  const csv = lines.join('\n') + '\n';
  assert.ok(csv.length > 2 * 4 * 1024 * 1024);
  const frames = await page.evaluate(() => window.sparkRoster.frameCount());
  await pick(page, 'big.csv', csv, 'text/csv');
  await page.waitForFunction(() => window.sparkRoster.widgetText('orders:rows') !== null, null, { timeout: 120000 });
  assert.equal(await text(page, 'orders:rows'), '250,000');
  assert.equal(await text(page, 'orders:imported'), '250,000 (250,000 lines)');
  assert.ok((await page.evaluate(() => window.sparkRoster.frameCount())) > frames + 3, 'the screen kept drawing while reading');
  await click(page, 'Add 250,000 orders');
  await waitSaved(page);
  const post = (await program(page)).posts[0];
  assert.equal(post.orders, rows);
  assert.equal(post.gmv, 2 * rows);
  assert.deepEqual(problems, []);
  await context.close();
});

// An .xlsx as a spreadsheet saves it, written from CSV text by openpyxl (tests/fixtures/make_xlsx.py).
function xlsxOf(csv) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-xlsx-'));
  fs.writeFileSync(path.join(dir, 'in.csv'), csv);
  const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(py, [new URL('../fixtures/make_xlsx.py', import.meta.url).pathname, path.join(dir, 'in.csv'), path.join(dir, 'out.xlsx')]);
  const bytes = fs.readFileSync(path.join(dir, 'out.xlsx'));
  fs.rmSync(dir, { recursive: true });
  return bytes;
}

test('an affiliate-orders .xlsx picked in the file picker imports as its CSV does; an old .xls is refused with what to do', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  const csv = 'Order ID,Product Name,Creator Username,Payment Amount,Content ID,Time Created\n' +
              `577123456789012345,Kem chống nắng,glow.daily,25.00,${CONTENT},2026-11-13 10:00:00\n` +
              `577123456789012346,ครีมกันแดด,glow.daily,12.50,${CONTENT},2026-11-14 09:30:00\n` +
              `577123456789012347,Serum,stranger,12.00,7300000000000000001,2026-11-14 11:00:00\n`;
  const xlsx = xlsxOf(csv);
  assert.equal(xlsx.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  await pick(page, 'affiliate_orders_2026-11-14.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(await waitText(page, 'orders:rows'), '3');
  assert.equal(await text(page, 'orders:imported'), '2 (2 lines)');
  assert.equal(await text(page, 'orders:unmatched'), '1');
  await click(page, 'Add 2 orders');
  await waitSaved(page);
  const post = (await program(page)).posts[0];
  assert.equal(post.gmv, 37.5);
  assert.deepEqual((await program(page)).order_lines.keys.split('\n').slice(-3, -1), ['577123456789012345', '577123456789012346']);

  const before = await exportJson(page);
  await pick(page, 'orders.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]));
  assert.match(await waitText(page, 'data:error'), /old \.xls or password-protected workbook; save it as \.xlsx/);
  assert.equal(await exportJson(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the summary lists refused rows with their row numbers and unmatched orders; Discard changes nothing', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  const before = await exportJson(page);
  const csv = 'Order ID,Creator Username,Payment Amount,Content ID\n' +
              `8001,glow.daily,25.00,${CONTENT}\n` +
              `8002,glow.daily,abc,${CONTENT}\n` +
              `8003,stranger,12.00,7300000000000000001\n`;
  await pick(page, 'mixed.csv', csv, 'text/csv');
  assert.equal(await waitText(page, 'orders:rows'), '3');
  assert.equal(await text(page, 'orders:refused'), '1');
  assert.equal(await text(page, 'orders:unmatched'), '1');
  assert.equal(await text(page, 'orders:first refused'), 'row 3: Payment Amount "abc" is not a number');
  assert.ok(await rect(page, 'Unmatched orders (1)'), 'the unmatched orders have their own list');
  await click(page, 'Discard');
  assert.equal(await exportJson(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Vietnamese shop\'s tab-separated export, with placeholders, a row of descriptions and a total row, goes in whole', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  // Seller Center in Vietnamese: localized headers beside English ones, tabs between cells, "/"
  // for an empty cell, a row describing each column under the header, a total at the end.
  const header = ['ID đơn hàng', 'ID sản phẩm', 'Product Name', 'ID SKU', 'Price', 'Payment Amount', 'Quantity',
                  'Currency', 'Fully returned or refunded', 'Trạng thái đơn hàng', 'Tên người dùng nhà sáng tạo',
                  'Loại nội dung', 'Id nội dung', 'Est. standard commission payment', 'Actual Commission Payment',
                  'Thời gian đã tạo'];
  const described = header.map(() => 'Mô tả của cột này');
  const row = (id, amount, est, actual, status) => [id, '1729384756', 'Kem dưỡng ẩm', '1729384756001', amount, amount, '1',
    'USD', 'No', status, 'glow.daily', 'Video', CONTENT, est, actual, '13/11/2026 10:15:00'];
  const lines = [header, described,
                 row('577123456789012345', '$25.00', '$2.50', '/', 'Đã quyết toán'),
                 row('577123456789012399', '$40.00', '$4.00', '$4.00', 'Đã quyết toán'),
                 ['Total of 2 results']];
  await pick(page, 'affiliate_orders_vi.tsv', lines.map((l) => l.join('\t')).join('\r\n') + '\r\n', 'text/tab-separated-values');
  assert.equal(await waitText(page, 'orders:imported'), '2 (2 lines)');
  assert.equal(await text(page, 'orders:refused'), '0', 'no row is refused');
  assert.match(await text(page, 'orders:skipped'), /^2 /, 'the descriptions and the total are skipped');
  // GMV 25 + 40 = 65; commission: the estimate 2.50 where the actual payment is "/", then 4.00.
  assert.match(await text(page, 'orders:gmv'), /65\.00/);
  assert.match(await text(page, 'orders:commission'), /6\.50/);
  await click(page, 'Add 2 orders');
  await waitSaved(page);
  const post = (await program(page)).posts.find((x) => x.id === 2);
  assert.equal(post.orders, 2);
  assert.equal(post.gmv, 65);
  assert.equal(post.commission, 6.5);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an orders file without a required column or with an unclosed quote is refused whole; the program is unchanged', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  const before = await exportJson(page);

  // Through the page API: refused whole, naming the column.
  const noCreator = `Order ID,Payment Amount,Content ID\n7001,25.00,${CONTENT}\n`;
  const r = await page.evaluate((t) => window.sparkRoster.importCsv(t), noCreator);
  assert.equal(r.ok, false);
  assert.match(r.refused, /no "Creator Username" column/);
  assert.equal(await exportJson(page), before);

  // On the screen: the mapping screen names what is missing; cancelling changes nothing.
  await pick(page, 'no-creator.csv', noCreator, 'text/csv');
  assert.equal(await waitText(page, 'mapping:missing'), 'Still needed: Creator Username.');
  await click(page, 'Cancel');
  assert.equal(await exportJson(page), before);

  const unclosed = 'Order ID,Creator Username,Payment Amount,Content ID\n' +
                   `7002,glow.daily,25.00,${CONTENT}\n` +
                   `7003,glow.daily,"25.00,${CONTENT}\n`;
  await pick(page, 'unclosed.csv', unclosed, 'text/csv');
  const why = await waitText(page, 'data:error');
  assert.match(why, /^unclosed\.csv was refused: line 3: a quote opened here is never closed/);
  assert.match(why, /Nothing was changed\.$/);
  assert.equal(await exportJson(page), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('importCsv on the page API imports in chunks, applies once, and finds every line known and unchanged the second time', async () => {
  const { context, page, problems } = await newApp();
  await importJson(page, shop);
  const csv = 'Order ID,Creator Username,Payment Amount,Content ID,Price\n' +
              `6001,glow.daily,30.00,${CONTENT},30.00\n` +
              `6002,glow.daily,0,${CONTENT},30.00\n`;
  const first = await page.evaluate((t) => window.sparkRoster.importCsv(t), csv);
  assert.equal(first.ok, true);
  assert.equal(first.error, null);
  assert.deepEqual([first.rows, first.imported, first.duplicates, first.samples], [2, 1, 0, 1]);
  assert.deepEqual(first.refused_rows, []);
  assert.deepEqual(first.unmatched, []);
  const after = await exportJson(page);
  assert.equal(JSON.parse(after).posts[0].gmv, 30);
  const again = await page.evaluate((t) => window.sparkRoster.importCsv(t), csv);
  assert.deepEqual([again.ok, again.imported, again.updated, again.unchanged, again.duplicates], [true, 0, 0, 2, 0]);
  assert.equal(await exportJson(page), after, 'the same file again adds nothing');
  // A mapping given as JSON names other headers.
  const mapped = await page.evaluate((t) => window.sparkRoster.importCsv(t, { order_id: 'No', creator_username: 'Who' }),
                                     `No,Who,Payment Amount,Content ID\n6003,glow.daily,5.00,${CONTENT}\n`);
  assert.deepEqual([mapped.ok, mapped.imported], [true, 1]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Start an empty program and Load the sample program ask first, and Undo brings the program back', async () => {
  const { context, page, problems } = await newApp();
  const before = await exportJson(page);
  await click(page, 'Start an empty program');
  const said = await waitText(page, 'confirm:text');
  assert.match(said, /^Your program \(36 creators, .*\) is replaced by an empty program/);
  assert.match(said, /Undo \(Ctrl\+Z\) brings your program back\.$/);
  await screenshot(page, 'data-confirm-empty');
  await click(page, 'Keep my program');
  assert.equal(await exportJson(page), before, 'keeping changes nothing');

  await click(page, 'Start an empty program');
  await clickShown(page, 'Start empty');
  await waitSaved(page);
  const empty = await program(page);
  assert.deepEqual([empty.creators.length, empty.posts.length, empty.spark_codes.length], [0, 0, 0]);
  await click(page, 'Undo');
  await waitSaved(page);
  assert.equal(await exportJson(page), before);

  await importJson(page, backup({ creators: [{ id: 1, handle: 'only.one' }] }));
  await page.evaluate(() => { window.location.hash = '#/data'; });
  await settle(page);
  await click(page, 'Load the sample program');
  assert.match(await waitText(page, 'confirm:text'), /^Your program \(1 creator, .*\) is replaced by the sample program/);
  await clickShown(page, 'Load sample');
  await waitSaved(page);
  assert.equal((await program(page)).creators.length, 36);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a read-only tab still exports, and refuses a file with the reason', async () => {
  const { context, page, problems } = await newApp();
  const second = await openApp(context, url);
  await textWhen(second.page, 'banner', /another tab/);
  const { text: file } = await download(second.page);
  assert.deepEqual(JSON.parse(file), JSON.parse(await exportJson(page)));
  await pick(second.page, 'small.json', backup({ creators: [{ id: 1, handle: 'only.one' }] }));
  assert.match(await waitText(second.page, 'data:error'), /read-only/);
  assert.equal((await program(page)).creators.length, 36);
  assert.deepEqual(problems, []);
  assert.deepEqual(second.problems, []);
  await context.close();
});
