/**
 * What the overrunning frames hold (bench/ui.ts, BENCH_ONLY=overruns): from a Chromium trace of
 * playing, the page's frames (one BeginMainThreadFrame to the next on its renderer main thread)
 * that took over 20 ms of wall time, and in each the CPU ms of every thread that ran meanwhile:
 * the page's main thread (its script, and of that the worker messages' dispatch: decoding a frame
 * and handing it to the store and the view), the engine's worker, the compositor, the raster
 * workers and the GPU process (Viz). Compared with the frames that did not overrun, it says
 * whether a late frame had too much of its own work or lost the CPU to the others.
 */
import type { TraceEvent } from './frameWork';

export interface FrameThreads {
  wall: number;
  main: number;
  /** The main thread's handling of the worker's messages (HandlePostMessage: deserialising, the store, the view's update). */
  message: number;
  worker: number;
  compositor: number;
  raster: number;
  gpu: number;
  other: number;
}


const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask', 'ThreadPool_RunTask']);

function kindOf(thread: string): keyof FrameThreads | null {
  if (thread === 'CrRendererMain') return 'main';
  if (thread.startsWith('DedicatedWorker')) return 'worker';
  if (thread === 'Compositor') return 'compositor';
  if (thread.startsWith('CompositorTileWorker') || thread.startsWith('ThreadPoolForeground') || thread.startsWith('Raster')) return 'raster';
  if (thread === 'VizCompositorThread' || thread === 'CrGpuMain' || thread.startsWith('Gpu')) return 'gpu';
  return 'other';
}

export function frameThreads(traceJson: string): FrameThreads[] {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name' && e.args?.name) names.set(`${e.pid}:${e.tid}`, e.args.name);
  // The page's main thread: the renderer main thread with the most frames.
  const counts = new Map<string, number>();
  for (const e of events) if (e.name === 'BeginMainThreadFrame') counts.set(`${e.pid}:${e.tid}`, (counts.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const starts = events.filter((e) => e.name === 'BeginMainThreadFrame' && `${e.pid}:${e.tid}` === main).map((e) => e.ts).sort((a, b) => a - b);
  const frames: FrameThreads[] = starts.slice(0, -1).map((s, i) => ({ wall: (starts[i + 1]! - s) / 1000, main: 0, message: 0, worker: 0, compositor: 0, raster: 0, gpu: 0, other: 0 }));
  const frameAt = (ts: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    if (ts < starts[0]! || ts >= starts[hi]!) return -1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= ts) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const mainPid = Number(main.split(':')[0]);
  // Top-level tasks only (a thread's outermost task event), their CPU spread over the frames they span.
  const ends = new Map<string, number>();
  const sorted = events.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts);
  for (const e of sorted) {
    const key = `${e.pid}:${e.tid}`;
    const thread = names.get(key) ?? '';
    const kind = kindOf(thread);
    if (!kind) continue;
    // Other renderers (the bench's blank tabs) and the browser process's own threads: not the page's.
    if ((kind === 'main' || kind === 'worker' || kind === 'compositor' || kind === 'raster') && e.pid !== mainPid && kind !== 'raster') continue;
    if (kind === 'main' && key !== main) continue;
    if (key === main && e.name === 'HandlePostMessage') {
      const f = frameAt(e.ts);
      if (f >= 0) frames[f]!.message += (e.tdur ?? e.dur ?? 0) / 1000;
    }
    if (!TASKS.has(e.name)) continue;
    if (e.ts < (ends.get(key) ?? -Infinity)) continue;
    ends.set(key, e.ts + (e.dur ?? 0));
    const cpu = (e.tdur ?? e.dur ?? 0) / 1000;
    const wall = (e.dur ?? 0) / 1000 || 1e-9;
    // A task spanning several frames: its CPU in proportion to its wall time in each.
    let t = e.ts;
    const end = e.ts + (e.dur ?? 0);
    while (t <= end) {
      const f = frameAt(t);
      if (f < 0) break;
      const frameEnd = starts[f + 1]!;
      const part = (Math.min(end, frameEnd) - t) / 1000;
      frames[f]![kind] += cpu * (e.dur ? part / wall : 1);
      if (frameEnd > end) break;
      t = frameEnd;
    }
  }
  return frames;
}
