/**
 * A consumer's process: alive or dead, and frozen during a GC pause. Its timers and its incoming
 * messages wait out a pause and then run in their order (a paused JVM answers nothing, and its
 * sockets keep what arrives); a dead process runs nothing. Work is data: a task kind, its target
 * and argument (core/tasks.ts), so frozen work and timers can be checkpointed.
 */
import type { EventQueue, ScheduledTask } from '../../core/eventQueue';
import { registerClass } from '../../core/graphRegistry';
import { LazyTimer } from '../../core/lazyTimer';
import { defineTask, type TaskKind } from '../../core/tasks';

/** One piece of the process's work: `task(target, arg)`. */
export interface Job {
  readonly task: TaskKind<unknown, unknown>;
  readonly target: unknown;
  readonly arg: unknown;
}

const RUN_LATER = defineTask('consumer.process.later', (p: ClientProcess, job: Job) => p.runJob(job));
const RESUME = defineTask('consumer.process.resume', (p: ClientProcess) => p.resume());

export class ClientProcess {
  private alive = true;
  private pausedUntil = -Infinity;
  private frozen: Job[] = [];

  constructor(private readonly queue: EventQueue) {}

  get isAlive(): boolean {
    return this.alive;
  }

  get isPaused(): boolean {
    return this.alive && this.queue.now < this.pausedUntil;
  }

  /** Runs `task(target, arg)` after `delayMs` of the process's time (later if it is paused then). */
  later<T, A>(delayMs: number, task: TaskKind<T, A>, target: T, ...arg: [A] extends [undefined] ? [] : [A]): ScheduledTask {
    return this.queue.after(delayMs, RUN_LATER, this, { task: task as TaskKind<unknown, unknown>, target, arg: arg[0] });
  }

  /**
   * A reusable timeout on the process's time (core/lazyTimer.ts): `arm(timer, …)` it instead of
   * `later` for a timeout that is set and cancelled far more often than it fires.
   */
  timer(): LazyTimer {
    return LazyTimer.of(this.queue, RUN_LATER, this);
  }

  /** Arms `timer` (from `timer()`) to run `task(target, arg)` after `delayMs`, as `later` would. */
  arm<T, A>(timer: LazyTimer, delayMs: number, task: TaskKind<T, A>, target: T, ...arg: [A] extends [undefined] ? [] : [A]): void {
    timer.arm(delayMs, { task: task as TaskKind<unknown, unknown>, target, arg: arg[0] });
  }

  /**
   * The work `task(target, arg)` as one object, made once for a timer armed again and again with
   * the same work (`armJob`): no object per arm.
   */
  job<T, A>(task: TaskKind<T, A>, target: T, ...arg: [A] extends [undefined] ? [] : [A]): Job {
    return { task: task as TaskKind<unknown, unknown>, target, arg: arg[0] };
  }

  /** Arms `timer` (from `timer()`) to run `job` (from `job()`) after `delayMs`, as `arm` would. */
  armJob(timer: LazyTimer, delayMs: number, job: Job): void {
    timer.arm(delayMs, job);
  }

  /** Runs `task(target, arg)` now, or when the pause ends. */
  run<T, A>(task: TaskKind<T, A>, target: T, ...arg: [A] extends [undefined] ? [] : [A]): void {
    if (!this.alive) return;
    // Most messages find the process running: no Job object unless it has to wait.
    if (this.isPaused) this.frozen.push({ task: task as TaskKind<unknown, unknown>, target, arg: arg[0] });
    else task.run(target, arg[0] as A);
  }

  /** @internal */
  runJob(job: Job): void {
    if (!this.alive) return;
    if (this.isPaused) this.frozen.push(job);
    else job.task.run(job.target, job.arg);
  }

  pause(ms: number): void {
    if (!this.alive) return;
    this.pausedUntil = Math.max(this.pausedUntil, this.queue.now + ms);
    this.queue.at(this.pausedUntil, RESUME, this);
  }

  /** @internal */
  resume(): void {
    if (!this.alive || this.isPaused) return;
    const jobs = this.frozen;
    this.frozen = [];
    for (const job of jobs) this.runJob(job);
  }

  kill(): void {
    this.alive = false;
    this.frozen = [];
  }
}

registerClass('ClientProcess', ClientProcess, { blank: () => new ClientProcess(null as never) });
