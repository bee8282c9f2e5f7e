// bench/ui.ts, BENCH_ONLY=fork: the ui.fork.* and ui.undo.* figures.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { clockText, done, emit, instrumentedPage, quantile, waitForClock } from './page';
import { seeded } from './seek';

const NEVER = 600_000;

/** Waits for the exact state at `ms`: the clock shows it and the slider no longer waits for the engine. */
async function exactAt(page: Page, ms: number): Promise<void> {
  await waitForClock(page, ms, NEVER);
  await page.waitForFunction(() => !document.querySelector('input[type="range"]')?.hasAttribute('data-seeking'), null, { timeout: NEVER });
}

/**
 * On the 10-minute run, 12 seeded random moments: scrub back to one, then crash broker 1 there,
 * which forks the timeline. Timed from the click until the page says it forked, lists the crash at
 * that moment and shows the cluster at it; then Undo, timed until the old timeline is back.
 * Two in three clicks come once the scrub's exact state stands (a learner looked, then acted):
 * ui.fork.ms; the third comes right after the scrub (ui.fork.cold.ms, which waits for the exact seek).
 */
export async function fork(browser: Browser, url: string): Promise<void> {
  const text = readFileSync('bench/workloads/ten-minutes.json', 'utf8');
  const page = await instrumentedPage(browser, { 'acks1-leader-crash': text });
  await page.goto(`${url}?scenario=acks1-leader-crash&t=600000&lang=en`);
  await waitForClock(page, 600_000, NEVER);
  const random = seeded(11);
  const settled: number[] = [];
  const cold: number[] = [];
  const undos: number[] = [];
  const slider = page.getByRole('slider', { name: /Timeline/ });
  const notice = page.getByRole('status').filter({ hasText: 'You acted in the past' });
  for (let i = 0; i < 12; i++) {
    const target = Math.round(random() * 598 + 1) * 1000;
    const right = i % 3 === 2;
    await slider.fill(String(target));
    if (!right) {
      await exactAt(page, target);
      await page.waitForTimeout(300);
    }
    const crashHere = page.getByRole('button', { name: `crash b1 at ${(target / 1000).toFixed(3)} s` });
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Crash broker 1' }).click();
    await notice.waitFor({ timeout: NEVER });
    await crashHere.waitFor({ timeout: NEVER });
    await page.locator('.clock-time').filter({ hasText: clockText(target) }).waitFor({ timeout: NEVER });
    (right ? cold : settled).push(Date.now() - clicked);
    const undone = Date.now();
    await page.getByRole('button', { name: 'Undo: back to the old timeline' }).click();
    await notice.waitFor({ state: 'detached', timeout: NEVER });
    await crashHere.waitFor({ state: 'detached', timeout: NEVER });
    undos.push(Date.now() - undone);
  }
  emit('ui.fork.ms.p95', quantile(settled, 0.95), 'ms');
  emit('ui.fork.ms.median', quantile(settled, 0.5), 'ms');
  emit('ui.fork.cold.ms.median', quantile(cold, 0.5), 'ms');
  emit('ui.undo.ms.p95', quantile(undos, 0.95), 'ms');
  emit('ui.undo.ms.median', quantile(undos, 0.5), 'ms');
  await done(page);
}
