/**
 * Writes a partition leader accepts: producers' batches (ReplicaManager.appendRecords, one answer
 * per request, acks=all answers from the produce purgatory) and the group coordinator's records.
 */
import type { ErrorCode, GroupErrorCode } from '../core/trace';
import { makeBatch, stampBatch, type Batch, type RecordData } from '../model/batch';
import type { BrokerCore } from './brokerCore';
import { partitionKey } from './context';
import type { LeaderReplication } from './leaderReplication';
import type { ProducePartitionData, ProducePartitionResponse, ProduceRequest } from './messages';
import type { AwaitedAppend, ProducePurgatory } from './producePurgatory';
import type { Replica } from './replica';
import { appendToLog } from './replicaLog';
import { registerClass } from '../core/graphRegistry';

export class LeaderAppend {
  constructor(
    private readonly core: BrokerCore,
    private readonly leader: LeaderReplication,
    private readonly purgatory: ProducePurgatory,
  ) {}

  /** ReplicaManager.appendRecords: each partition on its own, then one answer for the request. */
  handleProduce(req: ProduceRequest, from: string): void {
    const results: ProducePartitionResponse[] = [];
    const waiting: AwaitedAppend[] = [];
    for (const data of req.partitions) this.appendForProducer(req, data, results, waiting);
    // acks=0: the broker never answers (on an error Kafka closes the connection instead).
    if (req.acks === '0') return;
    if (waiting.length === 0) {
      this.core.send(from, { kind: 'produceResponse', correlationId: req.correlationId, partitions: results });
      return;
    }
    this.purgatory.park(req.correlationId, from, results, waiting, req.timeoutMs);
  }

  /**
   * Partition.appendRecordsToLeader for one batch: the leader check, min.insync.replicas for
   * acks=all, the idempotent producer's sequence check, then the append. Pushes its answer onto
   * `results`; with acks=all an answer that waits until the high watermark passes the batch also
   * goes onto `waiting` (no outcome object, closure or spread per batch: every produce passes here).
   */
  private appendForProducer(req: ProduceRequest, data: ProducePartitionData, results: ProducePartitionResponse[], waiting: AwaitedAppend[]): void {
    const { topic, partition } = data;
    const r = this.core.replicas.get(partitionKey(topic, partition));
    if (!r || !r.isLeader) return void results.push(answer(topic, partition, 'NOT_LEADER_OR_FOLLOWER'));
    if (req.acks === 'all' && r.isr.length < this.leader.minIsr(r)) return void results.push(answer(topic, partition, 'NOT_ENOUGH_REPLICAS'));

    const check = r.log.producers.check(data.batch);
    if (check.kind === 'error') return void results.push(answer(topic, partition, check.error));
    let baseOffset: number;
    let lastOffset: number;
    const duplicate = check.kind === 'duplicate';
    if (check.kind === 'duplicate') {
      // Already in the log: nothing is appended, the original offsets are the answer.
      baseOffset = check.baseOffset;
      lastOffset = check.lastOffset;
    } else {
      const batch = stampBatch(data.batch, r.log.logEndOffset, r.leaderEpoch);
      appendToLog(this.core, r, batch, 'leader');
      this.leader.wakeFetches(partitionKey(topic, partition));
      this.leader.maybeIncrementHighWatermark(r);
      baseOffset = batch.baseOffset;
      lastOffset = batch.lastOffset;
    }
    if (req.acks !== 'all') return void results.push(answer(topic, partition, null, baseOffset, duplicate));
    const requiredOffset = lastOffset + 1;
    if (r.log.highWatermark >= requiredOffset) return void results.push(answer(topic, partition, this.leader.afterAppendError(r), baseOffset, duplicate));
    waiting.push({ replica: r, requiredOffset, index: results.length });
    results.push(answer(topic, partition, null, baseOffset, duplicate));
  }

  /**
   * The group coordinator's writes to `__consumer_offsets`: appended as leader and replicated like
   * an acks=all produce (refused below min.insync.replicas); the coordinator waits for the HW.
   */
  appendForCoordinator(r: Replica, records: readonly RecordData[]): Batch | GroupErrorCode {
    if (!r.isLeader) return 'NOT_LEADER_OR_FOLLOWER';
    if (r.isr.length < this.leader.minIsr(r)) return 'NOT_ENOUGH_REPLICAS';
    const batch = makeBatch(records, r.log.logEndOffset, r.leaderEpoch);
    appendToLog(this.core, r, batch, 'leader');
    this.leader.wakeFetches(partitionKey(r.topic, r.partition));
    this.leader.maybeIncrementHighWatermark(r);
    return batch;
  }
}

registerClass('LeaderAppend', LeaderAppend, { blank: () => new LeaderAppend(null as never, null as never, null as never) });

/** One partition's answer to a produce (`duplicate` only when true, as Kafka's response omits it). */
function answer(topic: string, partition: number, error: ErrorCode | null, baseOffset = -1, duplicate = false): ProducePartitionResponse {
  return duplicate ? { topic, partition, error, baseOffset, duplicate } : { topic, partition, error, baseOffset };
}
