/**
 * The KRaft controller, reduced to one node (a real quorum has three or more; their own
 * elections are not simulated). It owns the truth about partitions: leaders, epochs and ISRs.
 *
 * - Brokers register and heartbeat (brokerRegistry.ts); one silent for
 *   broker.session.timeout.ms is fenced: it loses leadership and leaves every ISR with more than
 *   one member (so an ISR is never empty).
 * - Elections follow `PartitionChangeBuilder` (model/election.ts).
 * - Leaders change ISRs with AlterPartition; stale epochs are refused.
 * - Every change is published to the brokers as a new metadata image.
 */
import { createActor, type Actor } from 'xstate';
import { electLeader } from '../model/election';
import { alterPartitionError, isrWithout, partitionLeadershipMachine, type LeadershipEvent } from '../machines/partitionLeadership.machine';
import { brokerName, CONTROLLER, partitionKey, type SimContext } from './context';
import type { AlterPartition, AlterPartitionResponse, Message, MetadataImage, PartitionState } from './messages';
import type { NetworkNode } from './network';
import { BrokerRegistry, type SessionHooks } from './brokerRegistry';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

interface PartitionRecord {
  topic: string;
  partition: number;
  replicas: number[];
  leadership: Actor<typeof partitionLeadershipMachine>;
}

const BALANCE_CHECK = defineTask('controller.balanceCheck', (controller: Controller) => controller.balanceCheckTick());
const UNCLEAN_CHECK = defineTask('controller.uncleanElectionCheck', (controller: Controller) => controller.uncleanCheckTick());

export class Controller implements NetworkNode, SessionHooks {
  readonly name = CONTROLLER;
  private readonly partitions = new Map<string, PartitionRecord>();
  private readonly brokers: BrokerRegistry;
  private version = 1;

  constructor(
    private readonly ctx: SimContext,
    brokerIds: readonly number[],
    assignments: readonly { topic: string; partition: number; replicas: number[] }[],
  ) {
    this.brokers = new BrokerRegistry(ctx, brokerIds, this);
    for (const a of assignments) {
      const leadership = createActor(partitionLeadershipMachine, { input: { leader: a.replicas[0]!, isr: [...a.replicas] } }).start();
      this.partitions.set(partitionKey(a.topic, a.partition), { ...a, leadership });
    }
    this.brokers.start();
  }

  private get now(): number {
    return this.ctx.queue.now;
  }

  image(): MetadataImage {
    return {
      version: this.version,
      partitions: [...this.partitions.values()].map((p) => this.stateOf(p)),
      fencedBrokers: this.brokers.fencedIds(),
    };
  }

  partitionStates(): PartitionState[] {
    return [...this.partitions.values()].map((p) => this.stateOf(p));
  }

  isFenced(broker: number): boolean {
    return this.brokers.isFenced(broker);
  }

  private stateOf(p: PartitionRecord): PartitionState {
    const c = p.leadership.getSnapshot().context;
    return { topic: p.topic, partition: p.partition, replicas: p.replicas, leader: c.leader, leaderEpoch: c.leaderEpoch, isr: c.isr, partitionEpoch: c.partitionEpoch };
  }

  receive(message: Message, from: string): void {
    switch (message.kind) {
      case 'register':
        return this.brokers.handleRegistration(message.broker, message.incarnation, this.version, from);
      case 'heartbeat':
        return this.brokers.handleHeartbeat(message.broker, message.brokerEpoch, message.metadataVersion, this.version, from);
      case 'alterPartition':
        return this.handleAlterPartition(message, from);
      default:
        return;
    }
  }

  // ── Broker sessions ──────────────────────────────────────────────────────────────────────

  /** @internal ReplicationControlManager.handleBrokerFenced: its leaderships move, it leaves the ISRs. */
  brokerFenced(broker: number): void {
    for (const p of this.partitions.values()) {
      const state = this.stateOf(p);
      if (state.leader === broker) this.elect(p, isrWithout(state.isr, broker));
      else if (p.leadership.getSnapshot().can({ type: 'REMOVE_FROM_ISR', broker })) this.changeIsr(p, { type: 'REMOVE_FROM_ISR', broker }, state.leader);
    }
    this.publish();
  }

  /** @internal */
  brokerUnfenced(_broker: number): void {
    this.electOfflinePartitions();
    this.publish();
  }

  /**
   * handleBrokerUnfenced: partitions with no leader get one if any replica may now lead (an
   * unclean one only where the topic allows it).
   */
  private electOfflinePartitions(): void {
    let changed = false;
    for (const p of this.partitions.values()) {
      if (!this.isOffline(p)) continue;
      changed = this.elect(p, this.stateOf(p).isr) || changed;
    }
    if (changed) this.publish();
  }

  /** The partition's machine is offline: no leader. */
  private isOffline(p: PartitionRecord): boolean {
    return p.leadership.getSnapshot().matches('offline');
  }

  /** Elects a leader from `isr` (or uncleanly); goes offline when no one can lead. */
  private elect(p: PartitionRecord, isr: number[]): boolean {
    const before = this.stateOf(p);
    const choice = electLeader(p.replicas, isr, (b) => !this.isFenced(b), this.ctx.config.uncleanLeaderElection(p.topic));
    if (choice) {
      // An unclean leader's log becomes the truth, and it is the whole ISR (the machine's rule).
      p.leadership.send({ type: 'ELECT', leader: choice.leader, isr, unclean: choice.unclean });
      const after = this.stateOf(p);
      this.ctx.emit({ t: this.now, type: 'LeaderElected', topic: p.topic, partition: p.partition, leader: after.leader, leaderEpoch: after.leaderEpoch, isr: after.isr, unclean: choice.unclean, previousLeader: before.leader });
      return true;
    }
    const offline = { type: 'GO_OFFLINE', isr } as const;
    // Already offline: nothing changes (the machine takes GO_OFFLINE only while online).
    if (!p.leadership.getSnapshot().can(offline)) return false;
    p.leadership.send(offline);
    const after = this.stateOf(p);
    this.ctx.emit({ t: this.now, type: 'PartitionOffline', topic: p.topic, partition: p.partition, leaderEpoch: after.leaderEpoch, isr: after.isr, previousLeader: before.leader });
    return true;
  }

  /** An ISR change through the partition's machine, traced as what it removed and added. */
  private changeIsr(p: PartitionRecord, change: LeadershipEvent, leader: number): void {
    const before = this.stateOf(p).isr;
    p.leadership.send(change);
    const after = this.stateOf(p);
    const isr = after.isr;
    const removed = before.filter((b) => !isr.includes(b));
    const added = isr.filter((b) => !before.includes(b));
    const base = { t: this.now, topic: p.topic, partition: p.partition, leader, isr, partitionEpoch: after.partitionEpoch };
    if (removed.length > 0) this.ctx.emit({ ...base, type: 'IsrShrunk', removed });
    if (added.length > 0) this.ctx.emit({ ...base, type: 'IsrExpanded', added });
  }

  // ── AlterPartition (leaders change their ISR) ────────────────────────────────────────────

  private handleAlterPartition(req: AlterPartition, from: string): void {
    const p = this.partitions.get(partitionKey(req.topic, req.partition));
    if (!p) return;
    const reply = (error: AlterPartitionResponse['error']): void =>
      this.ctx.network.send(this.name, from, { kind: 'alterPartitionResponse', topic: req.topic, partition: req.partition, error, state: error ? null : this.stateOf(p) });
    const change = {
      type: 'ALTER_PARTITION',
      broker: req.broker,
      leaderEpoch: req.leaderEpoch,
      partitionEpoch: req.partitionEpoch,
      newIsr: req.newIsr,
      eligible: p.replicas.filter((b) => !this.isFenced(b)),
    } as const;
    // The machine's validAlterPartition guard decides; alterPartitionError names why it refused.
    const snapshot = p.leadership.getSnapshot();
    if (!snapshot.can(change)) return reply(alterPartitionError(snapshot.context, change) ?? 'FENCED_LEADER_EPOCH');
    this.changeIsr(p, change, req.broker);
    reply(null);
    this.publish();
  }

  // ── Preferred leaders (auto.leader.rebalance.enable) ──────────────────────────────────────

  private balanceScheduled = false;

  /**
   * QuorumController.maybeScheduleNextBalancePartitionLeaders: while any partition is led by a
   * replica other than its preferred one, balance once leader.imbalance.check.interval.seconds
   * has passed.
   */
  private maybeScheduleBalance(): void {
    const settings = this.ctx.config.broker;
    if (this.balanceScheduled || !settings['auto.leader.rebalance.enable']) return;
    if (![...this.partitions.values()].some((p) => this.stateOf(p).leader !== p.replicas[0])) return;
    this.balanceScheduled = true;
    this.ctx.queue.after(settings['leader.imbalance.check.interval.seconds'] * 1000, BALANCE_CHECK, this);
  }

  /** @internal The BALANCE_CHECK task. */
  balanceCheckTick(): void {
    this.balanceScheduled = false;
    if (this.ctx.config.broker['auto.leader.rebalance.enable']) this.balancePartitionLeaders();
    this.maybeScheduleBalance();
  }

  /** A PREFERRED election for every imbalanced partition whose preferred replica may lead. */
  private balancePartitionLeaders(): void {
    let changed = false;
    for (const p of this.partitions.values()) {
      const preferred = p.replicas[0]!;
      const election = { type: 'ELECT_PREFERRED', leader: preferred, eligible: !this.isFenced(preferred) } as const;
      // The machine's preferredMayLead: not leading already, in the ISR, and unfenced.
      if (!p.leadership.getSnapshot().can(election)) continue;
      const state = this.stateOf(p);
      p.leadership.send(election);
      const after = this.stateOf(p);
      this.ctx.emit({ t: this.now, type: 'LeaderElected', topic: p.topic, partition: p.partition, leader: preferred, leaderEpoch: after.leaderEpoch, isr: after.isr, unclean: false, previousLeader: state.leader });
      changed = true;
    }
    if (changed) this.publish();
  }

  // ── Unclean elections for leaderless partitions (unclean.leader.election.interval.ms) ──────

  private uncleanCheckScheduled = false;

  /**
   * QuorumController.maybeScheduleNextElectUncleanLeaders (KAFKA-12670): while any partition has
   * no leader, the controller checks again every unclean.leader.election.interval.ms (5 minutes
   * by default). Turning unclean.leader.election.enable on does not elect by itself: a partition
   * already offline gets its unclean leader at the next check, or when a broker is unfenced.
   */
  private maybeScheduleUncleanElection(): void {
    if (this.uncleanCheckScheduled) return;
    if (![...this.partitions.values()].some((p) => this.isOffline(p))) return;
    this.uncleanCheckScheduled = true;
    this.ctx.queue.after(this.ctx.config.broker['unclean.leader.election.interval.ms'], UNCLEAN_CHECK, this);
  }

  /** @internal The UNCLEAN_CHECK task. */
  uncleanCheckTick(): void {
    this.uncleanCheckScheduled = false;
    this.electUncleanLeaders();
    this.maybeScheduleUncleanElection();
  }

  /** ReplicationControlManager.maybeTriggerUncleanLeaderElectionForLeaderlessPartitions. */
  private electUncleanLeaders(): void {
    let changed = false;
    for (const p of this.partitions.values()) {
      if (!this.isOffline(p) || !this.ctx.config.uncleanLeaderElection(p.topic)) continue;
      changed = this.elect(p, this.stateOf(p).isr) || changed;
    }
    if (changed) this.publish();
  }

  /** A `set` changed settings: like any controller write, it may start a periodic check. */
  onConfigChanged(): void {
    this.maybeScheduleBalance();
    this.maybeScheduleUncleanElection();
  }

  /** A new metadata image for every broker (the KRaft metadata log, reduced to a push). */
  private publish(): void {
    this.maybeScheduleBalance();
    this.maybeScheduleUncleanElection();
    this.version++;
    const image = this.image();
    for (const id of this.brokers.ids()) this.ctx.network.send(this.name, brokerName(id), { kind: 'metadataPush', metadata: image });
  }
}

registerClass('Controller', Controller, { blank: () => new Controller(null as never, [], []) });
