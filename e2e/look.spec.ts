import { expect, expectAccessible, openScenario, test } from './fixtures';

test('dark theme: the switch sets data-theme and the page stays accessible', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash', '&t=20000');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expectAccessible(page);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('light theme, the tables and the editor are accessible', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=20000&theme=light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('tab', { name: 'Tables' }).click();
  await expectAccessible(page);
  await page.getByRole('tab', { name: 'Advanced' }).click();
  await expectAccessible(page);
});

test('简体中文: every control speaks Chinese, numbers and times included', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash', '&t=1500');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeVisible();
  await expect(page.locator('.clock-time')).toHaveText('集群时间 1.500 秒');
  await expect(page.getByRole('button', { name: '让 Broker 1 宕机' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '账本' })).toBeVisible();
  await expectAccessible(page);
  await page.reload();
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeVisible();
});
