/**
 * The application side of a `produce` action: a thread that calls send for each record, `every`
 * ms apart (or at `rate` records per second until stopped), in the producer's send style. `async`
 * and `fire-and-forget` go on as soon as send returns (send itself may block on buffer.memory);
 * `sync` also waits for each record's result, as `producer.send(record).get()` does, so a record
 * is never sent before the last one settled.
 */
import type { EventQueue } from '../core/eventQueue';
import { registerClass } from '../core/graphRegistry';
import { LazyTimer } from '../core/lazyTimer';
import { defineTask } from '../core/tasks';
import type { Producer, SendCallbacks, SendInput, SendWaiter } from './producer';

export interface ProduceJob {
  topic: string;
  /** Template with `{i}` (0-based index); null = records without a key. */
  key: string | null;
  value: string;
  partition?: number;
  /** `count` records, `every` ms apart … */
  count?: number;
  every?: number;
  /** … or records per second until stopped. */
  rate?: number;
}

/** A running job: `stop()` ends it before its next send (a record being sent is not recalled). */
export interface ProduceJobHandle {
  readonly topic: string;
  stop(): void;
  readonly done: boolean;
}

/**
 * `{i}` in a template becomes the record's index; a template without it is used as is. The
 * template comes split at its `{i}`s (split once per job, not searched again for every record).
 */
function fill(parts: readonly string[], i: number): string {
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) return parts[0]! + i + parts[1]!;
  return parts.join(String(i));
}

const NEXT = defineTask('producer.produceJob', (job: ProduceJobRun) => job.resume());

/**
 * The job's thread as data: where it is (`i`), whether it was stopped, and what it sends. It
 * goes on when its next record is due, or when the producer resumes it (a send that blocked is
 * over, or, for `sync`, the last record settled).
 */
export class ProduceJobRun implements ProduceJobHandle, SendWaiter {
  readonly topic: string;
  private readonly start: number;
  private readonly sync: boolean;
  private readonly rate: number | undefined;
  private readonly count: number;
  private readonly every: number;
  /** The key template split at its `{i}`s (null: records without a key). */
  private readonly keyParts: readonly string[] | null;
  private readonly valueParts: readonly string[];
  private readonly partition: number | undefined;
  private i = 0;
  private stopped = false;
  /**
   * When its next record is due (one reusable task, core/lazyTimer.ts, not a task per record: at
   * most one wait is pending, since a send that blocks or waits for its result arms none).
   */
  private readonly next: LazyTimer;
  /** What each send tells the producer to call back (one object for every record). */
  private readonly callbacks: SendCallbacks;

  constructor(
    private readonly producer: Producer,
    job: ProduceJob,
    private readonly queue: EventQueue,
  ) {
    this.topic = job.topic;
    this.start = queue.now;
    this.sync = producer.settings.send === 'sync';
    this.rate = job.rate;
    this.count = job.rate !== undefined ? Infinity : (job.count ?? 1);
    this.every = job.every ?? 0;
    this.keyParts = job.key === null ? null : job.key.split('{i}');
    this.valueParts = job.value.split('{i}');
    this.partition = job.partition;
    this.next = LazyTimer.of(queue, NEXT, this);
    this.callbacks = this.sync ? { onSettled: this } : { onUnblocked: this };
  }

  /** `stop()` ends it before its next send (a record being sent is not recalled). */
  stop(): void {
    this.stopped = true;
  }

  get done(): boolean {
    return this.stopped || this.i >= this.count;
  }

  /** @internal Sends what is due, until a record is not due yet, a send blocks, or (sync) a record is out. */
  resume(): void {
    const { queue, producer } = this;
    while (!this.stopped && this.i < this.count) {
      const at = this.due(this.i);
      if (at > queue.now) {
        this.next.armAt(at);
        return;
      }
      const n = this.i++;
      if (this.sync) {
        producer.send(this.input(n), this.callbacks);
        return;
      }
      if (producer.send(this.input(n), this.callbacks).blocked) return;
    }
  }

  /** Integer due times (whole virtual ms), computed from the start so that rounding never drifts. */
  private due(n: number): number {
    return this.rate !== undefined ? this.start + Math.floor((n * 1000) / this.rate) : this.start + n * this.every;
  }

  private input(n: number): SendInput {
    const key = this.keyParts === null ? null : fill(this.keyParts, n);
    const value = fill(this.valueParts, n);
    return this.partition !== undefined ? { topic: this.topic, key, value, partition: this.partition } : { topic: this.topic, key, value };
  }
}

export function startProduceJob(producer: Producer, job: ProduceJob, queue: EventQueue): ProduceJobHandle {
  const run = new ProduceJobRun(producer, job, queue);
  run.resume();
  return run;
}

registerClass('ProduceJobRun', ProduceJobRun, { blank: () => new ProduceJobRun({ settings: { send: '' } } as never, { topic: '', count: 1, every: 0, key: null, value: '' } as never, { now: 0 } as never) });
