// bench/ui.ts, BENCH_ONLY=load: ui.load.ms.
import type { Browser } from '@playwright/test';
import { done, emit, instrumentedPage, quantile } from './page';

export async function load(browser: Browser, url: string): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const page = await instrumentedPage(browser);
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const raw = w.__rawRaf as typeof requestAnimationFrame;
      raw(function poll(now) {
        if (document.querySelector('svg.cluster-svg [data-target*=\'"kind":"broker"\']')) w.__drawn = now;
        else raw(poll);
      });
    });
    await page.goto(`${url}?lang=en`);
    await page.waitForFunction(() => (window as unknown as Record<string, unknown>).__drawn !== undefined, null, { timeout: 60_000 });
    times.push(await page.evaluate(() => (window as unknown as Record<string, number>).__drawn!));
    await done(page);
  }
  emit('ui.load.ms', quantile(times, 0.5), 'ms');
}
