// Numbers at a human rate (src/view/pace.ts): while the cluster plays at 1× the strips' HW / LEO
// words and names refresh a few times a second, but once paused they must be the cluster's own.
import type { Page } from '@playwright/test';
import { expect, openScenario, playAtOneSecondPerSecondThenPause, test } from './fixtures';

/** Every strip's accessible name ("…, log end offset 104, high watermark 101"), in drawing order. */
const stripWords = (page: Page) => page.locator('svg.cluster-svg g.replica').evaluateAll((gs) => gs.map((g) => g.getAttribute('aria-label') ?? ''));

test('played at 1× and paused, every strip shows the HW and LEO of the paused moment, not of a frame before', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openScenario(page, 'two-groups-pubsub', '&lang=en');
  await playAtOneSecondPerSecondThenPause(page);
  const paused = await stripWords(page);
  expect(paused.some((w) => /high watermark [1-9]/.test(w)), 'records were acknowledged while playing').toBe(true);
  // A new size lays the cluster out anew and writes every word from the paused snapshot at once:
  // the words must not change.
  await page.setViewportSize({ width: 1300, height: 720 });
  await page.waitForTimeout(1_000);
  expect(await stripWords(page)).toEqual(paused);
});
