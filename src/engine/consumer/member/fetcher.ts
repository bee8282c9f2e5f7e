/**
 * The consumer's data path (Kafka's Fetcher and OffsetFetcher): leaders from metadata, positions
 * for newly assigned partitions (the committed offset, else auto.offset.reset through ListOffsets),
 * and fetches to partition leaders — one in flight per broker, only for partitions with nothing
 * buffered, each a long poll of fetch.max.wait.ms. OFFSET_OUT_OF_RANGE (retention deleted the
 * position) resets the position by auto.offset.reset too. Before fetching from a new leader the
 * position is checked against its log (KIP-320, positionCheck.ts).
 */
import type { MetadataResponse } from '../../sim/messages';
import type { ConsumerFetchedPartition, ConsumerFetchRequest, ConsumerFetchResponse, ListOffsetsResponse, OffsetFetchResponse } from '../../sim/groupMessages';
import { emit, isCoordinatorError, nowOf, send, type MemberCore } from './core';
import type { OwnedPartition } from './subscriptions';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';
import type { RequestFailure, RequestOwner } from './requests';
import type { FetcherPart, Waiter } from './parts';
import { PositionCheck, type CheckedFetcher } from './positionCheck';

type ResetReason = 'no-committed-offset' | 'out-of-range';

/** What a request of the fetcher was for, with the values its answer needs. */
type FetcherRequest =
  | { kind: 'metadata' }
  | { kind: 'offsetFetch'; parts: OwnedPartition[] }
  | { kind: 'listOffsets'; p: OwnedPartition; reason: ResetReason; policy: 'earliest' | 'latest' }
  /** `offsets[i]`: the position `parts[i]` was fetched from. */
  | { kind: 'fetch'; leader: number; parts: OwnedPartition[]; offsets: number[] };
type FetcherResponse = MetadataResponse | OffsetFetchResponse | ListOffsetsResponse | ConsumerFetchResponse;

/** What waits for the coordinator on the fetcher's behalf (data, never changed: one for every wait). */
const FETCHER_WAKE: Waiter = { kind: 'fetcher-wake' };

const METADATA_AGAIN = defineTask('consumer.fetcher.metadataAgain', (f: Fetcher) => f.metadataAgain());

export class Fetcher implements FetcherPart, CheckedFetcher, RequestOwner<FetcherRequest, FetcherResponse> {
  /** Each partition's leader and its leader epoch, from the last metadata. */
  private readonly leaders = new Map<string, { leader: number; epoch: number }>();
  private metadataInFlight = false;
  private lastMetadataAt = -Infinity;
  private bootstrap = 0;
  private offsetFetchInFlight = false;
  /** By broker id: a fetch to that broker is in flight. */
  private readonly fetching: boolean[] = [];
  private readonly resets = new Map<string, ResetReason>();
  private readonly check: PositionCheck;

  constructor(private readonly m: MemberCore) {
    this.check = new PositionCheck(m, this);
  }

  /** Something the poll waits for happened. */
  private wake(): void {
    this.m.app.wake();
  }

  /** @internal */
  onResponse(tag: FetcherRequest, response: FetcherResponse): void {
    switch (tag.kind) {
      case 'metadata':
        return this.onMetadata(response as MetadataResponse);
      case 'offsetFetch':
        return this.onOffsetFetch(tag.parts, response as OffsetFetchResponse);
      case 'listOffsets':
        return this.onListOffsets(tag, response as ListOffsetsResponse);
      case 'fetch':
        return this.onFetch(tag, response as ConsumerFetchResponse);
    }
  }

  /** @internal */
  onFailure(tag: FetcherRequest, _failure: RequestFailure): void {
    switch (tag.kind) {
      case 'metadata':
        this.metadataInFlight = false;
        return this.wake();
      case 'offsetFetch':
        this.releaseOffsetFetch(tag.parts);
        this.m.coordination.markUnknown();
        return this.wake();
      case 'listOffsets':
        tag.p.seeking = false;
        this.forgetLeader(tag.p.key);
        return this.wake();
      case 'fetch':
        this.fetching[tag.leader] = false;
        for (const p of tag.parts) this.forgetLeader(p.key);
        return this.wake();
    }
  }

  // ── Metadata ─────────────────────────────────────────────────────────────────────────────

  private refreshMetadata(): void {
    if (this.metadataInFlight) return;
    const wait = this.lastMetadataAt + this.m.spec['retry.backoff.ms'] - nowOf(this.m);
    this.metadataInFlight = true;
    if (wait > 0) {
      this.m.process.later(wait, METADATA_AGAIN, this);
      return;
    }
    this.lastMetadataAt = nowOf(this.m);
    const broker = this.m.brokerIds[this.bootstrap++ % this.m.brokerIds.length]!;
    const correlationId = this.m.requests.add(broker, 'data', this.m.spec['request.timeout.ms'], this, { kind: 'metadata' });
    send(this.m, broker, { kind: 'metadata', correlationId });
  }

  /** @internal The METADATA_AGAIN task: the backoff passed. */
  metadataAgain(): void {
    this.metadataInFlight = false;
    this.refreshMetadata();
  }

  private onMetadata(res: MetadataResponse): void {
    for (const p of res.partitions) {
      const key = `${p.topic}-${p.partition}`;
      const known = this.leaders.get(key);
      // Unchanged: the same object (a checkpoint shares it with the last one instead of writing it anew).
      if (known?.leader !== p.leader || known.epoch !== p.leaderEpoch) this.leaders.set(key, { leader: p.leader, epoch: p.leaderEpoch });
    }
    this.metadataInFlight = false;
    this.wake();
  }

  private leaderOf(key: string): number | null {
    return this.leaderAndEpochOf(key)?.leader ?? null;
  }

  /** The partition's leader and epoch when known; else asks for metadata. */
  private leaderAndEpochOf(key: string): { leader: number; epoch: number } | null {
    const known = this.leaders.get(key);
    if (known === undefined || known.leader < 0) {
      this.refreshMetadata();
      return null;
    }
    return known;
  }

  forgetLeader(key: string): void {
    this.leaders.delete(key);
  }

  resetPosition(p: OwnedPartition, reason: ResetReason): void {
    p.position = null;
    this.resets.set(p.key, reason);
  }

  /** The partition was revoked or lost: a pending reset no longer applies. */
  dropPartition(key: string): void {
    this.resets.delete(key);
  }

  // ── Positions ────────────────────────────────────────────────────────────────────────────

  /** True when every owned partition has a position; else starts finding the missing ones. */
  ensurePositions(): boolean {
    // Every poll asks; nearly always every position is known: no list built then.
    let known = true;
    for (const p of this.m.subs.owned.values()) if (p.position === null) known = false;
    if (known) return true;
    const missing = [...this.m.subs.owned.values()].filter((p) => p.position === null);
    for (const p of missing) if (this.resets.has(p.key) && !p.seeking) this.listOffsets(p, this.resets.get(p.key)!);
    const unknown = missing.filter((p) => !this.resets.has(p.key) && !p.seeking);
    if (unknown.length > 0) this.fetchCommitted(unknown);
    return false;
  }

  /** OffsetFetch from the coordinator for partitions with no position. */
  private fetchCommitted(parts: OwnedPartition[]): void {
    if (this.offsetFetchInFlight || !this.m.coordination.ensure(FETCHER_WAKE)) return;
    this.offsetFetchInFlight = true;
    for (const p of parts) p.seeking = true;
    const coordinator = this.m.coordination.coordinator!;
    const correlationId = this.m.requests.add(coordinator, 'coordinator', this.m.spec['request.timeout.ms'], this, { kind: 'offsetFetch', parts });
    send(this.m, coordinator, { kind: 'offsetFetch', correlationId, group: this.m.group, partitions: parts.map((p) => p.key) });
  }

  private releaseOffsetFetch(parts: OwnedPartition[]): void {
    this.offsetFetchInFlight = false;
    for (const p of parts) p.seeking = false;
  }

  private onOffsetFetch(parts: OwnedPartition[], res: OffsetFetchResponse): void {
    this.releaseOffsetFetch(parts);
    if (res.error !== null) {
      if (isCoordinatorError(res.error)) this.m.coordination.markUnknown();
      return this.wake();
    }
    for (const p of parts) {
      if (this.m.subs.owned.get(p.key) !== p || p.position !== null) continue;
      const committed = res.offsets[p.key] ?? -1;
      // The commit's leader epoch, when it has one, is checked against the leader before fetching (KIP-320).
      if (committed >= 0) this.m.subs.seek(p, committed, res.leaderEpochs[p.key] ?? null);
      else this.resets.set(p.key, 'no-committed-offset');
    }
    this.wake();
  }

  /** auto.offset.reset: ListOffsets EARLIEST (log start) or LATEST (high watermark); none fails. */
  private listOffsets(p: OwnedPartition, reason: ResetReason): void {
    const policy = this.m.spec['auto.offset.reset'];
    // With no reset policy the application dies: NoOffsetForPartitionException when nothing was
    // committed, OffsetOutOfRangeException when the position fell outside the log (Fetcher).
    if (policy === 'none') return this.m.self.fail(reason === 'out-of-range' ? 'OFFSET_OUT_OF_RANGE' : 'NO_OFFSET_FOR_PARTITION');
    const leader = this.leaderOf(p.key);
    if (leader === null) return;
    p.seeking = true;
    const correlationId = this.m.requests.add(leader, 'data', this.m.spec['request.timeout.ms'], this, { kind: 'listOffsets', p, reason, policy });
    send(this.m, leader, { kind: 'listOffsets', correlationId, topic: p.topic, partition: p.partition, which: policy });
  }

  private onListOffsets({ p, reason, policy }: Extract<FetcherRequest, { kind: 'listOffsets' }>, res: ListOffsetsResponse): void {
    p.seeking = false;
    if (this.m.subs.owned.get(p.key) !== p) return;
    if (res.error !== null) {
      this.forgetLeader(p.key);
      return this.wake();
    }
    this.resets.delete(p.key);
    this.m.subs.seek(p, res.offset);
    emit(this.m, { t: nowOf(this.m), type: 'OffsetReset', group: this.m.group, member: this.m.name, topic: p.topic, partition: p.partition, offset: res.offset, reason, policy });
    this.wake();
  }

  // ── Fetching ─────────────────────────────────────────────────────────────────────────────

  /** A fetch to every leader with no fetch in flight, for its partitions with nothing buffered. */
  sendFetches(): void {
    // Most polls find a fetch in flight to every leader: candidates go into scratch arrays (nothing
    // re-enters here: the network delivers later), and a list is made only for a fetch that goes out.
    const parts = scratchParts;
    const leaders = scratchLeaders;
    let n = 0;
    for (const p of this.m.subs.owned.values()) {
      if (p.position === null || this.m.subs.buffered(p) > 0) continue;
      const known = this.leaderAndEpochOf(p.key);
      if (known === null || !this.check.fetchable(p, known.leader, known.epoch)) continue;
      if (this.fetching[known.leader] === true) continue;
      parts[n] = p;
      leaders[n++] = known.leader;
    }
    // One fetch per leader (in the order of their first partition), its partitions in the order owned.
    for (let i = 0; i < n; i++) {
      const leader = leaders[i]!;
      if (this.fetching[leader] === true) continue;
      let k = 0;
      for (let j = i; j < n; j++) if (leaders[j] === leader) k++;
      const mine = new Array<OwnedPartition>(k);
      k = 0;
      for (let j = i; j < n; j++) if (leaders[j] === leader) mine[k++] = parts[j]!;
      this.fetchFrom(leader, mine);
    }
    for (let i = 0; i < n; i++) parts[i] = null;
  }

  private fetchFrom(leader: number, parts: OwnedPartition[]): void {
    this.fetching[leader] = true;
    const offsets = new Array<number>(parts.length);
    const partitions = new Array<ConsumerFetchRequest['partitions'][number]>(parts.length);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      offsets[i] = p.position!;
      partitions[i] = { topic: p.topic, partition: p.partition, fetchOffset: p.position! };
    }
    const timeoutMs = this.m.spec['request.timeout.ms'] + this.m.spec['fetch.max.wait.ms'];
    const correlationId = this.m.requests.add(leader, 'data', timeoutMs, this, { kind: 'fetch', leader, parts, offsets });
    send(this.m, leader, {
      kind: 'consumerFetch',
      correlationId,
      maxWaitMs: this.m.spec['fetch.max.wait.ms'],
      maxBytesPerPartition: this.m.spec['max.partition.fetch.bytes'],
      partitions,
    });
  }

  private onFetch({ leader, parts, offsets }: Extract<FetcherRequest, { kind: 'fetch' }>, res: ConsumerFetchResponse): void {
    this.fetching[leader] = false;
    for (const got of res.partitions) {
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        if (p.topic !== got.topic || p.partition !== got.partition) continue;
        this.handleFetched(p, offsets[i]!, got);
        break;
      }
    }
    this.wake();
  }

  private handleFetched(p: OwnedPartition, fetchOffset: number, got: ConsumerFetchedPartition): void {
    // Revoked, reset or already refilled since: the answer is stale.
    if (this.m.subs.owned.get(p.key) !== p || p.position !== fetchOffset || this.m.subs.buffered(p) > 0) return;
    if (got.error === 'OFFSET_OUT_OF_RANGE') return this.resetPosition(p, 'out-of-range');
    if (got.error !== null) return this.forgetLeader(p.key);
    this.m.subs.fill(p, got.batches);
  }
}

/** sendFetches' partitions to fetch and their leaders (module scratch: holds nothing between calls). */
const scratchParts: (OwnedPartition | null)[] = [];
const scratchLeaders: number[] = [];

registerClass('Fetcher', Fetcher, { blank: () => new Fetcher(null as never) });
