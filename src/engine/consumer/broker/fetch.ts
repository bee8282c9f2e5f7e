/**
 * The leader's side of a consumer's Fetch (Kafka's FetchRequest with replicaId -1) and of
 * ListOffsets. Unlike a follower's fetch, it returns only batches below the high watermark and
 * leaves the follower state alone. A fetch with nothing to return waits up to the consumer's
 * fetch.max.wait.ms for the HW to move (the fetch purgatory, with fetch.min.bytes = 1).
 */
import { partitionKey } from '../../sim/context';
import { FetchPurgatory } from '../../sim/fetchPurgatory';
import type { Replica } from '../../sim/replica';
import type { ConsumerFetchedPartition, ConsumerFetchRequest, ListOffsetsRequest, OffsetForLeaderEpochRequest } from '../../sim/groupMessages';
import type { BrokerHost } from '../../sim/hostedServices';
import { registerClass } from '../../core/graphRegistry';
import { NO_BATCHES } from '../../model/log';

export class ConsumerFetchHandler {
  /** Consumer fetches waiting for the HW to move (the broker's own purgatory holds followers'). */
  private readonly purgatory: FetchPurgatory;

  constructor(private readonly host: BrokerHost) {
    this.purgatory = new FetchPurgatory(host);
  }

  handleFetch(req: ConsumerFetchRequest, from: string, mayWait = true): void {
    // Loops, no closures: every consumer fetch, and every wake of a parked one, passes here.
    const asked = req.partitions;
    const partitions = new Array<ConsumerFetchedPartition>(asked.length);
    let hasNews = false;
    for (let i = 0; i < asked.length; i++) {
      const p = this.read(asked[i]!.topic, asked[i]!.partition, asked[i]!.fetchOffset, req.maxBytesPerPartition);
      partitions[i] = p;
      if (p.error !== null || p.batches.length > 0) hasNews = true;
    }
    if (hasNews || !mayWait || req.maxWaitMs === 0) {
      this.host.send(from, { kind: 'consumerFetchResponse', correlationId: req.correlationId, partitions });
      return;
    }
    const keys = new Array<string>(asked.length);
    for (let i = 0; i < asked.length; i++) keys[i] = partitionKey(asked[i]!.topic, asked[i]!.partition);
    this.purgatory.park(keys, req.maxWaitMs, this, req, from);
  }

  handleListOffsets(req: ListOffsetsRequest, from: string): void {
    const r = this.host.replica(req.topic, req.partition);
    const leads = r !== undefined && r.isLeader;
    const offset = !leads ? -1 : req.which === 'earliest' ? r.log.logStartOffset : r.log.highWatermark;
    this.host.send(from, {
      kind: 'listOffsetsResponse',
      correlationId: req.correlationId,
      topic: req.topic,
      partition: req.partition,
      error: leads ? null : 'NOT_LEADER_OR_FOLLOWER',
      offset,
    });
  }

  /**
   * KIP-320's check of a consumer's position, as `Partition.lastOffsetForLeaderEpoch` answers it
   * for a consumer (leader only): the end of the asked epoch from the epoch cache, with the
   * current leader epoch fenced first.
   */
  handleOffsetForLeaderEpoch(req: OffsetForLeaderEpochRequest, from: string): void {
    const r = this.host.replica(req.topic, req.partition);
    const error = !r || !r.isLeader ? 'NOT_LEADER_OR_FOLLOWER' : req.currentLeaderEpoch < r.leaderEpoch ? 'FENCED_LEADER_EPOCH' : req.currentLeaderEpoch > r.leaderEpoch ? 'UNKNOWN_LEADER_EPOCH' : null;
    const end = r && error === null ? r.log.epochs.endOffsetFor(req.leaderEpoch, r.log.logEndOffset) : { epoch: -1, endOffset: -1 };
    this.host.send(from, {
      kind: 'offsetForLeaderEpochResponse',
      correlationId: req.correlationId,
      topic: req.topic,
      partition: req.partition,
      error,
      leaderEpoch: end.epoch,
      endOffset: end.endOffset,
    });
  }

  /** The HW moved (or leadership changed): parked fetches on that partition answer now. */
  wake(r: Replica): void {
    this.purgatory.wake(partitionKey(r.topic, r.partition));
  }

  /** The process died: nothing parked will be answered. */
  reset(): void {
    this.purgatory.clear();
  }

  /**
   * `Partition.fetchRecords` for a consumer: out of range below the log start or past the log end
   * (between the HW and the log end there is simply nothing to read yet).
   */
  private read(topic: string, partition: number, fetchOffset: number, maxBytes: number): ConsumerFetchedPartition {
    const r = this.host.replica(topic, partition);
    if (!r || !r.isLeader) return answer(topic, partition, r, 'NOT_LEADER_OR_FOLLOWER', NO_BATCHES);
    if (fetchOffset < r.log.logStartOffset || fetchOffset > r.log.logEndOffset) return answer(topic, partition, r, 'OFFSET_OUT_OF_RANGE', NO_BATCHES);
    return answer(topic, partition, r, null, r.log.readBelow(fetchOffset, maxBytes, r.log.highWatermark));
  }
}

/** One partition of a consumer's fetch answer, with the leader's offsets as they stand (one literal: one shape). */
function answer(
  topic: string,
  partition: number,
  r: Replica | undefined,
  error: ConsumerFetchedPartition['error'],
  batches: ConsumerFetchedPartition['batches'],
): ConsumerFetchedPartition {
  return { topic, partition, error, batches, highWatermark: r?.log.highWatermark ?? 0, logStartOffset: r?.log.logStartOffset ?? 0 };
}

registerClass('ConsumerFetchHandler', ConsumerFetchHandler, { blank: () => new ConsumerFetchHandler(null as never) });
