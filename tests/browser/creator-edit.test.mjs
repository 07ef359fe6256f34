// The creator screen edits what the rules keep on a creator: the exclusivity window (with its
// alert when it ends within 14 days and its warning when another top-tier creator in the same
// category holds an overlapping window, both also in the weekly review), the Creator Code with
// its eligibility and reasons, compliance incidents, and a tier pinned by hand with its reason
// (there and in the roster form).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, click, text, textWhen, waitSaved, program, screenshot, settle, reload, rect, shown, useBrowser, plusDays } from './lib.mjs';

const app = useBrowser();


async function press(page, ...keys) {
  for (const k of keys) await page.keyboard.down(k);
  await settle(page);
  for (const k of keys.reverse()) await page.keyboard.up(k);
  await settle(page);
}

async function retype(page, label, value) {
  await click(page, label);
  await press(page, 'Control', 'a');
  await press(page, 'Backspace');
  await page.keyboard.type(value, { delay: 10 });
  await settle(page);
}

// Scrolls the pane under `anchor` with the mouse wheel, as a person does, until `label` is drawn
// (down, or up with `dy` negative).
async function scrollTo(page, anchor, label, dy = 120) {
  const a = await shown(page, anchor);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  for (let i = 0; i < 40 && !(await rect(page, label)); i++) {
    await page.mouse.wheel(0, dy);
    await settle(page);
  }
  assert.ok(await rect(page, label), `scrolling down shows "${label}"`);
}

// Two top-tier creators in skincare (650,000 and 520,000 followers), the second with a window
// from 10 days ago to 100 days ahead; a small creator under the Creator Code's 10,000 followers.
function creatorsProgram() {
  return {
    format: 'spark-roster', version: 1,
    creators: [
      { id: 1, handle: 'thu.ha', display_name: 'Thu Hà 🌿', followers: 650000, status: 'active', categories: ['Skincare'],
        agreed_posts_per_month: 4, commission_rate: 0.15, flat_fee: 800 },
      { id: 2, handle: 'nong.ploy', display_name: 'น้องพลอย', followers: 520000, status: 'active', categories: ['Skincare'],
        agreed_posts_per_month: 4, commission_rate: 0.15, flat_fee: 700,
        exclusivity: { start: plusDays(-10), end: plusDays(100), category: 'Skincare' } },
      { id: 3, handle: 'xiao.mei', display_name: '小美', followers: 8000, status: 'active', categories: ['Beauty'],
        agreed_posts_per_month: 2, commission_rate: 0.12 },
    ],
    next_id: 10,
  };
}

async function openCreator(id, prog = creatorsProgram()) {
  const context = await app.chrome.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, problems } = await openApp(context, app.url + '#/roster');
  await waitSaved(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(prog));
  assert.deepEqual(r, { ok: true, error: null }, 'the program loads');
  await settle(page);
  await page.evaluate((h) => { window.location.hash = h; }, `#/creator/${id}`);
  await settle(page);
  return { context, page, problems };
}

test('an exclusivity window is set on the creator screen, alerted when it ends within 14 days, warned when it overlaps', async () => {
  const { context, page, problems } = await openCreator(1);
  assert.ok(await rect(page, 'Save exclusivity'), 'the exclusivity panel is drawn');
  assert.equal(await rect(page, 'exclusivity alert'), null, 'no window, no alert');
  await retype(page, 'Exclusive from', plusDays(0));
  await retype(page, 'Exclusive to', plusDays(10));
  await retype(page, 'Exclusive category', 'skincare');
  await click(page, 'Save exclusivity');
  assert.equal(await textWhen(page, 'exclusivity notice', /Saved/), 'Saved the exclusivity window.');
  // Ends in 10 days (within 14): an alert.
  assert.equal(await text(page, 'exclusivity alert'),
               `exclusivity in skincare ends ${plusDays(10)}, in 10 days: renew it or plan the category without it`);
  // @nong.ploy, also top tier, holds Skincare (another case) from 10 days ago: overlap from today to the end of ours.
  assert.equal(await text(page, 'exclusivity overlap'),
               `@nong.ploy, another top-tier creator, holds exclusivity in Skincare ${plusDays(-10)} to ${plusDays(100)}: ` +
               `the two windows overlap ${plusDays(0)} to ${plusDays(10)}`);
  await waitSaved(page);
  let p = await program(page);
  assert.deepEqual(p.creators.find((c) => c.id === 1).exclusivity,
                   { start: plusDays(0), end: plusDays(10), category: 'skincare' });
  await screenshot(page, 'creator-exclusivity');

  // An end before the start is refused with the reason, and changes nothing.
  await retype(page, 'Exclusive to', plusDays(-3));
  await click(page, 'Save exclusivity');
  assert.equal(await textWhen(page, 'exclusivity notice', /Refused/), 'Refused: Exclusivity ends before it starts.');
  await retype(page, 'Exclusive to', '2026-02-30');
  await click(page, 'Save exclusivity');
  assert.match(await textWhen(page, 'error:exclusivity.end', /.+/), /2026-02-30/);
  await waitSaved(page);
  p = await program(page);
  assert.equal(p.creators.find((c) => c.id === 1).exclusivity.end, plusDays(10));

  // Moved 30 days out: no longer within 14 days, still overlapping; kept after a reload.
  await retype(page, 'Exclusive to', plusDays(30));
  await click(page, 'Save exclusivity');
  await textWhen(page, 'exclusivity notice', /Saved/);
  await reload(page);
  assert.equal(await text(page, 'exclusivity alert'), null);
  assert.match(await textWhen(page, 'exclusivity overlap', /overlap/), new RegExp(`overlap ${plusDays(0)} to ${plusDays(30)}$`));
  // Undo (after the reload the history is gone, so remove it by hand): Remove exclusivity.
  await click(page, 'Remove exclusivity');
  await waitSaved(page);
  assert.equal((await program(page)).creators.find((c) => c.id === 1).exclusivity, undefined);
  assert.equal(await rect(page, 'exclusivity overlap'), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a Creator Code is edited on the creator screen: refused until 18+ is confirmed, with its eligibility and numbers', async () => {
  const { context, page, problems } = await openCreator(1);
  await scrollTo(page, 'Save exclusivity', 'Save Creator Code');
  assert.equal(await text(page, 'creator code draft eligibility'), 'Not eligible: age 18+ not confirmed');
  await retype(page, 'Code as TikTok shows it', 'THUHA10');
  await retype(page, 'Scans', '1,200');
  await retype(page, 'Uses', '90');
  await retype(page, 'Estimated earnings', '245.50');
  await click(page, 'Save Creator Code');
  assert.equal(await textWhen(page, 'creator code notice', /Refused/),
               'Refused: Not eligible for a Creator Code: age 18+ not confirmed.');
  assert.equal((await program(page)).creators.find((c) => c.id === 1).creator_code, undefined);

  await click(page, 'Creator is 18+');
  assert.equal(await textWhen(page, 'creator code draft eligibility', /^Eligible/),
               'Eligible: 650,000 followers (10,000+) and 18+ confirmed');
  await click(page, 'Save Creator Code');
  assert.equal(await textWhen(page, 'creator code notice', /Saved/), 'Saved the Creator Code.');
  await waitSaved(page);
  assert.deepEqual((await program(page)).creators.find((c) => c.id === 1).creator_code,
                   { code: 'THUHA10', scans: 1200, uses: 90, estimated_earnings: 245.5, age_18_plus: true });
  // 90 / 1,200 = 7.5 % of scans; 245.50 / 90 = $2.73 a use.
  assert.match(await text(page, 'creator code'), /^1,200 scans, 90 uses \(7\.5 ?% of scans\), estimated earnings \$245\.50, \$2\.73 per use$/);

  // More uses than scans is refused under the field.
  await retype(page, 'Uses', '2,000');
  await click(page, 'Save Creator Code');
  await scrollTo(page, 'Save Creator Code', 'creator code notice');
  assert.equal(await textWhen(page, 'creator code notice', /Refused/), 'Refused: Uses cannot exceed scans.');
  await waitSaved(page);
  assert.equal((await program(page)).creators.find((c) => c.id === 1).creator_code.uses, 90);
  await screenshot(page, 'creator-code');

  // Undo takes the code away again.
  await press(page, 'Control', 'z');
  await waitSaved(page);
  assert.equal((await program(page)).creators.find((c) => c.id === 1).creator_code, undefined);

  // A creator under 10,000 followers: not eligible whatever the box says, with the reason.
  await page.evaluate(() => { window.location.hash = '#/creator/3'; });
  await settle(page);
  await scrollTo(page, 'Save exclusivity', 'Creator is 18+');
  await click(page, 'Creator is 18+');
  assert.equal(await textWhen(page, 'creator code draft eligibility', /Not eligible/),
               'Not eligible: 8,000 followers < 10,000 needed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a window ending soon and an overlap of top-tier windows are actions of the weekly review, the overlap once', async () => {
  const prog = creatorsProgram();
  // The review's day is this week's first (Monday): it counts the days from there.
  const monday = -((new Date().getDay() + 6) % 7);
  prog.creators[0].exclusivity = { start: plusDays(-30), end: plusDays(monday + 10), category: 'Skincare' };
  const { context, page, problems } = await openCreator(1, prog);
  await page.evaluate(() => { window.location.hash = '#/review'; });
  await settle(page);
  // Under @thu.ha: its window ends in 10 days, and it overlaps @nong.ploy's (from 10 days ago
  // to 100 days ahead) from today to the end of its own.
  assert.match(await textWhen(page, 'group:@thu.ha', /exclusivity/),
               /exclusivity ends in 10 days; exclusivity overlaps @nong\.ploy's/);
  await click(page, 'group:@thu.ha');
  assert.ok(await shown(page, 'Done:@thu.ha: exclusivity ends in 10 days'));
  assert.ok(await shown(page, "Done:@thu.ha: exclusivity overlaps @nong.ploy's"));
  // Not a second time under @nong.ploy.
  assert.equal(await rect(page, 'group:@nong.ploy'), null);
  const csv = await page.evaluate(() => window.sparkRoster.widgetText('review:todo'));
  assert.match(csv, /\d+ to do/);
  assert.deepEqual(problems, []);
  await context.close();
});

// @thu.ha with one post and one open incident; @nong.ploy has a post of its own.
function incidentsProgram() {
  const prog = creatorsProgram();
  prog.posts = [
    { id: 30, creator_id: 1, tiktok_ref: '7312345678901234000', published: plusDays(-5), views: 12000, clicks: 300, orders: 6 },
    { id: 31, creator_id: 2, tiktok_ref: '7312345678901234999', published: plusDays(-4), views: 9000, clicks: 200, orders: 3 },
  ];
  prog.creators[0].compliance = [{ id: 20, date: plusDays(-3), kind: 'missing disclosure', note: '', resolved: false }];
  return prog;
}

test('a compliance incident is edited, linked to one of the creator\'s own posts, removed, and brought back by undo', async () => {
  const { context, page, problems } = await openCreator(1, incidentsProgram());
  await scrollTo(page, 'Add incident', 'Save incident');
  assert.equal(await text(page, 'Incident'), `${plusDays(-3)} · missing disclosure`);
  await retype(page, 'What happened', 'no #ad in the caption');
  await retype(page, 'Incident note', 'Ghi chú: thiếu #quảngcáo, đã nhắc 📩');
  await click(page, 'About post');
  assert.ok(await shown(page, 'incident post:30'), 'the creator\'s own post is offered');
  assert.equal(await rect(page, 'incident post:31'), null, 'another creator\'s post is not');
  await click(page, 'incident post:30');
  await click(page, 'Resolved');
  await click(page, 'Save incident');
  await scrollTo(page, 'Save incident', 'incident notice');
  assert.equal(await textWhen(page, 'incident notice', /Saved/), 'Saved the incident.');
  await waitSaved(page);
  let c = (await program(page)).creators.find((x) => x.id === 1);
  assert.equal(c.compliance.length, 1);
  assert.deepEqual({ ...c.compliance[0] },
                   { id: 20, date: plusDays(-3), kind: 'no #ad in the caption', note: 'Ghi chú: thiếu #quảngcáo, đã nhắc 📩',
                     resolved: true, post_id: 30 });
  assert.equal(await text(page, 'Incident'), `${plusDays(-3)} · no #ad in the caption (resolved)`);

  // A date that is not one is refused under the field, and nothing changes.
  await retype(page, 'Incident date', '2026-13-01');
  await click(page, 'Save incident');
  assert.match(await textWhen(page, 'error:incident.date', /.+/), /2026-13-01/);
  await waitSaved(page);
  assert.equal((await program(page)).creators.find((x) => x.id === 1).compliance[0].date, plusDays(-3));

  await click(page, 'Remove incident');
  assert.equal(await textWhen(page, 'incident notice', /Removed/), 'Removed the incident. Undo brings it back.');
  await waitSaved(page);
  assert.deepEqual((await program(page)).creators.find((x) => x.id === 1).compliance, []);
  await press(page, 'Control', 'z');
  await waitSaved(page);
  c = (await program(page)).creators.find((x) => x.id === 1);
  assert.equal(c.compliance.length, 1);
  assert.equal(c.compliance[0].post_id, 30);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a tier pinned on the creator screen needs its reason and lands in the tier history, kept after a reload', async () => {
  const { context, page, problems } = await openCreator(1);
  await scrollTo(page, 'Save exclusivity', 'Change tier');
  // 650,000 followers: tier 3 by followers. Pinned down to tier 2 without a reason: refused.
  await click(page, 'Pin to');
  await click(page, 'pin:Tier 2');
  assert.equal(await text(page, 'Pin to'), 'Tier 2');
  await click(page, 'Change tier');
  assert.equal(await textWhen(page, 'error:reason', /.+/), 'Say why the tier changes: it lands in the tier history.');
  await waitSaved(page);
  let c = (await program(page)).creators.find((x) => x.id === 1);
  assert.equal(c.pinned_tier ?? 0, 0);
  assert.deepEqual(c.tier_history ?? [], []);

  await retype(page, 'Why', 'Ngân sách quý 1: phí tầng 2');
  await click(page, 'Change tier');
  assert.equal(await textWhen(page, 'tier notice', /Changed/), "Changed the tier; it is in the tier history with today's date.");
  await reload(page);
  assert.equal(await textWhen(page, 'tier history', /3->2/), `${plusDays(0)} 3->2 Ngân sách quý 1: phí tầng 2\n`);
  c = (await program(page)).creators.find((x) => x.id === 1);
  assert.equal(c.pinned_tier, 2);
  assert.deepEqual(c.tier_history, [{ date: plusDays(0), from: 3, to: 2, reason: 'Ngân sách quý 1: phí tầng 2' }]);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the roster form pins a tier only with its reason, and saves the edit and the tier change as one undo step', async () => {
  const { context, page, problems } = await openCreator(3);
  await page.evaluate(() => { window.location.hash = '#/roster'; });
  await settle(page);
  await click(page, '@xiao.mei');
  assert.equal(await rect(page, 'Tier reason'), null, 'no reason asked while the tier is as saved');
  await retype(page, 'Display name', '小美 Xiǎo Měi');
  await click(page, 'Tier');
  await click(page, '2 mid (pinned)');
  assert.ok(await shown(page, 'Tier reason'), 'a changed tier asks why');
  await click(page, 'Save changes');
  assert.equal(await textWhen(page, 'error:reason', /.+/), 'Say why the tier is pinned: it lands in the tier history.');
  await waitSaved(page);
  assert.equal((await program(page)).creators.find((x) => x.id === 3).display_name, '小美');

  await retype(page, 'Tier reason', 'launch partner for the Beauty line');
  await click(page, 'Save changes');
  assert.equal(await textWhen(page, 'notice', /Saved/), 'Saved @xiao.mei.');
  await waitSaved(page);
  let c = (await program(page)).creators.find((x) => x.id === 3);
  assert.equal(c.display_name, '小美 Xiǎo Měi');
  assert.equal(c.pinned_tier, 2);
  // 8,000 followers: tier 1 by followers.
  assert.deepEqual(c.tier_history, [{ date: plusDays(0), from: 1, to: 2, reason: 'launch partner for the Beauty line' }]);
  assert.equal(await rect(page, 'Tier reason'), null, 'saved: nothing left to explain');
  // One undo takes back both.
  await press(page, 'Control', 'z');
  await waitSaved(page);
  c = (await program(page)).creators.find((x) => x.id === 3);
  assert.equal(c.display_name, '小美');
  assert.equal(c.pinned_tier ?? 0, 0);
  assert.deepEqual(c.tier_history ?? [], []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('notes on a creator are typed on the creator screen, kept while another part is saved, and saved for good', async () => {
  const { context, page, problems } = await openCreator(2);
  await click(page, 'Notes');
  await page.keyboard.type('ชอบบรีฟสั้น ๆ', { delay: 10 });
  await press(page, 'Enter');
  await page.keyboard.type('Ships from Bangkok, 2 days 📦', { delay: 10 });
  await settle(page);
  assert.ok(await shown(page, 'Save notes'));
  // Saving another part of the record keeps the notes typed and not yet saved.
  await retype(page, 'Exclusive to', plusDays(120));
  await click(page, 'Save exclusivity');
  assert.equal(await textWhen(page, 'exclusivity notice', /Saved/), 'Saved the exclusivity window.');
  assert.equal(await text(page, 'Notes'), 'ชอบบรีฟสั้น ๆ\nShips from Bangkok, 2 days 📦');
  await waitSaved(page);
  assert.equal((await program(page)).creators.find((c) => c.id === 2).notes ?? '', '', 'not saved until asked');
  await click(page, 'Save notes');
  assert.equal(await textWhen(page, 'notes notice', /Saved/), 'Saved the notes.');
  await reload(page);
  assert.equal(await textWhen(page, 'Notes', /Bangkok/), 'ชอบบรีฟสั้น ๆ\nShips from Bangkok, 2 days 📦');
  assert.equal((await program(page)).creators.find((c) => c.id === 2).notes, 'ชอบบรีฟสั้น ๆ\nShips from Bangkok, 2 days 📦');
  assert.deepEqual(problems, []);
  await context.close();
});
