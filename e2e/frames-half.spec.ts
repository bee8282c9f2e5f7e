// While playing, each draw brings only half the rows' strips up to date (src/view/clusterView.ts,
// DrawContext.half): once paused, every strip must show the paused moment's cells and markers,
// exactly as a page opened at that moment draws them.
import type { Page } from '@playwright/test';
import { expect, openScenario, playAtOneSecondPerSecondThenPause, test } from './fixtures';

/** Each strip's name, cells (their paths) and HW / LEO markers, in drawing order. */
const strips = (page: Page) =>
  page.locator('svg.cluster-svg g.replica').evaluateAll((gs) =>
    gs.map((g) => {
      // A strip's paths in any order: each draws its own cells (one per fill and tone), and which
      // tone's path was made first depends on the moment the strip first showed it. A tone with no
      // cells keeps an empty path (stripCells.ts): it draws nothing.
      const paths = [...g.querySelectorAll('g.cells > path')].filter((p) => p.getAttribute('d')).map((p) => `${p.getAttribute('fill')}/${p.getAttribute('class') ?? ''}:${p.getAttribute('d')}`).sort();
      const cells = g.querySelector('g.cells')?.getAttribute('transform') ?? '';
      const x = (cls: string) => g.querySelector(`line.${cls}`)?.getAttribute('x1') ?? '';
      return [g.getAttribute('aria-label'), cells, ...paths, x('hw'), x('leo')].join(' | ');
    }),
  );

test('played at 1× and paused, every strip shows the cells of the paused moment, as a page opened there does', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openScenario(page, 'two-groups-pubsub', '&lang=en');
  await playAtOneSecondPerSecondThenPause(page);
  const clock = (await page.locator('.clock-time').innerText()).replace(/,/g, '');
  const ms = Math.round(Number(/([\d.]+)\s*s/.exec(clock)![1]) * 1000);
  expect(ms, 'the cluster played').toBeGreaterThan(0);
  const paused = await strips(page);
  expect(paused.some((s) => /:M\d/.test(s)), 'the strips hold cells').toBe(true);

  const fresh = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await openScenario(fresh, 'two-groups-pubsub', `&lang=en&t=${ms}`);
  await expect(fresh.locator('.clock-time')).toHaveText(clock);
  await fresh.waitForTimeout(1_000);
  expect(await strips(fresh)).toEqual(paused);
  await fresh.close();
});
