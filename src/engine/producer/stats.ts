/** A producer's counters for the report (`producers[]`): cheap increments, no per-record work. */
import type { ErrorCode } from '../core/trace';
import type { ProducerBatch } from './producerBatch';
import { registerClass } from '../core/graphRegistry';

export class ProducerStats {
  /** ProduceRequests sent. */
  requests = 0;
  /** Distinct batches sent (a retried batch counts once). */
  batches = 0;
  /** Records in those batches. */
  batchedRecords = 0;
  /** Times a batch went back to its deque for another try. */
  retries = 0;
  readonly errors: Partial<Record<ErrorCode, number>> = {};

  noteDrained(batch: ProducerBatch): void {
    if (batch.everSent) return;
    batch.everSent = true;
    this.batches++;
    this.batchedRecords += batch.recordCount;
  }

  noteError(error: ErrorCode): void {
    this.errors[error] = (this.errors[error] ?? 0) + 1;
  }
}

registerClass('ProducerStats', ProducerStats, { blank: () => new ProducerStats() });
