/**
 * The group coordinator of one broker: it serves the groups whose `__consumer_offsets` partition
 * this broker leads, loads them from that partition's log when it becomes leader, and drops them
 * (Dead) when leadership moves away. Requests for other groups get NOT_COORDINATOR.
 */
import type { GroupErrorCode } from '../../core/trace';
import type { Replica } from '../../sim/replica';
import type {
  ConsumerRequest,
  HeartbeatRequest,
  LeaveGroupRequest,
  OffsetCommitRequest,
  OffsetFetchRequest,
  SyncGroupRequest,
} from '../../sim/groupMessages';
import { decodeRecord, OFFSETS_TOPIC, type StoredGroup } from '../offsetsTopic';
import { emitOf, nowOf, type CoordinatorEnv } from './env';
import { ClassicGroup, type GroupMember, type Responder } from './group';
import { handleJoin } from './join';
import { assignmentStored, handleSyncInState, removeMemberAndUpdateGroup, rescheduleHeartbeat, sendJoinError, sendSync } from './rebalance';
import type { WriteDone, WriteListener } from './store';
import { registerClass } from '../../core/graphRegistry';

/** A group as `describeGroups` shows it. */
export interface GroupDescription {
  state: string;
  generation: number;
  protocol: string | null;
  /** Member name (c1) → assigned partitions. */
  assignment: Record<string, string[]>;
  committed: Record<string, number>;
}

export class GroupCoordinator implements WriteListener {
  private readonly groups = new Map<string, ClassicGroup>();
  private readonly loaded = new Set<number>();

  constructor(private readonly env: CoordinatorEnv) {}

  /** @internal A write to `__consumer_offsets` finished (the store calls this). */
  writeDone(done: WriteDone, error: GroupErrorCode | null): void {
    if (done.kind === 'offsets') this.offsetsStored(done, error);
    else if (done.kind === 'assignment') assignmentStored(this.env, done.group, done.generation, done.assignments, error);
  }

  receive(req: Exclude<ConsumerRequest, { kind: 'findCoordinator' | 'listOffsets' | 'consumerFetch' | 'offsetForLeaderEpoch' }>, from: string): void {
    const to: Responder = { to: from, correlationId: req.correlationId };
    const group = this.owned(req.group);
    if (group === null) return this.refuse(req, to, 'NOT_COORDINATOR');
    switch (req.kind) {
      case 'joinGroup':
        return handleJoin(this.env, group, req, to);
      case 'syncGroup':
        return this.handleSync(group, req, to);
      case 'groupHeartbeat':
        return this.handleHeartbeat(group, req, to);
      case 'leaveGroup':
        return this.handleLeave(group, req, to);
      case 'offsetCommit':
        return this.handleCommit(group, req, to);
      case 'offsetFetch':
        return this.handleOffsetFetch(group, req, to);
    }
  }

  /** The group if this broker coordinates it (created Empty on first use), else null. */
  private owned(groupId: string): ClassicGroup | null {
    const p = this.env.partitionOf(groupId);
    if (!this.loaded.has(p)) return null;
    let g = this.groups.get(groupId);
    if (!g) {
      g = this.newGroup(groupId, null);
      this.groups.set(groupId, g);
    }
    return g;
  }

  private newGroup(groupId: string, stored: StoredGroup | null): ClassicGroup {
    return new ClassicGroup(groupId, this.env.host.id, this.env.host.ctx, stored);
  }

  private refuse(req: ConsumerRequest, to: Responder, error: GroupErrorCode): void {
    const c = to.correlationId;
    const send = this.env.host.send.bind(this.env.host, to.to);
    switch (req.kind) {
      case 'joinGroup':
        return sendJoinError(this.env, to, error, req.memberId);
      case 'syncGroup':
        return sendSync(this.env, to, error, '', []);
      case 'groupHeartbeat':
        return send({ kind: 'groupHeartbeatResponse', correlationId: c, error });
      case 'leaveGroup':
        return send({ kind: 'leaveGroupResponse', correlationId: c, error });
      case 'offsetCommit':
        return send({ kind: 'offsetCommitResponse', correlationId: c, error });
      case 'offsetFetch':
        return send({ kind: 'offsetFetchResponse', correlationId: c, error, offsets: {}, leaderEpochs: {} });
      default:
        return;
    }
  }

  /** `ClassicGroup.validateMember`: the member exists, and a static one is not an old instance. */
  private validMember(group: ClassicGroup, memberId: string, instanceId: string | null): GroupMember | GroupErrorCode {
    if (instanceId !== null) {
      const current = group.staticMembers.get(instanceId);
      if (current === undefined) return 'UNKNOWN_MEMBER_ID';
      if (current !== memberId) return 'FENCED_INSTANCE_ID';
    }
    return group.members.get(memberId) ?? 'UNKNOWN_MEMBER_ID';
  }

  private handleSync(group: ClassicGroup, req: SyncGroupRequest, to: Responder): void {
    const m = this.validMember(group, req.memberId, req.groupInstanceId);
    if (typeof m === 'string') return sendSync(this.env, to, m, '', []);
    if (req.generation !== group.generation) return sendSync(this.env, to, 'ILLEGAL_GENERATION', '', []);
    handleSyncInState(this.env, group, m, req, to);
  }

  private handleHeartbeat(group: ClassicGroup, req: HeartbeatRequest, to: Responder): void {
    const answer = (error: GroupErrorCode | null): void => this.env.host.send(to.to, { kind: 'groupHeartbeatResponse', correlationId: to.correlationId, error });
    const m = this.validMember(group, req.memberId, req.groupInstanceId);
    if (typeof m === 'string') return answer(m);
    if (req.generation !== group.generation) return answer('ILLEGAL_GENERATION');
    rescheduleHeartbeat(this.env, group, m);
    answer(group.is('PreparingRebalance') ? 'REBALANCE_IN_PROGRESS' : null);
  }

  private handleLeave(group: ClassicGroup, req: LeaveGroupRequest, to: Responder): void {
    const known = group.members.has(req.memberId);
    if (known) removeMemberAndUpdateGroup(this.env, group, req.memberId, 'leave-group');
    this.env.host.send(to.to, { kind: 'leaveGroupResponse', correlationId: to.correlationId, error: known ? null : 'UNKNOWN_MEMBER_ID' });
  }

  /** `ClassicGroup.validateOffsetCommit`, then a write to `__consumer_offsets`, answered at the HW. */
  private handleCommit(group: ClassicGroup, req: OffsetCommitRequest, to: Responder): void {
    const answer = (error: GroupErrorCode | null): void => this.env.host.send(to.to, { kind: 'offsetCommitResponse', correlationId: to.correlationId, error });
    let member: GroupMember | null = null;
    if (!(req.generation < 0 && group.is('Empty'))) {
      const m = this.validMember(group, req.memberId, req.groupInstanceId);
      if (typeof m === 'string') return answer(m);
      if (req.generation !== group.generation) return answer('ILLEGAL_GENERATION');
      if (group.is('CompletingRebalance')) return answer('REBALANCE_IN_PROGRESS');
      member = m;
      rescheduleHeartbeat(this.env, group, m);
    }
    const records = Object.entries(req.offsets).map(([partition, offset]) => ({ kind: 'offset' as const, group: group.id, partition, offset, leaderEpoch: req.leaderEpochs[partition] ?? -1 }));
    this.env.store.write(this.env.partitionOf(group.id), records, { kind: 'offsets', group, req, member, to });
  }

  /** The commit is replicated (or failed): record the offsets and answer the member. */
  private offsetsStored({ group, req, member, to }: Extract<WriteDone, { kind: 'offsets' }>, error: GroupErrorCode | null): void {
    if (error === null) {
      for (const [p, o] of Object.entries(req.offsets)) setCommitted(group, p, o, req.leaderEpochs[p] ?? -1);
      const name = member?.clientName ?? req.memberId;
      emitOf(this.env, { t: nowOf(this.env), type: 'OffsetsCommitted', group: group.id, member: name, broker: this.env.host.id, generation: req.generation, offsets: { ...req.offsets } });
    }
    this.env.host.send(to.to, { kind: 'offsetCommitResponse', correlationId: to.correlationId, error });
  }

  private handleOffsetFetch(group: ClassicGroup, req: OffsetFetchRequest, to: Responder): void {
    const offsets: Record<string, number> = {};
    const leaderEpochs: Record<string, number> = {};
    for (const p of req.partitions) {
      offsets[p] = group.offsets.get(p) ?? -1;
      const epoch = group.offsetEpochs.get(p);
      if (epoch !== undefined) leaderEpochs[p] = epoch;
    }
    this.env.host.send(to.to, { kind: 'offsetFetchResponse', correlationId: to.correlationId, error: null, offsets, leaderEpochs });
  }

  // ── Loading and unloading ────────────────────────────────────────────────────────────────

  onLeadershipChange(r: Replica): void {
    if (r.topic !== OFFSETS_TOPIC) return;
    if (r.isLeader && !this.loaded.has(r.partition)) this.load(r);
    else if (!r.isLeader && this.loaded.has(r.partition)) this.unload(r.partition, 'the coordinator moved to another broker');
  }

  /** Replays the partition's log: the last group record and the last offset per partition win. */
  private load(r: Replica): void {
    const stored = new Map<string, StoredGroup | null>();
    const offsets = new Map<string, Map<string, { offset: number; leaderEpoch: number }>>();
    for (const batch of r.log.allBatches()) {
      for (const record of batch.records) {
        const rec = decodeRecord(record);
        if (!rec) continue;
        if (rec.kind === 'group') stored.set(rec.group, rec.value);
        else {
          if (!stored.has(rec.group)) stored.set(rec.group, null);
          const m = offsets.get(rec.group) ?? new Map<string, { offset: number; leaderEpoch: number }>();
          m.set(rec.partition, rec);
          offsets.set(rec.group, m);
        }
      }
    }
    this.loaded.add(r.partition);
    for (const [id, value] of stored) this.loadGroup(id, value, offsets.get(id));
  }

  private loadGroup(id: string, value: StoredGroup | null, offsets: Map<string, { offset: number; leaderEpoch: number }> | undefined): void {
    const group = this.newGroup(id, value);
    for (const [p, o] of offsets ?? []) setCommitted(group, p, o.offset, o.leaderEpoch);
    this.groups.set(id, group);
    // Every loaded member starts a fresh session (Kafka schedules their heartbeat expirations).
    for (const m of group.members.values()) rescheduleHeartbeat(this.env, group, m);
    emitOf(this.env, {
      t: nowOf(this.env),
      type: 'GroupLoaded',
      group: id,
      broker: this.env.host.id,
      state: group.state,
      generation: group.generation,
      members: [...group.members.values()].map((m) => m.clientName),
      committed: Object.fromEntries(group.offsets),
    });
  }

  /** Drops the partition's groups (Dead); parked requests hear NOT_COORDINATOR if `answer`. */
  private unload(partition: number, reason: string, answer = true): void {
    this.loaded.delete(partition);
    if (answer) this.env.store.failAll(partition);
    for (const [id, group] of [...this.groups]) {
      if (this.env.partitionOf(id) !== partition) continue;
      this.groups.delete(id);
      group.cancelTimers();
      for (const m of group.members.values()) {
        if (answer && m.awaitingJoin) sendJoinError(this.env, m.awaitingJoin, 'NOT_COORDINATOR', m.memberId);
        if (answer && m.awaitingSync) sendSync(this.env, m.awaitingSync, 'NOT_COORDINATOR', '', []);
      }
      group.transition({ type: 'UNLOAD' }, reason);
    }
  }

  /** The broker process died: its groups vanish with its memory, and nobody is answered. */
  reset(): void {
    this.env.store.reset();
    for (const p of [...this.loaded]) this.unload(p, 'the coordinator broker went down', false);
  }

  describe(groupId: string): GroupDescription | null {
    const p = this.env.partitionOf(groupId);
    if (!this.loaded.has(p)) return null;
    const g = this.groups.get(groupId);
    if (!g) return { state: 'Empty', generation: 0, protocol: null, assignment: {}, committed: {} };
    const assignment: Record<string, string[]> = {};
    for (const m of g.members.values()) assignment[m.clientName] = [...m.assignment];
    return { state: g.state, generation: g.generation, protocol: g.protocol, assignment, committed: Object.fromEntries(g.offsets) };
  }

  /** Every group this coordinator serves, for invariant checks. */
  ownedGroups(): readonly ClassicGroup[] {
    return [...this.groups.values()];
  }
}

registerClass('GroupCoordinator', GroupCoordinator, { blank: () => new GroupCoordinator(null as never) });

/** A committed offset and its leader epoch (-1: none; a newer commit without one clears the old one's). */
function setCommitted(group: ClassicGroup, partition: string, offset: number, leaderEpoch: number): void {
  group.offsets.set(partition, offset);
  if (leaderEpoch < 0) group.offsetEpochs.delete(partition);
  else group.offsetEpochs.set(partition, leaderEpoch);
}
