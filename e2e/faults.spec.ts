import { brokerInView, expect, openScenario, test } from './fixtures';

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
