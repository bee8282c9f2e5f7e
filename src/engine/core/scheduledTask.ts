/**
 * One queued task, and the stall guard's error. Split from eventQueue.ts (the queue's ordering
 * lives there); a task is data: a kind, a target and an argument, or a closure for tests and tools.
 * A subclass may carry its own data (sim/wire.ts: a message on the wire is its own delivery task).
 */
import { registerClass } from './graphRegistry';

/** @internal */
export type TaskRun = (target: never, arg: never) => void;

/** @internal What a queued task waits in (the EventQueue); an interface here so the queue's file can import this one. */
export interface TaskHolder {
  unlink(task: ScheduledTask): void;
}

/** @internal A time's tasks in the queue, in sequence order. */
export interface Bucket {
  readonly time: number;
  /** In the ring (else in the far heap). */
  readonly inRing: boolean;
  readonly tasks: ScheduledTask[];
  /** Index of the next task to run. */
  next: number;
}

export class ScheduledTask {
  private live = true;
  constructor(
    readonly time: number,
    readonly seq: number,
    /** The kind of a data task, or a closure's label (for the stall guard); else null. */
    readonly kind: string | null,
    /** @internal */ public fn: TaskRun | null,
    /** @internal */ public target: unknown,
    /** @internal */ public payload: unknown,
    /** @internal The queue it waits in; null once it ran or was cancelled. */ public queue: TaskHolder | null,
    /** @internal */ public bucket: Bucket | null,
  ) {}

  /** Cancelled tasks never run. Setting it (to true) takes the task out of the queue. */
  get cancelled(): boolean {
    return !this.live;
  }
  set cancelled(value: boolean) {
    if (!value || !this.live) return;
    this.live = false;
    this.queue?.unlink(this);
    this.fn = null;
    this.target = undefined;
    this.payload = undefined;
  }

  /** What the stall guard calls this task: its kind, else the callback's name. */
  label(): string {
    return this.kind ?? (this.fn?.name || 'anonymous callback');
  }
}

/** The engine ran an absurd number of tasks without virtual time moving. */
export class SimulationStalled extends Error {
  constructor(
    readonly time: number,
    readonly tasks: number,
    readonly busiest: string,
    readonly busiestCount: number,
    sampled: number,
  ) {
    super(
      `${tasks} tasks ran at virtual time ${time} ms without the clock moving ` +
        `(busiest: "${busiest}", ${busiestCount} of the last ${sampled} tasks). ` +
        'Something retries at one instant forever, e.g. a timeout or backoff of 0 ms.',
    );
    this.name = 'SimulationStalled';
  }
}

/** Adds a bucket to the min-heap by time of the far buckets. */
export function pushHeap(heap: Bucket[], bucket: Bucket): void {
  const time = bucket.time;
  let i = heap.length;
  heap.push(bucket);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (p.time <= time) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = bucket;
}

/** Removes the earliest bucket from the min-heap by time. */
export function popHeap(heap: Bucket[]): void {
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && heap[r]!.time < heap[l]!.time ? r : l;
    if (heap[child]!.time >= last.time) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}

registerClass('ScheduledTask', ScheduledTask);
