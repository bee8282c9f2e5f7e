/**
 * A consumer's process: alive or dead, and frozen during a GC pause. Its timers and its incoming
 * messages wait out a pause and then run in their order (a paused JVM answers nothing, and its
 * sockets keep what arrives); a dead process runs nothing.
 */
import type { EventQueue, ScheduledTask } from '../../core/eventQueue';
import { registerClass } from '../../core/graphRegistry';

export class ClientProcess {
  private alive = true;
  private pausedUntil = -Infinity;
  private frozen: (() => void)[] = [];

  constructor(private readonly queue: EventQueue) {}

  get isAlive(): boolean {
    return this.alive;
  }

  get isPaused(): boolean {
    return this.alive && this.queue.now < this.pausedUntil;
  }

  /** Runs `fn` after `delayMs` of the process's time (later if it is paused then). */
  later(delayMs: number, fn: () => void, label?: string): ScheduledTask {
    return this.queue.schedule(delayMs, () => this.run(fn), label);
  }

  /** Runs `fn` now, or when the pause ends. */
  run(fn: () => void): void {
    if (!this.alive) return;
    if (this.isPaused) this.frozen.push(fn);
    else fn();
  }

  pause(ms: number): void {
    if (!this.alive) return;
    this.pausedUntil = Math.max(this.pausedUntil, this.queue.now + ms);
    this.queue.scheduleAt(this.pausedUntil, () => this.resume());
  }

  private resume(): void {
    if (!this.alive || this.isPaused) return;
    const tasks = this.frozen;
    this.frozen = [];
    for (const fn of tasks) this.run(fn);
  }

  kill(): void {
    this.alive = false;
    this.frozen = [];
  }
}

registerClass('ClientProcess', ClientProcess);
