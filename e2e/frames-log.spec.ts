// While the cluster plays, the event log out of sight (below the fold at 1280×720) keeps its lines
// instead of re-rendering at every panel publication (src/ui/onScreen.ts). Brought into view while
// still playing, it must follow the cluster again; paused, it must show the paused moment's events.
import { expect, openScenario, playAtOneSecondPerSecond, test } from './fixtures';

test('the event log scrolled into view while playing shows new events as they come, and the paused moment once paused', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openScenario(page, 'two-groups-pubsub', '&lang=en');
  const newest = page.locator('.event-log .log-lines li').first();
  // At 1×, not the page's 0.25×: a cluster second in a wall second, or less on a busy machine.
  await playAtOneSecondPerSecond(page);
  await expect(page.locator('.clock-time')).not.toHaveText(/ 0\.000 s/);
  await page.locator('.event-log').scrollIntoViewIfNeeded();
  const seen = await newest.innerText();
  // In view and playing: a newer line comes on top (the log follows the store again).
  await expect.poll(() => newest.innerText()).not.toBe(seen);
  const later = await newest.innerText();
  await expect.poll(() => newest.innerText()).not.toBe(later);

  // Out of view again, the log holds its lines while the cluster plays on; paused, it shows the
  // events up to the paused moment, not the ones it held.
  await page.locator('.transport').scrollIntoViewIfNeeded();
  const secondsOf = (text: string) => Number(/([\d.,]+)\s*(s|秒)/.exec(text.replace(/,/g, ''))![1]);
  const heldAt = secondsOf(await newest.getByRole('button').innerText());
  // A busy 2-core machine may play well below 1×: the clock is given time to move on.
  await expect.poll(async () => secondsOf(await page.locator('.clock-time').innerText()), { timeout: 15_000 }).toBeGreaterThan(heldAt + 1);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const clock = secondsOf(await page.locator('.clock-time').innerText());
  await expect.poll(async () => secondsOf(await newest.getByRole('button').innerText())).toBeGreaterThan(heldAt + 0.5);
  expect(secondsOf(await newest.getByRole('button').innerText())).toBeLessThanOrEqual(clock);
});
