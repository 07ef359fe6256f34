// The published folder (tools/dist) on a static host: it runs from a nested path, asks nothing
// of any other origin, keeps to its Content-Security-Policy, opens offline after the first visit
// with the user's data, and moves to a newly deployed version cleanly when the user asks for it
// ("Reload to update") or once the old version's tabs are closed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appDir, launch, settle, program, waitSaved, screenshot, pngStats } from './lib.mjs';
import { serve } from '../../tools/serve.mjs';
import { publish, stamp } from '../../tools/dist.mjs';

const prefix = '/some/deep/path/';
let tmp, siteDir, server, origin, url, chrome;
const served = [];  // every path the host was asked for
const responses = [];  // what it answered: {path, status, encoding, bytes}
const versions = {};

// A changed build: the published folder with a different page title, re-versioned.
function variant(name, title) {
  const dir = path.join(tmp, name);
  publish(appDir, dir);
  const file = path.join(dir, 'index.html');
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('<title>Spark Roster</title>', `<title>${title}</title>`));
  versions[name] = stamp(dir);
  return dir;
}

// Puts a published folder at the host's nested path, replacing what was there.
function deploy(dir) {
  fs.rmSync(siteDir, { recursive: true, force: true });
  fs.cpSync(dir, siteDir, { recursive: true });
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sr-static-'));
  siteDir = path.join(tmp, 'site', prefix);
  versions.v1 = publish(appDir, path.join(tmp, 'v1')).version;
  variant('v2', 'Spark Roster 2');
  variant('v3', 'Spark Roster 3');
  deploy(path.join(tmp, 'v1'));
  fs.writeFileSync(path.join(tmp, 'site/some/elsewhere.html'), '<!doctype html><title>Another page of the site</title>\n');
  server = await serve(path.join(tmp, 'site'), 0);
  server.on('request', (req, res) => {
    served.push(req.url);
    res.on('finish', () => responses.push({ path: req.url, status: res.statusCode,
                                            encoding: res.getHeader('content-encoding') || null,
                                            bytes: Number(res.getHeader('content-length') || 0) }));
  });
  origin = `http://127.0.0.1:${server.address().port}`;
  url = origin + prefix;
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// A context that records every request and every policy violation, as devtools would show them.
async function newContext() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  return { context, requests };
}

async function openPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  await page.goto(url);
  await ready(page);
  return { page, problems };
}

async function ready(page) {
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
}

// The worker of this page is active and the cache of its version complete.
// The state the page's service worker reaches: `ready` resolves once a worker is active, which
// may still be activating (its activate event running); wait for it to say it is done.
async function offlineReady(page) {
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const w = reg.active;
    if (w.state === 'activating') {
      await new Promise((resolve) => w.addEventListener('statechange', function on() {
        if (w.state !== 'activating') { w.removeEventListener('statechange', on); resolve(); }
      }));
    }
    return w.state;
  });
}

async function ourCaches(page) {
  return page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('spark-roster ')).sort());
}

async function reloadTo(page, action) {
  const loaded = page.waitForEvent('load');
  await action();
  await loaded;
  await ready(page);
}

test('the published folder runs from a nested path, with no request beyond its own origin and its CSP in force', async () => {
  const { context, requests } = await newContext();
  const { page, problems } = await openPage(context);
  await waitSaved(page);
  const { buf } = await screenshot(page, 'static-nested-path');
  assert.ok(pngStats(buf).colors > 20, 'the app is drawn');
  assert.equal(await offlineReady(page), 'activated');

  // Two policies, both in force: the page's own, and the one boot.js adds to narrow its
  // connections to the configured sync server (none here: the page's own origin only).
  const csp = await page.$$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.map((x) => x.content));
  assert.equal(csp.length, 2);
  assert.match(csp[0], /default-src 'self'/);
  assert.match(csp[0], /connect-src 'self' https: http:;/);
  assert.doesNotMatch(csp[0].replace("connect-src 'self' https: http:;", ''), /'unsafe-inline'|'unsafe-eval'|\*|https?:|data:/,
                      'no inline code, no eval, no other host');
  assert.equal(csp[1], "connect-src 'self'");
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(problems, []);

  // Everything came from the app's own origin, and from its own folder: relative URLs only.
  assert.ok(requests.length >= 4, `${requests.length} requests`);
  assert.deepEqual(requests.filter((r) => new URL(r).origin !== origin), []);
  assert.deepEqual(served.filter((p) => !p.startsWith(prefix)), []);
  for (const f of ['index.html', 'spark-roster.js', 'spark-roster.wasm', 'boot.js', 'sw.js']) {
    assert.ok(served.includes(prefix + f) || (f === 'index.html' && served.includes(prefix)), `${f} was fetched from ${prefix}`);
  }

  // Installable: the manifest's URLs are relative and its icons are what they say.
  const manifest = await page.evaluate(async () => (await fetch('manifest.webmanifest')).json());
  assert.equal(manifest.name, 'Spark Roster');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.scope, './');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/);
  for (const size of [192, 512]) {
    const icon = manifest.icons.find((i) => i.sizes === `${size}x${size}` && i.type === 'image/png');
    assert.ok(icon, `a ${size} px PNG icon`);
    const png = Buffer.from(await page.evaluate(async (src) => Array.from(new Uint8Array(await (await fetch(src)).arrayBuffer())), icon.src));
    const stats = pngStats(png);
    assert.deepEqual([stats.width, stats.height], [size, size]);
    assert.ok(stats.colors >= 2, 'the icon is drawn');
  }

  // The policy is enforced, and its violations do reach the listener this test reads.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true;';
    document.head.appendChild(script);
    return window.inlineScriptRan === true;
  });
  assert.equal(ran, false, 'an inline script is refused');
  await page.waitForFunction(() => window.cspViolations.length > 0);
  assert.match((await page.evaluate(() => window.cspViolations))[0], /^script-src/);
  await context.close();
});

test('after the first visit the app opens offline with the user\'s data, then updates cleanly to a new deployment', async () => {
  deploy(path.join(tmp, 'v1'));
  const { context } = await newContext();
  let { page, problems } = await openPage(context);
  await waitSaved(page);
  assert.equal(await offlineReady(page), 'activated');
  assert.deepEqual(await ourCaches(page), [`spark-roster ${url} ${versions.v1}`]);

  // The user's own data: a backup restored with a renamed creator.
  const mine = await program(page);
  mine.creators[0].display_name = 'Offline Olivia';
  const imported = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(mine));
  assert.deepEqual(imported, { ok: true, error: null });

  // No network at all: the app still opens, with that data.
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.equal((await program(page)).creators[0].display_name, 'Offline Olivia');
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the worker');
  const { buf } = await screenshot(page, 'static-offline');
  assert.ok(pngStats(buf).colors > 20, 'the app is drawn offline');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  await context.setOffline(false);

  // A new version is deployed. The next visit finds it and offers it; until the user takes it,
  // the tab keeps running one whole version (the old one).
  deploy(path.join(tmp, 'v2'));
  await page.reload();
  await ready(page);
  const bar = page.locator('#update');
  await bar.waitFor({ state: 'visible' });
  assert.match(await bar.textContent(), /A new version of Spark Roster is ready\.\s*Reload to update/);
  await screenshot(page, 'static-update-offered');
  assert.equal(await page.title(), 'Spark Roster');
  assert.deepEqual(await ourCaches(page), [`spark-roster ${url} ${versions.v1}`, `spark-roster ${url} ${versions.v2}`].sort());

  // "Reload to update": the new version runs, the old cache is gone, the data is kept.
  await reloadTo(page, () => page.getByRole('button', { name: 'Reload to update' }).click());
  assert.equal(await page.title(), 'Spark Roster 2');
  assert.deepEqual(await ourCaches(page), [`spark-roster ${url} ${versions.v2}`]);
  assert.equal((await program(page)).creators[0].display_name, 'Offline Olivia');
  assert.equal(await bar.count(), 0, 'no update offered any more');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);

  // Without the button: once every tab of the old version is closed, the next visit runs the new one.
  deploy(path.join(tmp, 'v3'));
  await page.reload();
  await ready(page);
  await bar.waitFor({ state: 'visible' });
  assert.equal(await page.title(), 'Spark Roster 2');
  await page.getByRole('button', { name: 'Later' }).click();
  await bar.waitFor({ state: 'hidden' });
  assert.equal(await page.title(), 'Spark Roster 2', 'still the version the tab opened with');
  assert.deepEqual(problems, []);
  await page.close();
  // The browser switches versions once the last tab has gone: watch for it from a page of the
  // same site outside the app's folder (not one of its tabs), then come back.
  const elsewhere = await context.newPage();
  await elsewhere.goto(origin + '/some/elsewhere.html');
  const switched = await elsewhere.evaluate(async (scope) => {
    for (let i = 0; i < 600; i++) {
      const reg = await navigator.serviceWorker.getRegistration(scope);
      if (reg.waiting === null && reg.active !== null && reg.active.state === 'activated') return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }, url);
  assert.ok(switched, 'the waiting version took over once its tabs were closed');
  await elsewhere.close();
  ({ page, problems } = await openPage(context));
  assert.equal(await page.title(), 'Spark Roster 3');
  assert.deepEqual(await ourCaches(page), [`spark-roster ${url} ${versions.v3}`]);
  assert.equal((await program(page)).creators[0].display_name, 'Offline Olivia');
  assert.deepEqual(problems, []);
  await context.close();
});

test('Reload to update never drops a change that is not saved: it says so and keeps the version running', async () => {
  deploy(path.join(tmp, 'v1'));
  const { context } = await newContext();
  const { page, problems } = await openPage(context);
  await waitSaved(page);
  assert.equal(await offlineReady(page), 'activated');
  await page.reload();  // a tab opened before the worker was there is not one of its tabs
  await ready(page);
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'served by the worker');

  // Storage starts refusing writes; the next change stays in this tab only.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  const mine = await program(page);
  mine.creators[0].display_name = 'Unsaved Una';
  const imported = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(mine));
  assert.match(imported.error, /not saved/);

  // A new version arrives while the tab is open (it looks when it comes back into view).
  deploy(path.join(tmp, 'v2'));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const bar = page.locator('#update');
  await bar.waitFor({ state: 'visible' });
  await page.getByRole('button', { name: 'Reload to update' }).click();
  await page.waitForFunction(() => /Not updated/.test(document.getElementById('update').textContent));
  assert.match(await bar.textContent(), /Not updated: your last change is not saved yet \(storage is full \(QuotaExceededError\)\)/);
  await screenshot(page, 'static-update-refused');
  assert.equal(await page.title(), 'Spark Roster');
  assert.equal((await program(page)).creators[0].display_name, 'Unsaved Una', 'the change is still in the tab');
  assert.ok(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting !== null),
            'the new version still waits');
  assert.ok(await page.getByRole('button', { name: 'Reload to update' }).isEnabled(), 'the user can try again');
  // Known: the put made to throw inside PouchDB's write handler surfaces as a page error, and
  // PouchDB logs the failure ("Database has a global failure ..."); anything else is a problem.
  const own = problems.filter((m) => !/^console error: Database has a global failure (AbortError|QuotaExceededError)/.test(m) &&
                                     m !== 'page error: The quota has been exceeded.');
  assert.deepEqual(own, []);
  await context.close();
});

test('a first visit downloads each file once, compressed: the service worker takes what the page loaded from the HTTP cache', async () => {
  const { context } = await newContext();
  const from = responses.length;
  const { page, problems } = await openPage(context);
  await waitSaved(page);
  assert.equal(await offlineReady(page), 'activated', 'the worker has installed this version');
  const visit = responses.slice(from);
  const full = visit.filter((r) => r.status === 200);
  const wasm = full.filter((r) => r.path.endsWith('/spark-roster.wasm'));
  assert.equal(wasm.length, 1, 'the module was downloaded once, not again by the worker');
  assert.ok(visit.some((r) => r.path.endsWith('/spark-roster.wasm') && r.status === 304), 'the worker revalidated it (304)');
  assert.equal(wasm[0].encoding, 'br', 'the module comes brotli-compressed, from the precompressed copy');
  assert.ok(wasm[0].bytes < 1024 * 1024, `the module is ${wasm[0].bytes} bytes on the wire`);
  const paths = full.map((r) => r.path);
  assert.deepEqual(paths.filter((p, i) => paths.indexOf(p) !== i && !p.endsWith('/sw.js')), [], 'no file twice');
  const kb = full.reduce((n, r) => n + r.bytes, 0) / 1024;
  assert.ok(kb < 1024, `a first visit transfers ${kb.toFixed(0)} KB`);
  console.log(`# first visit: ${full.length} downloads, ${kb.toFixed(0)} KB compressed; ${visit.length - full.length} revalidated`);
  assert.deepEqual(problems, []);
  await context.close();
});
