// Extending and replacing a Spark Code on its panel, as a person does it: an expired code
// extended comes back live when the four checks hold and verified when they do not; a code that
// still runs is replaced by a new record linked to it; the panel shows each paid round's CTR, CPA
// and ROAS, the code's own margin and the kill rule's organic baseline without the paid rounds.
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

// One creator with a post that passed compliance review and three codes for it:
//  5 live, expires in 5 days, one paid round (replaced below);
//  6 expired 20 days ago, its campaign over (extended: back live);
//  7 expired 10 days ago, its campaign running 60 more days (extended 30 days: back verified only);
//  8 requested 6 days ago and not received (an alert).
// Product: 35.00, unit cost 8, shipping 2, discount 3 per order; the creator's commission 15 %.
function renewProgram() {
  const code = (id, fields) => ({
    id, creator_id: 1, post_id: 3, product_id: 2, requested: plusDays(-60), received: plusDays(-55),
    verified_in_ads_manager: true, renewal_owner: 'Dana (paid media)', history: [], rounds: [], ...fields,
  });
  return {
    format: 'spark-roster', version: 1,
    creators: [{ id: 1, handle: 'ha.phuong', display_name: 'Hà Phương 🌸', followers: 240000, status: 'active',
                 agreed_posts_per_month: 4, commission_rate: 0.15 }],
    products: [{ id: 2, sku: 'KCN-50', name: 'Kem chống nắng 50ml', price: 35, unit_cost: 8, shipping_subsidy: 2,
                 usual_discount: 3 }],
    posts: [{ id: 3, creator_id: 1, product_id: 2, tiktok_ref: '7441129255127489812', published: plusDays(-40),
              views: 90000, hold_rate_3s: 0.42, clicks: 3000, orders: 100, units: 100, gmv: 3500, buyers: 95,
              compliance_passed: true }],
    spark_codes: [
      code(5, { code: '#LiveCodeAbCdEf0123456789=', auth_start: plusDays(-25), duration_days: 30, status: 'live',
                campaign_start: plusDays(-24), campaign_end: plusDays(3),
                rounds: [{ date: plusDays(-10), spend: 400, impressions: 150000, clicks: 2000, orders: 16, gmv: 560 }] }),
      code(6, { code: '#OldCodeZyXwVu9876543210=', auth_start: plusDays(-50), duration_days: 30, status: 'expired',
                campaign_start: plusDays(-49), campaign_end: plusDays(-21) }),
      code(7, { code: '#LongCampaign1122334455=', auth_start: plusDays(-40), duration_days: 30, status: 'expired',
                campaign_start: plusDays(-39), campaign_end: plusDays(60) }),
      // Requested 6 days ago and not received: past the 5 days the settings allow.
      code(8, { requested: plusDays(-6), received: undefined, verified_in_ads_manager: false, status: 'requested' }),
    ],
    next_id: 10,
  };
}

async function openWith(prog, hash) {
  const context = await app.chrome.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await openApp(context, app.url + '#/spark');
  await waitSaved(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(prog));
  assert.deepEqual(r, { ok: true, error: null }, 'the program loads');
  await settle(page);
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
  return { context, page, problems };
}

test('an expired code is extended: back live when the four checks hold, verified when the campaign outlasts it', async () => {
  const { context, page, problems } = await openWith(renewProgram(), '#/spark/6');
  assert.equal(await textWhen(page, 'status', 'expired'), 'expired');
  // The request of code 8 is overdue: an alert on the board, to its renewal owner.
  const alerts = await page.evaluate(() => [0, 1, 2, 3, 4, 5].map((i) => window.sparkRoster.widgetText('alert:' + i)));
  assert.ok(alerts.includes(`Spark Code of @ha.phuong requested ${plusDays(-6)} and not received after 6 days (limit 5 days): ` +
                            'ask the creator again, or request a code for another post (to Dana (paid media))'),
            JSON.stringify(alerts));
  await click(page, 'Extend or replace');
  await retype(page, 'Extend from', plusDays(0));
  await retype(page, 'New length (days)', '30');
  await click(page, 'Extend');
  // The campaign ended 21 days ago, well before the new expiry: all four hold, so live again.
  assert.equal(await textWhen(page, 'status', 'live'), 'live');
  assert.equal(await text(page, 'notice'), `Extended: expires ${plusDays(30)}.`);
  await waitSaved(page);
  let p = await program(page);
  const six = p.spark_codes.find((c) => c.id === 6);
  assert.equal(six.code, '#OldCodeZyXwVu9876543210=', 'the same code');
  assert.equal(six.auth_start, plusDays(0));
  assert.equal(six.duration_days, 30);
  assert.equal(p.spark_codes.length, 4, 'no new record');
  assert.match(six.history.at(-1).what, new RegExp(`^extended: same code, expires ${plusDays(30)} \\(was ${plusDays(-20)}\\)$`));
  await screenshot(page, 'spark-extended');

  // Code 7's campaign runs 60 more days: extended 30 days it fails check 3 and comes back verified.
  await page.evaluate(() => { window.location.hash = '#/spark/7'; });
  assert.equal(await textWhen(page, 'status', 'expired'), 'expired');
  await click(page, 'Extend or replace');
  await retype(page, 'Extend from', plusDays(0));
  await retype(page, 'New length (days)', '30');
  await click(page, 'Extend');
  assert.equal(await textWhen(page, 'status', 'verified'), 'verified');
  assert.match(await text(page, 'check:3'), /fails, the code expires .* 30 days before the campaign ends/);
  // Extended again to cover the campaign: still verified until someone presses Go live.
  await retype(page, 'New length (days)', '90');
  await click(page, 'Extend');
  assert.match(await textWhen(page, 'check:3', /passes/), /passes/);
  assert.equal(await text(page, 'status'), 'verified');
  await click(page, 'Go live');
  assert.equal(await textWhen(page, 'status', 'live'), 'live');

  // An extension that does not move the expiry later is refused, naming both dates.
  await retype(page, 'Extend from', plusDays(-40));
  await retype(page, 'New length (days)', '30');
  await click(page, 'Extend');
  assert.equal(await textWhen(page, 'error:duration_days', /not later/),
               `The new expiry (${plusDays(-10)}) is not later than the old one (${plusDays(90)}).`);
  await waitSaved(page);
  p = await program(page);
  assert.equal(p.spark_codes.find((c) => c.id === 7).auth_start, plusDays(0), 'the refusal changed nothing');

  // Undo takes the go-live and the second extension back, one step each.
  await press(page, 'Control', 'z');
  assert.equal(await textWhen(page, 'status', 'verified'), 'verified');
  await press(page, 'Control', 'z');
  assert.match(await textWhen(page, 'check:3', /fails/), /fails/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a live code is replaced by a new record linked to it, and the old one stays in the history as expired', async () => {
  const { context, page, problems } = await openWith(renewProgram(), '#/spark/5');
  assert.equal(await textWhen(page, 'status', 'live'), 'live');

  // The paid round's ratios: CTR 2,000 / 150,000 = 1.33 %, CPA 400 / 16 = $25.00, ROAS 560 / 400 = 1.40.
  assert.equal(await text(page, 'round 1 CTR'), '1.33 %');
  assert.equal(await text(page, 'round 1 CPA'), '$25.00');
  assert.equal(await text(page, 'round 1 ROAS'), '1.40');
  // Its own margin: 560 - 8 x 16 - 15 % x 560 - (2 + 3) x 16 - 400 = 560 - 128 - 84 - 80 - 400 = -132.
  assert.equal(await text(page, 'code margin'), 'Margin of its paid rounds: -$132.00');
  // The organic baseline leaves the round out: (100 - 16) / (3,000 - 2,000) = 8.4 %.
  assert.equal(await text(page, 'organic baseline'),
               "Organic baseline: 8.4 % = 84 orders / 1,000 clicks, the post's numbers less its paid rounds' 16 orders and 2,000 clicks");
  assert.match(await text(page, 'kill verdict'), /^Kill suggested: paid conversion 0\.8 % on 2,000 clicks < 1 %/);

  await click(page, 'Extend or replace');
  await scrollTo(page, 'Extend or replace', 'Replace');
  await retype(page, 'New code', '#NewCodeMnOpQr5566778899=');
  await retype(page, 'New code generated', plusDays(0));
  await retype(page, 'New code length (days)', '400');
  await click(page, 'Replace');
  assert.equal(await textWhen(page, 'error:new_days', /365/), 'A Spark Code is valid 7 to 365 days (this one: 400).');
  await retype(page, 'New code length (days)', '60');
  await scrollTo(page, 'New code length (days)', 'Replace');
  await click(page, 'Replace');
  await waitSaved(page);
  const p = await program(page);
  assert.equal(p.spark_codes.length, 5);
  const next = p.spark_codes.find((c) => c.replaces_id === 5);
  assert.ok(next, 'a new record replaces code 5');
  assert.equal(next.code, '#NewCodeMnOpQr5566778899=');
  assert.equal(next.status, 'received');
  assert.equal(next.auth_start, plusDays(0));
  assert.equal(next.duration_days, 60);
  assert.equal(next.post_id, 3);
  assert.equal(next.renewal_owner, 'Dana (paid media)');
  assert.deepEqual(next.rounds, []);
  const old = p.spark_codes.find((c) => c.id === 5);
  assert.equal(old.status, 'expired');
  assert.equal(old.history.at(-1).what, `replaced by Spark Code ${next.id}`);
  assert.equal(old.rounds.length, 1, 'the old rounds stay with the old code');
  // The panel follows to the new code, which links back to the old one.
  await page.waitForFunction((id) => window.location.hash === `#/spark/${id}`, next.id, { timeout: 5000 });
  await scrollTo(page, 'Extend or replace', 'status', -120);
  assert.equal(await textWhen(page, 'status', 'received'), 'received');
  await click(page, 'Replaces code 5');
  assert.equal(await textWhen(page, 'status', 'expired'), 'expired');
  await screenshot(page, 'spark-replaced');
  // Kept after a reload.
  await reload(page);
  assert.equal((await program(page)).spark_codes.find((c) => c.id === 5).status, 'expired');
  assert.deepEqual(problems, []);
  await context.close();
});
