import { expect, openScenario, test } from './fixtures';

test("a consumer group's settings change through the engine, with Kafka's refusal and a note on when they apply", async ({ page }) => {
  await openScenario(page, 'auto-commit-crash-duplicates');
  await page.getByRole('tab', { name: 'Settings' }).click();
  const section = page.getByRole('region', { name: 'Consumer group billing' });
  // As in Kafka, a consumer reads its config when it is created: the panel says so.
  await expect(section).toContainText('a change here is used by the members that start after it');

  const interval = page.getByLabel('auto.commit.interval.ms', { exact: true });
  await expect(interval).toHaveValue('5000');
  await interval.fill('1000');
  await interval.press('Enter');
  await expect(page.getByRole('button', { name: /^set auto\.commit\.interval\.ms=1000 at 0/ })).toBeVisible();
  await expect(interval).toHaveValue('1000');

  // The engine checks a change as Kafka's consumer does (heartbeat below the session timeout).
  const heartbeat = page.getByLabel('heartbeat.interval.ms', { exact: true });
  await heartbeat.fill('10000');
  await heartbeat.press('Enter');
  const row = page.locator('li[data-setting="heartbeat.interval.ms"]');
  await expect(row.getByRole('alert')).toContainText("must be lower than session.timeout.ms (10000): Kafka's consumer refuses to start");
});

test('the configs to copy carry their comments in Chinese, Kafka\'s names unchanged', async ({ page }) => {
  await page.goto('./?scenario=auto-commit-crash-duplicates&lang=zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled();
  await page.getByRole('tab', { name: '设置' }).click();
  await expect(page.locator('.config-text')).toContainText('# 生产者 p1：new KafkaProducer<>(props)');
  await expect(page.locator('.config-text')).toContainText('bootstrap.servers=localhost:9092');
});
