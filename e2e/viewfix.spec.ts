import type { Page } from '@playwright/test';
import { expect, openScenario, test } from './fixtures';

const link = (page: Page, a: string, b: string) => page.locator(`svg.cluster-svg g.link[data-target='${JSON.stringify({ kind: 'link', between: [a, b] })}']`);

test('a healthy link between two brokers opens a menu by right-click and is cut from it', async ({ page }) => {
  await openScenario(page, 'sandbox', '&t=5000');
  const b1b2 = link(page, 'b1', 'b2');
  await expect(b1b2).toHaveAttribute('data-link-state', 'healthy');
  // Aim at the arc's middle, away from the other arcs and the controller's lines. The view may
  // still be settling (strips drawn over a few frames after the seek, a token passing over the
  // arc), so the point is found again until what the pointer would hit there is the link.
  let at = { x: 0, y: 0 };
  await expect
    .poll(async () => {
      at = await b1b2.locator('path.link-hit').evaluate((path: SVGPathElement) => {
        const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM()!);
        return { x: p.x, y: p.y };
      });
      return page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-target]')?.getAttribute('data-target'), at);
    })
    .toBe(JSON.stringify({ kind: 'link', between: ['b1', 'b2'] }));
  await page.mouse.click(at.x, at.y, { button: 'right' });
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText([/^Cut b1 ↔ b2$/, /Slow broker 1/, /Slow broker 2/]);
  await menu.getByRole('menuitem', { name: 'Cut b1 ↔ b2' }).click();
  await expect(menu).toHaveCount(0);
  await expect(b1b2).toHaveAttribute('data-link-state', 'cut');
  // Once cut, the same link offers to heal it.
  await b1b2.focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu').getByRole('menuitem')).toHaveText([/^Heal b1 ↔ b2$/]);
});

test('the controller ↔ broker link is reachable by keyboard and offers to cut it', async ({ page }) => {
  await openScenario(page, 'sandbox', '&t=5000');
  const c = link(page, 'controller', 'b3');
  await expect(c).toHaveAttribute('aria-label', /controller and b3, healthy/);
  await c.focus();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByRole('menu').getByRole('menuitem').first()).toHaveText('Cut controller ↔ b3');
});

/** Every text line of the group and producer headers lies inside its box, and shows its whole text. */
async function expectNothingClipped(page: Page): Promise<void> {
  const problems = await page.locator('svg.cluster-svg').evaluate((svg) => {
    const out: string[] = [];
    for (const g of svg.querySelectorAll('g.group, g.producer, g.member')) {
      const box = g.querySelector('rect')!.getBBox();
      for (const text of g.querySelectorAll('text')) {
        const b = (text as SVGTextElement).getBBox();
        const what = `${g.getAttribute('class')} "${text.textContent}"`;
        if (b.x < box.x || b.x + b.width > box.x + box.width + 0.5) out.push(`${what} sticks out of its box`);
        if ((text.textContent ?? '').includes('…')) out.push(`${what} is cut short`);
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
}

for (const lang of ['en', 'zh-CN']) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`group and producer boxes show their whole text (${lang}, ${width}×${height})`, async ({ page }) => {
      await page.setViewportSize({ width, height });
      await page.goto(`./?scenario=two-groups-pubsub&t=6000&lang=${lang}`);
      await expect(page.getByRole('button', { name: lang === 'en' ? 'Play' : '播放', exact: true })).toBeEnabled();
      await expect(page.locator('svg.cluster-svg g.group')).toHaveCount(2);
      await expectNothingClipped(page);
    });
  }
}

test('a replica strip reached by the keyboard shows where the focus is', async ({ page }) => {
  await openScenario(page, 'sandbox', '&t=3000');
  const replica = page.locator('svg.cluster-svg g.replica').first();
  const ring = replica.locator('.focus-ring');
  const stroke = () => ring.evaluate((el) => getComputedStyle(el).stroke);
  const before = await stroke();
  // Tab into the view until a replica holds the focus (a keyboard focus, so :focus-visible applies).
  await page.locator('svg.cluster-svg g.broker').last().focus();
  for (let i = 0; i < 3 && !(await replica.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(replica).toBeFocused();
  expect(await stroke()).not.toBe(before);
  expect(await ring.evaluate((el) => parseFloat(getComputedStyle(el).strokeWidth))).toBeGreaterThanOrEqual(3);
});
