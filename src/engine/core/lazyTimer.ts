/**
 * A timeout that is armed and disarmed far more often than it fires (a request's timeout, a poll's
 * deadline, a parked fetch's wait): one reusable queued task instead of a task made and cancelled
 * per arm. Those were a third of all tasks of a busy run, and their garbage a good part of its GC.
 *
 * The trace is the same as with a task per arm, to the order inside a millisecond: an arm claims
 * its sequence number at once (as a new task would), and the timer's task stays where it was
 * queued as long as that is no later than the new deadline. When it comes due it looks again:
 *  - disarmed since: nothing runs (a spent step, no event);
 *  - armed for this very slot (time and sequence): the timeout runs;
 *  - armed for later, or for the same millisecond with a later sequence: it queues itself again
 *    at the deadline, in the place of the arm's sequence (EventQueue.placeInOrder), exactly where
 *    the task of that arm would have been.
 * An arm earlier than where the task waits moves it there at once (a fresh sequence: a plain append).
 *
 * `guard` and `token` (optional): the timeout runs only if the guard still admits the token the arm
 * had, as a GuardedTask's (a broker's timers die with its process).
 */
import { registerClass } from './graphRegistry';
import { ScheduledTask, type TaskGuard, type TaskHolder, type TaskRun } from './scheduledTask';
import { defineTask, type TaskKind } from './tasks';

/** What a lazy timer needs of the queue (the EventQueue: an interface, so the queue's file can import this one). */
export interface LazyTimerQueue extends TaskHolder {
  readonly now: number;
  claimSequence(): number;
  /** Queues a task whose sequence is the newest (a plain append to its time's bucket). */
  enqueue(task: ScheduledTask): void;
  /** Queues a task whose sequence was claimed earlier, in the place of that sequence among its time's tasks. */
  placeInOrder(task: ScheduledTask): void;
}

const LAZY_TIMER_DUE = defineTask('lazyTimer.due', (_: null, timer: LazyTimer) => timer.due());

export class LazyTimer extends ScheduledTask {
  /** The queue it waits in (the task's own `queue` field is cleared each time it runs). */
  private readonly home: LazyTimerQueue;
  /** The armed deadline and the sequence its arm claimed; armedSeq -1: disarmed. */
  private deadline = 0;
  private armedSeq = -1;
  private armedArg: unknown = undefined;
  private armedToken = 0;
  /** Its task waits in the queue (at `time`, sequence `seq`). */
  private queued = false;

  constructor(
    queue: LazyTimerQueue,
    /** The timeout's kind, function and target; the argument is each arm's. */
    kind: string,
    private readonly onDue: TaskRun,
    private readonly onDueTarget: unknown,
    private readonly guard: TaskGuard | null,
  ) {
    super(0, 0, kind, null, null, null, null, null);
    this.home = queue;
  }

  static of<T, A>(queue: LazyTimerQueue, task: TaskKind<T, A>, target: T, guard: TaskGuard | null = null): LazyTimer {
    return new LazyTimer(queue, task.kind, task.run as TaskRun, target, guard);
  }

  /** Is it armed (set and neither disarmed nor fired since)? */
  get armed(): boolean {
    return this.armedSeq >= 0;
  }

  /** Arms it `delayMs` from now (a negative delay means now) with `arg` (and the guard's `token`), replacing any earlier arm. */
  arm(delayMs: number, arg?: unknown, token = 0): void {
    this.armAt(this.home.now + Math.max(0, delayMs), arg, token);
  }

  /** Arms it at `time` (not before now), as `arm` does. */
  armAt(time: number, arg?: unknown, token = 0): void {
    const q = this.home;
    this.deadline = time;
    this.armedSeq = q.claimSequence();
    this.armedArg = arg;
    this.armedToken = token;
    if (this.queued) {
      // Its task comes due first and looks again then.
      if (this.time <= time) return;
      this.cancelled = true;
    }
    this.queueAt(time, this.armedSeq);
    q.enqueue(this);
  }

  /** When the armed timeout is due; Infinity when disarmed. */
  get armedTime(): number {
    return this.armedSeq >= 0 ? this.deadline : Infinity;
  }

  /** Disarms it: nothing runs (its task may still come due, and does nothing then). */
  disarm(): void {
    this.armedSeq = -1;
    this.armedArg = undefined;
  }

  /** @internal The LAZY_TIMER_DUE task. */
  due(): void {
    this.queued = false;
    const seq = this.armedSeq;
    if (seq < 0) return;
    if (this.deadline !== this.time || seq !== this.seq) {
      this.queueAt(this.deadline, seq);
      this.home.placeInOrder(this);
      return;
    }
    const arg = this.armedArg;
    this.disarm();
    if (this.guard === null || this.guard.admits(this.armedToken)) (this.onDue as (target: unknown, arg: unknown) => void)(this.onDueTarget, arg);
  }

  private queueAt(time: number, seq: number): void {
    this.revive(time, seq, LAZY_TIMER_DUE.run as TaskRun, null, this, this.home);
    this.queued = true;
  }
}

registerClass('LazyTimer', LazyTimer, { blank: () => new LazyTimer(null as never, '', null as never, null, null) });
