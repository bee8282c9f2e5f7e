// A strip shows the newest offsets of its partition, the same window for every replica: a
// follower whose log ends before that window would show no cell at all and read as an empty log.
import { expect, test } from './fixtures';

for (const [lang, play, words] of [
  ['en', 'Play', /◀ 150 records behind/],
  ['zh-CN', '播放', /◀ 落后 150 条记录/],
] as const) {
  test(`a follower far behind its leader says how far behind it is, not an empty strip (${lang})`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    // Jepsen's unclean election at 20 s: b1 alone holds 200 records, b2 and b3 stopped at 50.
    await page.goto(`./?scenario=jepsen-unclean-election&t=20000&lang=${lang}`);
    await expect(page.getByRole('button', { name: play, exact: true })).toBeEnabled({ timeout: 30_000 });
    const strip = (broker: number) => page.locator(`svg.cluster-svg g.replica[data-target='${JSON.stringify({ kind: 'replica', topic: 'orders', partition: 0, broker })}']`);
    await expect(strip(2)).toContainText(words);
    await expect(strip(3)).toContainText(words);
    // The leader's own strip shows its cells, and no such words.
    await expect(strip(1)).not.toContainText(words);
  });
}

test('on a phone the narrow strip says it in short, whole: "◀ 落后 150"', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?scenario=jepsen-unclean-election&t=20000&lang=zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled({ timeout: 30_000 });
  const words = page.locator(`svg.cluster-svg g.replica[data-target='${JSON.stringify({ kind: 'replica', topic: 'orders', partition: 0, broker: 2 })}'] text`, { hasText: '◀' });
  await expect(words).toHaveText(/^◀ 落后 150( 条记录)?$/);
});
