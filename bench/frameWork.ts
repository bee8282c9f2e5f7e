/**
 * Work per frame from a Chromium trace (bench/ui.ts, BENCH_ONLY=work): on a shared, loaded machine
 * a frame's wall time says more about the neighbours than about the page, the main thread's own
 * CPU time (the trace's `tdur`) much less. Each frame is the stretch of the page's renderer main
 * thread from one BeginMainThreadFrame to the next; in it, CPU ms of
 *   script  outermost FunctionCall / FireAnimationFrame / EventDispatch / TimerFire / EvaluateScript /
 *           RunMicrotasks / V8.Execute, less the style and layout they forced
 *   style   UpdateLayoutTree (style recalculation)
 *   layout  Layout
 *   paint   PrePaint, Paint, Layerize, UpdateLayer, Commit (the main thread's part of painting)
 *   (each part counts only its outermost events: Blink nests Paint in Paint)
 *   busy    every top-level task of the main thread
 */
export interface FrameWork {
  script: number;
  style: number;
  layout: number;
  paint: number;
  busy: number;
}

/** One event of a Chromium trace, as far as the benches read it. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frame?: string; type?: string } };
}

const SCRIPT = new Set(['FunctionCall', 'FireAnimationFrame', 'EventDispatch', 'TimerFire', 'EvaluateScript', 'RunMicrotasks', 'V8.Execute', 'v8.callFunction', 'v8.run']);
const STYLE = new Set(['UpdateLayoutTree', 'RecalculateStyles']);
const LAYOUT = new Set(['Layout']);
const PAINT = new Set(['PrePaint', 'Paint', 'Layerize', 'UpdateLayer', 'UpdateLayerTree', 'Commit']);

export const FRAME_WORK_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute'];

/** Per frame of the busiest renderer main thread (the page's), what its CPU went to (ms). */
export function frameWork(traceJson: string): FrameWork[] {
  const events = (JSON.parse(traceJson) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key)!.push(e);
  }
  // The page's thread: the one with the most frames.
  let list: TraceEvent[] = [];
  let most = -1;
  for (const l of byThread.values()) {
    const n = l.filter((e) => e.name === 'BeginMainThreadFrame').length;
    if (n > most) [list, most] = [l, n];
  }
  list.sort((a, b) => a.ts - b.ts);
  const starts = list.filter((e) => e.name === 'BeginMainThreadFrame').map((e) => e.ts);
  if (starts.length < 2) return [];
  const frames: FrameWork[] = starts.slice(0, -1).map(() => ({ script: 0, style: 0, layout: 0, paint: 0, busy: 0 }));
  const frameAt = (ts: number): FrameWork | undefined => {
    // The last frame start at or before ts.
    let lo = 0;
    let hi = starts.length - 1;
    if (ts < starts[0]! || ts >= starts[hi]!) return undefined;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= ts) lo = mid;
      else hi = mid;
    }
    return frames[lo];
  };
  const cpu = (e: TraceEvent) => (e.tdur ?? e.dur ?? 0) / 1000;
  // Newer Chromiums wrap each task twice (ThreadControllerImpl::RunTask around RunTask): count one.
  const task = list.some((e) => e.name === 'ThreadControllerImpl::RunTask') ? 'ThreadControllerImpl::RunTask' : 'RunTask';
  let scriptEnd = -Infinity;
  let scriptFrame: FrameWork | undefined;
  // Blink nests its own events: a Paint of the document holds the Paint of <html>, which holds
  // that of each scroller (the cluster's panel), so summing every Paint counted the same
  // milliseconds two or three times. Only the outermost event of each part is counted.
  const partEnd: Record<'style' | 'layout' | 'paint', number> = { style: -Infinity, layout: -Infinity, paint: -Infinity };
  const outermost = (part: keyof typeof partEnd, e: TraceEvent): boolean => {
    if (e.ts < partEnd[part]) return false;
    partEnd[part] = e.ts + (e.dur ?? 0);
    return true;
  };
  for (const e of list) {
    if (e.ph !== 'X') continue;
    const f = frameAt(e.ts);
    if (e.name === task) {
      if (f) f.busy += cpu(e);
      continue;
    }
    if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
    const inScript = e.ts < scriptEnd;
    if (SCRIPT.has(e.name)) {
      if (inScript) continue;
      scriptEnd = e.ts + (e.dur ?? 0);
      scriptFrame = f;
      if (f) f.script += cpu(e);
    } else if (STYLE.has(e.name) || LAYOUT.has(e.name)) {
      const part = STYLE.has(e.name) ? 'style' : 'layout';
      if (!outermost(part, e)) continue;
      if (f) f[part] += cpu(e);
      // Forced by script: counted as style / layout, not as script.
      if (inScript && scriptFrame) scriptFrame.script -= cpu(e);
    } else if (PAINT.has(e.name)) {
      if (outermost('paint', e) && f) f.paint += cpu(e);
    }
  }
  return frames;
}
