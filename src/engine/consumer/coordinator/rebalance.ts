/**
 * The join and sync phases of a classic rebalance, as Kafka's GroupMetadataManager runs them:
 * - a JoinGroup from a new member, a leaving or failed member, or the leader rejoining moves the
 *   group to PreparingRebalance; the join phase completes when every known member has rejoined,
 *   or at the rebalance timeout (the longest max.poll.interval.ms), dropping those that did not;
 * - the first join into an Empty group waits group.initial.rebalance.delay.ms, and again while new
 *   members keep arriving, up to the rebalance timeout (`tryCompleteInitialRebalanceElseSchedule`);
 * - completing the join starts a new generation: every member gets a JoinGroup answer, the leader
 *   with all subscriptions; the leader's SyncGroup carries the assignment, which is stored in
 *   `__consumer_offsets` before the group becomes Stable and every SyncGroup is answered;
 * - member liveness and removal: a member silent for its session.timeout.ms is removed, and a
 *   removal (a timeout or LeaveGroup) moves the group to rebalance (`removeMemberAndUpdateGroup`).
 * Liveness and the rebalance call each other (completing a join restarts every member's session
 * timer; a session expiry rebalances the group), so they are one module, not two in a circle.
 */
import type { GroupErrorCode } from '../../core/trace';
import type { JoinGroupResponse, SyncGroupRequest } from '../../sim/groupMessages';
import { emitOf, nowOf, type CoordinatorEnv } from './env';
import type { ClassicGroup, GroupMember, Responder } from './group';
import { defineTask } from '../../core/tasks';

const INITIAL_DELAY_OVER = defineTask('consumer.coordinator.initialDelayOver', (env: CoordinatorEnv, a: { group: ClassicGroup; delayMs: number; remainingMs: number }) =>
  initialDelayOver(env, a.group, a.delayMs, a.remainingMs),
);
const REBALANCE_TIMEOUT = defineTask('consumer.coordinator.rebalanceTimeout', (env: CoordinatorEnv, group: ClassicGroup) => {
  group.joinTimer = null;
  completeJoin(env, group, true);
});
const SYNC_TIMEOUT = defineTask('consumer.coordinator.syncTimeout', (env: CoordinatorEnv, a: { group: ClassicGroup; generation: number }) =>
  syncTimedOut(env, a.group, a.generation),
);

export function prepareRebalance(env: CoordinatorEnv, group: ClassicGroup, reason: string): void {
  // Empty, Stable or CompletingRebalance (the machine's rule): not while a join phase runs.
  if (!group.can({ type: 'PREPARE_REBALANCE' })) return;
  if (group.is('CompletingRebalance')) failAwaitingSync(env, group, 'REBALANCE_IN_PROGRESS');
  if (group.syncTimer) group.syncTimer.cancelled = true;
  group.syncTimer = null;
  group.pendingSync.clear();
  const initial = group.is('Empty');
  group.transition({ type: 'PREPARE_REBALANCE' }, reason);
  if (initial) {
    const delayMs = env.host.ctx.config.broker['group.initial.rebalance.delay.ms'];
    group.newMemberAdded = false;
    scheduleInitialDelay(env, group, delayMs, Math.max(group.rebalanceTimeoutMs() - delayMs, 0));
    return;
  }
  maybeCompleteJoin(env, group);
}

function scheduleInitialDelay(env: CoordinatorEnv, group: ClassicGroup, delayMs: number, remainingMs: number): void {
  group.initialDelay = { delayMs, remainingMs };
  group.joinTimer = env.host.later(delayMs, INITIAL_DELAY_OVER, env, { group, delayMs, remainingMs });
}

function initialDelayOver(env: CoordinatorEnv, group: ClassicGroup, delayMs: number, remainingMs: number): void {
  group.joinTimer = null;
  const configured = env.host.ctx.config.broker['group.initial.rebalance.delay.ms'];
  if (group.newMemberAdded && remainingMs > 0) {
    group.newMemberAdded = false;
    scheduleInitialDelay(env, group, Math.min(configured, remainingMs), Math.max(remainingMs - delayMs, 0));
    return;
  }
  group.initialDelay = null;
  completeJoin(env, group, true);
}

/**
 * Completes the join phase if the machine says it is over (every member has rejoined, no initial
 * delay running); else waits for the rebalance timeout.
 */
export function maybeCompleteJoin(env: CoordinatorEnv, group: ClassicGroup): void {
  if (group.can(group.joinCompletion(false))) {
    completeJoin(env, group, false);
    return;
  }
  if (!group.is('PreparingRebalance') || group.initialDelay !== null || group.joinTimer) return;
  group.joinTimer = env.host.later(group.rebalanceTimeoutMs(), REBALANCE_TIMEOUT, env, group);
}

/** The join phase ends (`timerFired`: at a timer, dropping the members that did not rejoin). */
function completeJoin(env: CoordinatorEnv, group: ClassicGroup, timerFired: boolean): void {
  if (!group.can(group.joinCompletion(timerFired))) return;
  if (group.joinTimer) group.joinTimer.cancelled = true;
  group.joinTimer = null;
  for (const m of [...group.members.values()]) if (m.awaitingJoin === null) removeMember(env, group, m.memberId, 'join-timeout');
  if (group.members.size === 0) {
    group.protocol = null;
    group.transition(group.joinCompletion(timerFired), 'no members left');
    env.store.write(env.partitionOf(group.id), [{ kind: 'group', group: group.id, value: group.toStored() }], { kind: 'none' });
    return;
  }
  group.protocol = group.selectProtocol();
  if (group.leader === null || !group.members.has(group.leader)) group.leader = group.members.keys().next().value!;
  group.transition(group.joinCompletion(timerFired), 'every member joined or the rebalance timeout passed');
  for (const m of group.members.values()) {
    const responder = m.awaitingJoin!;
    m.awaitingJoin = null;
    group.pendingSync.add(m.memberId);
    sendJoinResponse(env, group, m, responder, false);
    rescheduleHeartbeat(env, group, m);
  }
  scheduleSyncTimeout(env, group);
}

/** Members that got this generation but never sent SyncGroup are dropped at the rebalance timeout. */
function scheduleSyncTimeout(env: CoordinatorEnv, group: ClassicGroup): void {
  group.syncTimer = env.host.later(group.rebalanceTimeoutMs(), SYNC_TIMEOUT, env, { group, generation: group.generation });
}

function syncTimedOut(env: CoordinatorEnv, group: ClassicGroup, generation: number): void {
  group.syncTimer = null;
  if (group.generation !== generation || !group.is('CompletingRebalance', 'Stable')) return;
  const missing = [...group.pendingSync];
  group.pendingSync.clear();
  for (const id of missing) removeMember(env, group, id, 'sync-timeout');
  if (missing.length > 0) prepareRebalance(env, group, 'members did not sync in time');
}

export function sendJoinResponse(env: CoordinatorEnv, group: ClassicGroup, m: GroupMember, to: Responder, skipAssignment: boolean): void {
  const isLeader = group.leader === m.memberId;
  const response: JoinGroupResponse = {
    kind: 'joinGroupResponse',
    correlationId: to.correlationId,
    error: null,
    memberId: m.memberId,
    generation: group.generation,
    protocol: group.protocol ?? '',
    leader: group.leader ?? '',
    members:
      isLeader && !skipAssignment
        ? [...group.members.values()].map((x) => ({ memberId: x.memberId, groupInstanceId: x.groupInstanceId, subscription: x.subscription }))
        : [],
  };
  env.host.send(to.to, response);
}

export function sendJoinError(env: CoordinatorEnv, to: Responder, error: GroupErrorCode, memberId = ''): void {
  env.host.send(to.to, { kind: 'joinGroupResponse', correlationId: to.correlationId, error, memberId, generation: -1, protocol: '', leader: '', members: [] });
}

export function sendSync(env: CoordinatorEnv, to: Responder, error: GroupErrorCode | null, protocol: string, assignment: string[]): void {
  env.host.send(to.to, { kind: 'syncGroupResponse', correlationId: to.correlationId, error, protocol, assignment });
}

function failAwaitingSync(env: CoordinatorEnv, group: ClassicGroup, error: GroupErrorCode): void {
  for (const m of group.members.values()) {
    if (!m.awaitingSync) continue;
    sendSync(env, m.awaitingSync, error, '', []);
    m.awaitingSync = null;
  }
}

/** SyncGroup once the request is validated (member known, generation current). */
export function handleSyncInState(env: CoordinatorEnv, group: ClassicGroup, m: GroupMember, req: SyncGroupRequest, to: Responder): void {
  if (group.is('PreparingRebalance')) return sendSync(env, to, 'REBALANCE_IN_PROGRESS', '', []);
  group.pendingSync.delete(m.memberId);
  rescheduleHeartbeat(env, group, m);
  if (group.is('Stable')) return sendSync(env, to, null, group.protocol ?? '', m.assignment);
  if (!group.is('CompletingRebalance')) return sendSync(env, to, 'UNKNOWN_MEMBER_ID', '', []);
  m.awaitingSync = to;
  if (group.leader !== m.memberId || req.assignments === null) return;
  const assignments = req.assignments;
  const generation = group.generation;
  const stored = group.toStored();
  for (const s of stored.members) s.assignment = assignments[s.memberId] ?? [];
  env.store.write(env.partitionOf(group.id), [{ kind: 'group', group: group.id, value: stored }], { kind: 'assignment', group, generation, assignments });
}

/** The leader's assignment is stored (or storing it failed): the group becomes Stable, every SyncGroup is answered. */
export function assignmentStored(env: CoordinatorEnv, group: ClassicGroup, generation: number, assignments: Record<string, string[]>, error: GroupErrorCode | null): void {
  // The machine takes the assignment only in CompletingRebalance, for the generation it was made for.
  const synced = { type: 'SYNC_COMPLETE', generation } as const;
  if (!group.can(synced)) return;
  if (error !== null) {
    failAwaitingSync(env, group, error);
    prepareRebalance(env, group, `storing the assignment failed with ${error}`);
    return;
  }
  for (const x of group.members.values()) x.assignment = assignments[x.memberId] ?? [];
  group.transition(synced, 'the leader sent the assignment');
  for (const x of group.members.values()) {
    if (!x.awaitingSync) continue;
    sendSync(env, x.awaitingSync, null, group.protocol ?? '', x.assignment);
    x.awaitingSync = null;
  }
}

type LeaveReason = 'leave-group' | 'session-timeout' | 'join-timeout' | 'sync-timeout';

const SESSION_EXPIRED = defineTask('consumer.coordinator.sessionExpired', (env: CoordinatorEnv, a: { group: ClassicGroup; member: GroupMember }) =>
  sessionExpired(env, a.group, a.member),
);

/**
 * Restarts the member's session timer (a heartbeat, JoinGroup, SyncGroup or commit arrived). At
 * expiry, a member parked in JoinGroup or SyncGroup is kept (`shouldKeepAlive`); others leave.
 */
export function rescheduleHeartbeat(env: CoordinatorEnv, group: ClassicGroup, member: GroupMember): void {
  if (member.heartbeat) member.heartbeat.cancelled = true;
  member.heartbeat = env.host.later(member.sessionTimeoutMs, SESSION_EXPIRED, env, { group, member });
}

function sessionExpired(env: CoordinatorEnv, group: ClassicGroup, member: GroupMember): void {
  member.heartbeat = null;
  if (group.members.get(member.memberId) !== member) return;
  if (member.awaitingJoin || member.awaitingSync) return rescheduleHeartbeat(env, group, member);
  removeMemberAndUpdateGroup(env, group, member.memberId, 'session-timeout');
}

export function removeMemberAndUpdateGroup(env: CoordinatorEnv, group: ClassicGroup, memberId: string, reason: LeaveReason): void {
  const m = removeMember(env, group, memberId, reason);
  if (!m) return;
  if (group.is('Stable', 'CompletingRebalance')) prepareRebalance(env, group, `member ${m.clientName} left (${reason})`);
  else if (group.is('PreparingRebalance')) maybeCompleteJoin(env, group);
}

/** Removes a member without touching the group's state (the caller decides what follows). */
export function removeMember(env: CoordinatorEnv, group: ClassicGroup, memberId: string, reason: LeaveReason): GroupMember | undefined {
  const m = group.remove(memberId);
  if (!m) return undefined;
  emitOf(env, { t: nowOf(env), type: 'MemberLeft', group: group.id, member: m.clientName, memberId, broker: env.host.id, reason });
  return m;
}
