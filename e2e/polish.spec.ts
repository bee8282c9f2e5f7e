// What a learner meets on a phone, a tablet and a projector (issue 9's review): nothing cut off,
// nothing scrolling sideways, nothing covering the page's last line, the side column legible from
// the back of a room. Each check is a box or a text as the browser draws it.
import type { Page } from '@playwright/test';
import { brokerInView, expect, openScenario, test } from './fixtures';

/** The first screen (the small living cluster), in a language, paused where it is. */
async function openFirst(page: Page, lang: string): Promise<void> {
  await page.goto(`./?scenario=sandbox&t=2000&lang=${lang}`);
  await expect(page.locator('.transport button.big')).toBeEnabled({ timeout: 30_000 });
  await expect(brokerInView(page, 3)).toBeAttached();
  await expect.poll(() => page.locator('svg.cluster-svg g.member').count()).toBeGreaterThan(0);
}

/** Every text the cluster view draws that was cut short with "…". */
function cutTexts(page: Page): Promise<string[]> {
  return page.locator('svg.cluster-svg').evaluate((svg) =>
    [...svg.querySelectorAll('g.replica text, g.member text')].map((t) => t.textContent ?? '').filter((t) => t.endsWith('…')),
  );
}

for (const lang of ['en', 'zh-CN']) {
  test(`a phone (390×844, ${lang}): no strip's HW words and no member's lag cut short, nothing scrolls sideways`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openFirst(page, lang);
    expect(await cutTexts(page)).toEqual([]);
    // A follower's strip still names its high watermark ("HW 0"), not "HW = L…".
    const words = await page.locator('svg.cluster-svg g.replica text').allTextContents();
    expect(words.some((w) => /^HW\b.*\d$/.test(w))).toBe(true);
    // Each member's lag is on its box, whole.
    const members = await page.locator('svg.cluster-svg g.member').allTextContents();
    for (const m of members) expect(m).toMatch(lang === 'en' ? /lag \d/ : /滞后 \d/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    const area = await page.locator('.view-area').evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(area).toBeLessThanOrEqual(0);
  });

  test(`a phone (390×844, ${lang}): every machine's diagram fits the screen's width`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openFirst(page, lang);
    await page.getByRole('tab', { name: lang === 'en' ? 'State machines' : '状态机' }).click();
    const pick = page.locator('.machines-head select');
    await expect(pick).toBeVisible();
    const values = await pick.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    // A broker, a partition, a group and a member: the widest machines are the broker's and the group's.
    const seen = new Set<string>();
    for (const v of values) {
      const kind = v.split(':')[0]!;
      if (seen.has(kind)) continue;
      seen.add(kind);
      await pick.selectOption(v);
      const figure = page.locator('.machine-figure');
      await expect(figure.locator('svg.machine-svg')).toBeVisible();
      const over = await figure.evaluate((e) => e.scrollWidth - e.clientWidth);
      expect(over, `machine of ${v}`).toBeLessThanOrEqual(0);
      const box = (await figure.locator('svg.machine-svg').boundingBox())!;
      expect(box.x + box.width, `machine of ${v}`).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
  });
}

for (const [width, height] of [
  [768, 1024],
  [390, 844],
] as const) {
  test(`at ${width}×${height} the narration bar never covers the page's last line`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openFirst(page, 'en');
    // A long narration (several lines) is the worst case: the bar grows, the page must make room.
    const said = 'orders-0: b1 caught up and rejoined the in-sync replicas (ISR now b2, b3, b1); orders-1: b3 elected leader, epoch 2. ';
    await page.locator('.narrator').evaluate((e, text) => (e.textContent = text), said.repeat(3));
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect
      .poll(async () => {
        await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
        return page.evaluate(() => {
          const bar = document.querySelector('.narrator')!.getBoundingClientRect();
          // The tabs' panel is the page's last box (its lists scroll inside themselves).
          const last = document.querySelector('.lower')!.getBoundingClientRect().bottom;
          return Math.round(last - bar.top);
        });
      })
      .toBeLessThanOrEqual(0);
  });
}

test("1920×1080: the side column's words are big enough to read from the back of a room", async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openScenario(page, 'acks1-leader-crash', '&t=20000');
  await page.locator('.bad-records button').first().click();
  await expect(page.locator('.story ol li').first()).toBeVisible();
  const size = (sel: string) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await size('.counter dt')).toBeGreaterThanOrEqual(15);
  expect(await size('.counter dd')).toBeGreaterThanOrEqual(24);
  expect(await size('.bad-records button')).toBeGreaterThanOrEqual(16);
  expect(await size('.story ol')).toBeGreaterThanOrEqual(16);
  expect(await size('.fault-row button')).toBeGreaterThanOrEqual(16);
  // Still one screen: the side column fits beside the cluster, nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
});

test('after acting in the past at 1280×720, the fork notice leaves every consumer box two lines tall', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openScenario(page, 'two-groups-pubsub', '&t=8000');
  await page.getByRole('button', { name: 'Crash broker 1' }).click();
  await page.getByRole('slider', { name: /Timeline/ }).fill('3000');
  await expect(page.locator('.clock-time')).toHaveText('cluster time 3.000 s');
  await brokerInView(page, 2).click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Crash broker 2' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'You acted in the past' })).toBeVisible();
  await expect
    .poll(() => page.locator('svg.cluster-svg g.member rect.member-box').evaluateAll((rs) => Math.min(...rs.map((r) => r.getBoundingClientRect().height))))
    .toBeGreaterThanOrEqual(24);
  // Each member still reads its name and its state.
  for (const text of await page.locator('svg.cluster-svg g.member').allTextContents()) expect(text).toMatch(/c\d.*(joining|stable|lag)/);
});

test('简体中文: times read in 秒 everywhere (the timeline, the event log, a record\'s story)', async ({ page }) => {
  await page.goto('./?scenario=acks1-leader-crash&t=20000&lang=zh-CN');
  await expect(page.getByRole('button', { name: '播放', exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(page.locator('.timeline')).toContainText('秒');
  await expect(page.locator('.timeline')).not.toContainText(/\d s\b/);
  await page.locator('.bad-records button').first().click();
  await expect(page.locator('.story ol li').first()).toContainText(/\d 秒/);
  await expect(page.locator('.log-lines li').first()).toContainText(/\d 秒/);
});

test('简体中文: a JSON syntax error in the Advanced editor is told in Chinese, with where it is', async ({ page }) => {
  await page.goto('./?scenario=sandbox&lang=zh-CN');
  await expect(page.getByRole('button', { name: '暂停', exact: true }).or(page.getByRole('button', { name: '播放', exact: true }))).toBeEnabled({ timeout: 30_000 });
  await page.getByRole('tab', { name: '高级' }).click();
  await page.locator('#scenario-json').fill('{"brokers": 3, "topics": [ {"name": 3 ');
  await page.getByRole('button', { name: '应用' }).click();
  await expect(page.getByRole('alert')).toContainText(/JSON 格式错误：请查看第 1 行第 \d+ 列/);
});

// A bar one pixel taller once it had a sentence shrank the cluster view, which then laid out and
// redrew every strip at its new size: a long frame on every first Play.
test('the narration bar keeps its height when it starts talking: the cluster view does not resize on Play', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openScenario(page, 'two-groups-pubsub');
  const viewHeight = () => page.locator('.view-area').evaluate((el) => el.getBoundingClientRect().height);
  const before = await viewHeight();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('.narrator')).not.toBeEmpty({ timeout: 30_000 });
  expect(await viewHeight()).toBe(before);
});
