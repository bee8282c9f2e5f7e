/**
 * Kafka's fetch purgatory (DelayedFetch), for followers and consumers alike: a fetch with nothing
 * to return waits, keyed by its partitions, until one of them has news or its wait time passes.
 * Either way it is answered by reading again, without waiting.
 */
import type { LazyTimer } from '../core/lazyTimer';
import { registerClass } from '../core/graphRegistry';
import { defineTask, type TaskKind } from '../core/tasks';

/** Whose clock the wait runs on: the owning broker's (its timers die with its process). */
export interface PurgatoryClock {
  timer<T, A>(task: TaskKind<T, A>, target: T): LazyTimer;
  arm(timer: LazyTimer, delayMs: number, arg: unknown): void;
}

/** Who answers a parked fetch: `handleFetch(req, from, false)` reads again and replies. */
export interface FetchReader<R> {
  handleFetch(req: R, from: string, mayWait: boolean): void;
}

interface ParkedFetch {
  readonly keys: readonly string[];
  /** Answers it: `reader.handleFetch(req, from, false)`. */
  readonly reader: FetchReader<unknown>;
  readonly req: unknown;
  readonly from: string;
  readonly timeout: LazyTimer;
}

const PARKED_FETCH_EXPIRED = defineTask('broker.parkedFetchExpired', (purgatory: FetchPurgatory, parked: ParkedFetch) => purgatory.expire(parked));

export class FetchPurgatory {
  private parked: ParkedFetch[] = [];
  /** Wait timers not armed now (core/lazyTimer.ts): most parked fetches are woken by news within milliseconds. */
  private readonly idleTimers: LazyTimer[] = [];

  /** `clock` schedules on the owning broker's clock (and dies with its process). */
  constructor(private readonly clock: PurgatoryClock) {}

  /**
   * Parks a fetch on the partitions `keys` for at most `waitMs`; then `reader.handleFetch(req,
   * from, false)` reads and replies.
   */
  park<R>(keys: readonly string[], waitMs: number, reader: FetchReader<R>, req: R, from: string): void {
    const parked: ParkedFetch = { keys, reader: reader as FetchReader<unknown>, req, from, timeout: this.idleTimers.pop() ?? this.clock.timer(PARKED_FETCH_EXPIRED, this) };
    this.clock.arm(parked.timeout, waitMs, parked);
    this.parked.push(parked);
  }

  /** News on the partition `key`: the fetches waiting on it answer now. */
  wake(key: string): void {
    const parked = this.parked;
    // One pass, no closures, and nothing built until a fetch is found: every append on a leader
    // passes here, and most find no fetch parked on their partition.
    let first = 0;
    while (first < parked.length && !parked[first]!.keys.includes(key)) first++;
    if (first === parked.length) return;
    const ready: ParkedFetch[] = [];
    let kept = first;
    for (let i = first; i < parked.length; i++) {
      const p = parked[i]!;
      if (p.keys.includes(key)) ready.push(p);
      else parked[kept++] = p;
    }
    parked.length = kept;
    for (const p of ready) {
      this.release(p);
      answer(p);
    }
  }

  /** @internal The PARKED_FETCH_EXPIRED task: the wait is over, answer with what there is. */
  expire(parked: ParkedFetch): void {
    this.parked = this.parked.filter((p) => p !== parked);
    this.release(parked);
    answer(parked);
  }

  /** The process died: nothing parked will be answered. */
  clear(): void {
    for (const p of this.parked) this.release(p);
    this.parked = [];
  }

  /** A parked fetch is answered or dropped: its timer (fired or not) is free for the next. */
  private release(p: ParkedFetch): void {
    p.timeout.disarm();
    this.idleTimers.push(p.timeout);
  }
}

function answer(p: ParkedFetch): void {
  p.reader.handleFetch(p.req, p.from, false);
}

registerClass('FetchPurgatory', FetchPurgatory, { blank: () => new FetchPurgatory(null as never) });
