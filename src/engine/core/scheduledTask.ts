/**
 * One queued task (plain or guarded). Split from eventQueue.ts (the queue's ordering lives there, a
 * time's bucket of tasks in bucket.ts); a task is data: a kind, a target and an argument, or a closure for tests and tools.
 * A subclass may carry its own data (sim/wire.ts: a message on the wire is its own delivery task).
 */
import { registerClass } from './graphRegistry';
import type { Bucket } from './bucket';
import { defineTask } from './tasks';

/** @internal */
export type TaskRun = (target: never, arg: never) => void;

/** @internal What a queued task waits in (the EventQueue); an interface here so the queue's file can import this one. */
export interface TaskHolder {
  unlink(task: ScheduledTask): void;
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

  /** @internal Its index in its bucket's task list (a cancellation empties that slot: core/bucket.ts). */
  slot = 0;

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

  /**
   * @internal A spent or cancelled task made ready to be queued again (a LazyTimer reuses its one
   * task): its time, sequence and work. The caller queues it next.
   */
  protected revive(time: number, seq: number, fn: TaskRun, target: unknown, payload: unknown, queue: TaskHolder): void {
    (this as { time: number }).time = time;
    (this as { seq: number }).seq = seq;
    this.fn = fn;
    this.target = target;
    this.payload = payload;
    this.queue = queue;
    this.bucket = null;
    this.live = true;
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

registerClass('ScheduledTask', ScheduledTask, { blank: () => new ScheduledTask(0, 0, null as never, null as never, null as never, null as never, null as never, null as never) });
registerClass('GuardedTask', GuardedTask, { blank: () => new GuardedTask(0, 0, null as never, null as never, null as never, 0, null as never, null as never, null as never) });
