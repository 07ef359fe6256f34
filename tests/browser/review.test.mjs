// The weekly review is the home screen: its actions link to their records and the browser's
// back button returns; it is a to-do list (done, snoozed to a day, back again); the performance
// screen flags a metric with its reason; a status move the rules refuse says why.
import fs from 'node:fs';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, typeInto, rect, text, textWhen, waitSaved, screenshot, pngStats,
         settle, reload, program } from './lib.mjs';

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

// The review's day as the header shows it ("review:day": YYYY-MM-DD), and a day n days later.
const plusDays = (ymd, n) => {
  const t = new Date(ymd + 'T12:00:00Z');
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};
const goHash = async (page, h) => {
  await page.evaluate((x) => { location.hash = x; }, h);
  await page.waitForFunction((x) => location.hash === x, h, { timeout: 5000 });
  await settle(page);
};

test('a review action marked done is off the list, with who and when, and stays off after a reload', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  // Who marks it: the name set in Settings.
  await click(page, 'Settings');
  await typeInto(page, 'Your name', 'Ana');
  await click(page, 'Save settings');
  await textWhen(page, 'settings:status', 'Settings saved.');
  await click(page, 'Weekly review');
  await page.waitForFunction(() => location.hash === '#/review', null, { timeout: 5000 });
  await settle(page);

  // @glowwithmaya's actions are one line under the creator; opened, each has Done and Snooze.
  assert.match(await text(page, 'group:@glowwithmaya'), /^Spark Code expires in 5 days; /);
  await click(page, 'group:@glowwithmaya');
  const title = '@glowwithmaya: Spark Code expires in 5 days';
  const before = await textWhen(page, 'review:count', /actions?$/);
  await click(page, 'Done:' + title);
  await waitSaved(page);
  assert.ok(!(await visibleActions(page)).some((a) => a.title === title), 'the done action is off the list');
  assert.equal(parseInt(await text(page, 'review:count'), 10), parseInt(before, 10) - 1);
  assert.equal(await text(page, 'review:hidden'), '1');
  const mark = (await program(page)).review_marks[0];
  assert.equal(mark.state, 'done');
  assert.equal(mark.by, 'Ana');
  assert.equal(mark.on, await text(page, 'review:day'));
  assert.match(mark.action, /^spark_expires_soon\/\d+\/\d+\/0$/);
  assert.match(mark.numbers, /^expires \d{4}-\d\d-\d\d$/);

  await reload(page);
  assert.ok(await textWhen(page, 'review:count', /actions?$/));
  assert.ok(!(await visibleActions(page)).some((a) => a.title === title), 'still off the list after a reload');
  assert.equal(await text(page, 'review:hidden'), '1');
  await click(page, 'review:hidden');
  assert.equal(await text(page, 'hidden:0'), title);
  assert.match(await text(page, 'hidden-note:0'), /^done \d{4}-\d\d-\d\d by Ana$/);
  await screenshot(page, 'review-done-1280x800');

  // Back on the list, and undo takes it off again.
  await click(page, 'Reopen:' + title);
  await waitSaved(page);
  assert.equal(await text(page, 'review:hidden'), null, 'nothing is done or snoozed any more');
  assert.ok((await visibleActions(page)).some((a) => a.title === title), 'back on the list');
  await click(page, 'Undo');
  await waitSaved(page);
  assert.ok(!(await visibleActions(page)).some((a) => a.title === title), 'undo puts the mark back');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a snoozed action comes back on its day and not the day before (the review day set in the link)', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/review');
  await waitSaved(page);
  const today = await text(page, 'review:day');
  // The roster items are at the end, "For information": fold the sections above them.
  for (const s of ['Now', 'This week', 'Follow up', 'Opportunity']) {
    if (await rect(page, 'section:' + s)) await click(page, 'section:' + s);
  }
  const title = 'tier 1 nano/micro roster below target';
  assert.ok((await visibleActions(page)).some((a) => a.title === title), `"${title}" is listed`);
  await click(page, 'Snooze:' + title);
  await click(page, 'Snooze 1 week');
  await waitSaved(page);
  assert.ok(!(await visibleActions(page)).some((a) => a.title === title), 'snoozed: off the list');
  const mark = (await program(page)).review_marks[0];
  assert.equal(mark.state, 'snoozed');
  assert.equal(mark.until, plusDays(today, 7));
  assert.equal(mark.action, 'roster_target/0/0/1');

  // The day before it ends: still off the list.
  await goHash(page, '#/review?day=' + plusDays(today, 6));
  assert.equal(await text(page, 'review:day'), plusDays(today, 6));
  assert.ok(!(await visibleActions(page)).some((a) => a.title === title), 'not back the day before');
  assert.equal(await text(page, 'review:hidden'), '1');

  // On its day: back, saying why.
  await goHash(page, '#/review?day=' + plusDays(today, 7));
  const back = (await visibleActions(page)).find((a) => a.title === title);
  assert.ok(back, 'back on the day the snooze ends');
  assert.match(await text(page, 'note:' + back.index), new RegExp(`^back from a snooze: snoozed ${today} by someone until ${plusDays(today, 7)}$`));
  await screenshot(page, 'review-snooze-back-1280x800');

  // Back to today: snoozed again.
  await click(page, 'Back to today');
  await page.waitForFunction(() => location.hash === '#/review', null, { timeout: 5000 });
  await settle(page);
  assert.ok(!(await visibleActions(page)).some((a) => a.title === title));
  assert.deepEqual(problems, []);
  await context.close();
});

test('an illegal status move is refused with the reason next to the field, and a bulk change lists who cannot move', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url + '#/roster');
  await waitSaved(page);
  const status = async (h) => (await program(page)).creators.find((c) => c.handle === h).status;

  // @barefaceben is active: back to contacted is refused, naming what it can do.
  await click(page, '@barefaceben');
  await click(page, 'Status');
  await click(page, 'Contacted');
  await click(page, 'Save changes');
  const why = await textWhen(page, 'error:status', /cannot move/);
  assert.equal(why, 'A creator cannot move from active back to contacted. From active: paused or ended.');
  const field = await rect(page, 'Status');
  const error = await rect(page, 'error:status');
  assert.ok(error.y >= field.y + field.height - 1 && error.y - (field.y + field.height) < 40, 'the reason sits under the field');
  assert.ok(Math.abs(error.x - field.x) < 20, 'and lines up with it');
  assert.equal(await status('barefaceben'), 'active');
  await screenshot(page, 'roster-status-refused');

  // Bulk: @cozyselfcare (contacted) can become seeded, @barefaceben (active) cannot.
  await click(page, 'select @barefaceben');
  await click(page, 'select @cozyselfcare');
  await click(page, 'Bulk status');
  await click(page, 'Seeded');
  assert.equal(await textWhen(page, 'bulk:cannot', /cannot become seeded/),
               '1 of 2 cannot become seeded: @barefaceben is active (can move to paused or ended).');
  await click(page, 'Apply to ticked');
  assert.equal(await textWhen(page, 'bulk:error', /@barefaceben/),
               '@barefaceben: A creator cannot move from active back to seeded. From active: paused or ended.');
  assert.equal(await status('cozyselfcare'), 'contacted', 'a refused bulk change changes nothing');
  await click(page, 'Apply to those that can');
  await waitSaved(page);
  assert.equal(await status('cozyselfcare'), 'seeded');
  assert.equal(await status('barefaceben'), 'active');
  assert.deepEqual(problems, []);
  await context.close();
});

test("the review's items are copied as text grouped by creator, and exported as CSV with their state", async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page, problems } = await openApp(context, url + '#/review');
  await waitSaved(page);
  const count = parseInt((await textWhen(page, 'review:count', /actions?$/)).replace(/,/g, ''), 10);
  await click(page, 'Copy as text');
  assert.equal(await text(page, 'review:notice'), `Copied ${count} actions as text.`);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^Weekly review: .*, week \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d, as of \d{4}-\d\d-\d\d\n/);
  assert.match(copied, new RegExp(`\\nTo do: ${count} actions \\(\\d+ creators, \\d+ other\\); done or snoozed: 0\\n`));
  assert.match(copied, /\nNOW\n@glowwithmaya \(\d+ actions\)\n {2}- Spark Code expires in 5 days\n {6}why: Spark Code of @glowwithmaya expires in 5 days/);

  // Mark one done, then export: every action, the open ones first, the done one last.
  await click(page, 'group:@glowwithmaya');
  await click(page, 'Done:@glowwithmaya: Spark Code expires in 5 days');
  await waitSaved(page);
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), click(page, 'Export CSV:weekly-review')]);
  const day = await text(page, 'review:day');
  assert.equal(d.suggestedFilename(), `weekly-review-${day}.csv`);
  const body = fs.readFileSync(await d.path()).toString('utf8').replace(/^\uFEFF/, '');
  const lines = body.trimEnd().split('\r\n');
  assert.equal(lines[0], 'Urgency,Creator,Action,Why,Do,Owner,State,Mark,Action id');
  assert.equal(lines.length, 1 + count, 'one row per action, done ones included');
  // As listed: by creator (each creator's rows together), the most urgent first.
  assert.match(lines[1], /^Now,/);
  const creators = lines.slice(1, -1).map((l) => l.split(',')[1]).filter((c) => c !== '');
  for (const c of new Set(creators)) {
    const at = creators.map((x, i) => (x === c ? i : -1)).filter((i) => i >= 0);
    assert.equal(at[at.length - 1] - at[0] + 1, at.length, `the rows of @${c} are together`);
  }
  assert.match(lines[lines.length - 1], new RegExp(`^Now,glowwithmaya,Spark Code expires in 5 days,.*,done,done ${day} by someone,spark_expires_soon/\\d+/\\d+/0$`));
  assert.deepEqual(problems, []);
  await context.close();
});
