/**
 * One classic group on its coordinator (Kafka's `ClassicGroup`): members, generation, protocol,
 * leader, committed offsets, and the timers of the join and sync phases. Its lifecycle is the
 * group coordinator machine; every state change is emitted as GroupStateChanged.
 */
import { createActor, type Actor } from 'xstate';
import type { ScheduledTask } from '../../core/eventQueue';
import type { GroupStateName } from '../../core/trace';
import { groupCoordinatorMachine, loadedGroupSnapshot, type GroupEvent, type GroupState } from '../../machines/groupCoordinator.machine';
import type { Subscription } from '../../sim/groupMessages';
import type { StoredGroup, StoredMember } from '../offsetsTopic';
import { registerClass } from '../../core/graphRegistry';
import type { SimContext } from '../../sim/context';

/** Where to send the answer to a parked JoinGroup or SyncGroup. */
export interface Responder {
  to: string;
  correlationId: number;
}

export interface GroupMember extends StoredMember {
  awaitingJoin: Responder | null;
  awaitingSync: Responder | null;
  heartbeat: ScheduledTask | null;
}

export class ClassicGroup {
  readonly members = new Map<string, GroupMember>();
  /** group.instance.id → member id (KIP-345). */
  readonly staticMembers = new Map<string, string>();
  /** Committed offsets: "topic-N" → offset. */
  readonly offsets = new Map<string, number>();
  /** Their leader epochs, where a commit gave one (KIP-320). */
  readonly offsetEpochs = new Map<string, number>();
  leader: string | null = null;
  protocol: string | null = null;
  /** The join phase's timer: the initial delay, or the rebalance timeout. */
  joinTimer: ScheduledTask | null = null;
  initialDelay: { delayMs: number; remainingMs: number } | null = null;
  newMemberAdded = false;
  /** Members given this generation that have not sent SyncGroup yet, and the timer that drops them. */
  readonly pendingSync = new Set<string>();
  syncTimer: ScheduledTask | null = null;
  private readonly actor: Actor<typeof groupCoordinatorMachine>;

  constructor(
    readonly id: string,
    private readonly broker: number,
    /** The clock and the trace. */
    private readonly ctx: SimContext,
    stored: StoredGroup | null = null,
  ) {
    const generation = stored?.generation ?? 0;
    const state = stored && stored.members.length > 0 ? 'Stable' : 'Empty';
    this.actor = createActor(groupCoordinatorMachine, { snapshot: loadedGroupSnapshot(generation, state), input: { generation } }).start();
    if (stored && stored.members.length > 0) {
      this.protocol = stored.protocol;
      this.leader = stored.leader;
      for (const m of stored.members) this.add({ ...m, awaitingJoin: null, awaitingSync: null, heartbeat: null });
    }
  }

  get state(): GroupState {
    return this.actor.getSnapshot().value as GroupState;
  }

  get generation(): number {
    return this.actor.getSnapshot().context.generation;
  }

  is(...states: GroupState[]): boolean {
    return states.includes(this.state);
  }

  /** Would the group's machine take this event now (its guards decide)? */
  can(event: GroupEvent): boolean {
    return this.actor.getSnapshot().can(event);
  }

  /** The join phase as the machine's JOIN_COMPLETE sees it: who joined, who did not, what runs. */
  joinCompletion(timerFired: boolean): GroupEvent {
    let notJoined = 0;
    for (const m of this.members.values()) if (m.awaitingJoin === null) notJoined++;
    return { type: 'JOIN_COMPLETE', members: this.members.size - notJoined, notJoined, initialDelay: this.initialDelay !== null, timerFired };
  }

  /** Sends a lifecycle event; emits GroupStateChanged when the state or generation moved. */
  transition(event: GroupEvent, reason: string): void {
    const from = this.state as GroupStateName;
    const generation = this.generation;
    if (from === 'Dead') return;
    this.actor.send(event);
    const to = this.state as GroupStateName;
    if (to !== from || this.generation !== generation) {
      this.ctx.emit({ t: this.ctx.queue.now, type: 'GroupStateChanged', group: this.id, broker: this.broker, from, to, generation: this.generation, reason });
    }
  }

  add(member: GroupMember): void {
    this.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
  }

  remove(memberId: string): GroupMember | undefined {
    const m = this.members.get(memberId);
    if (!m) return undefined;
    this.members.delete(memberId);
    this.pendingSync.delete(memberId);
    if (m.heartbeat) m.heartbeat.cancelled = true;
    if (m.groupInstanceId !== null && this.staticMembers.get(m.groupInstanceId) === memberId) this.staticMembers.delete(m.groupInstanceId);
    if (this.leader === memberId) this.leader = null;
    return m;
  }

  /** The longest rebalance timeout (max.poll.interval.ms) among the members. */
  rebalanceTimeoutMs(): number {
    let max = 0;
    for (const m of this.members.values()) max = Math.max(max, m.rebalanceTimeoutMs);
    return max;
  }

  /**
   * `ClassicGroup.selectProtocol`: among the protocols every member supports, each member votes
   * for its most preferred; the most votes win (ties: the earliest vote).
   */
  selectProtocol(): string {
    const all = [...this.members.values()];
    const candidates = all[0]!.protocols.filter((p) => all.every((m) => m.protocols.includes(p)));
    const votes = new Map<string, number>();
    for (const m of all) {
      const vote = m.protocols.find((p) => candidates.includes(p))!;
      votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    let best = candidates[0]!;
    for (const [p, n] of votes) if (n > (votes.get(best) ?? 0)) best = p;
    return best;
  }

  /** Can a member with these protocols join (`ClassicGroup.supportsProtocols`)? */
  supportsProtocols(protocols: readonly string[]): boolean {
    if (protocols.length === 0) return false;
    if (this.members.size === 0) return true;
    return protocols.some((p) => [...this.members.values()].every((m) => m.protocols.includes(p)));
  }

  toStored(): StoredGroup {
    return {
      generation: this.generation,
      protocol: this.protocol,
      leader: this.leader,
      members: [...this.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientName: m.clientName,
        sessionTimeoutMs: m.sessionTimeoutMs,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        protocols: m.protocols,
        subscription: m.subscription,
        assignment: m.assignment,
      })),
    };
  }

  cancelTimers(): void {
    if (this.joinTimer) this.joinTimer.cancelled = true;
    if (this.syncTimer) this.syncTimer.cancelled = true;
    this.joinTimer = null;
    this.syncTimer = null;
    for (const m of this.members.values()) if (m.heartbeat) m.heartbeat.cancelled = true;
  }
}

export function sameSubscription(a: Subscription, b: Subscription): boolean {
  return sameList(a.topics, b.topics) && sameList(a.owned, b.owned);
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

registerClass('ClassicGroup', ClassicGroup, { blank: () => new ClassicGroup('', 0, null as never) });
