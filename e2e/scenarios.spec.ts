import { brokerInView, counter, expect, openScenario, playToEnd, test } from './fixtures';

test('acks=1 loses acknowledged records; the ledger lists one and highlights it', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Scenario', { exact: true }).selectOption('acks1-leader-crash');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await expect(page.locator('.clock-time')).toHaveText('cluster time 0.000 s');
  await expect(page.getByLabel('Scenario', { exact: true }).locator('option:checked')).toContainText('acks=1');
  await expect(page.getByRole('radio', { name: '1', exact: true })).toBeChecked();
  await playToEnd(page);
  await expect.poll(() => counter(page, 'lostAcknowledged')).toBeGreaterThan(0);
  const lost = page.locator('.bad-records button').filter({ hasText: 'lost' }).first();
  await lost.click();
  await expect(lost).toHaveAttribute('aria-pressed', 'true');
});

test('switching acks to all before playing keeps every acknowledged record', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash');
  // click, not check(): the knob shows the engine's value, so it turns checked once the worker has
  // applied the command (check() fails when the state has not changed at the instant of the click).
  await page.getByRole('radio', { name: 'all' }).click();
  await expect(page.getByRole('radio', { name: 'all' })).toBeChecked();
  await expect(page.getByRole('button', { name: /^set acks=all at 0/ })).toBeVisible();
  await playToEnd(page);
  await expect.poll(() => counter(page, 'acknowledged')).toBeGreaterThan(0);
  expect(await counter(page, 'lostAcknowledged')).toBe(0);
});

test('a link opens a scenario at a time, and the timeline scrubs back to the same state', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash', '&t=20000');
  await expect(page.locator('.clock-time')).toHaveText('cluster time 20.000 s');
  await page.getByRole('tab', { name: 'Tables' }).click();
  const table = page.getByRole('table').first();
  const at20 = await table.innerText();
  const scrubber = page.getByRole('slider', { name: /Timeline/ });
  await scrubber.fill('5000');
  await expect(page.locator('.clock-time')).toHaveText('cluster time 5.000 s');
  await scrubber.fill('20000');
  await expect(page.locator('.clock-time')).toHaveText('cluster time 20.000 s');
  await expect.poll(() => table.innerText()).toBe(at20);
});

test('the table view shows kafka-topics and kafka-consumer-groups', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=20000');
  await page.getByRole('tab', { name: 'Tables' }).click();
  const topics = page.getByRole('table', { name: 'kafka-topics --describe' });
  await expect(topics.getByRole('columnheader')).toHaveText(['Topic', 'Partition', 'Leader', 'LeaderEpoch', 'Replicas', 'Isr']);
  await expect(topics.getByRole('row')).toHaveCount(3);
  await expect(topics.getByRole('row').nth(1)).toContainText('orders');
  const groups = page.getByRole('table', { name: 'kafka-consumer-groups --describe' });
  await expect(groups.getByRole('columnheader')).toHaveText(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID']);
  await expect(groups.getByRole('row').filter({ hasText: 'billing' })).toHaveCount(2);
  await expect(groups.getByRole('row').filter({ hasText: 'audit' })).toHaveCount(2);
});

test('a bad edit lists its problems and keeps the cluster; the edit survives a reload', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash');
  await page.getByRole('tab', { name: 'Advanced' }).click();
  const editor = page.getByRole('textbox', { name: 'Scenario JSON' });
  const scenario = JSON.parse(await editor.inputValue());
  scenario.script.push({ at: 100, do: 'crash', broker: 7 });
  await editor.fill(JSON.stringify(scenario, null, 2));
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('alert')).toContainText('broker');
  await expect(page.getByRole('alert')).toContainText('7');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await page.reload();
  await page.getByRole('tab', { name: 'Advanced' }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario JSON' })).toHaveValue(/"broker": 7/);
  await page.getByRole('button', { name: 'Back to the built-in scenario' }).click();
  await expect(page.getByRole('textbox', { name: 'Scenario JSON' })).not.toHaveValue(/"broker": 7/);
});

test('a mistyped link says what it asked for and could not get, and shows a working cluster instead', async ({ page }) => {
  await page.goto('./?scenario=acks-one-crash&t=ten&lang=en');
  const alert = page.locator('.link-problems[role="alert"]');
  await expect(alert).toContainText('This link names a scenario “acks-one-crash” that does not exist: the sandbox is shown instead.');
  await expect(alert).toContainText('t=ten is not a number of milliseconds');
  await expect(page.getByLabel('Scenario', { exact: true })).toHaveValue('sandbox');
  await expect(brokerInView(page, 3)).toBeVisible();
  await alert.getByRole('button', { name: 'OK' }).click();
  await expect(alert).toHaveCount(0);
});

test('on a phone, what a mistyped link could not follow is on the first screen, not under the cluster', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./?scenario=acks-one-crash&lang=en');
  const alert = page.locator('.link-problems[role="alert"]');
  await expect(alert).toBeInViewport();
  const alertBox = (await alert.boundingBox())!;
  const clusterBox = (await page.locator('.view-area').boundingBox())!;
  expect(alertBox.y).toBeLessThan(clusterBox.y);
});
