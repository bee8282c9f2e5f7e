import { expect, test } from './fixtures';

test('the notes on where the simulator simplifies Kafka read in Chinese', async ({ page }) => {
  await page.goto('./?scenario=acks1-leader-crash&lang=zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled();
  await page.getByRole('tab', { name: '说明' }).click();
  const notes = page.locator('.simplifications li');
  await expect(notes.filter({ hasText: 'KRaft 控制器是一个永不故障的单一节点' })).toHaveCount(1);
  await expect(notes.filter({ hasText: 'KRaft 控制器是一个永不故障的单一节点' })).toHaveAttribute('lang', 'zh-CN');
});
