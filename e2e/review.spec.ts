import { counter, expect, openScenario, playToEnd, test } from './fixtures';

// What a learner met on a first try (a review of the panels): a summary cut off with no way to
// read the rest, the event log full of "MessageSent", a list of bad records that did not say it
// can be clicked. Each fixed, in both languages.

test('the scenario summary can be read whole at 1280×720, in English and in Chinese', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const [lang, more, less] of [
    ['en', 'Read all', 'Show less'],
    ['zh-CN', '展开全文', '收起'],
  ] as const) {
    await page.goto(`./?scenario=acks1-leader-crash&lang=${lang}`);
    const summary = page.locator('#scenario-summary');
    await expect(summary).toBeVisible();
    const clipped = () => summary.evaluate((el) => el.scrollHeight > el.clientHeight + 1);
    // Clamped to one line so the cluster keeps its room: some of it is hidden…
    expect(await clipped()).toBe(true);
    await page.getByRole('button', { name: more }).click();
    // …and one click shows it all.
    await expect(page.getByRole('button', { name: less })).toHaveAttribute('aria-expanded', 'true');
    expect(await clipped()).toBe(false);
    await page.getByRole('button', { name: less }).click();
    expect(await clipped()).toBe(true);
  }
});

test('each scenario says what to watch: one line beside the cluster, whole after Read all, in both languages', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const [lang, label, more, start] of [
    ['en', 'Watch:', 'Read all', "Broker 1's strip as it crashes at 1.5 s"],
    ['zh-CN', '看点：', '展开全文', 'Broker 1 在 1.5 秒崩溃时的日志条'],
  ] as const) {
    await page.goto(`./?scenario=acks1-leader-crash&lang=${lang}`);
    const watch = page.locator('#scenario-watch');
    await expect(watch).toContainText(label);
    await expect(watch).toContainText(start);
    // The picker names it as part of what the scenario is about (screen readers hear it).
    await expect(page.getByRole('combobox', { name: /Scenario|场景/ })).toHaveAttribute('aria-describedby', 'scenario-summary scenario-watch');
    const cut = () => watch.evaluate((el) => el.scrollWidth > el.clientWidth + 1);
    expect(await cut()).toBe(true);
    await page.getByRole('button', { name: more }).click();
    expect(await cut()).toBe(false);
  }
});

test('the event log speaks in words: no engine type names, wire messages only on request', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash', '&t=30000');
  const log = page.locator('.event-log');
  await expect(log.locator('.log-lines li').first()).toBeVisible();
  await expect(log.locator('.log-lines li').filter({ hasText: /\bMessage(Sent|Delivered)\b/ })).toHaveCount(0);
  await page.getByLabel('Show routine traffic: messages on the wire, fetches, polls and __consumer_offsets').check();
  await expect(log.locator('.log-lines li').filter({ hasText: /sent a (Produce|Fetch\w*) to/ }).first()).toBeVisible();
  await expect(log.locator('.log-lines li').filter({ hasText: /\bMessage(Sent|Delivered)\b/ })).toHaveCount(0);
});

test('简体中文: the event log and the bad records read as Chinese, with a hint to click', async ({ page }) => {
  await page.goto('./?scenario=acks1-leader-crash&t=30000&lang=zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByText('点击一条记录，逐步查看它的经过。')).toBeVisible();
  await expect(page.locator('.bad-records button').first()).toContainText('秒发现');
  await page.getByLabel('显示例行流量：网络上的消息、拉取、轮询和 __consumer_offsets').check();
  await expect(page.locator('.event-log .log-lines li').filter({ hasText: / 向 b\d 发出 / }).first()).toBeVisible();
  await expect(page.locator('.event-log .log-lines li').filter({ hasText: /\bMessage(Sent|Delivered)\b/ })).toHaveCount(0);
});

test('the bad records say they can be clicked; clicking one tells its story', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash');
  await playToEnd(page);
  await expect.poll(() => counter(page, 'lostAcknowledged')).toBeGreaterThan(0);
  await expect(page.getByText('Click a record to read what happened to it, step by step.')).toBeVisible();
  const first = page.locator('.bad-records button').first();
  await expect(first).toContainText(/found at \d/);
  await first.click();
  await expect(page.locator('.story ol li').last()).toContainText('is lost');
});

test('an event log with nothing to show says why, not "No events yet"', async ({ page }) => {
  await openScenario(page, 'acks1-leader-crash', '&t=30000');
  await page.locator('.event-log').getByLabel('Search').fill('no such words anywhere');
  await expect(page.getByText('No event in this stretch of time matches the filters (routine traffic shows only when ticked above).')).toBeVisible();
  await expect(page.getByText('No events yet.')).toHaveCount(0);
});

test('on a phone the topics table fits the screen, and the tables can be scrolled by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openScenario(page, 'two-groups-pubsub', '&t=5000');
  await page.getByRole('tab', { name: 'Tables' }).click();
  const region = page.getByRole('region', { name: 'Tables' });
  await expect(region.locator('table').first()).toBeVisible();
  const [tableWidth, regionWidth] = await region.evaluate((el) => [el.querySelector('table')!.getBoundingClientRect().width, el.clientWidth]);
  expect(tableWidth).toBeLessThanOrEqual(regionWidth);
  await expect(region).toHaveAttribute('tabindex', '0');
});

test("the ledger's counts are explained on the page, not only in tooltips (en and zh-CN)", async ({ page }) => {
  for (const [lang, summary, counterName, meaning] of [
    ['en', 'What do these counts mean?', 'At risk', 'not yet on every in-sync replica'],
    ['zh-CN', '这些计数是什么意思？', '有风险', '还没写到 ISR 中每个副本'],
  ] as const) {
    await page.goto(`./?scenario=acks1-leader-crash&lang=${lang}`);
    const details = page.locator('.ledger-meanings');
    await details.getByText(summary).click();
    const items = details.locator('dd');
    await expect(items).toHaveCount(9);
    await expect(details.locator('dt').filter({ hasText: counterName })).toBeVisible();
    await expect(details).toContainText(meaning);
    for (const text of await items.allInnerTexts()) expect(text.trim().length).toBeGreaterThan(3);
  }
});
