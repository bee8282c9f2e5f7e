/**
 * How many times one group processed each record, as a column indexed by record id (record ids are
 * 1, 2, 3 …): a long run's counts cost a typed array, which checkpoints share chunk by chunk where
 * it has not changed, instead of a Map entry per record copied into every checkpoint.
 */
import { registerClass } from '../core/graphRegistry';
import { getInt, int32Column, putInt } from '../sim/columns';

export class ProcessedCounts {
  private readonly times = int32Column();
  /** Records processed at least once. */
  private distinct = 0;
  /** Processings beyond each record's first. */
  private again = 0;

  /** Counts one more processing of `id`; returns how many times it has been processed now. */
  add(id: number): number {
    const times = getInt(this.times, id) + 1;
    putInt(this.times, id, times);
    if (times === 1) this.distinct++;
    else this.again++;
    return times;
  }

  has(id: number): boolean {
    return getInt(this.times, id) > 0;
  }

  get size(): number {
    return this.distinct;
  }

  /** Processings beyond the first, over every record. */
  get repeats(): number {
    return this.again;
  }
}

registerClass('ProcessedCounts', ProcessedCounts, { blank: () => new ProcessedCounts() });
