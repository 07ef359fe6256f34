// The README's screenshots of the international program: the sample program with creators named
// in the scripts of TikTok Shop's markets (Vietnamese, Thai, Chinese, Cyrillic, Greek, Korean,
// Japanese, emoji), Thai compliance notes and a brief in four scripts, drawn by headless
// Chromium in the light and the dark theme, at devicePixelRatio 1 (the whole window), 2 (its
// top left 960 x 540 CSS px, so the file stays small) and 3 (640 x 360), and the shared brief on a phone (390 x
// 844 CSS px at devicePixelRatio 2), in both themes. The README shows a few of them
// (docs/screenshots/intl-*.png, copied from a run).
// Usage: node tools/screens.mjs [OUT_DIR [APP_DIR]]   (test-results/screens, build/web)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] || path.join(root, 'test-results/screens'));
if (process.argv[3]) process.env.SR_APP_DIR = path.resolve(process.argv[3]);
const { startServer, launch, openApp, settle, waitSaved, program, rect, textWhen } = await import('../tests/browser/lib.mjs');

const NAMES = ['Ngọc Trâm ✨', 'น้องมายด์', '小红', 'Олена Коваль', 'Ελένη Π.', '김민지', 'さくら🌸', 'Siti 💄',
               'Phương Lê Việt', 'Mai ❤️👍🏽'];
const THAI_NOTE = 'ที่นี่ขายดีที่สุด น้ำหอมกลิ่นนี้ ผู้ใหญ่ชอบมาก';

function international(p) {
  const first = [...p.creators].sort((a, b) => a.handle.localeCompare(b.handle)).slice(0, NAMES.length);
  first.forEach((c, i) => { c.display_name = NAMES[i]; });
  const thai = first[1];
  thai.compliance = [...(thai.compliance || []),
                     { id: 9001, date: '2026-11-02', kind: 'ไม่ได้ติดแท็กโฆษณา', note: THAI_NOTE, resolved: false }];
  for (const c of p.spark_codes) c.renewal_owner = 'คุณมายด์ 小红';
  p.products[0].name = 'Kem chống nắng Daily Mineral SPF 50';
  const brief = p.briefs.find((b) => b.request_spark_code);
  brief.title = 'ครีมกันแดด ☀️ 小红书 — Kem chống nắng';
  brief.opening_line = 'ผิวไม่แห้ง ไม่เหนียวเหนอะหนะ';
  brief.product_truths = ['กันน้ำ กันเหงื่อ ได้ทั้งวัน', 'Без запаха, подходит для чувствительной кожи'];
  brief.call_to_action = 'กดตะกร้าเลย 🛒';
  return { p, brief, thai };
}

fs.mkdirSync(out, { recursive: true });
const { server, url } = await startServer();
const chrome = await launch();
const written = [];

async function openProgram(theme, dpr, viewport = { width: 1280, height: 800 }, extra = {}) {
  const context = await chrome.browser.newContext({ viewport, deviceScaleFactor: dpr, colorScheme: theme, ...extra });
  const { page } = await openApp(context, url);
  await waitSaved(page);
  const made = international(await program(page));
  const r = await page.evaluate((t) => window.sparkRoster.importJson(t), JSON.stringify(made.p));
  if (!r.ok) throw new Error(r.error);
  await settle(page);
  return { context, page, ...made };
}

async function shot(page, name, clip) {
  await settle(page);
  const file = path.join(out, name + '.png');
  await page.screenshot({ path: file, clip });
  written.push(file);
}

async function go(page, hash) {
  await page.evaluate((h) => { window.location.hash = h; }, hash);
  await settle(page);
}

for (const [theme, dpr] of [['light', 1], ['dark', 1], ['light', 2], ['dark', 2], ['light', 3], ['dark', 3]]) {
  const { context, page, thai } = await openProgram(theme, dpr);
  const clip = dpr === 2 ? { x: 0, y: 0, width: 960, height: 540 } : dpr === 3 ? { x: 0, y: 0, width: 640, height: 360 } : undefined;
  await go(page, '#/roster');
  await shot(page, `intl-roster-${theme}-${dpr}x`, clip);
  await go(page, '#/creator/' + thai.id);
  await shot(page, `intl-creator-${theme}-${dpr}x`, clip);
  await go(page, '#/review');
  await shot(page, `intl-review-${theme}-${dpr}x`, clip);
  await context.close();
}

// The brand shares the brief; a creator opens it on a phone.
{
  const { context, page, brief } = await openProgram('light', 1);
  await go(page, '#/brief/' + brief.id);
  const r = await rect(page, 'Share');
  await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
  const link = await textWhen(page, 'brief:share-link', /#brief=/);
  await context.close();
  for (const theme of ['light', 'dark']) {
    const phone = await chrome.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
                                                    hasTouch: true, colorScheme: theme });
    const { page: p } = await openApp(phone, link);
    await textWhen(p, 'shared:title', brief.title);
    await shot(p, `intl-phone-brief-${theme}`);
    await phone.close();
  }
}

await chrome.close();
server.close();
for (const f of written) console.log(`${path.relative(root, f)}  ${(fs.statSync(f).size / 1024).toFixed(0)} KiB`);
