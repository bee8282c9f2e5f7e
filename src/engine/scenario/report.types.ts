/** The report: what `runScenario` returns and `npm run sim` prints. */

export interface RecordCounts {
  /** Records handed to send. */
  sent: number;
  /** Sends that completed successfully (acks=0: once written to the socket). */
  acknowledged: number;
  /** Sends that completed with an error. */
  failed: number;
  /** Failed records of fire-and-forget producers: the application never learned of them. */
  failedUnnoticed: number;
  /** Neither by `until`. */
  pending: number;
  /** Acknowledged records absent, at `until`, from their partition leader's log below the HW. */
  lostAcknowledged: number;
  /** Acknowledged records of partitions with no leader at `until`. */
  unavailable: number;
  /** Extra copies of a record in a final log. */
  duplicated: number;
  /** Records that sit after a record the same producer sent to the same partition later. */
  reordered: number;
}

export interface PartitionReport {
  topic: string;
  partition: number;
  /** -1 when the partition has no leader (Kafka's NO_LEADER). */
  leader: number;
  leaderEpoch: number;
  replicas: number[];
  isr: number[];
  /** The leader's high watermark; with no leader, the highest HW any replica holds. */
  highWatermark: number;
  logStartOffset: number;
  logEndOffsets: Record<string, number>;
}

export interface ProducerReport {
  id: string;
  /** ProduceRequests sent (each carries at most one batch per partition). */
  requests: number;
  /** Distinct batches sent (a retried batch counts once). */
  batches: number;
  /** Mean records per batch. */
  recordsPerBatch: number;
  /** Times a batch was sent again. */
  retries: number;
  /** Errors seen, by Kafka error name: broker answers, timeouts, client-side failures. */
  errors: Record<string, number>;
  /** Acknowledged records per virtual second, from the first send to the last acknowledgement. */
  throughput: number;
  /** Send-to-acknowledgement time of acknowledged records, virtual ms. */
  latencyMs: { p50: number; p99: number };
}

export interface LoggedRecord {
  offset: number;
  key: string | null;
  value: string;
  producer: string;
  leaderEpoch: number;
}

export interface Report {
  name: string;
  seed: number;
  until: number;
  records: RecordCounts;
  partitions: PartitionReport[];
  producers: ProducerReport[];
  /** With `logs: true`: each partition's final leader log, keyed `topic-partition`. */
  logs?: Record<string, LoggedRecord[]>;
}
