/**
 * A broker process: the replicas it hosts and the parts that work on them — its session with the
 * controller (brokerSession.ts), its metadata cache (brokerMetadata.ts), the leader's side of
 * replication and its writes (leaderReplication.ts, leaderAppend.ts, producePurgatory.ts), the
 * follower fetchers (followerFetcher.ts) — and the services it hosts for consumers.
 *
 * Its lifecycle and the rules of its session go through the broker machine
 * (machines/broker.machine.ts); records never do.
 */
import { createActor } from 'xstate';
import type { ScheduledTask } from '../core/eventQueue';
import { GroupServices } from '../consumer/broker/services';
import { isConsumerRequest } from '../consumer/messages';
import { brokerMachine, isProcessUp, type BrokerLifecycleState } from '../machines/broker.machine';
import type { BrokerCore } from './brokerCore';
import { BrokerMetadata } from './brokerMetadata';
import { ControllerSession } from './brokerSession';
import { brokerName, partitionKey, type SimContext } from './context';
import { BOOTSTRAP_BROKER_EPOCH } from './brokerRegistry';
import { FetchPurgatory } from './fetchPurgatory';
import { FollowerFetchers } from './followerFetcher';
import { LeaderAppend } from './leaderAppend';
import { LeaderReplication } from './leaderReplication';
import type { Message, MetadataImage, ProduceResponse } from './messages';
import type { NetworkNode } from './network';
import { ProducePurgatory } from './producePurgatory';
import type { Replica } from './replica';
import { applyRetention, flushDueLogs } from './replicaLog';
import { registerClass } from '../core/graphRegistry';
import { defineTask, type TaskKind } from '../core/tasks';

interface GuardedTask {
  incarnation: number;
  task: TaskKind<unknown, unknown>;
  target: unknown;
  arg: unknown;
}
const INCARNATION_GUARDED = defineTask('broker.ifSameIncarnation', (broker: Broker, p: GuardedTask) => broker.runIfSameIncarnation(p));

export { BROKER_RECOVERY_MS } from './brokerSession';

export class Broker implements NetworkNode {
  readonly name: string;
  readonly replicas = new Map<string, Replica>();
  private readonly actor = createActor(brokerMachine).start();
  private readonly core: BrokerCore;
  private readonly fetchPurgatory: FetchPurgatory;
  private readonly producePurgatory: ProducePurgatory;
  private readonly leader: LeaderReplication;
  private readonly appends: LeaderAppend;
  private readonly fetchers: FollowerFetchers;
  private readonly metadata: BrokerMetadata;
  private readonly session: ControllerSession;
  private flusherRunning = false;
  /** Consumer fetches, ListOffsets and the group coordinator (consumer/broker/services.ts). */
  readonly groups: GroupServices;

  constructor(
    readonly id: number,
    private readonly ctx: SimContext,
  ) {
    this.name = brokerName(id);
    const core: BrokerCore = {
      id,
      name: this.name,
      ctx,
      replicas: this.replicas,
      later: ((...args: Parameters<Broker['laterClosure']>) => this.later(...args)) as BrokerCore['later'],
      send: (to, message) => this.send(to, message),
    };
    this.core = core;
    this.fetchPurgatory = new FetchPurgatory(core.later);
    this.producePurgatory = new ProducePurgatory(core);
    this.leader = new LeaderReplication(core, this.fetchPurgatory, this.producePurgatory, {
      isEligibleForIsr: (b) => !this.metadata.isFenced(b),
      onHighWatermark: (r) => this.groups.onHighWatermark(r),
    });
    this.appends = new LeaderAppend(core, this.leader, this.producePurgatory);
    this.fetchers = new FollowerFetchers(core);
    this.metadata = new BrokerMetadata(core, {
      becameLeader: (r) => {
        this.leader.maybeIncrementHighWatermark(r);
        this.groups.onLeadershipChange(r);
      },
      leaderStateChanged: (r) => this.leader.maybeIncrementHighWatermark(r),
      stoppedLeading: (r) => {
        this.producePurgatory.fail(r, 'NOT_LEADER_OR_FOLLOWER');
        this.leader.wakeFetches(partitionKey(r.topic, r.partition));
        this.groups.onLeadershipChange(r);
      },
      follow: (leader) => this.fetchers.ensureFetcher(leader),
    });
    this.session = new ControllerSession(core, this.actor, this.metadata, () => this.startTimers());
    this.groups = new GroupServices({
      id,
      ctx,
      replica: (topic, partition) => this.replicas.get(partitionKey(topic, partition)),
      cachedLeader: (topic, partition) => this.metadata.partitions().find((p) => p.topic === topic && p.partition === partition)?.leader ?? -1,
      later: core.later,
      send: core.send,
      appendAsLeader: (r, records) => this.appends.appendForCoordinator(r, records),
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
    return this.actor.getSnapshot().context.incarnation;
  }

  refusesConnections(): boolean {
    return this.lifecycle === 'crashed';
  }

  /** The cluster starts healthy: every broker registered, unfenced, with the first metadata. */
  bootstrap(image: MetadataImage): void {
    this.actor.send({ type: 'BOOTSTRAP', brokerEpoch: BOOTSTRAP_BROKER_EPOCH });
    this.metadata.apply(image);
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
    this.ctx.emit({ t: this.now, type: 'BrokerRestarted', broker: this.id });
    // Log recovery: what survived is on disk now; the HW is what the log can vouch for.
    for (const r of this.replicas.values()) {
      r.log.recoveryPoint = r.log.logEndOffset;
      r.log.highWatermark = Math.min(r.log.highWatermark, r.log.logEndOffset);
    }
    this.session.restarted();
  }

  private forgetVolatileState(): void {
    this.producePurgatory.clear();
    this.fetchPurgatory.clear();
    this.groups.reset();
    this.fetchers.clear();
    // The metadata cache is memory: until it registers again, the broker knows of no leaders.
    this.metadata.reset();
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

  /** Queues work that only runs if this incarnation of the process is still up (BrokerCore.later). */
  later<T, A>(delayMs: number, task: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask;
  later(delayMs: number, fn: () => void): ScheduledTask;
  later(delayMs: number, task: TaskKind<unknown, unknown> | (() => void), target?: unknown, arg?: unknown): ScheduledTask {
    const incarnation = this.incarnation();
    if (typeof task === 'function') {
      return this.ctx.queue.schedule(delayMs, () => {
        if (this.incarnation() === incarnation && this.isUp()) task();
      });
    }
    return this.ctx.queue.after(delayMs, INCARNATION_GUARDED, this, { incarnation, task, target, arg });
  }

  /** @internal Only for the closure form's type, until every caller queues a task. */
  laterClosure(delayMs: number, fn: () => void): ScheduledTask {
    return this.later(delayMs, fn);
  }

  /** @internal The INCARNATION_GUARDED task: runs the inner task if the process is the one that queued it. */
  runIfSameIncarnation(p: GuardedTask): void {
    if (this.incarnation() === p.incarnation && this.isUp()) p.task.run(p.target, p.arg);
  }

  private send(to: string, message: Message): void {
    this.ctx.network.send(this.name, to, message.kind === 'produceResponse' ? this.withLeaderHints(message) : message);
  }

  /**
   * KIP-951: a NOT_LEADER_OR_FOLLOWER answer names the partition's current leader and epoch from
   * this broker's metadata cache (KafkaApis.handleProduceRequest → getCurrentLeader), so the
   * producer retries on the new leader without waiting for a metadata answer.
   */
  private withLeaderHints(res: ProduceResponse): ProduceResponse {
    if (!res.partitions.some((p) => p.error === 'NOT_LEADER_OR_FOLLOWER')) return res;
    const cached = this.metadata.partitions();
    const partitions = res.partitions.map((p) => {
      if (p.error !== 'NOT_LEADER_OR_FOLLOWER') return p;
      const state = cached.find((s) => s.topic === p.topic && s.partition === p.partition);
      return state && state.leader >= 0 ? { ...p, currentLeader: { leaderId: state.leader, leaderEpoch: state.leaderEpoch } } : p;
    });
    return { ...res, partitions };
  }

  private startTimers(): void {
    const settings = this.ctx.config.broker;
    const heartbeat = (): void => {
      this.session.sendHeartbeat();
      this.later(settings['broker.heartbeat.interval.ms'], heartbeat);
    };
    this.later(settings['broker.heartbeat.interval.ms'], heartbeat);
    // Kafka checks the ISR every half of replica.lag.time.max.ms (ReplicaManager.startup).
    const isrCheck = (): void => {
      this.leader.shrinkIsrWhereLagging();
      this.later(settings['replica.lag.time.max.ms'] / 2, isrCheck);
    };
    this.later(settings['replica.lag.time.max.ms'] / 2, isrCheck);
    const retention = (): void => {
      applyRetention(this.core);
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
      flushDueLogs(this.core);
      this.later(every, tick);
    };
    this.later(interval, tick);
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────

  receive(message: Message, from: string): void {
    if (isConsumerRequest(message)) return this.groups.receive(message, from);
    switch (message.kind) {
      case 'produce':
        return this.appends.handleProduce(message, from);
      case 'initProducerId':
        return this.send(from, { kind: 'initProducerIdResponse', correlationId: message.correlationId, ...this.ctx.allocateProducerId() });
      case 'metadata':
        return this.send(from, { kind: 'metadataResponse', correlationId: message.correlationId, partitions: this.metadata.partitions() });
      case 'fetch':
        return this.leader.handleFetch(message, from, true);
      case 'fetchResponse':
        return this.fetchers.handleFetchResponse(message, from);
      case 'registerResponse':
        return this.session.handleRegistrationResponse(message);
      case 'heartbeatResponse':
        return this.session.handleHeartbeatResponse(message);
      case 'metadataPush':
        // Not registered yet: Kafka's broker serves no requests before it is unfenced, so what
        // the metadata says it leads must not reach it before its registration does.
        if (this.lifecycle === 'recovering') return;
        return this.metadata.apply(message.metadata);
      case 'alterPartitionResponse':
        return this.leader.handleAlterPartitionResponse(message);
      default:
        return;
    }
  }

  connectionLost(peer: string): void {
    this.fetchers.connectionLost(peer);
  }
}

registerClass('Broker', Broker);
