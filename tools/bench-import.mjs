// Imports a large TikTok Shop affiliate-orders CSV into the sample program in headless Chromium,
// through the Data screen (file input, read a few megabytes per frame) and through the page
// API's importCsv, and prints the times and the app's frame CPU times while reading.
// Usage: node tools/bench-import.mjs [ROWS] [APP_DIR] [--json]   (default 1,000,000 rows;
// --json: one JSON object of the figures instead of the sentences, for tools/bench)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => a !== '--json');
const asJson = args.length !== process.argv.length - 2;
process.env.SR_APP_DIR = args[1] || path.join(root, 'build/web');
const { startServer, launch, openApp, settle, waitSaved } = await import('../tests/browser/lib.mjs');

const rows = Number(args[0] || 1000000);
const figures = { rows };
const { server, url } = await startServer();
const chrome = await launch();

// Orders spread over the sample program's posts that have a TikTok link, one order per row.
// Runs in the page (the page API part keeps the text there, out of the driver's messages).
function makeCsvInPage(rows) {
  const p = JSON.parse(window.sparkRoster.exportJson());
  const handle = new Map(p.creators.map((c) => [c.id, c.handle]));
  const posts = p.posts.filter((x) => /\d{6,}/.test(x.tiktok_ref || ''));
  if (!posts.length) throw new Error('the sample program has no post with a TikTok link');
  const lines = ['Order ID,SKU ID,Price,Payment Amount,Currency,Quantity,Order Status,Creator Username,Content Type,Content ID,Actual Commission Payment,Time Created,Fully returned or refunded'];
  for (let i = 0; i < rows; i++) {
    const x = posts[i % posts.length];
    const content = x.tiktok_ref.match(/(\d+)\D*$/)[1];
    lines.push(`${577000000000 + i},S${i % 7},19.90,19.90,USD,1,Settled,${handle.get(x.creator_id)},Video,${content},1.99,2026/11/02 10:00:00,No`);
  }
  return lines.join('\n') + '\n';
}
const makeCsv = (page) => page.evaluate(makeCsvInPage, rows);

async function fresh() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page } = await openApp(context, url + '#/data');
  await waitSaved(page);
  return { context, page };
}

let csvFile;
try {
  // Through the screen.
  let { context, page } = await fresh();
  const csv = await makeCsv(page);
  csvFile = path.join(os.tmpdir(), `sr-bench-orders-${process.pid}.csv`);
  fs.writeFileSync(csvFile, csv);
  const mb = (Buffer.byteLength(csv) / (1 << 20)).toFixed(1);
  await page.evaluate(() => window.sparkRoster.frameTime());
  const frames0 = await page.evaluate(() => window.sparkRoster.frameCount());
  let t0 = Date.now();
  await page.setInputFiles('#sr-file-input', csvFile);
  await page.waitForFunction(() => window.sparkRoster.widgetText('orders:summary') !== null, null, { timeout: 600000 });
  const screenMs = Date.now() - t0;
  const frames = (await page.evaluate(() => window.sparkRoster.frameCount())) - frames0;
  const maxFrame = (await page.evaluate(() => window.sparkRoster.frameTime())).max;
  const summary = await page.evaluate(() => window.sparkRoster.widgetText('orders:summary'));
  t0 = Date.now();
  const label = summary.match(/^([\d,]+) orders? imported/)[1].replace(/,/g, '');
  const addLabel = `Add ${Number(label).toLocaleString('en-US')} order${label === '1' ? '' : 's'}`;
  const r = await page.evaluate((l) => window.sparkRoster.widgetRect(l), addLabel);
  if (!r) throw new Error(`no "${addLabel}" button`);
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  await page.waitForFunction(() => window.sparkRoster.widgetText('data:notice') !== null, null, { timeout: 600000 });
  await waitSaved(page);
  const applyMs = Date.now() - t0;
  Object.assign(figures, { csv_mb: Number(mb), screen_read_ms: screenMs, screen_frames: frames,
                           screen_longest_frame_ms: maxFrame, screen_apply_save_ms: applyMs, summary });
  if (!asJson) {
    console.log(`screen: ${rows.toLocaleString('en-US')} rows (${mb} MB) read in ${screenMs} ms over ${frames} frames, ` +
                `longest frame ${maxFrame.toFixed(0)} ms; applied and saved in ${applyMs} ms`);
    console.log(`  ${summary}`);
  }
  await context.close();

  // Through the page API.
  ({ context, page } = await fresh());
  const s = await page.evaluate(async ([make, n]) => {
    const text = new Function('return ' + make)()(n);
    const t = performance.now();
    const r = await window.sparkRoster.importCsv(text);
    r.ms = performance.now() - t;
    return r;
  }, [makeCsvInPage.toString(), rows]);
  const apiMs = Math.round(s.ms);
  if (!s.ok) throw new Error(s.refused || s.error);
  figures.api_ms = apiMs;
  if (asJson) console.log(JSON.stringify(figures));
  else console.log(`importCsv: ${s.rows.toLocaleString('en-US')} rows, ${s.imported.toLocaleString('en-US')} imported, ` +
                   `read, applied and saved in ${apiMs} ms`);
  await context.close();
} finally {
  if (csvFile) fs.rmSync(csvFile, { force: true });
  await chrome.close();
  server.close();
}
