/**
 * `npm run bench:ui`: the page's own figures, one JSON object per line {"metric", "value", "unit"}
 * like bench/run.ts. It builds the app once (`npx vite build`), serves dist/ with `vite preview`
 * on a free loopback port and drives a headless Chromium through Playwright (bench/preview.ts).
 * It only measures: no thresholds. Wall-clock figures on a shared machine are noisy.
 *
 * A custom scenario reaches the page the way a learner's edit does: stored in localStorage under
 * `kafka-playground.edits` for a built-in id, so `?scenario=ID&t=MS` opens the edit at a time.
 *
 *   bundle.initial.gzip.kb      gzip size (node:zlib, default level) of the JavaScript that
 *                               dist/index.html loads before first paint: its module scripts and
 *                               modulepreloads (lazy chunks and the engine worker not counted)
 *   bundle.initial.css.gzip.kb  the same for its stylesheets
 *   ui.load.ms                  navigation start to the first animation frame where the cluster
 *                               svg has drawn a broker (sandbox, fresh page); median of 3
 *   ui.frame.p95.1x             p95 of requestAnimationFrame deltas (ms), collected in the page
 *   ui.frame.p95.10x            for 5 s while playing bench/workloads/ui-frames.json (5 brokers,
 *                               2 topics × 6 partitions, RF 3, ~500 records/s, a group of 3, every
 *                               token kind shown) at 1× and at 10×
 *   ui.frame.max.1x / .10x      the longest frame of those 5 s
 *   ui.frame.p95.paused         the same deltas on the same page paused: the machine's baseline
 *   ui.idle.frames.paused       animation-frame callbacks the app ran in 5 s while paused (counted
 *                               by wrapping window.requestAnimationFrame before the app loads)
 *   ui.idle.frames.hidden.tab   the same in 5 s while playing, with another tab of the same context
 *                               brought to the front (stderr says whether the page saw "hidden")
 *   ui.idle.frames.hidden       the same in 5 s while playing with the tab hidden by emulation:
 *                               document.visibilityState / document.hidden overridden to "hidden" /
 *                               true and a visibilitychange event dispatched (the browser keeps
 *                               running frames, so this counts what the app itself asks for)
 *   ui.reach.tenMinutes.ms      opening bench/workloads/ten-minutes.json with `&t=600000`: from
 *                               navigation to the clock showing 600.000 s
 *   ui.seek.ms.p95 / .median    then 10 scrubs to seeded random times in 0–600 s, each from setting
 *                               the timeline slider (as Playwright's fill does: value + input event)
 *                               to the redrawn view: the clock showing a time at most 10 s before the
 *                               target (the worker's kept frame at or before it, labelled with its
 *                               own time, or the exact state) and one more animation frame
 *   ui.seek.preview.gap.ms.median  how far before the target that first view stood (0: exact)
 *   ui.seek.exact.ms.p95 / .median  from the same scrub to the exact state: the clock showing the
 *                               target and the slider no longer waiting (no data-seeking), one more
 *                               animation frame; the next scrub starts after it
 *   ui.seek.frame.ms.median     until the engine worker's first frame or preview message for the
 *                               scrub reached the page (the rest is the page applying and drawing it)
 *   ui.seek.longtasks           main-thread long tasks (> 50 ms) during those 10 scrubs
 *   ui.seek.longtasks.cpu       those of them that took over 50 ms of the main thread's own CPU time
 *                               (a Chromium trace, 'toplevel' tasks of every renderer main thread): on a
 *                               shared, loaded machine a task's wall time grows with the load, its CPU
 *                               time much less, so this one says what an idle machine would see
 *   ui.longtasks                main-thread long tasks (PerformanceObserver 'longtask', > 50 ms)
 *   ui.longtasks.ms             and their total duration, during a journey on two-groups-pubsub:
 *                               play 3 s at 1×, crash broker 1, scrub back to 2 s, crash broker 2
 *                               there (a fork: the page says so),
 *                               switch to acks1-leader-crash
 *   ui.longtasks.cpu            the tasks of that journey over 50 ms of main-thread CPU time (as above)
 *
 *   ui.work.<part>.<q>.<speed>  work per frame on that same page and workload, from a Chromium trace of
 *                               5 s of playing (bench/frameWork.ts): main-thread CPU ms per frame of
 *                               script, style+layout, paint and busy (every task), p95 and median, at
 *                               1× and 10×; stderr adds the view's own ms per layer (__kvProfile)
 *
 * BENCH_UI_NO_BUILD=1 serves the existing dist/ without building; BENCH_ONLY=bundle,load,frames,
 * idle,work,seek,longtasks (comma-separated) runs some parts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { FRAME_WORK_CATEGORIES, frameWork, type FrameWork } from './frameWork';
import { withApp } from './preview';

function emit(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ metric, value: Number(value.toFixed(2)), unit }));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const only = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !only || only.includes(name);
const EDITS_KEY = 'kafka-playground.edits';
const WATCH = 5_000;

function bundle(): void {
  const html = readFileSync('dist/index.html', 'utf8');
  const refs = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1]!);
  const js = [...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g), ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)];
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(`dist/${f.replace(/^\.?\//, '')}`)).length, 0) / 1024;
  emit('bundle.initial.gzip.kb', gz(js), 'KiB');
  emit('bundle.initial.css.gzip.kb', gz(css), 'KiB');
}

/**
 * Before the app's own scripts: count the app's animation-frame callbacks, keep an unwrapped
 * requestAnimationFrame for the bench's own loops, watch long tasks, and store `edits`.
 */
async function instrumentedPage(browser: Browser, edits: Record<string, string> = {}): Promise<Page> {
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
async function done(page: Page): Promise<void> {
  await page.context().close();
}

/**
 * Runs `work` under a Chromium trace and returns, beside its result, the thread CPU time (ms) of
 * each top-level task of the renderers' main threads that took over 50 ms of it.
 */
async function cpuLongTasks<T>(browser: Browser, work: () => Promise<T>): Promise<{ result: T; tasks: number[] }> {
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

const clockText = (ms: number) => `cluster time ${(ms / 1000).toFixed(3)} s`;

async function waitForClock(page: Page, ms: number, timeout = 60_000): Promise<void> {
  await page.locator('.clock-time').filter({ hasText: clockText(ms) }).waitFor({ timeout });
}

async function ready(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Play', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 });
}

/** Clicks Faster / Slower until the page's speed is `speed`× (1× = index 6 of SPEEDS). */
async function setSpeed(page: Page, speed: number): Promise<void> {
  const scale = page.locator('.clock-scale');
  for (let i = 0; i < 20; i++) {
    // "1 s here = 250 ms in the cluster"
    const shown = Number(/=\s*([\d.,]+)\s*ms/.exec(await scale.innerText())?.[1]?.replace(/,/g, '')) / 1000;
    if (Math.abs(shown - speed) < 1e-9) return;
    await page.getByRole('button', { name: shown < speed ? 'Faster' : 'Slower' }).click();
  }
  throw new Error(`could not set the speed to ${speed}× (the page shows ${await scale.innerText()})`);
}

async function load(browser: Browser, url: string): Promise<void> {
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

/** Frame-to-frame deltas over `ms`, from the bench's own (unwrapped) animation-frame loop. */
async function frameDeltas(page: Page, ms: number): Promise<number[]> {
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

async function appFramesIn(page: Page, ms: number): Promise<number> {
  await page.evaluate(() => ((window as unknown as Record<string, number>).__appFrames = 0));
  await page.waitForTimeout(ms);
  return page.evaluate(() => (window as unknown as Record<string, number>).__appFrames!);
}

async function framesAndIdle(browser: Browser, url: string, parts: { frames: boolean; idle: boolean }): Promise<void> {
  const text = readFileSync('bench/workloads/ui-frames.json', 'utf8');
  const page = await instrumentedPage(browser, { 'two-groups-pubsub': text });
  await page.goto(`${url}?scenario=two-groups-pubsub&lang=en`);
  await ready(page);
  if (parts.idle) emit('ui.idle.frames.paused', await appFramesIn(page, WATCH), 'frames');
  const play = page.getByRole('button', { name: 'Play', exact: true });
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  if (parts.frames) {
    // The same page paused: what the machine gives an idle page (a busy machine shows here too).
    emit('ui.frame.p95.paused', quantile(await frameDeltas(page, WATCH), 0.95), 'ms');
    for (const speed of [1, 10]) {
      await setSpeed(page, speed);
      await play.click();
      await page.waitForTimeout(500);
      const deltas = await frameDeltas(page, WATCH);
      await pause.click();
      emit(`ui.frame.p95.${speed}x`, quantile(deltas, 0.95), 'ms');
      emit(`ui.frame.max.${speed}x`, Math.max(...deltas), 'ms');
    }
  }
  if (parts.idle) {
    await play.click();
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

/** Work per frame (CPU ms of the page's main thread), from a trace of 5 s of playing at 1× and 10×. */
async function work(browser: Browser, url: string): Promise<void> {
  const text = readFileSync('bench/workloads/ui-frames.json', 'utf8');
  const page = await instrumentedPage(browser, { 'two-groups-pubsub': text });
  await page.goto(`${url}?scenario=two-groups-pubsub&lang=en`);
  await ready(page);
  const play = page.getByRole('button', { name: 'Play', exact: true });
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  for (const speed of [1, 10]) {
    await setSpeed(page, speed);
    await play.click();
    await page.waitForTimeout(500);
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
    await pause.click();
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
  }
  await done(page);
}

/** A small seeded generator (mulberry32), so every run scrubs to the same times. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function seek(browser: Browser, url: string): Promise<void> {
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
  emit('ui.seek.ms.p95', quantile(views, 0.95), 'ms');
  emit('ui.seek.ms.median', quantile(views, 0.5), 'ms');
  emit('ui.seek.preview.gap.ms.median', quantile(gaps, 0.5), 'ms');
  emit('ui.seek.exact.ms.p95', quantile(exacts, 0.95), 'ms');
  emit('ui.seek.exact.ms.median', quantile(exacts, 0.5), 'ms');
  emit('ui.seek.frame.ms.median', quantile(inWorker, 0.5), 'ms');
  emit('ui.seek.longtasks', tasks.length, 'tasks');
  emit('ui.seek.longtasks.cpu', cpuTasks.length, 'tasks');
  await done(page);
}

async function longtasks(browser: Browser, url: string): Promise<void> {
  const page = await instrumentedPage(browser);
  await page.goto(`${url}?scenario=two-groups-pubsub&lang=en`);
  await ready(page);
  await page.evaluate(() => ((window as unknown as Record<string, number[]>).__longtasks = []));
  await setSpeed(page, 1);
  const { tasks: cpuTasks } = await cpuLongTasks(browser, async () => {
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(3_000);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Crash broker 1' }).click();
    await page.getByRole('slider', { name: /Timeline/ }).fill('2000');
    await waitForClock(page, 2000);
    // The crash recorded at 3 s lies ahead: crashing broker 2 now forks the timeline.
    await page.locator(`svg.cluster-svg [data-target='${JSON.stringify({ kind: 'broker', broker: 2 })}']`).first().click({ button: 'right' });
    await page.getByRole('menu').getByRole('menuitem', { name: 'Crash broker 2' }).click();
    await page.getByRole('status').filter({ hasText: 'You acted in the past' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Scenario', { exact: true }).selectOption('acks1-leader-crash');
    await waitForClock(page, 0);
    await ready(page);
    await page.waitForTimeout(500);
  });
  const tasks = await page.evaluate(() => (window as unknown as Record<string, number[]>).__longtasks!);
  emit('ui.longtasks', tasks.length, 'tasks');
  emit('ui.longtasks.ms', tasks.reduce((a, b) => a + b, 0), 'ms');
  emit('ui.longtasks.cpu', cpuTasks.length, 'tasks');
  console.error(`(ui.longtasks.cpu: ${cpuTasks.map((t) => t.toFixed(0)).join(', ') || 'none'} ms of CPU)`);
  await done(page);
}

await withApp(async (browser, url) => {
  if (part('bundle')) bundle();
  if (part('load')) await load(browser, url);
  if (part('frames') || part('idle')) await framesAndIdle(browser, url, { frames: part('frames'), idle: part('idle') });
  if (part('work')) await work(browser, url);
  if (part('seek')) await seek(browser, url);
  if (part('longtasks')) await longtasks(browser, url);
}, !process.env.BENCH_UI_NO_BUILD);
