import { brokerInView, clock, counter, expect, expectAccessible, test } from './fixtures';

test('the first screen plays a living cluster by itself', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('sandbox');
  await expect(brokerInView(page, 3)).toBeVisible();
  // The clock runs and the producer's records get acknowledged without anyone touching anything.
  // At the page's 0.25×, half a cluster second is two wall seconds, more on a busy machine.
  await expect.poll(() => clock(page), { timeout: 15_000 }).toBeGreaterThan(0.5);
  await page.getByRole('button', { name: 'Faster' }).click();
  await page.getByRole('button', { name: 'Faster' }).click();
  await expect.poll(() => counter(page, 'acknowledged'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(page.locator('.clock-scale')).toContainText('1 s here');
  await expectAccessible(page);
});

test('the keyboard alone plays, steps, changes speed and crashes a broker', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeVisible();
  await page.locator('body').press('Space');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const before = await clock(page);
  // A step runs to the next event, which may fall in the same millisecond as the paused clock (it
  // shows whole ms): step again until the clock moves, as a learner would.
  await expect
    .poll(
      async () => {
        await page.locator('body').press('ArrowRight');
        return clock(page);
      },
      { timeout: 15_000 },
    )
    .toBeGreaterThan(before);
  const speed = page.locator('.speed-value');
  const slow = await speed.innerText();
  await page.locator('body').press('+');
  await expect(speed).not.toHaveText(slow);
  await page.locator('body').press('-');
  await expect(speed).toHaveText(slow);

  // Tab to the toolbar's crash button (focus is visible on the way) and press Enter.
  const crash = page.getByRole('button', { name: 'Crash broker 1' });
  for (let i = 0; i < 60 && !(await crash.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(crash).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: /^crash b1 at / })).toBeVisible();
  await expect(page.getByText('Broker 1 crashed').first()).toBeVisible();
});

test('a phone shows the controls and the cluster without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await expect(page.getByRole('button', { name: 'Pause', exact: true })).toBeInViewport();
  await expect(brokerInView(page, 1)).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
