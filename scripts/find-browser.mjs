// Finds a Chromium for the end-to-end tests. Shared by playwright.config.ts and
// scripts/ensure-browser.sh, so both agree on which browser is used.
//
// Order: $CHROMIUM_PATH (if set), Playwright's own Chromium (after `npx playwright install
// chromium`), then Debian's /usr/bin/chromium (`apt-get install -y chromium`).
//
// Run directly (`node scripts/find-browser.mjs`) it prints the path and exits 0, or prints how to
// get a browser and exits 1.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Flags for a headless Chromium on a machine with no network but loopback, running as root. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--disable-sync',
  '--no-first-run',
];

export const HOW_TO_GET_A_BROWSER = [
  'No Chromium found for the end-to-end tests. Get one either way:',
  '  npx playwright install chromium      (where browser downloads work)',
  '  apt-get install -y chromium          (Debian, as root; or run: bash scripts/ensure-browser.sh)',
  'or point CHROMIUM_PATH at a Chromium or Chrome executable.',
].join('\n');

/** The path where Playwright keeps its own Chromium, or null if Playwright cannot say. */
function playwrightChromiumPath() {
  try {
    const { chromium } = createRequire(import.meta.url)('@playwright/test');
    return chromium.executablePath() || null;
  } catch {
    return null;
  }
}

/**
 * @returns {{ path: string, source: string } | null} the first Chromium that exists.
 */
export function findBrowser() {
  const candidates = [];
  if (process.env.CHROMIUM_PATH) {
    candidates.push({ path: process.env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' });
  }
  const managed = playwrightChromiumPath();
  if (managed) candidates.push({ path: managed, source: 'Playwright-managed Chromium' });
  candidates.push({ path: DEBIAN_CHROMIUM, source: "Debian's chromium package" });
  return candidates.find((c) => existsSync(c.path)) ?? null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = findBrowser();
  if (found) {
    console.log(found.path);
  } else {
    console.error(HOW_TO_GET_A_BROWSER);
    process.exit(1);
  }
}
