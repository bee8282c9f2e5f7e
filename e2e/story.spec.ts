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

// A record processed twice tells it from the producer through c1's crash, the rebalance and c2's
// reset: past ten steps, whose numbers need the room of two digits (they were cut to "0.", "1.").
test('a long story, in Chinese on a projector: every step from the crash to the reset, and its two-digit numbers whole', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('./?scenario=auto-commit-crash-duplicates&t=40000&lang=zh-CN');
  await expect(page.locator('.clock-time')).toContainText('40.000', { timeout: 30_000 });
  await page.locator('.bad-records button').first().click();
  const story = page.locator('.story');
  for (const step of ['消费者 billing/c1 停止', 'billing/c1 离开了消费者组', 'billing/c2 分配到 orders-0', 'billing/c2 把 orders-0 重置到偏移量 0']) await expect(story).toContainText(step);
  const lines = story.locator('ol li');
  expect(await lines.count()).toBeGreaterThanOrEqual(10);
  // The list's left padding holds the widest number ("12.") in the list's own font.
  const room = await story.locator('ol').evaluate((ol) => {
    const probe = document.createElement('span');
    probe.textContent = `${ol.children.length}.`;
    probe.style.font = getComputedStyle(ol).font;
    document.body.append(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return { padding: parseFloat(getComputedStyle(ol).paddingLeft), width };
  });
  expect(room.padding).toBeGreaterThan(room.width);
});
