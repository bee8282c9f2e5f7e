// bench/ui.ts, BENCH_ONLY=frames,idle: ui.frame.p95 / max (paused, 1×, 10×) and ui.idle.frames.
import type { Browser, Page } from '@playwright/test';
import { atEachSpeedPlaying, done, emit, framesWorkloadPage, quantile, WATCH } from './page';

/** Frame-to-frame deltas over `ms`, from the bench's own (unwrapped) animation-frame loop. */
export async function frameDeltas(page: Page, ms: number): Promise<number[]> {
  return page.evaluate((ms) => {
    const raw = (window as unknown as Record<string, typeof requestAnimationFrame>).__rawRaf!;
    return new Promise<number[]>((resolve) => {
      const deltas: number[] = [];
      let first = -1;
      let last = -1;
      raw(function loop(now) {
        if (first < 0) first = now;
        else deltas.push(now - last);
        last = now;
        if (now - first < ms) raw(loop);
        else resolve(deltas);
      });
    });
  }, ms);
}

export async function appFramesIn(page: Page, ms: number): Promise<number> {
  await page.evaluate(() => ((window as unknown as Record<string, number>).__appFrames = 0));
  await page.waitForTimeout(ms);
  return page.evaluate(() => (window as unknown as Record<string, number>).__appFrames!);
}

export async function framesAndIdle(browser: Browser, url: string, parts: { frames: boolean; idle: boolean }): Promise<void> {
  const page = await framesWorkloadPage(browser, url);
  if (parts.idle) emit('ui.idle.frames.paused', await appFramesIn(page, WATCH), 'frames');
  if (parts.frames) {
    // The same page paused: what the machine gives an idle page (a busy machine shows here too).
    emit('ui.frame.p95.paused', quantile(await frameDeltas(page, WATCH), 0.95), 'ms');
    await atEachSpeedPlaying(page, async (speed) => {
      const deltas = await frameDeltas(page, WATCH);
      emit(`ui.frame.p95.${speed}x`, quantile(deltas, 0.95), 'ms');
      emit(`ui.frame.max.${speed}x`, Math.max(...deltas), 'ms');
    });
  }
  if (parts.idle) {
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    // Hidden for real: another tab of the same context brought to the front.
    const other = await page.context().newPage();
    await other.bringToFront();
    const state = await page.evaluate(() => document.visibilityState);
    emit('ui.idle.frames.hidden.tab', await appFramesIn(page, WATCH), 'frames');
    console.error(`(ui.idle.frames.hidden.tab: the bench's page said visibilityState = ${state} behind the other tab)`);
    await other.close();
    await page.bringToFront();
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    emit('ui.idle.frames.hidden', await appFramesIn(page, WATCH), 'frames');
  }
  await done(page);
}
