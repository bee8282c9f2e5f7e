// Screenshots of the cluster view harness (run `npx vite --port 5180` first):
//   node src/view/dev/shoot.mjs [outDir]
// Debian Chromium at /usr/bin/chromium (or $CHROMIUM_PATH), headless.
import process from 'node:process';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const out = process.argv[2] ?? 'test-results/view';
mkdirSync(out, { recursive: true });
const base = process.env.HARNESS_URL ?? 'http://127.0.0.1:5180/src/view/dev/harness.html';
const shots = (process.env.SHOTS ?? '').split(';').filter(Boolean);
const defaults = [];
for (const [w, h] of [[1280, 720], [1920, 1080]]) {
  for (const [b, p] of [[3, 3], [9, 24]]) {
    for (const theme of ['light', 'dark']) defaults.push(`${w}x${h}:brokers=${b}&partitions=${p}&theme=${theme}`);
  }
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
for (const shot of shots.length > 0 ? shots : defaults) {
  const [size, query] = shot.split(':');
  const [width, height] = size.split('x').map(Number);
  const page = await browser.newPage({ viewport: { width, height } });
  page.on('pageerror', (e) => console.error('pageerror', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('console', m.text()));
  await page.goto(`${base}?${query}`);
  await page.waitForFunction(() => window.harnessReady === true, null, { timeout: 20000 });
  const file = `${out}/${size}-${query.replace(/[&=,]/g, '_')}.png`;
  await page.screenshot({ path: file });
  console.log(file, (await page.evaluate(() => window.benchResult)) ?? '');
  await page.close();
}
await browser.close();
