/**
 * Kafka's fetch purgatory (DelayedFetch), for followers and consumers alike: a fetch with nothing
 * to return waits, keyed by its partitions, until one of them has news or its wait time passes.
 * Either way it is answered by reading again, without waiting.
 */
import type { ScheduledTask } from '../core/eventQueue';
import { registerClass } from '../core/graphRegistry';

interface ParkedFetch {
  readonly keys: readonly string[];
  readonly answer: () => void;
  readonly timeout: ScheduledTask;
}

export class FetchPurgatory {
  private parked: ParkedFetch[] = [];

  /** `later` schedules on the owning broker's clock (and dies with its process). */
  constructor(private readonly later: (delayMs: number, fn: () => void) => ScheduledTask) {}

  /** Parks a fetch on the partitions `keys` for at most `waitMs`; `answer` reads and replies. */
  park(keys: readonly string[], waitMs: number, answer: () => void): void {
    const parked: ParkedFetch = {
      keys,
      answer,
      timeout: this.later(waitMs, () => {
        this.parked = this.parked.filter((p) => p !== parked);
        answer();
      }),
    };
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
      p.answer();
    }
  }

  /** The process died: nothing parked will be answered. */
  clear(): void {
    for (const p of this.parked) p.timeout.cancelled = true;
    this.parked = [];
  }
}

registerClass('FetchPurgatory', FetchPurgatory);
