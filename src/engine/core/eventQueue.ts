/**
 * The one event queue: a binary min-heap ordered by (time, sequence). The sequence number is
 * the insertion order, so two events at the same virtual millisecond always run in the order
 * they were scheduled — the root of the engine's determinism.
 */

export interface ScheduledTask {
  readonly time: number;
  readonly seq: number;
  readonly run: () => void;
  /** Cancelled tasks stay in the heap and are skipped when popped (cheaper than removal). */
  cancelled: boolean;
}

function before(a: ScheduledTask, b: ScheduledTask): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

export class EventQueue {
  private heap: ScheduledTask[] = [];
  private nextSeq = 0;
  private clock = 0;

  /** Current virtual time in milliseconds. */
  get now(): number {
    return this.clock;
  }

  get size(): number {
    return this.heap.length;
  }

  /** Schedules `run` at `now + delayMs` (never in the past). */
  schedule(delayMs: number, run: () => void): ScheduledTask {
    return this.scheduleAt(this.clock + Math.max(0, delayMs), run);
  }

  scheduleAt(time: number, run: () => void): ScheduledTask {
    const task: ScheduledTask = { time: Math.max(time, this.clock), seq: this.nextSeq++, run, cancelled: false };
    const heap = this.heap;
    heap.push(task);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!before(task, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = task;
    return task;
  }

  /** Time of the next live task, or Infinity when none is left. */
  peekTime(): number {
    this.dropCancelledHead();
    return this.heap.length > 0 ? this.heap[0]!.time : Infinity;
  }

  /** Runs the next task, advancing the clock to its time. Returns false when the queue is empty. */
  step(): boolean {
    this.dropCancelledHead();
    const task = this.pop();
    if (!task) return false;
    this.clock = task.time;
    task.run();
    return true;
  }

  /** Runs every task with time ≤ `time`, then sets the clock to `time`. */
  runUntil(time: number): void {
    while (this.peekTime() <= time) this.step();
    if (time > this.clock) this.clock = time;
  }

  private dropCancelledHead(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop();
  }

  private pop(): ScheduledTask | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(heap[r]!, heap[l]!) ? r : l;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
