/**
 * A broker process: the replicas it hosts and the parts that work on them — its session with the
 * controller (brokerSession.ts), its metadata cache (brokerMetadata.ts), the leader's side of
 * replication and its writes (leaderReplication.ts, leaderAppend.ts, producePurgatory.ts), the
 * follower fetchers (followerFetcher.ts), its periodic work (brokerTimers.ts) — and the services
 * the wiring plugs into it (the consumer side's, known here only as `HostedServices`).
 *
 * Its lifecycle and the rules of its session go through the broker machine
 * (machines/broker.machine.ts); records never do.
 */
import { createActor } from 'xstate';
import type { ScheduledTask } from '../core/eventQueue';
import { LazyTimer } from '../core/lazyTimer';
import { brokerMachine, type BrokerLifecycleState } from '../machines/broker.machine';
import type { Batch, RecordData } from '../model/batch';
import type { BrokerCore } from './brokerCore';
import { BrokerMetadata, type LeadershipHooks } from './brokerMetadata';
import { BrokerTimers, type TimerHooks } from './brokerTimers';
import { ControllerSession, type SessionOwner } from './brokerSession';
import { brokerName, partitionKey, type SimContext } from './context';
import { BOOTSTRAP_BROKER_EPOCH } from './brokerRegistry';
import { FetchPurgatory } from './fetchPurgatory';
import { FollowerFetchers } from './followerFetcher';
import type { BrokerHost, HostedServices } from './hostedServices';
import { LeaderAppend } from './leaderAppend';
import { LeaderReplication, type LeaderHooks } from './leaderReplication';
import type { Message, MetadataImage } from './messages';
import type { NetworkNode } from './network';
import type { GroupErrorCode } from '../core/trace';
import { ProducePurgatory } from './producePurgatory';
import type { Replica } from './replica';
import { registerClass } from '../core/graphRegistry';
import type { TaskKind } from '../core/tasks';


export { BROKER_RECOVERY_MS } from './brokerSession';

/** The broker is the core its parts share, the host of the services plugged into it and the owner of their hooks. */
export class Broker implements NetworkNode, BrokerCore, BrokerHost, LeaderHooks, LeadershipHooks, SessionOwner, TimerHooks {
  readonly name: string;
  readonly replicas = new Map<string, Replica>();
  private readonly actor = createActor(brokerMachine).start();
  private readonly fetchPurgatory: FetchPurgatory;
  private readonly producePurgatory: ProducePurgatory;
  private readonly leader: LeaderReplication;
  private readonly appends: LeaderAppend;
  private readonly fetchers: FollowerFetchers;
  private readonly metadata: BrokerMetadata;
  private readonly session: ControllerSession;
  private readonly timers: BrokerTimers;
  /** What the wiring plugs in (consumer fetch, ListOffsets, the group coordinator): see `host`. */
  private services: HostedServices | null = null;

  constructor(
    readonly id: number,
    readonly ctx: SimContext,
  ) {
    this.name = brokerName(id);
    this.fetchPurgatory = new FetchPurgatory(this);
    this.producePurgatory = new ProducePurgatory(this);
    this.leader = new LeaderReplication(this, this.fetchPurgatory, this.producePurgatory, this);
    this.appends = new LeaderAppend(this, this.leader, this.producePurgatory);
    this.metadata = new BrokerMetadata(this, this);
    this.fetchers = new FollowerFetchers(this, this.metadata);
    this.session = new ControllerSession(this, this.actor, this.metadata, this);
    this.timers = new BrokerTimers(this, this);
  }

  /** The wiring plugs in the services this broker hosts (sim/hostedServices.ts), before it runs. */
  host(services: HostedServices): void {
    this.services = services;
  }

  // ── Hooks of the parts (LeaderHooks, LeadershipHooks, SessionOwner, TimerHooks) ────────────────────────

  /** @internal KIP-841: only unfenced brokers may join an ISR. */
  isEligibleForIsr(b: number): boolean {
    return !this.metadata.isFenced(b);
  }

  /** @internal */
  onHighWatermark(r: Replica): void {
    this.services?.onHighWatermark(r);
  }

  /** @internal */
  becameLeader(r: Replica): void {
    this.leader.maybeIncrementHighWatermark(r);
    this.services?.onLeadershipChange(r);
  }

  /** @internal */
  leaderStateChanged(r: Replica): void {
    this.leader.maybeIncrementHighWatermark(r);
  }

  /** @internal */
  stoppedLeading(r: Replica): void {
    this.producePurgatory.fail(r, 'NOT_LEADER_OR_FOLLOWER');
    this.leader.wakeFetches(partitionKey(r.topic, r.partition));
    this.services?.onLeadershipChange(r);
  }

  /** @internal */
  follow(leader: number): void {
    this.fetchers.ensureFetcher(leader);
  }

  /** @internal The heartbeat timer fired (brokerTimers.ts). */
  sendHeartbeat(): void {
    this.session.sendHeartbeat();
  }

  /** @internal The ISR check timer fired (brokerTimers.ts). */
  shrinkIsrWhereLagging(): void {
    this.leader.shrinkIsrWhereLagging();
  }

  /** A broker setting changed: start the log flusher if it is now configured (brokerTimers.ts). */
  startFlusherIfConfigured(): void {
    this.timers.startFlusherIfConfigured();
  }

  /** @internal Registered: the broker starts its periodic work. */
  onRegistered(): void {
    this.timers.start();
  }

  // ── BrokerHost (the hosted services) ───────────────────────────────────────────────────────

  replica(topic: string, partition: number): Replica | undefined {
    return this.replicas.get(partitionKey(topic, partition));
  }

  cachedLeader(topic: string, partition: number): number {
    return this.metadata.partitions().find((p) => p.topic === topic && p.partition === partition)?.leader ?? -1;
  }

  appendAsLeader(r: Replica, records: readonly RecordData[]): Batch | GroupErrorCode {
    return this.appends.appendForCoordinator(r, records);
  }

  // ── Lifecycle ────────────────────────────────────────────────────────────────────────────

  get lifecycle(): BrokerLifecycleState {
    return this.actor.getSnapshot().value as BrokerLifecycleState;
  }

  /** The broker machine's `up` tag: the process runs (running, fenced or recovering). */
  isUp(): boolean {
    return this.actor.getSnapshot().hasTag('up');
  }

  incarnation(): number {
    return this.actor.getSnapshot().context.incarnation;
  }

  /** The machine's `refusesConnections` tag: crashed (its machine is up), not powered off. */
  refusesConnections(): boolean {
    return this.actor.getSnapshot().hasTag('refusesConnections');
  }

  /** The cluster starts healthy: every broker registered, unfenced, with the first metadata. */
  bootstrap(image: MetadataImage): void {
    this.actor.send({ type: 'BOOTSTRAP', brokerEpoch: BOOTSTRAP_BROKER_EPOCH });
    this.metadata.apply(image);
    this.timers.start();
  }

  /** kill -9: the process dies, the OS (and its page cache) stays up. */
  crash(): void {
    if (!this.actor.getSnapshot().can({ type: 'CRASH' })) return;
    this.actor.send({ type: 'CRASH' });
    this.ctx.emit({ t: this.now, type: 'BrokerCrashed', broker: this.id, powerLoss: false });
    this.forgetVolatileState();
    this.ctx.network.resetConnectionsOf(this.name);
  }

  /** The machine loses power: whatever was not fsynced is gone. */
  powerLoss(): void {
    if (!this.actor.getSnapshot().can({ type: 'POWER_LOSS' })) return;
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
    if (!this.actor.getSnapshot().can({ type: 'RESTART' })) return;
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
    this.services?.reset();
    this.fetchers.clear();
    // The metadata cache is memory: until it registers again, the broker knows of no leaders.
    this.metadata.reset();
    this.timers.reset();
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
  later<T, A>(delayMs: number, task: TaskKind<T, A>, target: T, ...arg: A extends undefined ? [] : [A]): ScheduledTask {
    return this.ctx.queue.afterGuarded(delayMs, this, this.incarnation(), task, target, arg[0] as A);
  }

  timer<T, A>(task: TaskKind<T, A>, target: T): LazyTimer {
    return LazyTimer.of(this.ctx.queue, task, target, this);
  }

  arm(timer: LazyTimer, delayMs: number, arg: unknown): void {
    timer.arm(delayMs, arg, this.incarnation());
  }

  /** @internal TaskGuard: a task queued by `later` runs if the process that queued it is still up. */
  admits(incarnation: number): boolean {
    return this.incarnation() === incarnation && this.isUp();
  }

  send(to: string, message: Message): void {
    this.ctx.network.send(this.name, to, message.kind === 'produceResponse' ? this.metadata.withLeaderHints(message) : message);
  }

  // ── Messages ─────────────────────────────────────────────────────────────────────────────

  receive(message: Message, from: string): void {
    if (this.services?.receive(message, from)) return;
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
        // Not registered yet (the machine's `registered` tag): Kafka's broker serves no requests
        // before it is unfenced, so what the metadata says it leads must not reach it before its
        // registration does.
        if (!this.actor.getSnapshot().hasTag('registered')) return;
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

registerClass('Broker', Broker, { blank: () => new Broker(0, { random: { fork: () => null } } as never) });
