/**
 * The client's side of a rebalance (ConsumerCoordinator / AbstractCoordinator.joinGroupIfNeeded):
 * - before joining (`onJoinPrepare`): auto commit, synchronously; then the eager protocol revokes
 *   every partition, the cooperative one keeps them; a member whose generation was reset has lost
 *   its partitions (no commit);
 * - JoinGroup; the leader runs the assignor over every member's subscription; SyncGroup;
 * - after (`onJoinComplete`): the cooperative protocol revokes only what moved away and rejoins
 *   at once, so the moved partitions can be handed over in the next round.
 * The rebalance protocol is cooperative only if every configured assignor supports it.
 */
import { assignPartitions, isCooperative, normalizeAssignor } from '../assignors';
import type { GroupErrorCode } from '../../core/trace';
import type { JoinGroupResponse, SyncGroupResponse } from '../../sim/groupMessages';
import { allows, canSend, emit, generationOf, isCoordinatorError, memberIdOf, nowOf, send, stateOf, type MemberCore } from './core';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';
import type { RequestFailure, RequestOwner } from './requests';
import type { RebalancerPart } from './parts';

/** AbstractCoordinator: JoinGroup may wait a whole rebalance, plus this much. */
const JOIN_GROUP_TIMEOUT_LAPSE_MS = 5000;

/** The request a JoinGroup or SyncGroup answer belongs to: its join flow (and the join answer). */
type RebalanceRequest = { kind: 'join'; flow: number } | { kind: 'sync'; flow: number; join: JoinGroupResponse };

const SEND_JOIN = defineTask('consumer.rebalance.sendJoin', (r: Rebalancer, flow: number) => r.sendJoin(flow));

export class Rebalancer implements RebalancerPart, RequestOwner<RebalanceRequest, JoinGroupResponse | SyncGroupResponse> {
  rejoinNeeded = true;
  /** A join (prepare, JoinGroup, SyncGroup) is running; `flow` tells its answers from stale ones. */
  private active = false;
  private flow = 0;
  private prepared = false;
  private lastAssignment: string[] = [];
  private assignmentGeneration = -1;
  readonly cooperative: boolean;

  constructor(private readonly m: MemberCore) {
    this.cooperative = m.spec['partition.assignment.strategy'].every((s) => isCooperative(normalizeAssignor(s)!));
  }

  /** Inside poll: true when the member is in the group and has nothing to do for it. */
  ensureActiveGroup(): boolean {
    if (this.active) return false;
    const state = stateOf(this.m);
    if (state === 'stable' && !this.rejoinNeeded) return true;
    if (state === 'dead') return false;
    this.active = true;
    const flow = ++this.flow;
    if (this.prepared) this.sendJoin(flow);
    else this.m.committer.autoCommitSync({ do: 'join-prepared', flow });
    return false;
  }

  /** @internal `onJoinPrepare` after its auto commit: revoke (eager, or lost), then JoinGroup. */
  joinPrepared(flow: number): void {
    this.prepared = true;
    const owned = this.m.subs.keys();
    const lost = generationOf(this.m) < 0 || memberIdOf(this.m) === '';
    if (owned.length > 0 && (lost || !this.cooperative)) this.revoke(owned, lost);
    this.sendJoin(flow);
  }

  private revoke(partitions: string[], lost: boolean): void {
    emit(this.m, { t: nowOf(this.m), type: 'MemberRevoked', group: this.m.group, member: this.m.name, generation: this.assignmentGeneration, partitions, lost });
    for (const p of partitions) {
      this.m.subs.remove(p);
      this.m.fetcher.dropPartition(p);
    }
  }

  /** @internal Also the SEND_JOIN task and a coordination waiter. */
  sendJoin(flow: number): void {
    if (flow !== this.flow) return;
    if (!this.m.coordination.ensure({ kind: 'join', flow })) return;
    // Already joining (a retry): the machine takes no second JOIN.
    if (canSend(this.m, { type: 'JOIN' })) this.m.machine.send({ type: 'JOIN' });
    const coordinator = this.m.coordination.coordinator!;
    const spec = this.m.spec;
    const timeoutMs = Math.max(spec['request.timeout.ms'], spec['max.poll.interval.ms'] + JOIN_GROUP_TIMEOUT_LAPSE_MS);
    const correlationId = this.m.requests.add(coordinator, 'coordinator', timeoutMs, this, { kind: 'join', flow });
    send(this.m, coordinator, {
      kind: 'joinGroup',
      correlationId,
      group: this.m.group,
      memberId: memberIdOf(this.m),
      groupInstanceId: this.m.instanceId,
      clientName: this.m.name,
      sessionTimeoutMs: spec['session.timeout.ms'],
      rebalanceTimeoutMs: spec['max.poll.interval.ms'],
      protocols: spec['partition.assignment.strategy'],
      // Eager members revoked everything; the sticky assignor still gets the last assignment
      // (StickyAssignor's user data does that in Kafka).
      subscription: { topics: spec.topics, owned: this.cooperative ? this.m.subs.keys() : this.lastAssignment, generation: this.assignmentGeneration },
    });
  }

  /** @internal */
  onResponse(tag: RebalanceRequest, response: JoinGroupResponse | SyncGroupResponse): void {
    if (tag.kind === 'join') this.onJoinResponse(tag.flow, response as JoinGroupResponse);
    else this.onSyncResponse(tag.flow, tag.join, response as SyncGroupResponse);
  }

  /** @internal */
  onFailure(tag: RebalanceRequest, _failure: RequestFailure): void {
    this.m.coordination.markUnknown();
    if (tag.kind === 'join') this.sendJoin(tag.flow);
    else this.retryJoin(tag.flow);
  }

  private onJoinResponse(flow: number, res: JoinGroupResponse): void {
    if (flow !== this.flow) return;
    if (res.error === null) {
      this.m.coordination.answered();
      this.m.machine.send({ type: 'JOINED', memberId: res.memberId, generation: res.generation });
      this.m.coordination.startHeartbeats();
      const leads = res.leader === res.memberId && res.members.length > 0;
      return this.sendSync(flow, res, leads ? this.assign(res) : null);
    }
    if (res.error === 'UNKNOWN_MEMBER_ID') return this.resetGeneration(res.error);
    if (res.error === 'FENCED_INSTANCE_ID' || res.error === 'INCONSISTENT_GROUP_PROTOCOL') return this.m.self.fail(res.error);
    if (isCoordinatorError(res.error)) this.m.coordination.markUnknown();
    this.m.process.later(this.m.spec['retry.backoff.ms'], SEND_JOIN, this, flow);
  }

  /** The leader's assignment: the group's protocol (an assignor) over every subscription. */
  private assign(res: JoinGroupResponse): Record<string, string[]> {
    const topics = new Set(res.members.flatMap((x) => x.subscription.topics));
    const partitionsPerTopic: Record<string, number> = {};
    for (const t of topics) partitionsPerTopic[t] = this.m.partitionCounts.get(t) ?? 0;
    const members = res.members.map((x) => ({
      memberId: x.memberId,
      ...(x.groupInstanceId !== null ? { groupInstanceId: x.groupInstanceId } : {}),
      topics: x.subscription.topics,
      owned: x.subscription.owned,
      generation: x.subscription.generation,
    }));
    return assignPartitions(res.protocol, { members, partitionsPerTopic });
  }

  private sendSync(flow: number, join: JoinGroupResponse, assignments: Record<string, string[]> | null): void {
    const coordinator = this.m.coordination.coordinator;
    if (coordinator === null) return this.retryJoin(flow);
    const correlationId = this.m.requests.add(coordinator, 'coordinator', this.m.spec['request.timeout.ms'], this, { kind: 'sync', flow, join });
    send(this.m, coordinator, {
      kind: 'syncGroup',
      correlationId,
      group: this.m.group,
      memberId: join.memberId,
      groupInstanceId: this.m.instanceId,
      generation: join.generation,
      assignments,
    });
  }

  private onSyncResponse(flow: number, join: JoinGroupResponse, res: SyncGroupResponse): void {
    if (flow !== this.flow) return;
    if (res.error === null) {
      this.m.coordination.answered();
      this.active = false;
      this.prepared = false;
      this.rejoinNeeded = false;
      this.m.machine.send({ type: 'SYNCED' });
      this.onJoinComplete(join, res);
      return this.m.app.wake();
    }
    if (res.error === 'UNKNOWN_MEMBER_ID' || res.error === 'ILLEGAL_GENERATION') return this.resetGeneration(res.error);
    if (res.error === 'FENCED_INSTANCE_ID') return this.m.self.fail(res.error);
    if (isCoordinatorError(res.error)) this.m.coordination.markUnknown();
    this.retryJoin(flow);
  }

  private retryJoin(flow: number): void {
    if (flow !== this.flow) return;
    this.m.machine.send({ type: 'JOIN' });
    this.sendJoin(flow);
  }

  private onJoinComplete(join: JoinGroupResponse, res: SyncGroupResponse): void {
    const owned = this.m.subs.keys();
    const revoked = owned.filter((p) => !res.assignment.includes(p));
    const added = res.assignment.filter((p) => !owned.includes(p));
    if (revoked.length > 0) this.revoke(revoked, false);
    for (const p of added) this.m.subs.add(p);
    this.lastAssignment = [...res.assignment];
    this.assignmentGeneration = join.generation;
    this.m.committer.rescheduleAutoCommit();
    emit(this.m, {
      t: nowOf(this.m),
      type: 'MemberAssigned',
      group: this.m.group,
      member: this.m.name,
      generation: join.generation,
      protocol: res.protocol,
      leader: join.leader === join.memberId,
      partitions: [...res.assignment],
      added,
    });
    if (this.cooperative && revoked.length > 0) this.requestRejoin('partitions-revoked');
  }

  requestRejoin(reason: GroupErrorCode | 'partitions-revoked' | 'poll-timeout'): void {
    if (this.rejoinNeeded) return;
    this.rejoinNeeded = true;
    emit(this.m, { t: nowOf(this.m), type: 'RebalanceNeeded', group: this.m.group, member: this.m.name, reason });
  }

  onHeartbeatError(error: GroupErrorCode): void {
    if (error === 'REBALANCE_IN_PROGRESS') this.requestRejoin(error);
    else if (error === 'UNKNOWN_MEMBER_ID' || error === 'ILLEGAL_GENERATION') this.resetGeneration(error);
    else if (error === 'FENCED_INSTANCE_ID') this.m.self.fail(error);
  }

  /** The coordinator no longer knows this generation (or member): start over; partitions are lost. */
  resetGeneration(error: GroupErrorCode | 'poll-timeout'): void {
    const state = stateOf(this.m);
    if (state === 'dead' || (state === 'unjoined' && !this.active && this.rejoinNeeded)) return;
    const reset = { type: 'RESET', forgetMemberId: error !== 'ILLEGAL_GENERATION' } as const;
    if (canSend(this.m, reset)) this.m.machine.send(reset);
    this.active = false;
    this.prepared = false;
    this.flow++;
    this.rejoinNeeded = false;
    this.requestRejoin(error);
    this.m.app.wake();
  }

  /** max.poll.interval.ms passed without a poll (the heartbeat thread's check): leave the group. */
  pollTimeout(): void {
    if (!allows(this.m, 'inGeneration')) return;
    this.m.coordination.leave();
    this.resetGeneration('poll-timeout');
  }
}

registerClass('Rebalancer', Rebalancer, { blank: () => new Rebalancer({ spec: { 'partition.assignment.strategy': [] } } as never) });
