// Briefs, Products, Samples and Settings driven like a person: clicks and typing on the
// canvas, what the screen says checked through the page API, kept across a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, typeInto, rect, text, textWhen, waitSaved, program, screenshot, settle, reload, shown } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

async function fresh() {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  return { context, page, problems };
}

// Clicks a widget that appears a frame or two after the input that opens it (a combo's items):
// click() waits for the app to settle and for the widget to be drawn.
const clickWhenShown = click;

// Types into a field and checks what the screen made of it (a tagged text that follows the
// field); a keystroke lost by the headless browser between frames is typed again.
async function typeChecked(page, label, value, tag, expected) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await typeInto(page, label, value);
    if ((await textWhen(page, tag, expected)) === expected) return;
  }
  assert.equal(await text(page, tag), expected, `${label} reads "${value}"`);
}

// The message sits under the field it is about, within a few rows.
function assertUnder(field, message, what) {
  assert.ok(field && message, `${what}: both drawn`);
  assert.ok(message.y >= field.y + field.height - 1, `${what}: the message is under the field`);
  assert.ok(message.y - (field.y + field.height) < field.height * 3, `${what}: and close to it`);
}

test('a brief built by typing shows each part\'s errors and warnings next to it and is kept after a reload', async () => {
  const { context, page, problems } = await fresh();
  const before = (await program(page)).briefs.length;
  await click(page, 'Briefs');
  await screenshot(page, 'briefs-list');
  await click(page, 'New brief');
  assert.match(await textWhen(page, 'brief:share-status', /^Fix \d+ errors before sharing$/), /^Fix \d+ errors before sharing$/);

  await typeChecked(page, 'Title', 'Cleanser first week', 'Title', 'Cleanser first week');
  await click(page, 'Product');
  await clickWhenShown(page, 'Gentle Gel Cleanser 150 ml (LS-CLN-150)');
  await typeChecked(page, 'Truth 1', 'fragrance-free', 'checklist:truth-1', 'Show or say: fragrance-free');
  await typeChecked(page, 'What to show', 'day 1 and day 7 in the same light', 'checklist:proof',
                    'Show a demonstration: day 1 and day 7 in the same light');

  // A passive call to action: a warning with the suggestion, right under the field.
  await typeChecked(page, 'Call to action', 'link in bio', 'checklist:cta', 'Close with: "link in bio"');
  const cta = await textWhen(page, 'brief:warning:cta', /passive/);
  assert.match(cta, /"link in bio" is passive/);
  assert.match(cta, /grab it from my TikTok Shop/);
  assertUnder(await rect(page, 'Call to action'), await rect(page, 'brief:warning:cta'), 'call to action');

  // Nothing in "what not to say": an error that blocks sharing.
  const dont = await textWhen(page, 'brief:error:dont', /at least one thing not to say/);
  assert.match(dont, /at least one thing not to say/);
  assert.equal(await text(page, 'brief:share-status'), 'Fix 1 error before sharing');
  await typeChecked(page, 'Do not say 1', 'cures acne', 'checklist:dont-1', 'Do not say: cures acne');
  assert.equal(await textWhen(page, 'brief:share-status', 'Ready to share'), 'Ready to share');
  assert.equal(await text(page, 'brief:error:dont'), null);

  // A third product truth: a warning, a brief is not a feature list.
  assert.equal(await text(page, 'brief:warning:truths'), null);
  await click(page, 'Add product truth');
  await shown(page, 'Truth 2');
  await typeChecked(page, 'Truth 2', 'low pH', 'checklist:truth-2', 'Show or say: low pH');
  assert.equal(await text(page, 'brief:warning:truths'), null, 'two truths are fine');
  await click(page, 'Add product truth');
  await shown(page, 'Truth 3');
  await typeChecked(page, 'Truth 3', 'vegan', 'checklist:truth-3', 'Show or say: vegan');
  assert.match(await textWhen(page, 'brief:warning:truths', /3 product truths/), /not a feature list/);
  assert.equal(await text(page, 'brief:share-status'), 'Ready to share', 'warnings do not block sharing');
  await screenshot(page, 'briefs-builder');

  await click(page, 'Save brief');
  assert.equal(await textWhen(page, 'brief:save-state', 'Brief added.'), 'Brief added.');
  await waitSaved(page);
  await reload(page);
  const p = await program(page);
  assert.equal(p.briefs.length, before + 1);
  const b = p.briefs.find((x) => x.title === 'Cleanser first week');
  assert.ok(b, 'the brief was saved and reloaded');
  assert.equal(b.call_to_action, 'link in bio');
  assert.deepEqual(b.do_not_say, ['cures acne']);
  assert.deepEqual(b.product_truths, ['fragrance-free', 'low pH', 'vegan']);
  assert.equal(b.product_id, p.products.find((x) => x.sku === 'LS-CLN-150').id);
  // The reload keeps the place: the builder with the same brief and its warning.
  assert.equal(new URL(page.url()).hash, `#/brief/${b.id}`);
  assert.match(await textWhen(page, 'brief:warning:cta', /passive/), /passive/);

  // Duplicate, then delete the copy after confirming; undo would bring it back.
  await click(page, 'Duplicate brief');
  assert.match(await textWhen(page, 'brief:save-state', /Duplicated/), /Duplicated as "Cleanser first week \(copy\)"/);
  assert.equal((await program(page)).briefs.length, before + 2);
  await click(page, 'Delete');
  await clickWhenShown(page, 'Delete brief');
  assert.match(await textWhen(page, 'notice', /Undo brings it back/), /Deleted "Cleanser first week \(copy\)"/);
  assert.equal((await program(page)).briefs.length, before + 1);
  await waitSaved(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a product with a negative price is refused with the reason under the field', async () => {
  const { context, page, problems } = await fresh();
  const before = (await program(page)).products.length;
  await click(page, 'Products');
  await typeInto(page, 'SKU', 'NEG-1');
  await typeInto(page, 'Name', 'Sheet mask 5-pack');
  await typeInto(page, 'Price', '-5');
  await click(page, 'Add product');
  assert.equal(await textWhen(page, 'error:price', 'Price cannot be negative.'), 'Price cannot be negative.');
  assertUnder(await rect(page, 'Price'), await rect(page, 'error:price'), 'price');
  await screenshot(page, 'products-refused');
  assert.equal((await program(page)).products.length, before, 'nothing was added');

  await typeInto(page, 'Price', '12.50');
  await click(page, 'Add product');
  assert.equal(await textWhen(page, 'notice', 'Added NEG-1.'), 'Added NEG-1.');
  assert.equal(await text(page, 'error:price'), null);
  await waitSaved(page);
  await reload(page);
  const added = (await program(page)).products.find((x) => x.sku === 'NEG-1');
  assert.ok(added);
  assert.equal(added.price, 12.5);
  await screenshot(page, 'products');
  assert.deepEqual(problems, []);
  await context.close();
});

test('samples show the posting rate against the industry range and follow-ups that link to the creator', async () => {
  const { context, page, problems } = await fresh();
  await click(page, 'Samples');
  const rate = await textWhen(page, 'samples:posting-rate', /^Posting rate: /);
  assert.match(rate, /Posting rate: [\d.]+ % \(\d+ of \d+ delivered samples led to a post\)/);
  await screenshot(page, 'samples');
  const who = await text(page, 'followup:0');
  assert.match(who ?? '', /^@/, 'the sample program has a no-post follow-up');
  await click(page, 'followup:0');
  const p = await program(page);
  const creator = p.creators.find((c) => '@' + c.handle === who);
  await page.waitForFunction((h) => location.hash === h, `#/creator/${creator.id}`, { timeout: 5000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a changed conversion flag threshold is saved and kept after a reload; a bad one is refused', async () => {
  const { context, page, problems } = await fresh();
  await click(page, 'Settings');
  await typeInto(page, 'Conversion flag %', '150');
  assert.equal(await textWhen(page, 'error:conversion_flag', /between 0 % and 100 %/),
               'The conversion flag must be between 0 % and 100 %.');
  assertUnder(await rect(page, 'Conversion flag %'), await rect(page, 'error:conversion_flag'), 'conversion flag');
  await click(page, 'Save settings');
  assert.equal((await program(page)).settings.conversion_flag, 0.01, 'a refused value is not saved');

  await typeInto(page, 'Conversion flag %', '2');
  assert.equal(await text(page, 'error:conversion_flag'), null);
  await click(page, 'Save settings');
  assert.equal(await textWhen(page, 'settings:status', 'Settings saved.'), 'Settings saved.');
  await waitSaved(page);
  await reload(page);
  assert.ok(Math.abs((await program(page)).settings.conversion_flag - 0.02) < 1e-9);
  await screenshot(page, 'settings');

  // Reset to defaults asks first, and undo brings the saved value back.
  await click(page, 'Reset to defaults');
  await clickWhenShown(page, 'Reset settings');
  await textWhen(page, 'settings:status', /reset to defaults/);
  assert.equal((await program(page)).settings.conversion_flag, 0.01);
  await click(page, 'Undo');
  assert.ok(Math.abs((await program(page)).settings.conversion_flag - 0.02) < 1e-9);
  assert.deepEqual(problems, []);
  await context.close();
});
