// Every journey fails on a console error or an uncaught exception in the page.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** The cluster clock in seconds, as the page shows it. */
export async function clock(page: Page): Promise<number> {
  const text = await page.locator('.clock-time').innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}

/** A ledger counter's value (e.g. "lostAcknowledged"). */
export async function counter(page: Page, key: string): Promise<number> {
  const text = await page.locator(`[data-counter="${key}"]`).innerText();
  return Number(text.replace(/[^\d]/g, '') || 'NaN');
}

/** Opens a built-in scenario (at t = 0, or at `&t=MS` in `query`) and waits for the cluster. */
export async function openScenario(page: Page, id: string, query = ''): Promise<void> {
  await page.goto(`./?scenario=${id}${query}`);
  // Opening at a time runs the engine there first: on a busy 2-core machine that can take
  // longer than the default 5 s (the page shows progress meanwhile).
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled({ timeout: 30_000 });
}

/** Plays at 100× until the scenario's end (the Play button comes back, disabled). */
export async function playToEnd(page: Page): Promise<void> {
  const faster = page.getByRole('button', { name: 'Faster' });
  while (await faster.isEnabled()) await faster.click();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled({ timeout: 30_000 });
}

/** Where the cluster view draws broker `id` (the view marks it with data-target). */
export function brokerInView(page: Page, id: number) {
  const target = JSON.stringify({ kind: 'broker', broker: id });
  return page.locator(`svg.cluster-svg [data-target='${target}']`).first();
}

/** axe-core: no serious or critical violations. (axe takes seconds on a busy machine: callers allow for it.) */
export async function expectAccessible(page: Page): Promise<void> {
  test.setTimeout(120_000);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Sets the speed to 1× (the page opens at 0.25×) and plays. */
export async function playAtOneSecondPerSecond(page: Page): Promise<void> {
  for (let i = 0; i < 12 && !/=\s*1,?000\s*ms/.test(await page.locator('.clock-scale').innerText()); i++) await page.getByRole('button', { name: 'Faster' }).click();
  await expect(page.locator('.clock-scale')).toContainText(/=\s*1,?000\s*ms/);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
}

/** At 1× ("1 s here = 1,000 ms in the cluster"), plays two seconds, pauses, and lets the view settle. */
export async function playAtOneSecondPerSecondThenPause(page: Page): Promise<void> {
  await playAtOneSecondPerSecond(page);
  await page.waitForTimeout(2_000);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await page.waitForTimeout(1_000);
}
