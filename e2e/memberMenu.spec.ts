import { expect, openScenario, test } from './fixtures';

test("a member's context menu crashes, removes or pauses it, and adds a consumer to its group", async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  const member = page.locator(`svg.cluster-svg [data-target='${JSON.stringify({ kind: 'member', group: 'billing', member: 'c1' })}']`).first();
  await member.click({ button: 'right' });
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText([/Crash/, /Remove/, /Pause/, /Add a consumer to billing/]);
  await menu.getByRole('menuitem', { name: 'Add a consumer to billing' }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^add a member to billing at 5.000 s$/ })).toBeVisible();
});
