/**
 * The ledger's vocabulary (sim/ledger.ts): a record's status and entry as the report reads them,
 * what the ledger reads of the cluster and where its verdicts go, and a partition as it follows it.
 */
import type { TraceEvent, Traced } from '../core/trace';
import type { PartitionLog } from '../model/log';
import type { Column } from './columns';

export type RecordStatus = 'pending' | 'acknowledged' | 'failed';
export const STATUSES: readonly RecordStatus[] = ['pending', 'acknowledged', 'failed'];
export const PENDING = 0;
export const ACKNOWLEDGED = 1;
export const FAILED = 2;

/** Flags per record. */
export const COMMITTED = 1;
export const LOST = 2;

/** One record's entry, as the report reads it. */
export interface LedgerEntry {
  readonly id: number;
  readonly producer: string;
  readonly topic: string;
  readonly partition: number;
  readonly status: RecordStatus;
  /** Offset the producer was told (-1 for acks=0, unknown). */
  readonly offset: number;
  /** Where a leader last appended it (-1 if none did): stands in for `offset` under acks=0. */
  readonly leaderOffset: number;
  /** Virtual time of send(), and of the acknowledgement (-1 if none). */
  readonly sentAt: number;
  readonly ackedAt: number;
}

/** Where verdicts go (the emitter): numbered, then sent out right after the event that caused them. */
export interface VerdictSink {
  verdict(event: TraceEvent): number;
}

/** What the ledger reads of the cluster: replica logs, and events still held. */
export interface LedgerView {
  log(broker: number, topic: string, partition: number): PartitionLog | undefined;
  /** An event still held by the event log (for a verdict's precise cause). */
  event(id: number): Traced | undefined;
}

/** Where a commit-time verdict happened. */
export interface Where {
  t: number;
  topic: string;
  partition: number;
  recordId: number;
  producer: string;
  offset: number;
  cause: number;
}

export function where(t: Track, offset: number, record: { id: number; producer: string }, e: Traced): Where {
  return { t: e.t, topic: t.topic, partition: t.partition, recordId: record.id, producer: record.producer, offset, cause: e.id };
}

/** A partition as the ledger follows it. */
export interface Track {
  readonly topic: string;
  readonly partition: number;
  /**
   * Ids of the records sent to it, in send order: `sent` of them. A column (chunks shared with
   * checkpoints, copy on write), not a number[] that every restore copied whole.
   */
  readonly ids: Column<Int32Array>;
  sent: number;
  /** Offset → id of the record committed there (0: none), along the current leader's history. */
  readonly lineage: Column<Int32Array>;
  /** Offsets below this have been read into `lineage`. */
  cursor: number;
  /** Producer → the highest send sequence committed so far and its record. */
  readonly latest: Map<string, { seq: number; id: number }>;
}
