// Quick look: node tests/browser/shot.mjs URL OUT.png [width height dpr]
import { chromium } from 'playwright-core';
const [url, out, w = '1280', h = '800', dpr = '1'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h }, deviceScaleFactor: +dpr });
page.on('console', m => console.log('console.' + m.type() + ':', m.text()));
page.on('pageerror', e => console.log('pageerror:', e.message));
await page.goto(url);
await page.evaluate(() => window.sparkRoster.ready);
await page.evaluate(() => window.sparkRoster.idle());
await page.screenshot({ path: out });
await browser.close();
