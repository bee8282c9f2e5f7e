/**
 * One queued task (plain or guarded) and the far buckets' heap. Split from eventQueue.ts (the queue's ordering
 * lives there); a task is data: a kind, a target and an argument, or a closure for tests and tools.
 * A subclass may carry its own data (sim/wire.ts: a message on the wire is its own delivery task).
 */
import { registerClass } from './graphRegistry';
import { defineTask } from './tasks';

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

/**
 * What a guarded task's life hangs on (a broker's process): the task runs only if the guard still
 * admits the token it had when the task was queued (the same incarnation, still up).
 */
export interface TaskGuard {
  admits(token: number): boolean;
}

const RUN_IF_ADMITTED = defineTask('guarded', (guard: TaskGuard, task: GuardedTask) => task.runIfAdmitted(guard));

/**
 * A task that runs only if its guard still admits its token: `inner(innerTarget, innerArg)` at
 * its time. One object, not a task plus a guard record beside it (a broker's fetches, timeouts and
 * parked requests all queue through one: most of the queue). As the network's Wire does, the task
 * is its own argument: it runs RUN_IF_ADMITTED(guard, this).
 */
export class GuardedTask extends ScheduledTask {
  constructor(
    time: number,
    seq: number,
    kind: string,
    queue: TaskHolder,
    guard: TaskGuard,
    readonly token: number,
    /** @internal */ public inner: TaskRun | null,
    /** @internal */ public innerTarget: unknown,
    /** @internal */ public innerArg: unknown,
  ) {
    super(time, seq, kind, RUN_IF_ADMITTED.run as TaskRun, guard, null, queue, null);
    this.payload = this;
  }

  /** @internal The RUN_IF_ADMITTED task. */
  runIfAdmitted(guard: TaskGuard): void {
    const run = this.inner as ((target: unknown, arg: unknown) => void) | null;
    const target = this.innerTarget;
    const arg = this.innerArg;
    this.inner = null;
    this.innerTarget = undefined;
    this.innerArg = undefined;
    if (run !== null && guard.admits(this.token)) run(target, arg);
  }

  override label(): string {
    return this.kind!;
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
registerClass('GuardedTask', GuardedTask);
