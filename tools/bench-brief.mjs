// How fast a shared brief shows on a phone, on the project's own server (tools/serve.mjs):
// headless Chromium emulating a phone (390 x 844 CSS px, devicePixelRatio 3, touch), a cold
// cache and no service worker yet (a new browser context each run), opening a share link.
// Prints, for each run and as the median: the time from the navigation's start until the first
// frame that drew the brief's title (the page API's widgetRect("shared:title") in a frame
// callback), until the app was ready, and the compressed bytes transferred before the brief
// showed (what the server sent, headers included: the resource timing's transferSize), file by
// file for the first run.
// Usage: node tools/bench-brief.mjs [--runs N] [APP_DIR...]
//   APP_DIR: dist (as published) by default; with several (say a build of main and this one's),
//   their runs take turns, so a machine busy with something else slows each alike.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let runs = 5;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else dirs.push(path.resolve(args[i]));
}
if (!dirs.length) dirs.push(path.join(root, 'dist'));
const lib = await import('../tests/browser/lib.mjs');
const { launch, openApp, settle, waitSaved, rect, textWhen } = lib;
const { serve } = await import('./serve.mjs');

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const chrome = await launch();
const servers = [];
for (const dir of dirs) {
  const server = await serve(dir, 0);
  servers.push({ dir, server, url: `http://127.0.0.1:${server.address().port}/` });
}

// The brand's share link, made on a desktop from the sample program's brief (with the first
// folder's app: the link's payload is the same for every build of the same format).
async function shareLink(url) {
  const desk = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page: d } = await openApp(desk, url);
  await waitSaved(d);
  const p = JSON.parse(await d.evaluate(() => window.sparkRoster.exportJson()));
  const brief = p.briefs.find((b) => b.request_spark_code) || p.briefs[0];
  await d.evaluate((h) => { window.location.hash = h; }, '#/brief/' + brief.id);
  await settle(d);
  const share = await rect(d, 'Share');
  await d.mouse.click(share.x + share.width / 2, share.y + share.height / 2);
  const link = await textWhen(d, 'brief:share-link', /#brief=/);
  await desk.close();
  return link.slice(link.indexOf('#'));
}
const fragment = await shareLink(servers[0].url);

// In the page, from its first script on: the time of the first frame that drew the title.
const watch = () => {
  window.__briefShown = null;
  const look = () => {
    const api = window.sparkRoster;
    if (api && api.widgetRect && api.widgetRect('shared:title')) {
      window.__briefShown = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
};

async function once(url) {
  const context = await chrome.browser.newContext(PHONE);
  await context.addInitScript(watch);
  const page = await context.newPage();
  await page.goto(url + fragment);
  await page.waitForFunction(() => window.__briefShown !== null, null, { timeout: 30000 });
  const r = await page.evaluate(() => {
    const shown = window.__briefShown;
    const files = performance.getEntriesByType('resource').filter((e) => e.responseEnd <= shown)
      .map((e) => ({ name: e.name.split('/').pop().split('#')[0], bytes: e.transferSize, ms: Math.round(e.responseEnd) }));
    const nav = performance.getEntriesByType('navigation')[0];
    files.unshift({ name: 'index.html', bytes: nav.transferSize, ms: Math.round(nav.responseEnd) });
    return { shown, files };
  });
  r.bytes = r.files.reduce((a, f) => a + f.bytes, 0);
  await context.close();
  return r;
}

const results = servers.map(() => []);
for (let i = 0; i < runs; i++) {
  for (let k = 0; k < servers.length; k++) {
    const r = await once(servers[k].url);
    results[k].push(r);
    const name = path.relative(root, servers[k].dir) || '.';
    console.log(`${name} run ${i + 1}: brief shown at ${r.shown.toFixed(0)} ms, ${(r.bytes / 1024).toFixed(0)} KiB transferred before it`);
    if (i === 0) for (const f of r.files) console.log(`  ${f.name.padEnd(24)} ${String(f.bytes).padStart(9)} B   done at ${f.ms} ms`);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
servers.forEach((s, k) => {
  const rs = results[k];
  console.log(`${path.relative(root, s.dir) || '.'}: median of ${runs}, the shared brief shows ` +
              `${median(rs.map((r) => r.shown)).toFixed(0)} ms after the navigation starts ` +
              `(fastest ${Math.min(...rs.map((r) => r.shown)).toFixed(0)} ms); ` +
              `${(median(rs.map((r) => r.bytes)) / 1024).toFixed(0)} KiB compressed before it`);
});
console.log('(a phone emulated by headless Chromium: 390 x 844 CSS px at devicePixelRatio 3, cold cache, tools/serve.mjs)');
await chrome.close();
for (const s of servers) s.server.close();
