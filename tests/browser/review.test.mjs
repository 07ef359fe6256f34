// The weekly review is the home screen: its actions link to their records and the browser's
// back button returns; the performance screen flags a metric with its reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, typeInto, rect, text, textWhen, waitSaved, screenshot, pngStats,
         settle } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

// The actions drawn on screen, tagged "action:<index>" with their titles.
async function visibleActions(page) {
  return page.evaluate(() => {
    const out = [];
    for (let i = 0; i < 200; i++) {
      const t = window.sparkRoster.widgetText('action:' + i);
      if (t !== null) out.push({ index: i, title: t });
    }
    return out;
  });
}

const hash = (page) => page.evaluate(() => location.hash);

test('the weekly review is the home screen and lists the expiring Spark Code first', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  assert.ok(await rect(page, 'Weekly review'), 'the review has a tab');
  const count = await textWhen(page, 'review:count', /^\d[\d,]* actions?$/);
  assert.match(count, /^\d[\d,]* actions?$/);
  assert.ok(parseInt(count.replace(/,/g, ''), 10) > 0, count);
  assert.match(await text(page, 'review:phase'), /^Phase: month \d/);
  assert.match(await text(page, 'review:budget'), /spent .* vs /);

  const actions = await visibleActions(page);
  assert.ok(actions.length > 0, 'action lines are drawn');
  const expiry = actions.find((a) => /Spark Code expires (today|in \d+ days?)/.test(a.title));
  assert.ok(expiry, `a Spark Code expiry action is listed: ${JSON.stringify(actions.map((a) => a.title))}`);
  // The sample's live code expires 5 days after the day it was made, whatever the weekday.
  assert.match(expiry.title, /^@glowwithmaya: Spark Code expires in 5 days$/);
  assert.equal(actions[0].title, expiry.title, 'the most urgent action comes first');

  // Both charts are drawn with their numbers.
  assert.equal((await text(page, 'chart:velocity')).split(',').length, 12, '12 weeks of velocity');
  assert.match(await text(page, 'chart:margin'), /@\w+ GMV \$[\d,]+ margin -?\$/);

  const { buf } = await screenshot(page, 'review-1280x800');
  assert.ok(pngStats(buf).colors > 20);
  assert.deepEqual(problems, []);
  await context.close();
});

test('clicking an action opens its record, and the back button returns to the review', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/review');
  await waitSaved(page);
  const actions = await visibleActions(page);
  const expiry = actions.find((a) => /Spark Code expires/.test(a.title));
  assert.ok(expiry);
  await click(page, 'action:' + expiry.index);
  await page.waitForFunction(() => /^#\/spark\/\d+$/.test(location.hash), null, { timeout: 5000 });
  const codeId = Number((await hash(page)).split('/')[2]);
  const p = JSON.parse(await page.evaluate(() => window.sparkRoster.exportJson()));
  const code = p.spark_codes.find((c) => c.id === codeId);
  assert.ok(code, `#/spark/${codeId} is a Spark Code`);
  assert.equal(p.creators.find((c) => c.id === code.creator_id).handle, 'glowwithmaya');

  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/review', null, { timeout: 5000 });
  await settle(page);
  assert.ok(await text(page, 'review:count'), 'the review is drawn again');

  // A creator's flag opens the creator.
  const flag = (await visibleActions(page)).find((a) => /^@[\w.]+: (replace|conversion rate|commission-to-revenue)$/.test(a.title));
  assert.ok(flag, 'a creator-level action is on screen');
  await click(page, 'action:' + flag.index);
  await page.waitForFunction(() => /^#\/creator\/\d+$/.test(location.hash), null, { timeout: 5000 });
  const creatorId = Number((await hash(page)).split('/')[2]);
  assert.equal('@' + p.creators.find((c) => c.id === creatorId).handle, flag.title.split(':')[0]);
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/review', null, { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('performance flags a metric in colour with its reason on hover, at creator and post level', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  await click(page, 'Performance');
  await page.waitForFunction(() => location.hash === '#/performance', null, { timeout: 5000 });
  assert.match(await textWhen(page, 'performance:count', /creators$/), /^\d+ of \d+ creators$/);

  // @glowwithmaya's conversion is flagged under 1 % on enough clicks (100 at least, docs/rules.md,
  // section 4). The sample program's posts are dated from today, so the figures move with the
  // day the test runs: the reason is read back and its numbers checked, not pinned.
  const reason = await text(page, 'flag:@glowwithmaya:conversion rate');
  const m = reason.match(/^conversion (\d+(?:\.\d+)?) % < 1 % on ([\d,]+) clicks$/);
  assert.ok(m, `a conversion reason in words and numbers, got ${JSON.stringify(reason)}`);
  assert.ok(Number(m[1]) < 1, `conversion ${m[1]} % is under the 1 % threshold`);
  assert.ok(Number(m[2].replace(/,/g, '')) >= 100, `${m[2]} clicks are enough data to flag`);
  const cell = await rect(page, 'flag:@glowwithmaya:conversion rate');
  await page.mouse.move(cell.x + cell.width / 2, cell.y + cell.height / 2);
  await settle(page);
  assert.equal(await textWhen(page, 'tooltip', reason), reason, 'the reason shows on hover');
  await screenshot(page, 'performance-1280x800');

  // The filter narrows the rows.
  await typeInto(page, 'Filter', 'glowwith');
  assert.match(await textWhen(page, 'performance:count', /^1 of/), /^1 of \d+ creators$/);
  assert.ok(await rect(page, '@glowwithmaya'));
  await click(page, 'Filter');
  for (let i = 0; i < 10; i++) await page.keyboard.press('Backspace', { delay: 30 }).then(() => settle(page));
  await page.mouse.move(5, 5);
  await settle(page);

  // Post level: every post, a flag with its reason.
  await click(page, 'Post level');
  const posts = await textWhen(page, 'performance:count', /posts$/);
  assert.match(posts, /^(\d+) of \1 posts$/, 'the filter was cleared: every post is listed');
  assert.match(await text(page, 'performance:first-flag'), /(<|>|outside)/);
  await screenshot(page, 'performance-posts-1280x800');
  assert.deepEqual(problems, []);
  await context.close();
});
