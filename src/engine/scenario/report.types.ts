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
  /**
   * Acknowledged records their partition's leader no longer has (and retention did not delete
   * first): a RecordLost verdict, which stays even after retention passes the record's offset.
   */
  lostAcknowledged: number;
  /**
   * Acknowledged records not yet safe and not yet lost: in their partition leader's log but above
   * its high watermark (not on every in-sync replica, so a leader change may still lose them), or
   * not in the leader's log at all without a RecordLost verdict (still on the wire with acks=0, or
   * held by a replica an election may still choose). Mid-run these are not lost.
   */
  atRisk: number;
  /** Acknowledged records of partitions with no leader at `until`. */
  unavailable: number;
  /** Extra copies of a record in a final log. */
  duplicated: number;
  /** Records that sit after a record the same producer sent to the same partition later. */
  reordered: number;
  /** Distinct records each group processed at least once, summed over groups. */
  consumed: number;
  /** Processings beyond a record's first, per group, summed over groups. */
  processedTwice: number;
  /** Those repeated processings that had a second effect (0 with an idempotent sink). */
  effectsDuplicated: number;
  /**
   * Records a group moved its committed offset past without ever processing them (including
   * records retention deleted before the group read them), summed over groups. Only records a
   * consumer could have read (committed below a leader's HW at some point), each counted once
   * however many copies the log holds.
   */
  skipped: number;
}

/** A consumer group at the end of the run, as its coordinator describes it. */
export interface GroupReport {
  'group.id': string;
  /** Empty, PreparingRebalance, CompletingRebalance, Stable, Dead — or Unavailable when no broker coordinates it. */
  state: string;
  generation: number;
  /** The assignor the group chose (the classic protocol's protocol name); null before any member joined. */
  protocol: string | null;
  /** Member name → assigned partitions ("topic-N"); idle members have []. */
  assignment: Record<string, string[]>;
  /** "topic-N" → committed offset (the next record the group will read). */
  committed: Record<string, number>;
  /** "topic-N" → high watermark minus committed offset, for partitions with a committed offset. */
  lag: Record<string, number>;
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
  /** Consumer groups; present when the scenario has groups. */
  groups?: GroupReport[];
  /** With `logs: true`: each partition's final leader log, keyed `topic-partition`. */
  logs?: Record<string, LoggedRecord[]>;
}
