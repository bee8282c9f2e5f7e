import { expect, expectAccessible, openScenario, test } from './fixtures';

test('the settings panel changes a producer setting live, shows a refusal, and copies the config', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openScenario(page, 'acks1-leader-crash');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Every setting of this scenario' })).toBeVisible();

  // Kafka's name, the value now, Kafka's default and what it means.
  const linger = page.getByLabel('linger.ms', { exact: true });
  await expect(linger).toHaveValue('5');
  const row = page.locator('li[data-setting="linger.ms"]');
  await expect(row).toContainText('Kafka default: 5');
  await expect(row).toContainText('How long a batch waits for more records');

  // A change goes through the engine's set command and is marked on the timeline.
  await linger.fill('50');
  await linger.press('Enter');
  await expect(page.getByRole('button', { name: /^set linger\.ms=50 at 0/ })).toBeVisible();
  await expect(linger).toHaveValue('50');
  await expect(row).toHaveClass(/changed/);

  // Nonsense is the engine's to refuse, and its message shows next to the field.
  await linger.fill('soon');
  await linger.press('Enter');
  await expect(row.getByRole('alert')).toContainText('Not applied');
  await expect(row.getByRole('alert')).toContainText('soon');

  // The Java producer config has the change; Copy puts it on the clipboard and says so.
  await page.getByRole('button', { name: 'Copy Java producer.properties' }).click();
  await expect(page.locator('.config-actions [role="status"]')).toHaveText('✓ Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('acks=1\n');
  expect(copied).toContain('linger.ms=50\n');

  // Other formats name things the library's way.
  await page.getByText('confluent-kafka-python', { exact: true }).click();
  await expect(page.locator('.config-text')).toContainText("'partitioner': 'murmur2_random'");
  await expectAccessible(page);
});

test('built-in scenarios have Chinese titles, and the settings panel speaks Chinese', async ({ page }) => {
  await page.goto('./?scenario=acks1-leader-crash&lang=zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled();
  await expect(page.locator('#scenario option:checked')).toHaveText('acks=1：leader 宕机时丢数据');
  await expect(page.locator('#scenario-summary')).toContainText('follower 副本 b2 较慢');
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(page.getByRole('heading', { name: '本场景的全部设置' })).toBeVisible();
  await expect(page.locator('li[data-setting="acks"]')).toContainText('Kafka 默认值：all');
});

test('on a phone the settings and configs fit the width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openScenario(page, 'two-groups-pubsub');
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: /^Copy / })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
