/** The report: what `runScenario` returns and `npm run sim` prints. */

export interface RecordCounts {
  /** Records handed to send. */
  sent: number;
  /** Sends that completed successfully (acks=0: once written to the socket). */
  acknowledged: number;
  /** Sends that completed with an error. */
  failed: number;
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
  /** With `logs: true`: each partition's final leader log, keyed `topic-partition`. */
  logs?: Record<string, LoggedRecord[]>;
}
