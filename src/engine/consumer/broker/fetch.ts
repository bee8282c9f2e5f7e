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
    // Loops, no closures: every consumer fetch, and every wake of a parked one, passes here. Each
    // partition is read into the scratch arrays first: a fetch that waits builds no answer.
    const asked = req.partitions;
    let hasNews = false;
    for (let i = 0; i < asked.length; i++) if (this.read(i, asked[i]!.topic, asked[i]!.partition, asked[i]!.fetchOffset, req.maxBytesPerPartition)) hasNews = true;
    if (hasNews || !mayWait || req.maxWaitMs === 0) {
      const partitions = new Array<ConsumerFetchedPartition>(asked.length);
      for (let i = 0; i < asked.length; i++) partitions[i] = answer(asked[i]!.topic, asked[i]!.partition, readReplicas[i], readErrors[i]!, readBatches[i]!);
      clearReads(asked.length);
      this.host.send(from, { kind: 'consumerFetchResponse', correlationId: req.correlationId, partitions });
      return;
    }
    clearReads(asked.length);
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
   * (between the HW and the log end there is simply nothing to read yet). The replica, error and
   * batches go into the `i`-th place of the scratch arrays; returns whether there is news (an
   * error or records).
   */
  private read(i: number, topic: string, partition: number, fetchOffset: number, maxBytes: number): boolean {
    const r = this.host.replica(topic, partition);
    readReplicas[i] = r;
    if (!r || !r.isLeader) return noted(i, 'NOT_LEADER_OR_FOLLOWER', NO_BATCHES);
    if (fetchOffset < r.log.logStartOffset || fetchOffset > r.log.logEndOffset) return noted(i, 'OFFSET_OUT_OF_RANGE', NO_BATCHES);
    return noted(i, null, r.log.readBelow(fetchOffset, maxBytes, r.log.highWatermark));
  }
}

/** handleFetch's reads, by the partition's place in the request (module scratch: empty between calls; a reply is sent later, never re-entrantly). */
const readReplicas: (Replica | undefined)[] = [];
const readErrors: ConsumerFetchedPartition['error'][] = [];
const readBatches: ConsumerFetchedPartition['batches'][] = [];

function noted(i: number, error: ConsumerFetchedPartition['error'], batches: ConsumerFetchedPartition['batches']): boolean {
  readErrors[i] = error;
  readBatches[i] = batches;
  return error !== null || batches.length > 0;
}

function clearReads(n: number): void {
  for (let i = 0; i < n; i++) {
    readReplicas[i] = undefined;
    readBatches[i] = NO_BATCHES;
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
