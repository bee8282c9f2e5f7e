/**
 * The one event queue, ordered by (time, sequence). The sequence number is the insertion order, so
 * two events at the same virtual millisecond always run in the order they were scheduled — the
 * root of the engine's determinism.
 *
 * Shape, chosen by profiling the 10-minute workload (most tasks land a millisecond or two ahead,
 * many timeouts are cancelled long before they are due):
 * - tasks are grouped in one FIFO bucket per distinct time: scheduling onto a time that already
 *   has tasks is an append, and running is a shift; insertion order inside a bucket is sequence
 *   order, so (time, seq) order holds exactly.
 * - buckets for whole milliseconds less than RING_SIZE ahead sit in a ring indexed by time (found
 *   by scanning forward from the clock); only the others (far timers, fractional times) go into a
 *   binary heap. A heap of every bucket (50,000 of them, most 30 s request timeouts) cost a tenth
 *   of the run.
 * - a cancelled task leaves its bucket at once, as a hole in its slot (bucket.ts), and an emptied
 *   bucket its ring slot (kept 30 s, cancelled timeouts reached the old generation). Timeouts
 *   armed and disarmed all the time are LazyTimers (lazyTimer.ts): one task each, reused.
 * - a task is data: a task kind defined at module level (core/tasks.ts), a target and an argument
 *   (`at`, `after`), so the queue can be written into a checkpoint. `schedule` takes a closure
 *   for tests and tools; a checkpoint refuses a queue holding one.
 *
 * Guard: the clock must move (stallGuard.ts).
 */

import { registerClass } from './graphRegistry';
import { addToBucket, insertBySeq, lastSeq, newBucket, removeFromBucket, skipHoles, squeeze, type Bucket as BucketOf } from './bucket';
import { FarBuckets } from './farBuckets';
import { GuardedTask, ScheduledTask, type TaskGuard, type TaskRun } from './scheduledTask';
import { MAX_TASKS_PER_INSTANT, SAMPLE, sampleForStall } from './stallGuard';
import type { TaskKind } from './tasks';

export { GuardedTask, ScheduledTask, type TaskGuard } from './scheduledTask';
export { MAX_TASKS_PER_INSTANT, SimulationStalled } from './stallGuard';

type Bucket = BucketOf<ScheduledTask>;

/** Whole milliseconds ahead that the ring covers (a power of two). */
const RING_SIZE = 1 << 16;
const RING_MASK = RING_SIZE - 1;

export interface EventQueueOptions {
  /** Stall guard (see above); default MAX_TASKS_PER_INSTANT. */
  maxTasksPerInstant?: number;
}

export class EventQueue {
  /** ring[t & RING_MASK]: the bucket of whole millisecond t, for t in [clock, clock + RING_SIZE). */
  private readonly ring: (Bucket | undefined)[] = new Array<Bucket | undefined>(RING_SIZE);
  private ringBuckets = 0;
  /** No ring bucket has a time below this (≤ the next ring bucket's time). */
  private cursor = 0;
  /** The other buckets (far ahead, or at fractional times). */
  private readonly far = new FarBuckets<ScheduledTask>();
  /** The bucket the last task was scheduled into: consecutive schedules often share a time. */
  private lastBucket: Bucket | null = null;
  private nextSeq = 0;
  private clock = 0;
  private liveCount = 0;
  private ranAtInstant = 0;
  private readonly maxTasksPerInstant: number;
  private sampled: Map<string, number> | null = null;

  constructor(options: EventQueueOptions = {}) {
    this.maxTasksPerInstant = options.maxTasksPerInstant ?? MAX_TASKS_PER_INSTANT;
  }

  /** Current virtual time in milliseconds. */
  get now(): number {
    return this.clock;
  }

  /** Tasks waiting to run (cancelled ones leave at once). */
  get size(): number {
    return this.liveCount;
  }

  /** Queues the task `kind(target, arg)` at `time` (never in the past). */
  at<T, A>(time: number, kind: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask {
    return this.add(time, kind.kind, kind.run as TaskRun, target, arg[0]);
  }

  /** Queues the task `kind(target, arg)` at `now + delayMs` (a negative delay means now). */
  after<T, A>(delayMs: number, kind: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask {
    return this.add(this.clock + Math.max(0, delayMs), kind.kind, kind.run as TaskRun, target, arg[0]);
  }

  /**
   * Queues `kind(target, arg)` at `now + delayMs`, to run only if `guard` still admits `token` then
   * (a broker's work dies with the process that queued it: BrokerCore.later).
   */
  afterGuarded<T, A>(delayMs: number, guard: TaskGuard, token: number, kind: TaskKind<T, A>, target: T, arg: A): GuardedTask {
    const task = new GuardedTask(this.clock + Math.max(0, delayMs), this.nextSeq++, kind.kind, this, guard, token, kind.run as TaskRun, target, arg);
    this.place(task);
    return task;
  }

  /**
   * Schedules `run` at `now + delayMs` (never in the past). `label` names it in a SimulationStalled
   * error: worth giving where a zero setting could make it fire at the same instant forever.
   */
  schedule(delayMs: number, run: () => void, label?: string): ScheduledTask {
    return this.add(this.clock + Math.max(0, delayMs), label ?? null, run as TaskRun, undefined, undefined);
  }

  scheduleAt(time: number, run: () => void, label?: string): ScheduledTask {
    return this.add(time, label ?? null, run as TaskRun, undefined, undefined);
  }

  /** Time of the next live task, or Infinity when none is left. */
  peekTime(): number {
    const bucket = this.headBucket();
    return bucket ? bucket.time : Infinity;
  }

  /** Runs the next task, advancing the clock to its time. Returns false when the queue is empty. */
  step(): boolean {
    const bucket = this.headBucket();
    if (!bucket) return false;
    this.runHead(bucket);
    return true;
  }

  /** Runs the head bucket's next task (`bucket`: headBucket()). */
  private runHead(bucket: Bucket): void {
    const i = bucket.next;
    const task = bucket.tasks[i]!;
    bucket.tasks[i] = null;
    bucket.next = i + 1;
    bucket.live--;
    this.liveCount--;
    if (bucket.time !== this.clock) {
      this.clock = bucket.time;
      this.ranAtInstant = 0;
      this.sampled = null;
    }
    if (++this.ranAtInstant > this.maxTasksPerInstant - SAMPLE) this.sample(task);
    const fn = task.fn as (target: unknown, arg: unknown) => void;
    const target = task.target;
    const payload = task.payload;
    // A task that ran is spent: drop what it holds (its bucket may stay alive a while longer).
    task.fn = null;
    task.target = undefined;
    task.payload = undefined;
    task.queue = null;
    task.bucket = null;
    fn(target, payload);
  }

  /**
   * Forgets what no longer matters before a checkpoint writes the queue: far buckets emptied by
   * cancellations (a 30 s timeout cancelled after 2 ms leaves its bucket until its time), and the
   * spent tasks at the head of live buckets. Nothing that runs, nor its order, changes.
   */
  compact(): void {
    this.far.dropEmpty();
    this.forgetDroppedLast();
    for (const bucket of [...this.far.buckets(), ...this.ring]) if (bucket && bucket.tasks.length > bucket.live) squeeze(bucket);
  }

  /** Runs every task with time ≤ `time`, then sets the clock to `time`. */
  runUntil(time: number): void {
    for (let bucket = this.headBucket(); bucket !== null && bucket.time <= time; bucket = this.headBucket()) this.runHead(bucket);
    if (time > this.clock) {
      this.clock = time;
      this.ranAtInstant = 0;
      this.sampled = null;
    }
  }

  /** @internal The sequence number of a task a caller builds itself (see `enqueue`). */
  claimSequence(): number {
    return this.nextSeq++;
  }

  /**
   * Queues a task the caller built: a ScheduledTask subclass that carries its own data (a message
   * on the wire is its own delivery task: one object per message, not two). Its time must not be
   * in the past and its sequence must come from `claimSequence()` just before.
   */
  enqueue<T extends ScheduledTask>(task: T): T {
    if (task.time < this.clock) throw new Error(`task "${task.label()}" queued at ${task.time} ms, before now (${this.clock} ms)`);
    this.place(task);
    return task;
  }

  /**
   * @internal Queues a task whose sequence was claimed earlier (core/lazyTimer.ts) in that
   * sequence's place among its time's tasks: in the far bucket (queued while the time was out of
   * the ring's reach), else the ring bucket after it; together they stay in sequence order.
   */
  placeInOrder(task: ScheduledTask): void {
    const at = task.time;
    const far = this.far.at(at);
    const inRing = this.ring[at & RING_MASK];
    const ring = inRing !== undefined && inRing.time === at ? inRing : undefined;
    insertBySeq(far !== undefined && (ring === undefined || task.seq < lastSeq(far)) ? far : (ring ?? this.newBucket(at)), task);
    this.liveCount++;
  }

  private add(time: number, kind: string | null, fn: TaskRun, target: unknown, payload: unknown): ScheduledTask {
    const at = time > this.clock ? time : this.clock;
    const task = new ScheduledTask(at, this.nextSeq++, kind, fn, target, payload, this, null);
    this.place(task);
    return task;
  }

  private place(task: ScheduledTask): void {
    const at = task.time;
    let bucket = this.lastBucket;
    if (bucket === null || bucket.time !== at) {
      const inRing = this.ring[at & RING_MASK];
      if (inRing !== undefined && inRing.time === at) bucket = inRing;
      // A time the ring covers gets a ring bucket without asking the far map (most new buckets:
      // a hash lookup each). A far bucket made for it while it was out of reach keeps its earlier
      // tasks and runs first (firstBucket prefers the far bucket of an equal time): order holds.
      else bucket = (this.fitsRing(at) ? undefined : this.far.at(at)) ?? this.newBucket(at);
      this.lastBucket = bucket;
    }
    addToBucket(bucket, task);
    this.liveCount++;
  }

  /** The bucket holding the next live task (spent and cancelled tasks skipped), or null. */
  private headBucket(): Bucket | null {
    for (;;) {
      const bucket = this.firstBucket();
      if (bucket === null) return null;
      if (bucket.live > 0) {
        // A long-lived bucket (many tasks at one instant): forget the slots already run.
        if (skipHoles(bucket) > 4096 && bucket.next * 2 > bucket.tasks.length) squeeze(bucket);
        return bucket;
      }
      this.removeBucket(bucket);
    }
  }

  /** The earliest bucket, exhausted or not: the ring's next one or the far heap's top. */
  private firstBucket(): Bucket | null {
    const far = this.far.first();
    if (this.ringBuckets === 0) return far;
    const limit = far === null ? Infinity : far.time;
    const ring = this.ring;
    // Ring buckets are whole ms in [cursor, cursor + RING_SIZE); at most one per slot.
    for (let t = this.cursor; t < limit; t++) {
      const bucket = ring[t & RING_MASK];
      if (bucket !== undefined && bucket.time === t) {
        this.cursor = t;
        return bucket;
      }
    }
    return far;
  }

  /** @internal A task was cancelled: it leaves its bucket, and an emptied future bucket the ring. */
  unlink(task: ScheduledTask): void {
    const bucket = task.bucket as Bucket;
    task.queue = null;
    task.bucket = null;
    removeFromBucket(bucket, task);
    this.liveCount--;
    if (bucket.live > 0) return;
    // The running bucket (time = now) goes when the head reaches it.
    if (bucket.inRing) {
      if (bucket.time > this.clock) this.removeBucket(bucket);
    } else {
      // Emptied by cancellations, it takes no new task (farBuckets.ts), nor through `lastBucket`.
      this.far.release(bucket);
      this.forgetDroppedLast();
    }
  }

  /** `lastBucket` is a cache: an emptied far bucket (released, or dropped from the heap) leaves it. */
  private forgetDroppedLast(): void {
    const last = this.lastBucket;
    if (last !== null && !last.inRing && last.live === 0) this.lastBucket = null;
  }

  private removeBucket(bucket: Bucket): void {
    if (this.lastBucket === bucket) this.lastBucket = null;
    if (bucket.inRing) {
      this.ring[bucket.time & RING_MASK] = undefined;
      this.ringBuckets--;
    } else this.far.removeFirst(bucket);
  }

  private sample(task: ScheduledTask): void {
    sampleForStall((this.sampled ??= new Map()), task.label(), this.ranAtInstant, this.maxTasksPerInstant, this.clock);
  }

  private fitsRing(time: number): boolean {
    return time - this.clock < RING_SIZE && Number.isInteger(time);
  }

  private newBucket(time: number): Bucket {
    const inRing = this.fitsRing(time);
    const bucket = newBucket<ScheduledTask>(time, inRing);
    if (inRing) {
      // A bucket left in the slot is an exhausted one from RING_SIZE ms ago: drop it.
      if (this.ring[time & RING_MASK] !== undefined) this.ringBuckets--;
      this.ring[time & RING_MASK] = bucket;
      if (this.ringBuckets++ === 0 || time < this.cursor) this.cursor = time;
      return bucket;
    }
    this.far.add(bucket);
    return bucket;
  }
}

registerClass('EventQueue', EventQueue, { blank: () => new EventQueue() });
