// Scrolls the roster of a large program in headless Chromium and prints the app's own frame
// CPU times. Usage: node tools/bench-scroll.mjs PROGRAM.json [APP_DIR]
// (make PROGRAM.json with: build/native/sparkroster generate --creators 10000 --posts 100000)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.env.SR_APP_DIR = process.argv[3] || path.join(root, 'build/web');
const { startServer, launch, openApp, settle, waitSaved } = await import('../tests/browser/lib.mjs');

const file = process.argv[2];
if (!file) {
  console.error('usage: node tools/bench-scroll.mjs PROGRAM.json [APP_DIR]');
  process.exit(2);
}
const text = fs.readFileSync(file, 'utf8');
const { server, url } = await startServer();
const chrome = await launch();
const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
const { page } = await openApp(context, url + '#/roster');
await waitSaved(page);
const t0 = Date.now();
const r = await page.evaluate((t) => window.sparkRoster.importJson(t), text);
const importMs = Date.now() - t0;
if (!r.ok) throw new Error(r.error);
await settle(page, 500);
const count = JSON.parse(await page.evaluate(() => window.sparkRoster.exportJson())).creators.length;
await page.mouse.move(400, 400);
await page.evaluate(() => window.sparkRoster.frameTime());  // reset the maximum
const samples = [];
for (let i = 0; i < 60; i++) {
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(30);
  samples.push((await page.evaluate(() => window.sparkRoster.frameTime())).last);
}
const max = (await page.evaluate(() => window.sparkRoster.frameTime())).max;
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
const p95 = samples[Math.floor(samples.length * 0.95)];
console.log(`roster of ${count} creators: import+save ${importMs} ms; scrolling frame CPU median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${Math.max(max, samples[samples.length - 1]).toFixed(2)} ms`);
await chrome.close();
server.close();
