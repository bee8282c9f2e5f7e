// Takes a screenshot of the running app in headless Chromium, e.g. for the README:
//   npm run build && npx vite preview --port 4173 &   then
//   node scripts/screenshot.mjs http://127.0.0.1:4173/ docs/screenshot.png [--full] [--width=1280]
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findBrowser } from './find-browser.mjs';

const [url = 'http://127.0.0.1:4173/', out = 'docs/screenshot.png', ...flags] = process.argv.slice(2);
const width = Number(flags.find((f) => f.startsWith('--width='))?.slice(8) ?? 1280);
const height = Number(flags.find((f) => f.startsWith('--height='))?.slice(9) ?? 900);

const found = findBrowser();
if (!found) {
  console.error(HOW_TO_GET_A_BROWSER);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme: 'light' });
  await page.goto(url);
  await page.getByRole('heading', { name: /^Report/ }).waitFor();
  if (flags.includes('--open-editor')) await page.getByText('Edit the scenario JSON').click();
  await page.screenshot({ path: out, fullPage: flags.includes('--full') });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
