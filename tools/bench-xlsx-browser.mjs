// A large affiliate-orders export through the Data screen's file picker in headless Chromium, as
// .xlsx and as the same rows in CSV: the time from picking the file to its summary, rows a
// second, the frames drawn meanwhile, the app's longest frame (CPU time) and the longest gap
// between two animation frames of the page (what a person sees as a stall). The longest frame is
// given while the progress bar shows and after it (the importer's last step builds the changes of
// every line at once). A benchmark, not a test: it prints figures.
//
// Usage: node tools/bench-xlsx-browser.mjs [ROWS] [--app DIR] [--json]
//   ROWS: order lines (default 1,000,000). The program and the CSV come from tools/gen --orders
//   ROWS (build/bench/orders-ROWS, made once); the .xlsx from tests/fixtures/make_xlsx.py
//   (openpyxl, written once next to them). DIR: the built app (default build/web).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const asJson = argv.includes('--json');
const appAt = argv.indexOf('--app');
if (appAt >= 0) process.env.SR_APP_DIR = path.resolve(argv[appAt + 1]);
const rows = Number(argv.find((a, i) => /^\d+$/.test(a) && argv[i - 1] !== '--app') || 1000000);
const { startServer, launch, openApp, waitSaved, settle } = await import('../tests/browser/lib.mjs');

const dir = path.join(root, 'build/bench', `orders-${rows}`);
const csvFile = path.join(dir, 'orders.csv');
const xlsxFile = path.join(dir, 'orders.xlsx');
const log = (s) => { if (!asJson) console.error(s); };
if (!fs.existsSync(csvFile) || !fs.existsSync(path.join(dir, 'program.json'))) {
  log(`bench-xlsx-browser: writing ${rows.toLocaleString('en-US')} order lines with tools/gen`);
  execFileSync(path.join(root, 'tools/gen'), ['--orders', String(rows), dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}
if (!fs.existsSync(xlsxFile) || fs.statSync(xlsxFile).mtimeMs < fs.statSync(csvFile).mtimeMs) {
  log('bench-xlsx-browser: writing the same rows as .xlsx with openpyxl (a few minutes for a million rows)');
  const py = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(py, [path.join(root, 'tests/fixtures/make_xlsx.py'), csvFile, xlsxFile + '.part'], { stdio: 'inherit' });
  fs.renameSync(xlsxFile + '.part', xlsxFile);
}
const programJson = fs.readFileSync(path.join(dir, 'program.json'), 'utf8');

const { server, url } = await startServer();
const chrome = await launch();
const figures = { rows };

// One file through the screen, in a fresh tab holding the generated program.
async function through(file) {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const { page } = await openApp(context, url + '#/data');
    await waitSaved(page);
    const r = await page.evaluate((t) => window.sparkRoster.importJson(t), programJson);
    if (r.error) throw new Error(`the generated program was refused: ${r.error}`);
    await settle(page);
    // The page's own view of its frames: the longest gap between two animation frames.
    await page.evaluate(() => {
      window.__gap = { last: performance.now(), max: 0, on: true };
      const tick = (t) => {
        const g = window.__gap;
        if (!g.on) return;
        g.max = Math.max(g.max, t - g.last);
        g.last = t;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await page.evaluate(() => window.sparkRoster.frameTime());  // resets the longest frame
    const frames0 = await page.evaluate(() => window.sparkRoster.frameCount());
    const t0 = Date.now();
    await page.setInputFiles('#sr-file-input', file);
    // Polled every quarter second: the longest frame while the progress bar shows (the reading)
    // apart from the frames after it (the importer's last step, the summary).
    let readingMax = 0, afterMax = 0, ms = 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const s = await page.evaluate(() => ({
        max: window.sparkRoster.frameTime().max,
        reading: window.sparkRoster.widgetText('data:progress') !== null,
        done: window.sparkRoster.widgetText('orders:summary') !== null || window.sparkRoster.widgetText('data:error') !== null,
      }));
      if (s.done && !ms) ms = Date.now() - t0;
      if (s.reading) readingMax = Math.max(readingMax, s.max);
      else afterMax = Math.max(afterMax, s.max);
      if (s.done) break;
      if (Date.now() - t0 > 1800000) throw new Error(`${path.basename(file)}: no summary after 30 minutes`);
    }
    const error = await page.evaluate(() => window.sparkRoster.widgetText('data:error'));
    if (error) throw new Error(`${path.basename(file)} was refused: ${error}`);
    const frames = (await page.evaluate(() => window.sparkRoster.frameCount())) - frames0;
    const longest = Math.max(readingMax, afterMax, (await page.evaluate(() => window.sparkRoster.frameTime())).max);
    const gap = await page.evaluate(() => { window.__gap.on = false; return window.__gap.max; });
    const summary = await page.evaluate(() => window.sparkRoster.widgetText('orders:summary'));
    const read = await page.evaluate(() => window.sparkRoster.widgetText('orders:rows'));
    return { mb: fs.statSync(file).size / (1 << 20), ms, frames, longest, readingMax, afterMax, gap, summary, read };
  } finally {
    await context.close();
  }
}

try {
  for (const [name, file] of [['xlsx', xlsxFile], ['csv', csvFile]]) {
    const f = await through(file);
    const rps = Math.round(rows / (f.ms / 1000));
    figures[name] = { file_mb: Number(f.mb.toFixed(1)), ms: f.ms, rows_per_s: rps, frames: f.frames,
                      longest_frame_ms: Math.round(f.longest), longest_reading_frame_ms: Math.round(f.readingMax),
                      longest_gap_ms: Math.round(f.gap), rows_read: f.read };
    if (!asJson) {
      console.log(`${name.padEnd(4)} ${f.mb.toFixed(1).padStart(6)} MB: ${rows.toLocaleString('en-US')} rows in ${(f.ms / 1000).toFixed(1)} s ` +
                  `= ${rps.toLocaleString('en-US')} rows/s over ${f.frames} frames; longest frame ${f.longest.toFixed(0)} ms (CPU; ` +
                  `${f.readingMax.toFixed(0)} ms while the progress bar showed, ${f.afterMax.toFixed(0)} ms after), ` +
                  `longest gap between frames ${f.gap.toFixed(0)} ms`);
      console.log(`     ${f.summary}`);
    }
  }
  if (asJson) console.log(JSON.stringify(figures));
} finally {
  await chrome.close();
  server.close();
}
