// bench/ui.ts, BENCH_ONLY=fork: the ui.fork.* and ui.undo.* figures.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { clockText, done, emit, emitP95AndMedian, instrumentedPage, quantile, waitForClock } from './page';
import { seeded } from './seek';

const NEVER = 600_000;

/** Waits for the exact state at `ms`: the clock shows it and the slider no longer waits for the engine. */
async function exactAt(page: Page, ms: number): Promise<void> {
  await waitForClock(page, ms, NEVER);
  await page.waitForFunction(() => !document.querySelector('input[type="range"]')?.hasAttribute('data-seeking'), null, { timeout: NEVER });
}

/** What the page shows when it stands on the forked timeline (`forked`) or is back on the old one. */
interface Standing {
  forked: boolean;
  /** The marker's accessible name ("crash b1 at 12.000 s"). */
  marker: string;
  /** The clock's text ("cluster time 12.000 s"). */
  clock: string;
}

/**
 * Arms a watch in the page, timed on the page's own clock: from the next click anywhere (its
 * event, captured before the app sees it) to the first animation frame where the page stands as
 * `standing` says, plus one more frame (it was painted). Beside it, when the engine worker's first
 * frame after the click reached the page. Playwright's own round trips (its click's actionability
 * checks, its polling of locators) stay out of the figure.
 */
async function arm(page: Page, standing: Standing): Promise<void> {
  await page.evaluate((standing) => {
    const w = window as unknown as Record<string, unknown>;
    const raw = w.__rawRaf as typeof requestAnimationFrame;
    const stands = (): boolean => {
      const notice = [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('You acted in the past'));
      const marker = !!document.querySelector(`button[aria-label="${standing.marker}"]`);
      const clock = document.querySelector('.clock-time')?.textContent === standing.clock;
      return notice === standing.forked && marker === standing.forked && clock;
    };
    w.__watch = new Promise<{ click: number; frame: number; shown: number }>((resolve) => {
      document.addEventListener(
        'click',
        () => {
          const click = performance.now();
          w.__frameAt = NaN;
          raw(function poll() {
            if (!stands()) return raw(poll);
            raw(() => resolve({ click, frame: (w.__frameAt as number) - click, shown: performance.now() - click }));
          });
        },
        { capture: true, once: true },
      );
    });
  }, standing);
}

async function watched(page: Page): Promise<{ frame: number; shown: number }> {
  return page.evaluate(() => (window as unknown as { __watch: Promise<{ frame: number; shown: number }> }).__watch);
}

/**
 * On the 10-minute run, 12 seeded random moments: scrub back to one, then crash broker 1 there,
 * which forks the timeline. Timed from the click until the page says it forked, lists the crash at
 * that moment and shows the cluster at it; then Undo, timed until the old timeline is back.
 * Two in three clicks come once the scrub's exact state stands (a learner looked, then acted):
 * ui.fork.ms; the third comes right after the scrub (ui.fork.cold.ms, which waits for the exact seek).
 * stderr adds, per click, when the worker's frame reached the page.
 */
export async function fork(browser: Browser, url: string): Promise<void> {
  const text = readFileSync('bench/workloads/ten-minutes.json', 'utf8');
  const page = await instrumentedPage(browser, { 'acks1-leader-crash': text });
  await page.goto(`${url}?scenario=acks1-leader-crash&t=600000&lang=en`);
  await waitForClock(page, 600_000, NEVER);
  const random = seeded(11);
  const settled: number[] = [];
  const settledFrames: number[] = [];
  const cold: number[] = [];
  const undos: number[] = [];
  const slider = page.getByRole('slider', { name: /Timeline/ });
  for (let i = 0; i < 12; i++) {
    const target = Math.round(random() * 598 + 1) * 1000;
    const right = i % 3 === 2;
    await slider.fill(String(target));
    if (!right) {
      await exactAt(page, target);
      await page.waitForTimeout(300);
    }
    const standing = { marker: `crash b1 at ${(target / 1000).toFixed(3)} s`, clock: clockText(target) };
    await arm(page, { ...standing, forked: true });
    await page.getByRole('button', { name: 'Crash broker 1' }).click();
    const forked = await watched(page);
    (right ? cold : settled).push(forked.shown);
    if (!right) settledFrames.push(forked.frame);
    await arm(page, { ...standing, forked: false });
    await page.getByRole('button', { name: 'Undo: back to the old timeline' }).click();
    const undone = await watched(page);
    undos.push(undone.shown);
    console.error(`fork at ${target} ms${right ? ' (cold)' : ''}: frame ${forked.frame.toFixed(0)} ms, shown ${forked.shown.toFixed(0)} ms; undo frame ${undone.frame.toFixed(0)} ms, shown ${undone.shown.toFixed(0)} ms`);
  }
  emitP95AndMedian('ui.fork.ms', settled);
  emit('ui.fork.frame.ms.median', quantile(settledFrames, 0.5), 'ms');
  emit('ui.fork.cold.ms.median', quantile(cold, 0.5), 'ms');
  emitP95AndMedian('ui.undo.ms', undos);
  await done(page);
}
