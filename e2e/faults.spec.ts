import type { Page } from '@playwright/test';
import { brokerInView, expect, expectAccessible, openScenario, test } from './fixtures';

/** How far (px) the cluster's svg or its help line reaches below the view's panel; ≤ 0 when both fit. */
function viewOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const area = document.querySelector('.view-area')!.getBoundingClientRect();
    const svg = document.querySelector('svg.cluster-svg')!.getBoundingClientRect();
    const help = document.querySelector('#view-help')!.getBoundingClientRect();
    return Math.max(svg.bottom, help.bottom) - area.bottom;
  });
}

test('crash a broker from the toolbar: the event log says so and the timeline marks it', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('button', { name: 'Crash broker 1' }).click();
  await expect(page.getByRole('button', { name: /^crash b1 at 5.000 s$/ })).toBeVisible();
  await expect(page.getByText('Broker 1 crashed').first()).toBeVisible();
});

test('crash a broker from its context menu in the cluster view', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await brokerInView(page, 2).click({ button: 'right' });
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toBeFocused();
  await menu.getByRole('menuitem', { name: 'Crash broker 2' }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^crash b2 at 5.000 s$/ })).toBeVisible();
});

test('cut a link between two nodes', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('combobox', { name: 'One end of the link' }).selectOption('b1');
  await page.getByRole('combobox', { name: 'Other end of the link' }).selectOption('b3');
  await page.getByRole('button', { name: 'Cut b1 ↔ b3' }).click();
  await expect(page.getByRole('button', { name: /^cut b1 ↔ b3 at / })).toBeVisible();
  await expect(page.getByText('Link b1 ↔ b3 cut').first()).toBeVisible();
});

test('acting in the past forks the timeline, says so, and Undo brings the old timeline back', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=8000');
  await page.getByRole('button', { name: 'Crash broker 1' }).click();
  const laterCrash = page.getByRole('button', { name: /^crash b1 at 8.000 s$/ });
  await expect(laterCrash).toBeVisible();
  const scrubber = page.getByRole('slider', { name: /Timeline/ });
  await scrubber.fill('3000');
  await expect(page.locator('.clock-time')).toHaveText('cluster time 3.000 s');
  // The recorded crash at 8 s lies ahead: crashing broker 2 now starts a new timeline without it.
  await brokerInView(page, 2).click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Crash broker 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You acted in the past' })).toBeVisible();
  // The notice takes no room from the cluster: the view (its legend at the bottom) and its help
  // line still fit their panel at 1280×720 (a row of its own once pushed the legend out of sight).
  await expect.poll(() => viewOverflow(page)).toBeLessThanOrEqual(1);
  await expectAccessible(page);
  await expect(page.getByRole('button', { name: /^crash b2 at 3.000 s$/ })).toBeVisible();
  await expect(laterCrash).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo: back to the old timeline' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You acted in the past' })).toHaveCount(0);
  await expect(laterCrash).toBeVisible();
  await expect(page.getByRole('button', { name: /^crash b2 at / })).toHaveCount(0);
  await expect(page.locator('.clock-time')).toHaveText('cluster time 3.000 s');
});
