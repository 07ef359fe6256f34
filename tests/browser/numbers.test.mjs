// Numbers the rules compute are shown where the decision is made: a product's contribution
// margin on the products screen, the budget for every program month and the first 90 days on
// the settings screen, a creator's content velocity against agreed output on the creator screen,
// and the repeat purchase rate by 60-day cohort on the performance screen. Every figure below is
// worked out by hand from docs/rules.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, text, textWhen, waitSaved, settle, screenshot, useBrowser, plusDays } from './lib.mjs';

const app = useBrowser();

// The review week starts on Monday (week_start 0): W is this week's Monday, n days from today.
const W = -((new Date().getDay() + 6) % 7);
const fromWeek = (n) => plusDays(W + n);

// The program started 45 days ago: month 1 is days -45 to -16, month 2 days -15 to 14.
// @thu.ha (15 % commission, $800 a post, 4 posts a month agreed) posted the serum twice: three
// days before this week (in month 2) and 17 days before it (in month 1), the second with the
// $120 sample shipped 40 days ago. A Spark Code on the first post ran one paid round of $250
// three days ago. Two older posts without a product hold the buyers of a closed cohort.
function numbersProgram() {
  return {
    format: 'spark-roster', version: 1,
    settings: { program_start: plusDays(-45), week_start: 0, currency: 'USD' },
    creators: [
      { id: 1, handle: 'thu.ha', display_name: 'Thu Hà 🌿', followers: 650000, status: 'active', categories: ['Skincare'],
        agreed_posts_per_month: 4, commission_rate: 0.15, flat_fee: 800 },
    ],
    products: [
      { id: 3, sku: 'SERUM-30', name: 'Tinh chất Serum 30ml', price: 34, unit_cost: 8, shipping_subsidy: 2, usual_discount: 0 },
    ],
    samples: [
      { id: 40, creator_id: 1, product_id: 3, requested: plusDays(-44), shipped: plusDays(-40), delivered: plusDays(-37),
        cost: 120, status: 'posted' },
    ],
    posts: [
      { id: 30, creator_id: 1, product_id: 3, tiktok_ref: '7312345678901234000', published: fromWeek(-3), views: 12000,
        clicks: 300, orders: 10, units: 10, gmv: 340, commission: 51, creator_fee: 800, fee_by_hand: true },
      { id: 32, creator_id: 1, product_id: 3, sample_id: 40, tiktok_ref: '7312345678901234001', published: fromWeek(-17),
        views: 6000, clicks: 150, orders: 5, units: 5, gmv: 170, commission: 25.5, creator_fee: 800, fee_by_hand: true },
      { id: 33, creator_id: 1, tiktok_ref: '7312345678901234002', published: fromWeek(-90), buyers: 40, repeat_buyers_60d: 6,
        creator_fee: 0, fee_by_hand: true },
      { id: 34, creator_id: 1, tiktok_ref: '7312345678901234003', published: fromWeek(-100), buyers: 10, repeat_buyers_60d: 0,
        creator_fee: 0, fee_by_hand: true },
    ],
    spark_codes: [
      { id: 50, code: '#SPARK+thuha30', creator_id: 1, post_id: 30, product_id: 3, requested: plusDays(-12),
        received: plusDays(-11), auth_start: plusDays(-10), duration_days: 30, status: 'live', verified_in_ads_manager: true,
        rounds: [{ date: plusDays(-3), spend: 250, impressions: 20000, clicks: 400, orders: 2, gmv: 68 }] },
    ],
    next_id: 100,
  };
}

async function openWith(hash) {
  const context = await app.chrome.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const { page, problems } = await openApp(context, app.url + '#/roster');
  await waitSaved(page);
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(numbersProgram()));
  assert.deepEqual(r, { ok: true, error: null }, 'the program loads');
  await settle(page);
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
  return { context, page, problems };
}

test('the products screen shows each product\'s contribution margin with every cost taken off', async () => {
  const { context, page, problems } = await openWith('#/products');
  // GMV 340 + 170 = 510; goods 8 x 15 units = 120; commission 51 + 25.50 = 76.50; fees 2 x 800
  // = 1,600; ad spend 250; shipping subsidy 2 x 15 orders = 30; the sample 120:
  // 510 - 120 - 76.50 - 1,600 - 250 - 30 - 120 = -1,686.50.
  assert.equal(await textWhen(page, 'product margin:SERUM-30', /\$/), '-$1,686.50');
  await screenshot(page, 'numbers-products');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the settings screen shows the spend of every program month and of the first 90 days against the build-stage band', async () => {
  const { context, page, problems } = await openWith('#/settings');
  // Month 1: the sample shipped on day -40 ($120) and the post of day W-17 ($800) = $920.
  // Month 2: the post of day W-3 ($800) and the paid round of day -3 ($250) = $1,050.
  // Commission is paid from revenue: not budget spend. The band is 8,000-15,000 a month.
  assert.equal(await textWhen(page, 'budget months', /month 2/),
               `month 1 (${plusDays(-45)} to ${plusDays(-16)}): spent $920.00 vs $8,000.00 - $15,000.00 (under); ` +
               `month 2 (${plusDays(-15)} to ${plusDays(14)}): spent $1,050.00 vs $8,000.00 - $15,000.00 (under)`);
  // Two of the three months begun: 2 x the band.
  assert.equal(await text(page, 'budget first 90 days'),
               `first 90 days (2 of 3 months so far, ${plusDays(-45)} to ${plusDays(14)}): spent $1,970.00 ` +
               'vs $16,000.00 - $30,000.00 (under)');
  await screenshot(page, 'numbers-budget');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the creator screen shows content velocity week by week against the agreed output', async () => {
  const { context, page, problems } = await openWith('#/creator/1');
  // The 12 full weeks before this one, oldest first: the post of W-17 in the third week back,
  // the post of W-3 in the last. 2 posts / 12 weeks = 0.17 a week; 4 a month agreed = 1 a week;
  // the last four weeks hold both: 2 of 4, 50 %.
  assert.equal(await textWhen(page, 'creator velocity weeks', /,/), '0,0,0,0,0,0,0,0,0,1,0,1');
  assert.equal(await text(page, 'creator velocity'),
               'Posts a week, last 12 full weeks: 0.2 on average against 1 agreed (4 a month); last 4 weeks 2 of 4 (50 %)');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the performance screen shows the repeat purchase rate as six closed 60-day cohorts, oldest first', async () => {
  const { context, page, problems } = await openWith('#/performance');
  const line = await textWhen(page, 'repeat cohorts', /cohort/);
  const cohorts = line.replace(/^Repeat purchase rate by 60-day cohort \(posts published; oldest first\): /, '').split('; ');
  assert.equal(cohorts.length, 6);
  // The newest closed cohort ends 60 days before the review day (this week's Monday): posts of
  // W-120 to W-61. It holds the posts of W-90 and W-100: 6 repeat buyers of 40 + 10 = 12 %.
  assert.equal(cohorts[5], `${fromWeek(-120)} to ${fromWeek(-61)} 12 % (6 of 50)`);
  assert.equal(cohorts[4], `${fromWeek(-180)} to ${fromWeek(-121)} no buyers`);
  assert.equal(cohorts[0], `${fromWeek(-420)} to ${fromWeek(-361)} no buyers`);
  assert.deepEqual(problems, []);
  await context.close();
});
