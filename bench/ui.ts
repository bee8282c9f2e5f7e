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
 *   ui.fork.ms.p95 / .median    on the 10-minute run, 12 seeded random moments: scrub back to one and
 *                               crash broker 1 there (a fork), from the click until the page says it
 *                               forked and shows the crash at that moment; 8 clicks once the scrub's
 *                               exact state stands (a learner looked, then acted)
 *   ui.fork.cold.ms.median      the other 4, clicked right after the scrub (waits for the exact seek)
 *   ui.undo.ms.p95 / .median    then Undo, until the old timeline is back
 *
 *   ui.work.<part>.<q>.<speed>  work per frame on that same page and workload, from a Chromium trace of
 *                               5 s of playing (bench/frameWork.ts): main-thread CPU ms per frame of
 *                               script, style+layout, paint and busy (every task), p95 and median, at
 *                               1× and 10×; stderr adds the view's own ms per layer (__kvProfile)
 *
 *   overruns (only when asked)  stderr: the CPU of every thread of the page in the frames over 20 ms and in
 *                               the others (bench/overruns.ts); BENCH_TRACE_DIR=DIR keeps the traces
 *
 * BENCH_UI_NO_BUILD=1 serves the existing dist/ without building; BENCH_ONLY=bundle,load,frames,
 * idle,work,seek,longtasks,fork (comma-separated) runs some parts.
 */
import { bundle } from './ui/bundle';
import { fork } from './ui/fork';
import { framesAndIdle } from './ui/frames';
import { load } from './ui/load';
import { overruns } from './ui/overruns';
import { longtasks } from './ui/longtasks';
import { seek } from './ui/seek';
import { work } from './ui/work';
import { withApp } from './preview';

const only = process.env.BENCH_ONLY?.split(',');
const part = (name: string) => !only || only.includes(name);

await withApp(async (browser, url) => {
  if (part('bundle')) bundle();
  if (part('load')) await load(browser, url);
  if (part('frames') || part('idle')) await framesAndIdle(browser, url, { frames: part('frames'), idle: part('idle') });
  if (part('work')) await work(browser, url);
  if (only?.includes('overruns')) await overruns(browser, url);
  if (part('seek')) await seek(browser, url);
  if (part('longtasks')) await longtasks(browser, url);
  if (part('fork')) await fork(browser, url);
}, !process.env.BENCH_UI_NO_BUILD);
