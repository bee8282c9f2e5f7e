/**
 * The leader's side of a consumer's Fetch (Kafka's FetchRequest with replicaId -1) and of
 * ListOffsets. Unlike a follower's fetch, it returns only batches below the high watermark and
 * leaves the follower state alone. A fetch with nothing to return waits up to the consumer's
 * fetch.max.wait.ms for the HW to move (the fetch purgatory, with fetch.min.bytes = 1).
 */
import type { ScheduledTask } from '../../core/eventQueue';
import { defineTask } from '../../core/tasks';
import { partitionKey } from '../../sim/context';
import type { Replica } from '../../sim/replica';
import type { ConsumerFetchedPartition, ConsumerFetchRequest, ListOffsetsRequest } from '../messages';
import type { BrokerHost } from './host';
import { registerClass } from '../../core/graphRegistry';

/** A consumer's fetch waiting for news on its partitions (`keys`), answered by reading again. */
interface ParkedFetch {
  readonly keys: readonly string[];
  readonly req: ConsumerFetchRequest;
  readonly from: string;
  timeout: ScheduledTask | null;
}

const WAIT_OVER = defineTask('consumer.fetch.waitOver', (h: ConsumerFetchHandler, p: ParkedFetch) => h.waitOver(p));

export class ConsumerFetchHandler {
  /** The fetch purgatory for consumers (as sim/fetchPurgatory.ts does it for followers), as data. */
  private parked: ParkedFetch[] = [];

  constructor(private readonly host: BrokerHost) {}

  handleFetch(req: ConsumerFetchRequest, from: string, mayWait = true): void {
    const partitions = req.partitions.map((p) => this.read(p.topic, p.partition, p.fetchOffset, req.maxBytesPerPartition));
    const hasNews = partitions.some((p) => p.error !== null || p.batches.length > 0);
    if (hasNews || !mayWait || req.maxWaitMs === 0) {
      this.host.send(from, { kind: 'consumerFetchResponse', correlationId: req.correlationId, partitions });
      return;
    }
    const keys = req.partitions.map((p) => partitionKey(p.topic, p.partition));
    const parked: ParkedFetch = { keys, req, from, timeout: null };
    parked.timeout = this.host.later(req.maxWaitMs, WAIT_OVER, this, parked);
    this.parked.push(parked);
  }

  /** @internal The WAIT_OVER task: fetch.max.wait.ms passed without news; answer with what there is. */
  waitOver(parked: ParkedFetch): void {
    this.parked = this.parked.filter((p) => p !== parked);
    this.handleFetch(parked.req, parked.from, false);
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

  /** The HW moved (or leadership changed): parked fetches on that partition answer now. */
  wake(r: Replica): void {
    if (this.parked.length === 0) return;
    const key = partitionKey(r.topic, r.partition);
    const ready = this.parked.filter((p) => p.keys.includes(key));
    if (ready.length === 0) return;
    this.parked = this.parked.filter((p) => !p.keys.includes(key));
    for (const p of ready) {
      p.timeout!.cancelled = true;
      this.handleFetch(p.req, p.from, false);
    }
  }

  /** The process died: nothing parked will be answered. */
  reset(): void {
    for (const p of this.parked) p.timeout!.cancelled = true;
    this.parked = [];
  }

  /**
   * `Partition.fetchRecords` for a consumer: out of range below the log start or past the log end
   * (between the HW and the log end there is simply nothing to read yet).
   */
  private read(topic: string, partition: number, fetchOffset: number, maxBytes: number): ConsumerFetchedPartition {
    const r = this.host.replica(topic, partition);
    const answer = (error: ConsumerFetchedPartition['error'], batches: ConsumerFetchedPartition['batches'] = []): ConsumerFetchedPartition => ({
      topic,
      partition,
      error,
      batches,
      highWatermark: r?.log.highWatermark ?? 0,
      logStartOffset: r?.log.logStartOffset ?? 0,
    });
    if (!r || !r.isLeader) return answer('NOT_LEADER_OR_FOLLOWER');
    if (fetchOffset < r.log.logStartOffset || fetchOffset > r.log.logEndOffset) return answer('OFFSET_OUT_OF_RANGE');
    const hw = r.log.highWatermark;
    const batches = r.log.read(fetchOffset, maxBytes).filter((b) => b.lastOffset < hw);
    return answer(null, batches);
  }
}

registerClass('ConsumerFetchHandler', ConsumerFetchHandler);
