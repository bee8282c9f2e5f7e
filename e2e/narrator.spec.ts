import { expect, test } from './fixtures';

// Cut the producer's link to a leader and play: the live region says a request was lost, and why.
for (const [lang, play, cut, said] of [
  ['en', 'Play', 'Cut p1 ↔ b1', 'was lost (the link between them is cut)'],
  ['zh-CN', '播放', '切断 p1 ↔ b1', '丢失了（两者之间的链路已断开）'],
] as const) {
  test(`the narrator says why a message was lost (${lang})`, async ({ page }) => {
    await page.goto(`./?scenario=two-groups-pubsub&t=5000&lang=${lang}`);
    await expect(page.getByRole('button', { name: play, exact: true })).toBeEnabled();
    const [from, to] = await page.locator('.fault-row').nth(1).getByRole('combobox').all();
    await from!.selectOption('p1');
    await to!.selectOption('b1');
    await page.getByRole('button', { name: cut }).click();
    await page.getByRole('button', { name: play, exact: true }).click();
    await expect(page.locator('.narrator[aria-live="polite"]')).toContainText(said, { timeout: 20_000 });
  });
}
