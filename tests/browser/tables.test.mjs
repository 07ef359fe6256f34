// CSV export of the tables, as shown: filter and sort a table by clicking like a person, press
// Export CSV, and the downloaded file holds exactly the rows on screen, in the same order,
// under the same headers; text with commas, quotes, accents and emoji reads back unchanged;
// a name that looks like a spreadsheet formula is defused.
import fs from 'node:fs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, rect, text, waitSaved, program, screenshot,
         settle, textWhen, typeInto } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

// RFC 4180, read independently of the app: quoted fields, doubled quotes, CRLF.
function parseCsv(s) {
  const rows = [];
  let row = [], field = '', i = 0, quoted = false;
  while (i < s.length) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      field += c; i++; continue;
    }
    if (c === '"' && field === '') { quoted = true; i++; continue; }
    if (c === ',') { row.push(field); field = ''; i++; continue; }
    if (c === '\r' && s[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 2; continue; }
    field += c; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// Clicks a labelled widget and returns the file the browser was handed: its name, bytes and rows.
async function download(page, label) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click(page, label)]);
  const bytes = fs.readFileSync(await d.path());
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  assert.ok(bytes.subarray(0, 3).equals(BOM), 'the file starts with a UTF-8 byte-order mark');
  const body = bytes.subarray(3).toString('utf8');
  assert.ok(body.endsWith('\r\n'), 'records end with CRLF');
  return { name: d.suggestedFilename(), body, rows: parseCsv(body) };
}

// The labels drawn on screen right now, top to bottom.
async function onScreen(page, labels) {
  const found = [];
  for (const l of labels) {
    const r = await rect(page, l);
    if (r) found.push({ l, y: r.y });
  }
  return found.sort((a, b) => a.y - b.y).map((f) => f.l);
}

// The rows on screen, top to bottom, among `expected` (labels in the order the sort should
// give), once the app has drawn what the last click called for.
async function waitOrder(page, expected) {
  await settle(page);
  return onScreen(page, expected);
}

// Clicks a column header as a person does: the pointer moves there first, then clicks.
async function clickHeader(page, label) {
  const r = await rect(page, label);
  if (!r) throw new Error(`no header "${label}" on screen`);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await settle(page);
  await click(page, label);
}

function effectiveTier(c, s) {
  if (c.pinned_tier) return c.pinned_tier;
  const f = c.followers || 0;
  return f >= (s.tier3_min_followers ?? 500000) ? 3 : f >= (s.tier2_min_followers ?? 100000) ? 2 : 1;
}

const lower = (s) => (s || '').toLowerCase();
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

test('the roster filtered by tier and sorted by a header click exports exactly the rows shown, in order', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const p = await program(page);

  // Tier 2 only, then sort by followers with a click on its header (largest first).
  await click(page, 'Tier filter');
  await page.waitForFunction(() => window.sparkRoster.widgetRect('2 mid') !== null, null, { timeout: 5000 });
  await click(page, '2 mid');
  await clickHeader(page, 'header:roster:Followers');
  await settle(page);

  const want = p.creators.filter((c) => effectiveTier(c, p.settings) === 2)
    .sort((a, b) => cmp(b.followers, a.followers) || cmp(a.id, b.id));
  assert.ok(want.length >= 3, `the sample program has ${want.length} tier 2 creators`);
  assert.equal(await textWhen(page, 'roster count', `${want.length} of ${p.creators.length} creators`),
    `${want.length} of ${p.creators.length} creators`);
  await waitOrder(page, want.map((c) => '@' + c.handle));
  const shown = await onScreen(page, p.creators.map((c) => '@' + c.handle));
  assert.ok(shown.length >= 3, 'rows are drawn');

  const file = await download(page, 'Export CSV:roster');
  assert.match(file.name, /^roster-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = file.rows;
  assert.deepEqual(header, ['Handle', 'Name', 'Followers', 'Tier', 'Status', 'Deal']);
  // The visible rows, in the visible order, are the file's first rows; the file holds every
  // row the filter lets through, in the sorted order, and nothing else.
  assert.deepEqual(rows.slice(0, shown.length).map((r) => '@' + r[0]), shown);
  assert.deepEqual(rows.map((r) => r[0]), want.map((c) => c.handle));
  // Plain numbers, not "1.2k" or "120,000".
  assert.deepEqual(rows.map((r) => Number(r[2])), want.map((c) => c.followers));
  for (const r of rows) assert.match(r[2], /^\d+$/);
  assert.ok(rows.every((r) => r[3] === '2 mid'), 'every exported row is tier 2');
  assert.equal(await text(page, 'export:roster'), `${want.length} rows to ${file.name}`);
  await screenshot(page, 'tables-roster-export');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Spark Codes board sorted by renewal owner exports its rows as shown, grouped by status', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/spark');
  await waitSaved(page);
  const p = await program(page);
  await clickHeader(page, 'header:spark-codes:Renewal owner');
  await settle(page);

  const groupOf = { requested: 0, received: 1, verified: 2, live: 3, expired: 4, revoked: 5, killed: 5 };
  const want = [...p.spark_codes].sort((a, b) => cmp(groupOf[a.status], groupOf[b.status]) ||
    cmp(lower(a.renewal_owner), lower(b.renewal_owner)) || cmp(a.id, b.id));
  const handle = (id) => p.creators.find((c) => c.id === id)?.handle ?? '';
  const expiry = (c) => {
    if (!c.auth_start) return '';
    const d = new Date(c.auth_start + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + (c.duration_days ?? 30));
    return d.toISOString().slice(0, 10);
  };
  const tuple = (c) => [handle(c.creator_id), c.post_id ? String(c.post_id) : '', c.status, expiry(c), c.renewal_owner ?? ''];

  await waitOrder(page, want.map((c) => 'code row ' + c.id));
  const file = await download(page, 'Export CSV:spark-codes');
  assert.match(file.name, /^spark-codes-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = file.rows;
  assert.deepEqual(header, ['Code', 'Creator', 'Post', 'Status', 'Expires', 'Days left', 'Renewal owner']);
  const cols = (r) => [r[1], r[2], r[3], r[4], r[6]];
  assert.deepEqual(rows.map(cols), want.map(tuple));
  // Codes stay masked in the file unless revealed on screen.
  for (const [r, c] of rows.map((r, i) => [r, want[i]])) if (c.code) assert.notEqual(r[0], c.code);
  // What is on screen, top to bottom, is the start of the file.
  const shownIds = (await onScreen(page, p.spark_codes.map((c) => 'code row ' + c.id))).map((l) => Number(l.slice(9)));
  assert.ok(shownIds.length >= 3, 'board rows are drawn');
  const byId = new Map(p.spark_codes.map((c) => [c.id, c]));
  assert.deepEqual(rows.slice(0, shownIds.length).map(cols), shownIds.map((id) => tuple(byId.get(id))));
  // Days left as a plain whole number (negative once expired) or empty.
  for (const r of rows) assert.match(r[5], /^(-?\d+)?$/);
  await screenshot(page, 'tables-spark-export');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the performance posts table sorted by views exports numbers and money as plain digits', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/performance');
  await waitSaved(page);
  const p = await program(page);
  await click(page, 'Post level');
  await clickHeader(page, 'header:performance-posts:Views');  // largest first
  await settle(page);
  const want = [...p.posts].sort((a, b) => cmp(b.views ?? 0, a.views ?? 0) || cmp(a.id, b.id));
  const shown = await waitOrder(page, want.map((x) => String(x.id)));
  assert.ok(shown.length >= 3, 'post rows are drawn');
  const file = await download(page, 'Export CSV:performance-posts');
  const [header, ...rows] = file.rows;
  const cur = p.settings.currency;
  assert.deepEqual(header, ['Post', 'Creator', 'Published', 'Views', 'Clicks', 'Conversion (%)', `Revenue (${cur})`,
    'Hook 3 s (%)', 'Repeat (%)', 'Comm. / rev. (%)', `Margin (${cur})`]);
  assert.deepEqual(rows.slice(0, shown.length).map((r) => r[0]), shown, 'the rows on screen start the file');
  assert.deepEqual(rows.map((r) => Number(r[0])), want.map((x) => x.id));
  assert.deepEqual(rows.map((r) => Number(r[3])), want.map((x) => x.views ?? 0));
  for (const r of rows) {
    assert.match(r[10], /^-?\d+\.\d\d$/, `margin "${r[10]}" is a plain amount`);
    assert.match(r[5], /^(\d+(\.\d+)?)?$/, `conversion "${r[5]}" is a plain number`);
  }
  await screenshot(page, 'tables-performance-export');
  assert.deepEqual(problems, []);
  await context.close();
});

test('names with a comma, quotes, accents and emoji export unchanged; a formula-like name is defused', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const p = await program(page);
  const quoted = 'Lopez, Mia "The Glow" Ñandú 🌸';
  const formula = '=HYPERLINK("http://evil.example","open")';
  let id = p.next_id;
  p.creators.push({ id: id++, handle: 'zz_quote', display_name: quoted, followers: 150000, status: 'active' });
  p.creators.push({ id: id++, handle: 'zz_formula', display_name: formula, followers: 20000, status: 'prospect' });
  p.next_id = id;
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(p));
  assert.equal(r.ok, true, r.error);
  await settle(page);

  await typeInto(page, 'Filter', 'zz_');
  assert.equal(await textWhen(page, 'roster count', `2 of ${p.creators.length} creators`), `2 of ${p.creators.length} creators`);
  const file = await download(page, 'Export CSV:roster');
  assert.deepEqual(file.rows[0], ['Handle', 'Name', 'Followers', 'Tier', 'Status', 'Deal']);
  assert.deepEqual(file.rows.slice(1).map((r) => r.slice(0, 5)), [
    ['zz_formula', "'" + formula, '20000', '1 nano/micro', 'Prospect'],
    ['zz_quote', quoted, '150000', '2 mid', 'Active'],
  ]);
  assert.equal(file.rows.length, 3);
  for (const row of file.rows.slice(1)) assert.match(row[5], /commission/);
  // The raw text quotes the fields that need it, quotes doubled.
  assert.ok(file.body.includes('"Lopez, Mia ""The Glow"" Ñandú 🌸"'), file.body);
  assert.ok(file.body.includes(`"'=HYPERLINK(""http://evil.example"",""open"")"`), file.body);
  assert.deepEqual(problems, []);
  await context.close();
});

// A value wider than its cell is drawn up to what fits and "…", and hovering it shows the whole
// text: @glowwithmaya's deal (fee, commission and exclusivity) does not fit the roster's Deal
// column at 1280 px.
test('a value too wide for its cell ends in "…" and shows whole on hover', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const cut = await page.evaluate(() => window.sparkRoster.cutTexts());
  const deal = cut.find((c) => c.text.startsWith('$1,500 / post + 20 %'));
  assert.ok(deal, `the long deal is drawn cut short: ${JSON.stringify(cut.map((c) => c.text))}`);
  assert.ok(deal.text.length > 22 && deal.width > 0);
  assert.equal(await text(page, 'tooltip:cut'), null, 'no tooltip before hovering');
  await page.mouse.move(deal.x + deal.width / 2, deal.y + deal.height / 2);
  await settle(page);
  assert.equal(await text(page, 'tooltip:cut'), deal.text, 'the tooltip shows the whole value');
  await screenshot(page, 'roster-cut-deal');
  await page.mouse.move(5, 790);
  await settle(page);
  assert.equal(await text(page, 'tooltip:cut'), null, 'the tooltip goes when the mouse leaves');
  assert.deepEqual(problems, []);
  await context.close();
});
