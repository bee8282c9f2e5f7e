import { brokerInView, expect, expectAccessible, openScenario, test } from './fixtures';

test('the machines panel: broker 1 lit running; crash it and the lit state moves to crashed', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  const picker = page.getByRole('combobox', { name: 'Show the machine of' });
  await picker.selectOption({ label: 'Broker 1' });
  await expect(page.getByRole('img', { name: /broker machine of Broker 1; current state running/ })).toBeVisible();
  const diagram = page.getByRole('img', { name: /broker machine of Broker 1/ });
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'running');
  await expect(page.getByRole('status').filter({ hasText: 'Broker 1 is in state running.' })).toBeVisible();

  await page.getByRole('button', { name: 'Crash broker 1' }).click();
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'crashed');
  await expect(page.getByText('Broker 1 is in state crashed.')).toBeVisible();
  await expect(page.getByText(/running → crashed \(CRASH\)/)).toBeVisible();
  // Every transition is also there as text.
  await page.getByText('All 16 transitions of the broker machine, as text').click();
  await expect(page.getByRole('table', { name: 'Transitions of the broker machine' }).getByRole('row')).toHaveCount(17);
  await expectAccessible(page);
});

test('right-clicking a broker in the cluster view shows its machine; a group and a partition from the picker', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  await brokerInView(page, 2).click({ button: 'right' });
  await page.keyboard.press('Escape');
  const picker = page.getByRole('combobox', { name: 'Show the machine of' });
  await expect(picker).toHaveValue('broker:2');
  await brokerInView(page, 3).click();
  await expect(picker).toHaveValue('broker:3');
  await picker.selectOption({ label: 'Group billing' });
  await expect(page.getByRole('img', { name: /groupCoordinator machine of Group billing/ })).toBeVisible();
  await picker.selectOption({ label: 'Partition orders-0' });
  const diagram = page.getByRole('img', { name: /partitionLeadership machine of Partition orders-0; current state online/ });
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'online');
});

test('with reduced motion a transition does not flash: the lit state just moves', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  const diagram = page.getByRole('img', { name: /broker machine of Broker 1/ });
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'running');
  await page.getByRole('button', { name: 'Crash broker 1' }).click();
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'crashed');
  await expect(page.getByText(/running → crashed \(CRASH\)/)).toBeVisible();
  await expect(diagram.locator('.md-flash')).toHaveCount(0);
});

test('a crash flashes its transition once, and the flash goes away', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  const diagram = page.getByRole('img', { name: /broker machine of Broker 1/ });
  // A flash lives for one short animation: count them as they are added, not by looking at the right moment.
  await diagram.evaluate((el) => {
    const w = window as unknown as { flashes: number };
    w.flashes = 0;
    new MutationObserver((changes) => {
      for (const c of changes) for (const n of c.addedNodes) if (n instanceof Element && n.classList.contains('md-flash')) w.flashes++;
    }).observe(el, { subtree: true, childList: true });
  });
  await page.getByRole('button', { name: 'Crash broker 1' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { flashes: number }).flashes)).toBe(1);
  await expect(diagram.locator('.md-flash')).toHaveCount(0);
});

test('a rebalance: the group goes PreparingRebalance → CompletingRebalance → Stable, and says so', async ({ page }) => {
  await openScenario(page, 'two-groups-pubsub', '&t=20000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  await page.getByRole('combobox', { name: 'Show the machine of' }).selectOption({ label: 'Group billing' });
  const diagram = page.getByRole('img', { name: /groupCoordinator machine of Group billing/ });
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'Stable');
  await page.getByRole('button', { name: 'Add a consumer to billing' }).click();
  const faster = page.getByRole('button', { name: 'Faster' });
  for (let i = 0; i < 4; i++) await faster.click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // Several steps can fall between two frames: the coordinator's events name each one.
  await expect(page.getByText(/Last change at .*CompletingRebalance → Stable \(SYNC_COMPLETE\)/)).toBeVisible({ timeout: 30_000 });
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'Stable');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('简体中文, dark theme: the machines panel speaks Chinese and stays accessible', async ({ page }) => {
  await page.goto('./?scenario=two-groups-pubsub&t=5000&lang=zh-CN&theme=dark');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled();
  await page.getByRole('tab', { name: '状态机' }).click();
  await page.getByRole('combobox', { name: '显示状态机：' }).selectOption({ label: '消费者 billing/c1' });
  await expect(page.getByRole('img', { name: /consumerMember 状态机/ })).toBeVisible();
  await expect(page.locator('svg.machine-svg .md-title', { hasText: '任意状态' })).toBeVisible();
  await expectAccessible(page);
});

test("a crashed broker's registration at the controller: still unfenced while its session lives, fenced after", async ({ page }) => {
  // acks1-leader-crash crashes broker 1 at 1.5 s; broker.session.timeout.ms is 9 s.
  await openScenario(page, 'acks1-leader-crash', '&t=5000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  const picker = page.getByRole('combobox', { name: 'Show the machine of' });
  await picker.selectOption({ label: 'Broker 1 at the controller' });
  const diagram = page.getByRole('img', { name: /brokerRegistration machine of Broker 1 at the controller/ });
  await expect(diagram.locator('[data-lit="true"]')).toHaveAttribute('data-state', 'unfenced');
  await expect(page.getByText(/Kafka's ClusterControlManager/)).toBeVisible();
  await openScenario(page, 'acks1-leader-crash', '&t=12000');
  await page.getByRole('tab', { name: 'State machines' }).click();
  await page.getByRole('combobox', { name: 'Show the machine of' }).selectOption({ label: 'Broker 1 at the controller' });
  await expect(page.getByRole('img', { name: /brokerRegistration machine of Broker 1 at the controller; current state fenced/ })).toBeVisible();
  await expectAccessible(page);
});
