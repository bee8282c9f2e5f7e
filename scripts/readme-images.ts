// The README's two images, from the built app in headless Chromium (same server and browser as
// `npm run bench:ui`, see bench/preview.ts):
//   docs/playground.png    an animated PNG (APNG) of the sandbox cluster playing at 1280×720
//   docs/ledger-story.png  acks1-leader-crash played to its end, a lost record clicked, its story
//                          (1280×960: the cluster view, the ledger and the story together)
// Run: `npm run readme-images` (builds first; README_IMAGES_NO_BUILD=1 uses the existing dist/).
//
// The animation is not a screen recording: a busy machine takes longer to screenshot than a
// frame lasts. The page is paused and scrubbed through cluster time in equal steps (the view
// places tokens at the fractional time, as when playing), one screenshot a step, and each frame is
// shown for the wall time that step lasts at the page's default speed (0.25×).
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { withApp } from '../bench/preview';
import { decodePng, encodeApng } from './apng';

const VIEWPORT = { width: 1280, height: 720 };
const START_MS = 8_000; // the sandbox's cluster is busy by then: records, acks, fetches in the air
const FRAMES = 18;
const FPS = 6;
const SPEED = 0.25; // the page's default: a 100 ms hop lasts 0.4 s on screen
const STEP_MS = (1000 / FPS) * SPEED;

const clockText = (ms: number) => `cluster time ${(ms / 1000).toFixed(3)} s`;

async function waitForClock(page: Page, ms: number): Promise<void> {
  await page.locator('.clock-time').filter({ hasText: clockText(ms) }).waitFor({ timeout: 60_000 });
}

async function animation(browser: Browser, url: string): Promise<void> {
  const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light', reducedMotion: 'no-preference' });
  await page.goto(`${url}?scenario=sandbox&t=${START_MS}&lang=en&theme=light`);
  await waitForClock(page, START_MS);
  const slider = page.getByRole('slider', { name: /Timeline/ });
  const frames = [];
  for (let n = 0; n < FRAMES; n++) {
    const t = Math.round(START_MS + n * STEP_MS);
    if (n > 0) {
      await slider.fill(String(t));
      await waitForClock(page, t);
      await slider.blur(); // no focus ring on the timeline in the picture
    }
    await page.waitForTimeout(400); // let the view settle on the new time
    frames.push(decodePng(await page.screenshot()));
  }
  const apng = encodeApng(frames, frames.map(() => 1000 / FPS));
  writeFileSync('docs/playground.png', apng);
  console.log(`wrote docs/playground.png: ${FRAMES} frames, ${(apng.length / 1024).toFixed(0)} KiB`);
  await page.close();
}

async function ledgerStory(browser: Browser, url: string): Promise<void> {
  // Taller than the projector size so the cluster, the ledger's list and the story fit in one shot.
  const page = await browser.newPage({ viewport: { width: 1280, height: 960 }, colorScheme: 'light' });
  await page.goto(`${url}?scenario=acks1-leader-crash&lang=en&theme=light`);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  await play.and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
  const faster = page.getByRole('button', { name: 'Faster' });
  while (await faster.isEnabled()) await faster.click();
  await play.click();
  await play.and(page.locator(':disabled')).waitFor({ timeout: 120_000 });
  const lost = page.locator('.bad-records button').filter({ hasText: 'lost' }).first();
  await lost.click();
  await page.locator('.story li').first().waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'docs/ledger-story.png' });
  console.log('wrote docs/ledger-story.png');
  await page.close();
}

mkdirSync('docs', { recursive: true });
await withApp(async (browser, url) => {
  await animation(browser, url);
  await ledgerStory(browser, url);
}, !process.env.README_IMAGES_NO_BUILD);
