// The app in a real browser: it loads clean, draws, keeps what a person typed across a
// reload, and refuses bad input with its reason on screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, openApp, click, typeInto, rect, text, waitSaved, program, screenshot,
         pngStats, settle, textWhen } from './lib.mjs';

let server, url, chrome;
before(async () => {
  ({ server, url } = await startServer());
  chrome = await launch();
});
after(async () => {
  await chrome?.close();
  server?.close();
});

test('the page loads without console errors and shows the sample program on a first visit', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const p = await program(page);
  assert.equal(p.format, 'spark-roster');
  assert.ok(p.creators.length >= 30, `sample has ${p.creators.length} creators`);
  assert.ok(await rect(page, '@glowwithmaya'), 'a sample creator is drawn in the roster table');
  assert.equal(await text(page, 'save status'), 'Saved');
  const { buf } = await screenshot(page, 'roster-1x');
  const stats = pngStats(buf);
  assert.equal(stats.width, 1280);
  assert.ok(stats.colors > 20, `screenshot has ${stats.colors} colours: it is not blank`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a creator added by typing and clicking is still there after a reload', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const before = (await program(page)).creators.length;

  await typeInto(page, 'Handle', '@Fresh.Face');
  await typeInto(page, 'Display name', 'Fresh Face');
  await typeInto(page, 'Followers', '120,000');
  await click(page, 'Add creator');
  assert.equal(await textWhen(page, 'notice', 'Added @Fresh.Face.'), 'Added @Fresh.Face.');
  await waitSaved(page);

  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  await settle(page);
  const p = await program(page);
  assert.equal(p.creators.length, before + 1);
  const added = p.creators.find((c) => c.handle === 'Fresh.Face');
  assert.ok(added, 'the creator was saved and reloaded');
  assert.equal(added.followers, 120000);
  assert.equal(added.display_name, 'Fresh Face');

  // And a person sees it: filter the roster and find the row, tier 2 by followers.
  await typeInto(page, 'Filter', 'fresh');
  assert.ok(await rect(page, '@Fresh.Face'), 'the row is drawn after the reload');
  assert.equal(await rect(page, '@glowwithmaya'), null, 'the filter hides the other rows');
  await screenshot(page, 'roster-after-reload');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an invalid handle is refused with its reason next to the field, and nothing is saved', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const before = (await program(page)).creators.length;

  await typeInto(page, 'Handle', 'bad handle!');
  await typeInto(page, 'Followers', '5000');
  await click(page, 'Add creator');
  const why = await textWhen(page, 'error:handle', /may contain only letters, digits/);
  assert.match(why, /may contain only letters, digits/);
  const field = await rect(page, 'Handle');
  const message = await rect(page, 'error:handle');
  assert.ok(message.y >= field.y + field.height - 1 && message.y - (field.y + field.height) < field.height * 2,
            'the reason sits right under the field');

  // A handle already on the roster, written with another case and an @, is refused too.
  await typeInto(page, 'Handle', '@GlowWithMaya');
  await click(page, 'Add creator');
  const dup = '@glowwithmaya is already on the roster.';
  assert.equal(await textWhen(page, 'error:handle', dup), dup);

  // Followers must be a whole number.
  await typeInto(page, 'Handle', 'new.one');
  await typeInto(page, 'Followers', '12.5k');
  await click(page, 'Add creator');
  assert.match(await textWhen(page, 'error:followers', /whole number/), /whole number/);
  await screenshot(page, 'roster-refused');

  assert.equal((await program(page)).creators.length, before);
  assert.equal(await text(page, 'save status'), 'Saved');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page API imports a backup whole or refuses it with the reason', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await waitSaved(page);
  const bad = await page.evaluate(() => window.sparkRoster.importJson('{"format":"spark-roster","version":1,"creators":[{"id":1}]}'));
  assert.equal(bad.ok, false);
  assert.match(bad.error, /\$\.creators\[0\]\.handle: is required/);
  assert.ok((await program(page)).creators.length >= 30, 'a refused import changes nothing');

  const good = await page.evaluate(() => window.sparkRoster.importJson(JSON.stringify({
    format: 'spark-roster', version: 1, creators: [{ id: 1, handle: 'only.one', followers: 700000 }] })));
  assert.deepEqual(good, { ok: true, error: null });
  await page.reload();
  await page.evaluate(() => window.sparkRoster.ready);
  const p = await program(page);
  assert.deepEqual(p.creators.map((c) => c.handle), ['only.one']);
  await settle(page);
  assert.ok(await rect(page, '@only.one'));
  assert.deepEqual(problems, []);
  await context.close();
});

for (const dpr of [2, 3]) {
  test(`at devicePixelRatio ${dpr} the canvas draws at full resolution`, async () => {
    const context = await chrome.browser.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: dpr });
    const { page, problems } = await openApp(context, url);
    const size = await page.evaluate(() => ({ w: document.getElementById('canvas').width, css: innerWidth }));
    assert.equal(size.w, size.css * dpr);
    // Widgets keep their CSS size: a text row is about 16 CSS px of type whatever the ratio.
    const r = await rect(page, 'Handle');
    assert.ok(r.height > 20 && r.height < 40, `field height ${r.height} CSS px`);
    const { buf } = await screenshot(page, `roster-${dpr}x`);
    assert.equal(pngStats(buf).width, 1000 * dpr);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the layout follows a window resize', async () => {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await openApp(context, url);
  await page.setViewportSize({ width: 700, height: 900 });
  await settle(page);
  const size = await page.evaluate(() => document.getElementById('canvas').width);
  assert.equal(size, 700);
  // Too narrow for table and form side by side: the form moves under the table.
  const handle = await rect(page, 'Handle');
  const header = await rect(page, '@acnefreeava');  // the first row of the table
  assert.ok(handle && handle.x + handle.width <= 700, 'the form stays inside the narrower window');
  assert.ok(header && handle.y > header.y + header.height, 'the form sits under the table');
  await screenshot(page, 'roster-narrow');
  assert.deepEqual(problems, []);
  await context.close();
});
