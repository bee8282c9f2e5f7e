// bench/ui.ts, BENCH_ONLY=seek: ui.reach.tenMinutes.ms and the ui.seek.* figures.
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { cpuLongTasks, done, emit, emitP95AndMedian, instrumentedPage, quantile, waitForClock } from './page';

/** A small seeded generator (mulberry32), so every run scrubs to the same times. */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seek(browser: Browser, url: string): Promise<void> {
  const text = readFileSync('bench/workloads/ten-minutes.json', 'utf8');
  const page = await instrumentedPage(browser, { 'acks1-leader-crash': text });
  const started = Date.now();
  await page.goto(`${url}?scenario=acks1-leader-crash&t=600000&lang=en`);
  await waitForClock(page, 600_000, 600_000);
  emit('ui.reach.tenMinutes.ms', Date.now() - started, 'ms');
  const random = seeded(9);
  const views: number[] = [];
  const exacts: number[] = [];
  const gaps: number[] = [];
  const inWorker: number[] = [];
  await page.evaluate(() => ((window as unknown as Record<string, number[]>).__longtasks = []));
  const { tasks: cpuTasks } = await cpuLongTasks(browser, async () => {
    for (let i = 0; i < 10; i++) {
      const target = Math.round(random() * 600) * 1000;
      const [view, exact, gap, frame] = await page.evaluate(
        ({ target }) => {
          const w = window as unknown as Record<string, unknown>;
          const raw = w.__rawRaf as typeof requestAnimationFrame;
          const slider = document.querySelector<HTMLInputElement>('input[type="range"]')!;
          const clock = document.querySelector('.clock-time')!;
          // "cluster time 412.000 s" → 412000
          const shownMs = () => Math.round(Number(/([\d.,]+)\s*s$/.exec(clock.textContent ?? '')?.[1]?.replace(/,/g, '')) * 1000);
          const before = clock.textContent;
          return new Promise<[number, number, number, number]>((resolve, reject) => {
            const start = performance.now();
            w.__frameAt = NaN;
            const timer = setTimeout(() => reject(new Error(`no exact state at ${target} ms after 600 s`)), 600_000);
            let view = NaN;
            let gap = NaN;
            raw(function poll() {

              const shown = shownMs();
              if (Number.isNaN(view) && (clock.textContent !== before || shown === target) && shown <= target && shown >= target - 10_000) {
                gap = target - shown;
                raw(() => (view = performance.now() - start));
              }
              if (shown === target && !slider.hasAttribute('data-seeking') && !Number.isNaN(view)) {
                clearTimeout(timer);
                raw(() => resolve([view, performance.now() - start, gap, ((w.__frameAt as number) ?? NaN) - start]));
                return;
              }
              raw(poll);
            });
            // What Playwright's fill does on a React-controlled range input.
            Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(slider, String(target));
            slider.dispatchEvent(new Event('input', { bubbles: true }));
            slider.dispatchEvent(new Event('change', { bubbles: true }));
          });
        },
        { target },
      );
      views.push(view);
      exacts.push(exact);
      gaps.push(gap);
      inWorker.push(frame);
    }
  });
  const tasks = await page.evaluate(() => (window as unknown as Record<string, number[]>).__longtasks!);
  emitP95AndMedian('ui.seek.ms', views);
  emit('ui.seek.preview.gap.ms.median', quantile(gaps, 0.5), 'ms');
  emitP95AndMedian('ui.seek.exact.ms', exacts);
  emit('ui.seek.frame.ms.median', quantile(inWorker, 0.5), 'ms');
  emit('ui.seek.longtasks', tasks.length, 'tasks');
  emit('ui.seek.longtasks.cpu', cpuTasks.length, 'tasks');
  await done(page);
}
