// What the cluster view shows beyond the steady flow: messages lost on a cut link, the projector
// theme, and the one-screen layout (issue 9: the timeline above the fold at 1280×720).
import { counter, expect, expectAccessible, test } from './fixtures';

test('cut the producer off its leader while it produces: a dropped token falls, naming the reason', async ({ page }) => {
  // The sandbox plays by itself: p1 sends four records a second to the leaders of orders-0..2.
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  // Cut only once p1 has its producer id and is producing: a cut that swallows its InitProducerId
  // leaves it waiting request.timeout.ms (30 s) before it sends anything to b1 again (the CI
  // machine once clicked that early).
  await expect.poll(() => counter(page, 'acknowledged'), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('combobox', { name: 'One end of the link' }).selectOption('p1');
  await page.getByRole('combobox', { name: 'Other end of the link' }).selectOption('b1');
  await page.getByRole('button', { name: 'Cut p1 ↔ b1' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // p1 sends to b1 within its next linger, so a Produce falls soon after the cut.
  const drop = page.locator('svg.cluster-svg g.wire-drop').filter({ has: page.locator('title', { hasText: 'Produce from p1 to b1 lost: link cut' }) });
  await expect(drop.first()).toBeAttached({ timeout: 20_000 });
  // Axe reads a still page in a fraction of the time it takes on a playing one (16 s here).
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expectAccessible(page);
});

test('the projector theme: chosen in the theme switch, accessible, remembered across a reload', async ({ page }) => {
  await page.goto('./?scenario=acks1-leader-crash&t=20000');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  const themes = page.getByRole('group', { name: 'Theme' });
  await themes.getByRole('button', { name: /Projector theme/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  await expect(themes.getByRole('button', { name: /Projector theme/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(themes.getByRole('button', { name: 'Dark theme' })).toHaveAttribute('aria-pressed', 'false');
  // Bigger type than the light theme's 16 px.
  expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThan(16);
  await expectAccessible(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
  await expect(page.getByRole('group', { name: 'Theme' }).getByRole('button', { name: /Projector theme/ })).toHaveAttribute('aria-pressed', 'true');
});

const SCREENS: [number, number][] = [
  [1280, 720],
  [1920, 1080],
];
for (const [width, height] of SCREENS) {
  test(`at ${width}×${height} the cluster view, the transport and the timeline are all on screen without scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('./?scenario=acks1-leader-crash&t=1500');
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
    const inside = async (selector: string) => {
      const box = await page.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect(box!.y, `${selector} top`).toBeGreaterThanOrEqual(0);
      expect(box!.x, `${selector} left`).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, `${selector} bottom`).toBeLessThanOrEqual(height);
      expect(box!.x + box!.width, `${selector} right`).toBeLessThanOrEqual(width);
    };
    await inside('.timeline');
    await inside('.transport');
    await inside('svg.cluster-svg');
    // Nothing of the stage hides under the narration bar at the bottom.
    const timeline = (await page.locator('.timeline').boundingBox())!;
    const narrator = (await page.locator('.narrator').boundingBox())!;
    expect(timeline.y + timeline.height).toBeLessThanOrEqual(narrator.y);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
}

test('on a phone the panels stack: the cluster, then the timeline, each as wide as the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?scenario=acks1-leader-crash&t=1500');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  const view = (await page.locator('.view-area').boundingBox())!;
  const timeline = (await page.locator('.timeline').boundingBox())!;
  expect(timeline.y).toBeGreaterThanOrEqual(view.y + view.height);
  for (const box of [view, timeline]) expect(box.x + box.width).toBeLessThanOrEqual(390);
  // The page itself never scrolls sideways: the drawing does, inside its panel.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
