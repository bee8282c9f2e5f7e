/**
 * A broker: the replica manager of every partition it hosts, a follower fetcher per leader it
 * copies from, and its session with the controller (KRaft heartbeats).
 *
 * Lifecycle goes through the broker machine (machines/broker.machine.ts); records never do.
 */
import { createActor } from 'xstate';
import type { ScheduledTask } from '../core/eventQueue';
import type { ErrorCode, GroupErrorCode } from '../core/trace';
import { makeBatch, stampBatch, type Batch, type RecordData } from '../model/batch';
import { GroupServices } from '../consumer/broker/services';
import { isConsumerRequest } from '../consumer/messages';
import { brokerMachine, isProcessUp, type BrokerLifecycleState } from '../machines/broker.machine';
import { brokerName, CONTROLLER, partitionKey, type SimContext } from './context';
import type {
  AlterPartitionResponse,
  FetchedPartition,
  FetchRequest,
  FetchResponse,
  HeartbeatResponse,
  Message,
  MetadataImage,
  PartitionState,
  ProducePartitionData,
  ProducePartitionResponse,
  ProduceRequest,
} from './messages';
import type { NetworkNode } from './network';
import { FetchPurgatory } from './fetchPurgatory';
import { Replica } from './replica';

/**
 * How long a restarted broker takes to load its logs before it registers with the controller.
 * Kafka's real figure depends on the log size; a fixed second keeps restarts visible.
 */
export const BROKER_RECOVERY_MS = 1000;
/** Kafka's `replica.socket.timeout.ms` default: a follower's fetch gives up after this. */
export const REPLICA_SOCKET_TIMEOUT_MS = 30000;
/** How long a leader waits for the controller's answer to an ISR change before asking again. */
export const ALTER_PARTITION_RETRY_MS = 5000;

/**
 * An acks=all ProduceRequest waiting in purgatory (Kafka's DelayedProduce): it is answered once
 * every partition in it is settled — its HW passed the batch, or it failed — or on timeout.
 */
interface DelayedProduce {
  correlationId: number;
  producer: string;
  results: ProducePartitionResponse[];
  unsettled: number;
  timeout: ScheduledTask;
}

/** One partition of a DelayedProduce, queued on that partition in offset order. */
interface PendingAppend {
  request: DelayedProduce;
  /** Index into `request.results`. */
  index: number;
  requiredOffset: number;
  settled: boolean;
}

interface Fetcher {
  leader: number;
  inFlight: number | null;
  wake: ScheduledTask | null;
}

export class Broker implements NetworkNode {
  readonly name: string;
  readonly replicas = new Map<string, Replica>();
  private readonly actor = createActor(brokerMachine).start();
  private incarnationNo = 0;
  private metadataVersion = 0;
  private lastImage: MetadataImage | null = null;
  private fencedBrokers = new Set<number>();
  private readonly fetchers = new Map<number, Fetcher>();
  private readonly delayedProduces = new Map<string, PendingAppend[]>();
  private readonly fetchPurgatory = new FetchPurgatory((delayMs, fn) => this.later(delayMs, fn));
  private nextFetchId = 1;
  private flusherRunning = false;
  /** Consumer fetches, ListOffsets and the group coordinator (consumer/broker/services.ts). */
  readonly groups: GroupServices;

  constructor(
    readonly id: number,
    private readonly ctx: SimContext,
  ) {
    this.name = brokerName(id);
    this.groups = new GroupServices({
      id,
      ctx,
      replica: (topic, partition) => this.replicas.get(partitionKey(topic, partition)),
      cachedLeader: (topic, partition) => this.metadataPartitions().find((p) => p.topic === topic && p.partition === partition)?.leader ?? -1,
      later: (delayMs, fn) => this.later(delayMs, fn),
      send: (to, message) => this.send(to, message),
      appendAsLeader: (r, records) => this.appendForCoordinator(r, records),
    });
  }

  // ── Lifecycle ────────────────────────────────────────────────────────────────────────────

  get lifecycle(): BrokerLifecycleState {
    return this.actor.getSnapshot().value as BrokerLifecycleState;
  }

  isUp(): boolean {
    return isProcessUp(this.lifecycle);
  }

  incarnation(): number {
    return this.incarnationNo;
  }

  refusesConnections(): boolean {
    return this.lifecycle === 'crashed';
  }

  /** The cluster starts healthy: every broker registered, unfenced, with the first metadata. */
  bootstrap(image: MetadataImage): void {
    this.actor.send({ type: 'UNFENCED' });
    this.applyMetadata(image);
    this.startTimers();
  }

  /** kill -9: the process dies, the OS (and its page cache) stays up. */
  crash(): void {
    if (!this.isUp()) return;
    this.actor.send({ type: 'CRASH' });
    this.ctx.emit({ t: this.now, type: 'BrokerCrashed', broker: this.id, powerLoss: false });
    this.forgetVolatileState();
    this.ctx.network.resetConnectionsOf(this.name);
  }

  /** The machine loses power: whatever was not fsynced is gone. */
  powerLoss(): void {
    if (this.lifecycle === 'poweredOff') return;
    this.actor.send({ type: 'POWER_LOSS' });
    this.ctx.emit({ t: this.now, type: 'BrokerCrashed', broker: this.id, powerLoss: true });
    this.forgetVolatileState();
    for (const r of this.replicas.values()) {
      const lost = r.log.unflushedRecords();
      if (lost === 0) continue;
      const from = r.log.recoveryPoint;
      const to = r.log.logEndOffset;
      const recordIds = r.log.recordIdsFrom(from);
      r.log.truncateTo(from);
      this.ctx.emit({ t: this.now, type: 'UnflushedDataLost', broker: this.id, topic: r.topic, partition: r.partition, fromOffset: from, toOffset: to, records: lost, recordIds });
    }
  }

  restart(): void {
    if (this.isUp()) return;
    this.actor.send({ type: 'RESTART' });
    this.incarnationNo++;
    this.ctx.emit({ t: this.now, type: 'BrokerRestarted', broker: this.id });
    // Log recovery: what survived is on disk now; the HW is what the log can vouch for.
    for (const r of this.replicas.values()) {
      r.log.recoveryPoint = r.log.logEndOffset;
      r.log.highWatermark = Math.min(r.log.highWatermark, r.log.logEndOffset);
    }
    this.later(BROKER_RECOVERY_MS, () => this.register());
  }

  private register(): void {
    if (this.lifecycle !== 'recovering') return;
    this.send(CONTROLLER, { kind: 'register', broker: this.id, incarnation: this.incarnationNo });
    // Registration may be lost (a cut link): try again every heartbeat interval.
    this.later(this.ctx.config.broker['broker.heartbeat.interval.ms'], () => this.register());
  }

  private forgetVolatileState(): void {
    for (const list of this.delayedProduces.values()) for (const d of list) d.request.timeout.cancelled = true;
    this.delayedProduces.clear();
    this.fetchPurgatory.clear();
    this.groups.reset();
    for (const f of this.fetchers.values()) if (f.wake) f.wake.cancelled = true;
    this.fetchers.clear();
    // The metadata cache is memory: until it registers again, the broker knows of no leaders.
    this.metadataVersion = 0;
    this.lastImage = null;
    this.flusherRunning = false;
    for (const r of this.replicas.values()) {
      r.leader = -1;
      r.leaderEpoch = -1;
      r.partitionEpoch = -1;
      r.pendingIsr = null;
      r.followers = new Map();
    }
  }

  private get now(): number {
    return this.ctx.queue.now;
  }

  /** Schedules work that only runs if this incarnation of the process is still up. */
  private later(delayMs: number, fn: () => void): ScheduledTask {
    const incarnation = this.incarnationNo;
    return this.ctx.queue.schedule(delayMs, () => {
      if (this.incarnationNo === incarnation && this.isUp()) fn();
    });
  }

  private send(to: string, message: Message): void {
    this.ctx.network.send(this.name, to, message);
  }

  private startTimers(): void {
    const settings = this.ctx.config.broker;
    const heartbeat = (): void => {
      this.send(CONTROLLER, { kind: 'heartbeat', broker: this.id, incarnation: this.incarnationNo, metadataVersion: this.metadataVersion });
      this.later(settings['broker.heartbeat.interval.ms'], heartbeat);
    };
    this.later(settings['broker.heartbeat.interval.ms'], heartbeat);
    // Kafka checks the ISR every half of replica.lag.time.max.ms (ReplicaManager.startup).
    const isrCheck = (): void => {
      this.shrinkIsrWhereLagging();
      this.later(settings['replica.lag.time.max.ms'] / 2, isrCheck);
    };
    this.later(settings['replica.lag.time.max.ms'] / 2, isrCheck);
    const retention = (): void => {
      this.applyRetention();
      this.later(settings['log.retention.check.interval.ms'], retention);
    };
    this.later(settings['log.retention.check.interval.ms'], retention);
    this.startFlusherIfConfigured();
  }

  /**
   * Kafka's log flusher runs every `log.flush.scheduler.interval.ms` (default: never) and flushes
   * logs whose `flush.ms` has passed; without the scheduler, `flush.ms` alone never triggers.
   */
  startFlusherIfConfigured(): void {
    const interval = this.ctx.config.broker['log.flush.scheduler.interval.ms'];
    if (this.flusherRunning || interval === null || !this.isUp()) return;
    this.flusherRunning = true;
    const tick = (): void => {
      const every = this.ctx.config.broker['log.flush.scheduler.interval.ms'];
      if (every === null) {
        this.flusherRunning = false;
        return;
      }
      for (const r of this.replicas.values()) {
        const flushMs = this.ctx.config.flushMs(r.topic);
        if (flushMs !== null && this.now - r.log.lastFlushTime >= flushMs && r.log.unflushedRecords() > 0) this.flush(r);
      }
      this.later(every, tick);
    };
    this.later(interval, tick);
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────

  receive(message: Message, from: string): void {
    if (isConsumerRequest(message)) return this.groups.receive(message, from);
    switch (message.kind) {
      case 'produce':
        return this.handleProduce(message, from);
      case 'initProducerId':
        return this.send(from, { kind: 'initProducerIdResponse', correlationId: message.correlationId, ...this.ctx.allocateProducerId() });
      case 'metadata':
        return this.send(from, { kind: 'metadataResponse', correlationId: message.correlationId, partitions: this.metadataPartitions() });
      case 'fetch':
        return this.handleFetch(message, from, true);
      case 'fetchResponse':
        return this.handleFetchResponse(message, from);
      case 'heartbeatResponse':
        return this.handleHeartbeatResponse(message);
      case 'metadataPush':
        return this.applyMetadata(message.metadata);
      case 'alterPartitionResponse':
        return this.handleAlterPartitionResponse(message);
      default:
        return;
    }
  }

  connectionLost(peer: string): void {
    // A fetch in flight to a leader that died: back off, then fetch again (maybe elsewhere).
    for (const f of this.fetchers.values()) {
      if (brokerName(f.leader) === peer && f.inFlight !== null) {
        f.inFlight = null;
        this.scheduleFetch(f, this.ctx.config.broker['replica.fetch.backoff.ms']);
      }
    }
  }

  /** This broker's metadata cache, as a client asking it would see it (possibly stale). */
  private metadataPartitions(): PartitionState[] {
    return this.lastImage?.partitions ?? [];
  }

  // ── Controller session and metadata ──────────────────────────────────────────────────────

  private handleHeartbeatResponse(response: HeartbeatResponse): void {
    if (response.metadata) this.applyMetadata(response.metadata);
    const state = this.lifecycle;
    if (state === 'recovering') {
      this.actor.send({ type: 'REGISTERED' });
      this.startTimers();
      // Caught up with the metadata: ask to be unfenced now rather than a heartbeat later.
      this.send(CONTROLLER, { kind: 'heartbeat', broker: this.id, incarnation: this.incarnationNo, metadataVersion: this.metadataVersion });
      return;
    }
    if (response.fenced && state === 'running') this.actor.send({ type: 'FENCED' });
    if (!response.fenced && state === 'fenced') this.actor.send({ type: 'UNFENCED' });
  }

  applyMetadata(image: MetadataImage): void {
    if (image.version <= this.metadataVersion) return;
    this.metadataVersion = image.version;
    this.lastImage = image;
    this.fencedBrokers = new Set(image.fencedBrokers);
    for (const state of image.partitions) {
      if (!state.replicas.includes(this.id)) continue;
      const key = partitionKey(state.topic, state.partition);
      let r = this.replicas.get(key);
      if (!r) {
        r = new Replica(state.topic, state.partition, this.id);
        this.replicas.set(key, r);
      }
      this.applyPartitionState(r, state);
    }
  }

  private applyPartitionState(r: Replica, state: PartitionState): void {
    const key = partitionKey(r.topic, r.partition);
    if (state.leader === this.id) {
      if (!r.isLeader || state.leaderEpoch > r.leaderEpoch) {
        r.becomeLeader(state, this.now);
        this.maybeIncrementHighWatermark(r);
        this.groups.onLeadershipChange(r);
      } else if (state.partitionEpoch > r.partitionEpoch) {
        r.applyState(state);
        if (r.pendingIsr && sameMembers(r.pendingIsr.proposed, state.isr)) r.pendingIsr = null;
        this.maybeIncrementHighWatermark(r);
      }
      return;
    }
    if (r.isLeader || state.leaderEpoch > r.leaderEpoch) {
      const wasLeader = r.isLeader;
      r.becomeFollower(state);
      if (wasLeader) {
        this.failDelayedProduces(r, 'NOT_LEADER_OR_FOLLOWER');
        this.completeDelayedFetches(key);
        this.groups.onLeadershipChange(r);
      }
      if (state.leader >= 0) this.ensureFetcher(state.leader);
    } else if (state.partitionEpoch > r.partitionEpoch) {
      r.applyState(state);
    }
  }

  // ── Produce (leader) ─────────────────────────────────────────────────────────────────────

  /** ReplicaManager.appendRecords: each partition on its own, then one answer for the request. */
  private handleProduce(req: ProduceRequest, from: string): void {
    const results: ProducePartitionResponse[] = [];
    const waiting: { replica: Replica; index: number; requiredOffset: number }[] = [];
    for (const data of req.partitions) {
      const outcome = this.appendForProducer(req, data);
      if (outcome.waitFor) waiting.push({ ...outcome.waitFor, index: results.length });
      results.push(outcome.result);
    }
    // acks=0: the broker never answers (on an error Kafka closes the connection instead).
    if (req.acks === '0') return;
    if (waiting.length === 0) {
      this.send(from, { kind: 'produceResponse', correlationId: req.correlationId, partitions: results });
      return;
    }
    const request: DelayedProduce = {
      correlationId: req.correlationId,
      producer: from,
      results,
      unsettled: waiting.length,
      timeout: this.later(req.timeoutMs, () => this.expireDelayedProduce(request)),
    };
    for (const w of waiting) {
      const key = partitionKey(w.replica.topic, w.replica.partition);
      const pending: PendingAppend = { request, index: w.index, requiredOffset: w.requiredOffset, settled: false };
      const list = this.delayedProduces.get(key);
      if (list) list.push(pending);
      else this.delayedProduces.set(key, [pending]);
    }
  }

  /**
   * Partition.appendRecordsToLeader for one batch: the leader check, min.insync.replicas for
   * acks=all, the idempotent producer's sequence check, then the append. With acks=all the answer
   * waits until the high watermark passes the batch (`waitFor`).
   */
  private appendForProducer(
    req: ProduceRequest,
    data: ProducePartitionData,
  ): { result: ProducePartitionResponse; waitFor?: { replica: Replica; requiredOffset: number } } {
    const { topic, partition } = data;
    const answer = (error: ErrorCode | null, baseOffset = -1, duplicate = false): ProducePartitionResponse =>
      duplicate ? { topic, partition, error, baseOffset, duplicate } : { topic, partition, error, baseOffset };
    const r = this.replicas.get(partitionKey(topic, partition));
    if (!r || !r.isLeader) return { result: answer('NOT_LEADER_OR_FOLLOWER') };
    if (req.acks === 'all' && r.isr.length < this.ctx.config.minInsyncReplicas(topic)) return { result: answer('NOT_ENOUGH_REPLICAS') };

    const check = r.log.producers.check(data.batch);
    if (check.kind === 'error') return { result: answer(check.error) };
    let baseOffset: number;
    let lastOffset: number;
    const duplicate = check.kind === 'duplicate';
    if (check.kind === 'duplicate') {
      // Already in the log: nothing is appended, the original offsets are the answer.
      baseOffset = check.baseOffset;
      lastOffset = check.lastOffset;
    } else {
      const batch = stampBatch(data.batch, r.log.logEndOffset, r.leaderEpoch);
      this.appendToLog(r, batch, 'leader');
      this.completeDelayedFetches(partitionKey(topic, partition));
      this.maybeIncrementHighWatermark(r);
      baseOffset = batch.baseOffset;
      lastOffset = batch.lastOffset;
    }
    if (req.acks !== 'all') return { result: answer(null, baseOffset, duplicate) };
    const requiredOffset = lastOffset + 1;
    if (r.log.highWatermark >= requiredOffset) return { result: answer(this.afterAppendError(r), baseOffset, duplicate) };
    return { result: answer(null, baseOffset, duplicate), waitFor: { replica: r, requiredOffset } };
  }

  /** Partition.checkEnoughReplicasReachOffset: reached the HW, but has the ISR shrunk below min? */
  private afterAppendError(r: Replica): ErrorCode | null {
    return r.isr.length < this.ctx.config.minInsyncReplicas(r.topic) ? 'NOT_ENOUGH_REPLICAS_AFTER_APPEND' : null;
  }

  private appendToLog(r: Replica, batch: Batch, role: 'leader' | 'follower'): void {
    const config = this.ctx.config.logConfig(r.topic);
    const rolled = r.log.append(batch, config);
    if (rolled) this.ctx.emit({ t: this.now, type: 'SegmentRolled', broker: this.id, topic: r.topic, partition: r.partition, baseOffset: r.log.activeSegment.baseOffset });
    const records = batch.records;
    this.ctx.emit({
      t: this.now,
      type: 'Appended',
      broker: this.id,
      role,
      topic: r.topic,
      partition: r.partition,
      baseOffset: batch.baseOffset,
      lastOffset: batch.lastOffset,
      leaderEpoch: batch.leaderEpoch,
      recordIds: records.map((x) => x.id),
    });
    // log.flush.interval.messages: the append path fsyncs before answering.
    if (config.flushMessages !== null && r.log.unflushedRecords() >= config.flushMessages) this.flush(r);
  }

  private flush(r: Replica): void {
    r.log.flush(this.now);
    this.ctx.emit({ t: this.now, type: 'Flushed', broker: this.id, topic: r.topic, partition: r.partition, recoveryPoint: r.log.recoveryPoint });
  }

  private maybeIncrementHighWatermark(r: Replica): void {
    if (!r.isLeader) return;
    const settings = this.ctx.config.broker;
    const hw = r.nextHighWatermark(this.now, settings['replica.lag.time.max.ms'], this.ctx.config.minInsyncReplicas(r.topic), (b) => this.isEligibleForIsr(b));
    if (hw === null) return;
    r.log.highWatermark = hw;
    this.ctx.emit({ t: this.now, type: 'HighWatermarkAdvanced', broker: this.id, topic: r.topic, partition: r.partition, highWatermark: hw });
    this.completeDelayedProduces(r);
    this.groups.onHighWatermark(r);
  }

  /**
   * The group coordinator's writes to `__consumer_offsets`: appended as leader and replicated like
   * an acks=all produce (refused below min.insync.replicas); the coordinator waits for the HW.
   */
  private appendForCoordinator(r: Replica, records: readonly RecordData[]): Batch | GroupErrorCode {
    if (!r.isLeader) return 'NOT_LEADER_OR_FOLLOWER';
    if (r.isr.length < this.ctx.config.minInsyncReplicas(r.topic)) return 'NOT_ENOUGH_REPLICAS';
    const batch = makeBatch(records, r.log.logEndOffset, r.leaderEpoch);
    this.appendToLog(r, batch, 'leader');
    this.completeDelayedFetches(partitionKey(r.topic, r.partition));
    this.maybeIncrementHighWatermark(r);
    return batch;
  }

  /** KIP-841: only unfenced brokers may join an ISR (or hold the HW back while catching up). */
  private isEligibleForIsr(broker: number): boolean {
    return !this.fencedBrokers.has(broker);
  }

  private completeDelayedProduces(r: Replica): void {
    const list = this.delayedProduces.get(partitionKey(r.topic, r.partition));
    if (!list || list.length === 0) return;
    const hw = r.log.highWatermark;
    const error = this.afterAppendError(r);
    let done = 0;
    // Batches wait in offset order, so the satisfied ones are a prefix.
    while (done < list.length && list[done]!.requiredOffset <= hw) this.settle(list[done++]!, error);
    if (done > 0) list.splice(0, done);
  }

  private failDelayedProduces(r: Replica, error: ErrorCode): void {
    const key = partitionKey(r.topic, r.partition);
    const list = this.delayedProduces.get(key);
    if (!list) return;
    this.delayedProduces.delete(key);
    for (const pending of list) this.settle(pending, error, -1);
  }

  /** One partition of a waiting request is done; the request answers when all of them are. */
  private settle(pending: PendingAppend, error: ErrorCode | null, baseOffset?: number): void {
    if (pending.settled) return;
    pending.settled = true;
    const { request } = pending;
    const result = request.results[pending.index]!;
    result.error = error;
    if (baseOffset !== undefined) result.baseOffset = baseOffset;
    if (--request.unsettled > 0) return;
    request.timeout.cancelled = true;
    this.send(request.producer, { kind: 'produceResponse', correlationId: request.correlationId, partitions: request.results });
  }

  /** DelayedProduce.onExpiration: partitions still waiting answer REQUEST_TIMED_OUT. */
  private expireDelayedProduce(request: DelayedProduce): void {
    for (const [key, list] of this.delayedProduces) {
      const mine = list.filter((p) => p.request === request);
      if (mine.length === 0) continue;
      this.delayedProduces.set(key, list.filter((p) => p.request !== request));
      for (const p of mine) this.settle(p, 'REQUEST_TIMED_OUT');
    }
  }

  // ── Fetch (leader side) ──────────────────────────────────────────────────────────────────

  private handleFetch(req: FetchRequest, from: string, mayWait: boolean): void {
    const partitions = req.partitions.map((p) => this.readForFollower(req.replicaId, p));
    const hasNews = partitions.some((p) => p.error !== null || p.divergingEpoch !== null || p.batches.length > 0);
    if (hasNews || !mayWait) {
      this.send(from, { kind: 'fetchResponse', fetchId: req.fetchId, partitions });
      return;
    }
    // Nothing new: park the fetch until data arrives or replica.fetch.wait.max.ms passes.
    const keys = req.partitions.map((p) => partitionKey(p.topic, p.partition));
    this.fetchPurgatory.park(keys, this.ctx.config.broker['replica.fetch.wait.max.ms'], () => this.handleFetch(req, from, false));
  }

  private completeDelayedFetches(key: string): void {
    this.fetchPurgatory.wake(key);
  }

  private readForFollower(replicaId: number, p: FetchRequest['partitions'][number]): FetchedPartition {
    const r = this.replicas.get(partitionKey(p.topic, p.partition));
    const answer = (error: FetchedPartition['error'], rest: Partial<FetchedPartition> = {}): FetchedPartition => ({
      topic: p.topic,
      partition: p.partition,
      error,
      batches: [],
      highWatermark: r?.log.highWatermark ?? 0,
      logStartOffset: r?.log.logStartOffset ?? 0,
      logEndOffset: r?.log.logEndOffset ?? 0,
      divergingEpoch: null,
      ...rest,
    });
    if (!r || !r.isLeader) return answer('NOT_LEADER_OR_FOLLOWER');
    if (p.currentLeaderEpoch < r.leaderEpoch) return answer('FENCED_LEADER_EPOCH');
    if (p.currentLeaderEpoch > r.leaderEpoch) return answer('UNKNOWN_LEADER_EPOCH');
    const position = r.checkFetchPosition(p.lastFetchedEpoch, p.fetchOffset);
    if (position === 'out-of-range') return answer('OFFSET_OUT_OF_RANGE');
    if (position) return answer(null, { divergingEpoch: position });

    r.updateFollowerFetchState(replicaId, p.fetchOffset, this.now);
    this.maybeExpandIsr(r, replicaId);
    this.maybeIncrementHighWatermark(r);
    const batches = r.appendedBatches(p.fetchOffset, this.ctx.config.broker['replica.fetch.max.bytes']);
    return answer(null, { batches });
  }

  // ── ISR changes (leader → controller) ────────────────────────────────────────────────────

  private maybeExpandIsr(r: Replica, follower: number): void {
    if (r.pendingIsr || !r.canJoinIsr(follower) || !this.isEligibleForIsr(follower)) return;
    this.proposeIsr(r, [...r.isr, follower]);
  }

  private shrinkIsrWhereLagging(): void {
    const lagMax = this.ctx.config.broker['replica.lag.time.max.ms'];
    for (const r of this.replicas.values()) {
      if (!r.isLeader) continue;
      if (r.pendingIsr) {
        // No answer from the controller for a while: the request or its answer was lost.
        if (this.now - r.pendingIsr.sentAtMs >= ALTER_PARTITION_RETRY_MS) this.proposeIsr(r, r.pendingIsr.proposed);
        continue;
      }
      const lagging = r.outOfSyncReplicas(this.now, lagMax);
      if (lagging.length > 0) this.proposeIsr(r, r.isr.filter((b) => !lagging.includes(b)));
    }
  }

  private proposeIsr(r: Replica, proposed: number[]): void {
    r.pendingIsr = { proposed, sentAtMs: this.now };
    this.send(CONTROLLER, {
      kind: 'alterPartition',
      broker: this.id,
      topic: r.topic,
      partition: r.partition,
      leaderEpoch: r.leaderEpoch,
      partitionEpoch: r.partitionEpoch,
      newIsr: proposed,
    });
  }

  private handleAlterPartitionResponse(res: AlterPartitionResponse): void {
    const r = this.replicas.get(partitionKey(res.topic, res.partition));
    if (!r) return;
    r.pendingIsr = null;
    if (res.state && res.state.leaderEpoch === r.leaderEpoch && res.state.partitionEpoch > r.partitionEpoch) {
      r.applyState(res.state);
    }
    this.maybeIncrementHighWatermark(r);
  }

  // ── Fetch (follower side) ────────────────────────────────────────────────────────────────

  private ensureFetcher(leader: number): void {
    let f = this.fetchers.get(leader);
    if (!f) {
      f = { leader, inFlight: null, wake: null };
      this.fetchers.set(leader, f);
    }
    if (f.inFlight === null && f.wake === null) this.scheduleFetch(f, 0);
  }

  private scheduleFetch(f: Fetcher, delayMs: number): void {
    if (f.wake) f.wake.cancelled = true;
    f.wake = this.later(delayMs, () => {
      f.wake = null;
      this.sendFetch(f);
    });
  }

  private sendFetch(f: Fetcher): void {
    const partitions = [];
    for (const r of this.replicas.values()) {
      if (r.leader !== f.leader || r.isLeader) continue;
      partitions.push({
        topic: r.topic,
        partition: r.partition,
        fetchOffset: r.log.logEndOffset,
        lastFetchedEpoch: r.log.lastBatchEpoch(),
        currentLeaderEpoch: r.leaderEpoch,
      });
    }
    if (partitions.length === 0) {
      this.fetchers.delete(f.leader);
      return;
    }
    const fetchId = this.nextFetchId++;
    f.inFlight = fetchId;
    this.send(brokerName(f.leader), { kind: 'fetch', fetchId, replicaId: this.id, partitions });
    this.later(REPLICA_SOCKET_TIMEOUT_MS, () => {
      if (f.inFlight !== fetchId) return;
      f.inFlight = null;
      this.scheduleFetch(f, this.ctx.config.broker['replica.fetch.backoff.ms']);
    });
  }

  private handleFetchResponse(res: FetchResponse, from: string): void {
    const leader = Number(from.slice(1));
    const f = this.fetchers.get(leader);
    if (!f || f.inFlight !== res.fetchId) return;
    f.inFlight = null;
    let backoff = false;
    for (const p of res.partitions) {
      const r = this.replicas.get(partitionKey(p.topic, p.partition));
      if (!r || r.isLeader || r.leader !== leader) continue;
      if (p.error === 'OFFSET_OUT_OF_RANGE') this.handleOutOfRange(r, p);
      else if (p.error !== null) backoff = true;
      else if (p.divergingEpoch) this.truncate(r, r.divergenceOffset(p.divergingEpoch), 'diverging-epoch');
      else this.appendFromLeader(r, p, leader);
    }
    this.scheduleFetch(f, backoff ? this.ctx.config.broker['replica.fetch.backoff.ms'] : 0);
  }

  private appendFromLeader(r: Replica, p: FetchedPartition, leader: number): void {
    const fetchOffset = r.log.logEndOffset;
    let records = 0;
    for (const batch of p.batches) {
      if (batch.baseOffset !== r.log.logEndOffset) break;
      this.appendToLog(r, batch, 'follower');
      records += batch.records.length;
    }
    r.log.advanceLogStartOffset(p.logStartOffset);
    const hw = Math.min(p.highWatermark, r.log.logEndOffset);
    if (hw > r.log.highWatermark) {
      r.log.highWatermark = hw;
      this.ctx.emit({ t: this.now, type: 'HighWatermarkAdvanced', broker: this.id, topic: r.topic, partition: r.partition, highWatermark: hw });
    }
    if (records > 0) {
      this.ctx.emit({ t: this.now, type: 'Fetched', broker: this.id, leader, topic: r.topic, partition: r.partition, fetchOffset, records, highWatermark: r.log.highWatermark });
    }
  }

  /**
   * Kafka's `fetchOffsetAndTruncate` after OFFSET_OUT_OF_RANGE: ahead of the leader's end → cut
   * back to it; otherwise start over from the leader's log start offset.
   */
  private handleOutOfRange(r: Replica, p: FetchedPartition): void {
    if (r.log.logEndOffset > p.logEndOffset) {
      this.truncate(r, p.logEndOffset, 'diverging-epoch');
      return;
    }
    const from = r.log.logEndOffset;
    const recordIds = r.log.recordIdsFrom(0);
    r.log.truncateFullyAndStartAt(p.logStartOffset);
    this.ctx.emit({ t: this.now, type: 'Truncated', broker: this.id, topic: r.topic, partition: r.partition, fromOffset: from, toOffset: p.logStartOffset, reason: 'diverging-epoch', recordIds });
  }

  private truncate(r: Replica, offset: number, reason: 'diverging-epoch' | 'unclean-election' | 'recovery'): void {
    const from = r.log.logEndOffset;
    if (offset >= from) return;
    const recordIds = r.log.recordIdsFrom(offset);
    r.log.truncateTo(offset);
    this.ctx.emit({ t: this.now, type: 'Truncated', broker: this.id, topic: r.topic, partition: r.partition, fromOffset: from, toOffset: r.log.logEndOffset, reason, recordIds });
  }

  // ── Retention ────────────────────────────────────────────────────────────────────────────

  private applyRetention(): void {
    for (const r of this.replicas.values()) {
      const deleted = r.log.deleteExpiredSegments(this.now, this.ctx.config.logConfig(r.topic));
      for (const d of deleted) {
        this.ctx.emit({ t: this.now, type: 'SegmentDeleted', broker: this.id, topic: r.topic, partition: r.partition, baseOffset: d.baseOffset, endOffset: d.endOffset, reason: d.reason, logStartOffset: r.log.logStartOffset, recordIds: d.recordIds });
      }
    }
  }
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
