import { expect, test } from './fixtures';

// Cut the producer's link to a leader and play: the live region says a request was lost, and why.
// The cut is said first, then what it dropped (a quiet sentence waits a second for a weightier one).
// At 6.1 s the groups have settled (their last rebalance ends at 6.01 s) and p1 still produces (until
// 7 s): no other weighty sentence follows to crowd the lost request out.
for (const [lang, play, cut, said] of [
  ['en', 'Play', 'Cut p1 ↔ b1', 'was lost (the link between them is cut)'],
  ['zh-CN', '播放', '切断 p1 ↔ b1', '丢失了（两者之间的链路已断开）'],
] as const) {
  test(`the narrator says why a message was lost (${lang})`, async ({ page }) => {
    await page.goto(`./?scenario=two-groups-pubsub&t=6100&lang=${lang}`);
    await expect(page.getByRole('button', { name: play, exact: true })).toBeEnabled();
    const [from, to] = await page.locator('.fault-row').nth(1).getByRole('combobox').all();
    await from!.selectOption('p1');
    await to!.selectOption('b1');
    await page.getByRole('button', { name: cut }).click();
    await page.getByRole('button', { name: play, exact: true }).click();
    await expect(page.locator('.narrator[aria-live="polite"]')).toContainText(said, { timeout: 20_000 });
  });
}

// What the narrator said belongs to its moment: another scenario starts silent, and so does a jump
// back in time.
test('switching scenarios or scrubbing back silences what the narrator said before', async ({ page }) => {
  await page.goto('./?lang=en');
  const narrator = page.locator('.narrator[aria-live="polite"]');
  // The sandbox plays by itself; its group's first rebalance is said within seconds.
  await expect(narrator).not.toBeEmpty({ timeout: 20_000 });
  await page.getByLabel('Scenario', { exact: true }).selectOption('acks0-leader-crash');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await expect(narrator).toBeEmpty();

  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(narrator).not.toBeEmpty({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await page.getByRole('slider').first().press('Home');
  await expect(narrator).toBeEmpty();
});
