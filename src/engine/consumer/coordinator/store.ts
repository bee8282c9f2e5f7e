/**
 * The coordinator's writes to `__consumer_offsets`: appended by the partition's leader through the
 * normal replication path and answered once the high watermark passes them (acks=all), or after
 * offsets.commit.timeout.ms. Errors are mapped as Kafka's coordinator maps them for clients
 * (`GroupMetadataManager.storeOffsets` / `appendGroupMetadataErrorToResponseError`).
 */
import type { ScheduledTask } from '../../core/eventQueue';
import type { GroupErrorCode } from '../../core/trace';
import type { Replica } from '../../sim/replica';
import type { BrokerHost } from '../../sim/hostedServices';
import { encodeRecord, OFFSETS_TOPIC, type CoordinatorRecord } from '../offsetsTopic';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';
import type { OffsetCommitRequest } from '../../sim/groupMessages';
import type { ClassicGroup, GroupMember, Responder } from './group';

/** What to do once a write is replicated (or failed): data, handed to the store's listener. */
export type WriteDone =
  | { kind: 'none' }
  /** An OffsetCommit: record the offsets on the group and answer the member. */
  | { kind: 'offsets'; group: ClassicGroup; req: OffsetCommitRequest; member: GroupMember | null; to: Responder }
  /** The leader's assignment: complete the sync phase. */
  | { kind: 'assignment'; group: ClassicGroup; generation: number; assignments: Record<string, string[]> };

/** Who acts on finished writes (the coordinator). */
export interface WriteListener {
  writeDone(done: WriteDone, error: GroupErrorCode | null): void;
}

interface PendingWrite {
  requiredOffset: number;
  done: WriteDone;
  timeout: ScheduledTask | null;
}

const WRITE_TIMED_OUT = defineTask('consumer.store.writeTimedOut', (s: CoordinatorStore, a: { partition: number; write: PendingWrite }) => s.expire(a.partition, a.write));

/** NOT_LEADER_OR_FOLLOWER → NOT_COORDINATOR; too few replicas or a timeout → COORDINATOR_NOT_AVAILABLE. */
export function toClientError(error: GroupErrorCode): GroupErrorCode {
  if (error === 'NOT_LEADER_OR_FOLLOWER') return 'NOT_COORDINATOR';
  if (error === 'NOT_ENOUGH_REPLICAS' || error === 'REQUEST_TIMED_OUT') return 'COORDINATOR_NOT_AVAILABLE';
  return error;
}

export class CoordinatorStore {
  private readonly pending = new Map<number, PendingWrite[]>();
  /** Coordinator records written so far (for their ids). */
  private written = 0;
  private listener: WriteListener | null = null;

  constructor(private readonly host: BrokerHost) {}

  /** The coordinator that acts on finished writes. */
  answerTo(listener: WriteListener): void {
    this.listener = listener;
  }

  /** Hands out the simulation's coordinator record ids: negative, never a producer's, unique across brokers (ids are below 16). */
  private nextRecordId(): number {
    return -(++this.written * 16 + this.host.id);
  }

  private finish(done: WriteDone, error: GroupErrorCode | null): void {
    if (done.kind !== 'none') this.listener?.writeDone(done, error);
  }

  write(partition: number, records: readonly CoordinatorRecord[], done: WriteDone): void {
    const r = this.host.replica(OFFSETS_TOPIC, partition);
    if (!r) return this.finish(done, 'NOT_COORDINATOR');
    const now = this.host.ctx.queue.now;
    const data = records.map((rec) => encodeRecord(rec, this.nextRecordId(), `b${this.host.id}`, now));
    const result = this.host.appendAsLeader(r, data);
    if (typeof result === 'string') return this.finish(done, toClientError(result));
    const write: PendingWrite = { requiredOffset: result.lastOffset + 1, done, timeout: null };
    write.timeout = this.host.later(this.host.ctx.config.broker['offsets.commit.timeout.ms'], WRITE_TIMED_OUT, this, { partition, write });
    const list = this.pending.get(partition) ?? [];
    list.push(write);
    this.pending.set(partition, list);
    // The HW may have passed it during the append already (a single-replica ISR).
    this.onHighWatermark(r);
  }

  onHighWatermark(r: Replica): void {
    const list = this.pending.get(r.partition);
    if (!list || list.length === 0) return;
    let n = 0;
    while (n < list.length && list[n]!.requiredOffset <= r.log.highWatermark) n++;
    const done = list.splice(0, n);
    for (const w of done) {
      w.timeout!.cancelled = true;
      this.finish(w.done, null);
    }
  }

  /** Leadership of the partition moved away: everything waiting fails with NOT_COORDINATOR. */
  failAll(partition: number): void {
    const list = this.pending.get(partition) ?? [];
    this.pending.delete(partition);
    for (const w of list) {
      w.timeout!.cancelled = true;
      this.finish(w.done, 'NOT_COORDINATOR');
    }
  }

  /** The process died: nothing is answered. */
  reset(): void {
    for (const list of this.pending.values()) for (const w of list) w.timeout!.cancelled = true;
    this.pending.clear();
  }

  /** @internal The WRITE_TIMED_OUT task: offsets.commit.timeout.ms passed. */
  expire(partition: number, write: PendingWrite): void {
    const list = this.pending.get(partition);
    const i = list?.indexOf(write) ?? -1;
    if (!list || i < 0) return;
    list.splice(i, 1);
    this.finish(write.done, toClientError('REQUEST_TIMED_OUT'));
  }
}

registerClass('CoordinatorStore', CoordinatorStore, { blank: () => new CoordinatorStore(null as never) });
