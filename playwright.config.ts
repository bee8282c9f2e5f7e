import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, HOW_TO_GET_A_BROWSER, findBrowser } from './scripts/find-browser.mjs';

// Browsers cannot be downloaded everywhere (`npx playwright install` may fail), so the tests run
// in whichever Chromium is there: Playwright's own if installed, else Debian's /usr/bin/chromium.
const browser = findBrowser();
if (!browser) throw new Error(HOW_TO_GET_A_BROWSER);

// E2E_PORT lets several checkouts run their e2e suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: browser.path, args: [...CHROMIUM_ARGS] },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx vite build && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  },
});
