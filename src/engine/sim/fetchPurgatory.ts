/**
 * Kafka's fetch purgatory (DelayedFetch), for followers and consumers alike: a fetch with nothing
 * to return waits, keyed by its partitions, until one of them has news or its wait time passes.
 * Either way it is answered by reading again, without waiting.
 */
import type { ScheduledTask } from '../core/eventQueue';
import { registerClass } from '../core/graphRegistry';
import { defineTask, type TaskKind } from '../core/tasks';

/** Whose clock the wait runs on: the owning broker's (its timers die with its process). */
export interface PurgatoryClock {
  later<T, A>(delayMs: number, task: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask;
}

/** Who answers a parked fetch: `handleFetch(req, from, false)` reads again and replies. */
export interface FetchReader<R> {
  handleFetch(req: R, from: string, mayWait: boolean): void;
}

interface ParkedFetch {
  readonly keys: readonly string[];
  /** The closure form (being retired): a checkpoint refuses it. */
  readonly answer: (() => void) | null;
  /** The data form: `reader.handleFetch(req, from, false)`. */
  readonly reader: FetchReader<unknown> | null;
  readonly req: unknown;
  readonly from: string;
  timeout: ScheduledTask;
}

const PARKED_FETCH_EXPIRED = defineTask('broker.parkedFetchExpired', (purgatory: FetchPurgatory, parked: ParkedFetch) => purgatory.expire(parked));

export class FetchPurgatory {
  private parked: ParkedFetch[] = [];

  /**
   * `clock` schedules on the owning broker's clock (and dies with its process). The closure form
   * `(delayMs, fn) => ScheduledTask` is still accepted while callers convert; a checkpoint refuses it.
   */
  constructor(private readonly clock: PurgatoryClock | ((delayMs: number, fn: () => void) => ScheduledTask)) {}

  /**
   * Parks a fetch on the partitions `keys` for at most `waitMs`; then `reader.handleFetch(req,
   * from, false)` reads and replies. (The closure form `park(keys, waitMs, answer)` is being retired.)
   */
  park<R>(keys: readonly string[], waitMs: number, reader: FetchReader<R>, req: R, from: string): void;
  park(keys: readonly string[], waitMs: number, answer: () => void): void;
  park(keys: readonly string[], waitMs: number, answerer: FetchReader<unknown> | (() => void), req?: unknown, from?: string): void {
    const closure = typeof answerer === 'function';
    const parked = {
      keys,
      answer: closure ? answerer : null,
      reader: closure ? null : answerer,
      req,
      from: from ?? '',
    } as ParkedFetch;
    const clock = this.clock;
    parked.timeout =
      typeof clock === 'function'
        ? clock(waitMs, () => this.expire(parked))
        : clock.later(waitMs, PARKED_FETCH_EXPIRED, this, parked);
    this.parked.push(parked);
  }

  /** News on the partition `key`: the fetches waiting on it answer now. */
  wake(key: string): void {
    if (this.parked.length === 0) return;
    const ready = this.parked.filter((p) => p.keys.includes(key));
    if (ready.length === 0) return;
    this.parked = this.parked.filter((p) => !p.keys.includes(key));
    for (const p of ready) {
      p.timeout.cancelled = true;
      answer(p);
    }
  }

  /** @internal The PARKED_FETCH_EXPIRED task: the wait is over, answer with what there is. */
  expire(parked: ParkedFetch): void {
    this.parked = this.parked.filter((p) => p !== parked);
    answer(parked);
  }

  /** The process died: nothing parked will be answered. */
  clear(): void {
    for (const p of this.parked) p.timeout.cancelled = true;
    this.parked = [];
  }
}

function answer(p: ParkedFetch): void {
  if (p.answer) p.answer();
  else p.reader!.handleFetch(p.req, p.from, false);
}

registerClass('FetchPurgatory', FetchPurgatory);
