// Screenshots of the playground's main states, to look at (and for the README):
//   npm run build && npx vite preview --port 4173 &   then
//   node scripts/screenshot.mjs [http://127.0.0.1:4173/] [out-dir=screenshots] [--quick]
// Each state at 1280×720 (a projector), 1920×1080 and 390×844 (a phone), in English and 简体中文,
// light and dark. --quick: 1280×720 only.
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findBrowser } from './find-browser.mjs';

const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const [url = 'http://127.0.0.1:4173/', out = 'screenshots'] = args.filter((a) => !a.startsWith('--'));
const sizes = flags.includes('--quick') ? [[1280, 720]] : [[1280, 720], [1920, 1080], [390, 844]];
const states = [
  { name: 'sandbox', query: 'scenario=sandbox&t=8000' },
  { name: 'acks1-lost', query: 'scenario=acks1-leader-crash&t=40000', tab: null },
  { name: 'groups-tables', query: 'scenario=two-groups-pubsub&t=20000', tab: { en: 'Tables', 'zh-CN': '表格' } },
];

const found = findBrowser();
if (!found) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
try {
  for (const [width, height] of sizes) {
    for (const lang of ['en', 'zh-CN']) {
      for (const theme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport: { width, height }, colorScheme: theme });
        for (const state of states) {
          await page.goto(`${url}?${state.query}&lang=${lang}&theme=${theme}`);
          const t = Number(/t=(\d+)/.exec(state.query)[1]);
          await page.locator('.clock-time').filter({ hasText: (t / 1000).toFixed(3) }).waitFor({ timeout: 60_000 });
          if (state.tab) await page.getByRole('tab', { name: state.tab[lang] }).click();
          await page.waitForTimeout(300);
          const path = `${out}/${state.name}-${width}x${height}-${lang}-${theme}.png`;
          await page.screenshot({ path, fullPage: flags.includes('--full') });
          console.log(`wrote ${path}`);
        }
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
}
