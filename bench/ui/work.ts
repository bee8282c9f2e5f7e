// bench/ui.ts, BENCH_ONLY=work: ui.work.<part>.<q>.<speed> from a Chromium trace (bench/frameWork.ts).
import { writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { FRAME_WORK_CATEGORIES, frameWork, type FrameWork } from '../frameWork';
import { atEachSpeedPlaying, done, emit, framesWorkloadPage, quantile, WATCH } from './page';

/** Work per frame (CPU ms of the page's main thread), from a trace of 5 s of playing at 1× and 10×. */
export async function work(browser: Browser, url: string): Promise<void> {
  const page = await framesWorkloadPage(browser, url);
  await atEachSpeedPlaying(page, async (speed) => {
    await page.evaluate(() => ((globalThis as { __kvProfile?: Record<string, number> }).__kvProfile = {}));
    await browser.startTracing(page, { categories: FRAME_WORK_CATEGORIES });
    await page.waitForTimeout(WATCH);
    const trace = await browser.stopTracing();
    // BENCH_CPU_PROFILE=DIR: then 5 s more under V8's sampling profiler, saved as DIR/ui-<speed>x.cpuprofile.
    if (process.env.BENCH_CPU_PROFILE) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
      await page.waitForTimeout(WATCH);
      const { profile: cpu } = await cdp.send('Profiler.stop');
      writeFileSync(`${process.env.BENCH_CPU_PROFILE}/ui-${speed}x.cpuprofile`, JSON.stringify(cpu));
      await cdp.detach();
    }
    const profile = await page.evaluate(() => {
      const g = globalThis as { __kvProfile?: Record<string, number> };
      const p = g.__kvProfile ?? {};
      delete g.__kvProfile;
      return p;
    });
    const frames = frameWork(trace.toString('utf8'));
    const of = (pick: (f: FrameWork) => number) => frames.map(pick);
    const series: [string, number[]][] = [
      ['script', of((f) => f.script)],
      ['styleLayout', of((f) => f.style + f.layout)],
      ['paint', of((f) => f.paint)],
      ['busy', of((f) => f.busy)],
    ];
    for (const [name, values] of series) {
      emit(`ui.work.${name}.p95.${speed}x`, quantile(values, 0.95), 'ms');
      emit(`ui.work.${name}.median.${speed}x`, quantile(values, 0.5), 'ms');
    }
    const draws = profile.draws ?? 0;
    delete profile.draws;
    const perDraw = Object.entries(profile)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${(v / Math.max(1, draws)).toFixed(2)}`)
      .join(', ');
    console.error(`(ui.work ${speed}x: ${frames.length} frames, ${draws} draws; the view's ms per draw by layer: ${perDraw})`);
  });
  await done(page);
}
