// What every part of bench/ui.ts shares: the JSON line it prints, quantiles, the instrumented page
// (frame counting, long tasks, a learner's stored edits), a CPU trace of long tasks, and the
// transport's controls as a learner uses them.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';

export function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(2)), unit }));
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** `<metric>.p95` and `<metric>.median` of `values`, in ms. */
export function emitP95AndMedian(metric: string, values: number[]): void {
  emit(`${metric}.p95`, quantile(values, 0.95), 'ms');
  emit(`${metric}.median`, quantile(values, 0.5), 'ms');
}

export const EDITS_KEY = 'kafka-playground.edits';
export const WATCH = 5_000;

/**
 * Before the app's own scripts: count the app's animation-frame callbacks, keep an unwrapped
 * requestAnimationFrame for the bench's own loops, watch long tasks, and store `edits`.
 */
export async function instrumentedPage(browser: Browser, edits: Record<string, string> = {}): Promise<Page> {
  // A context of its own (not browser.newPage) so a second tab can join it (ui.idle.frames.hidden.tab).
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  // tsx compiles with keepNames: functions it serializes into the page call `__name` (see bench/run.ts).
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.addInitScript(
    ({ key, edits }) => {
      const w = window as unknown as Record<string, unknown>;
      const raw = window.requestAnimationFrame.bind(window);
      w.__rawRaf = raw;
      w.__appFrames = 0;
      window.requestAnimationFrame = (cb) =>
        raw((t) => {
          (w.__appFrames as number)++;
          cb(t);
        });
      w.__longtasks = [] as number[];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) (w.__longtasks as number[]).push(e.duration);
        }).observe({ type: 'longtask', buffered: true });
      } catch {
        // No long task API: the count stays 0.
      }
      // When the engine worker's last frame arrived on the main thread (seek: worker vs page).
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          this.addEventListener('message', (e: MessageEvent<{ type?: string }>) => {
            // The first frame or scrub preview since the bench reset it (NaN).
            if ((e.data?.type === 'frame' || e.data?.type === 'preview') && Number.isNaN(w.__frameAt as number)) w.__frameAt = performance.now();
          });
        }
      };
      if (Object.keys(edits).length) localStorage.setItem(key, JSON.stringify(edits));
    },
    { key: EDITS_KEY, edits },
  );
  return page;
}

/**
 * Closes the page's whole context and waits for it. (A `page.on('close')` handler that closed the
 * context without awaiting it raced `browser.close()` at the end of a run: the context's close
 * then rejected with TargetClosedError, unhandled, and killed the bench.)
 */
export async function done(page: Page): Promise<void> {
  await page.context().close();
}

/**
 * Runs `work` under a Chromium trace and returns, beside its result, the thread CPU time (ms) of
 * each top-level task of the renderers' main threads that took over 50 ms of it.
 */
export async function cpuLongTasks<T>(browser: Browser, work: () => Promise<T>): Promise<{ result: T; tasks: number[] }> {
  await browser.startTracing(undefined, { categories: ['toplevel'] });
  let result: T;
  try {
    result = await work();
  } catch (err) {
    await browser.stopTracing().catch(() => undefined);
    throw err;
  }
  const trace = await browser.stopTracing();
  type TraceEvent = { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } };
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events
    .filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}:${e.tid}`) && (e.tdur ?? 0) > 50_000)
    .map((e) => e.tdur! / 1000);
  return { result, tasks };
}

export const clockText = (ms: number) => `cluster time ${(ms / 1000).toFixed(3)} s`;

export async function waitForClock(page: Page, ms: number, timeout = 60_000): Promise<void> {
  await page.locator('.clock-time').filter({ hasText: clockText(ms) }).waitFor({ timeout });
}

export async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
}

/** Clicks Faster / Slower until the page's speed is `speed`× (1× = index 6 of SPEEDS). */
export async function setSpeed(page: Page, speed: number): Promise<void> {
  const scale = page.locator('.clock-scale');
  for (let i = 0; i < 20; i++) {
    // "1 s here = 250 ms in the cluster"
    const shown = Number(/=\s*([\d.,]+)\s*ms/.exec(await scale.innerText())?.[1]?.replace(/,/g, '')) / 1000;
    if (Math.abs(shown - speed) < 1e-9) return;
    await page.getByRole('button', { name: shown < speed ? 'Faster' : 'Slower' }).click();
  }
  throw new Error(`could not set the speed to ${speed}× (the page shows ${await scale.innerText()})`);
}

/** A page on the frames workload (bench/workloads/ui-frames.json as two-groups-pubsub's edit), ready to play. */
export async function framesWorkloadPage(browser: Browser, url: string): Promise<Page> {
  const page = await instrumentedPage(browser, { 'two-groups-pubsub': readFileSync('bench/workloads/ui-frames.json', 'utf8') });
  await page.goto(`${url}?scenario=two-groups-pubsub&lang=en`);
  await ready(page);
  return page;
}

/** At 1×, then at 10×: plays, lets half a second pass, `watch`es, pauses. */
export async function atEachSpeedPlaying(page: Page, watch: (speed: number) => Promise<void>): Promise<void> {
  for (const speed of [1, 10]) {
    await setSpeed(page, speed);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(500);
    await watch(speed);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
  }
}
