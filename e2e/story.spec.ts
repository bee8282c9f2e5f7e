import { counter, expect, openScenario, playToEnd, test } from './fixtures';

// A lost record's story is read whole: every line can be scrolled to and none is clipped by a
// scroll box of its own, at a projector's, a laptop's, a big screen's, a tablet's and a phone's size.
for (const [width, height] of [[1280, 720], [1280, 900], [1920, 1080], [768, 1024], [390, 844]] as const) {
  test(`the story of a lost record reads whole at ${width}×${height}`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openScenario(page, 'acks1-leader-crash');
    await playToEnd(page);
    await expect.poll(() => counter(page, 'lostAcknowledged')).toBeGreaterThan(0);
    await page.locator('.bad-records button').filter({ hasText: 'lost' }).first().click();
    const lines = page.locator('.story ol li');
    await expect(lines.first()).toBeVisible();
    const count = await lines.count();
    expect(count).toBeGreaterThanOrEqual(8);
    // The list is as tall as its lines: nothing hides inside it.
    const list = await page.locator('.story ol').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(list.scroll).toBeLessThanOrEqual(list.client + 1);
    // The last line can be brought into view, whole.
    await lines.last().evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect(lines.last()).toBeInViewport({ ratio: 1 });
    await expect(lines.last()).toContainText('is lost');
  });
}
