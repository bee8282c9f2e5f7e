/**
 * What the producer's parts share: its settings (live: a `set` action changes them), the cluster
 * context, the accumulator, the metadata and the counters for the report.
 */
import type { Random } from '../core/random';
import type { ProducerSettings } from '../scenario/types';
import type { SimContext } from '../sim/context';
import type { RecordAccumulator } from './accumulator';
import type { ProducerMetadata } from './metadata';
import type { ProducerBatch } from './producerBatch';
import type { ProducerStats } from './stats';

export interface ProducerCore {
  readonly name: string;
  readonly settings: ProducerSettings;
  readonly ctx: SimContext;
  readonly random: Random;
  readonly accumulator: RecordAccumulator;
  readonly metadata: ProducerMetadata;
  readonly stats: ProducerStats;
  /** enable.idempotence as it took effect (see parseScenario for when it is quietly off). */
  readonly idempotent: boolean;
  nextCorrelationId(): number;
  /** Bootstrap brokers are asked in turn. */
  nextBootstrapBroker(): number;
  /** Runs the sender loop soon (at the current virtual time, after the current event). */
  wakeSender(): void;
  /** A batch was acknowledged or failed (its memory is back in the pool). */
  onBatchDone(batch: ProducerBatch): void;
}
