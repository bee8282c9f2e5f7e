// bench/ui.ts, BENCH_ONLY=overruns: what the frames over 20 ms hold, next to those that kept time (bench/overruns.ts).
import { writeFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { FRAME_WORK_CATEGORIES } from '../frameWork';
import { frameThreads, type FrameThreads } from '../overruns';
import { atEachSpeedPlaying, done, framesWorkloadPage, quantile, WATCH } from './page';

const PARTS: (keyof FrameThreads)[] = ['wall', 'main', 'message', 'worker', 'compositor', 'raster', 'gpu', 'other'];

export async function overruns(browser: Browser, url: string): Promise<void> {
  const page = await framesWorkloadPage(browser, url);
  await atEachSpeedPlaying(page, async (speed) => {
    await browser.startTracing(page, { categories: [...FRAME_WORK_CATEGORIES, 'disabled-by-default-devtools.timeline.stack', 'cc', 'gpu', 'viz'] });
    await page.waitForTimeout(WATCH);
    const trace = (await browser.stopTracing()).toString('utf8');
    if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/ui-${speed}x.json`, trace);
    const frames = frameThreads(trace);
    const late = frames.filter((f) => f.wall > 20);
    const kept = frames.filter((f) => f.wall <= 20);
    const row = (label: string, list: FrameThreads[]) =>
      `${label} (${list.length}): ` + PARTS.map((p) => `${p} ${quantile(list.map((f) => f[p]), 0.5).toFixed(1)}/${quantile(list.map((f) => f[p]), 0.95).toFixed(1)}`).join(', ');
    console.error(`(overruns ${speed}x, CPU ms per frame, median/p95)\n  ${row('over 20 ms', late)}\n  ${row('on time', kept)}`);
    // Each late frame: is its main thread busy, or is the CPU with the others?
    const ownFault = late.filter((f) => f.main > 12).length;
    console.error(`  late frames whose main thread ran over 12 ms: ${ownFault} of ${late.length}`);
  });
  await done(page);
}
