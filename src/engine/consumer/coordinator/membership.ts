/**
 * Member liveness and removal on the coordinator: session timeouts (a member silent for its
 * session.timeout.ms is removed), leaving, and what a removal does to the group
 * (`removeMemberAndUpdateGroup`).
 */
import type { ClassicGroup, GroupMember } from './group';
import { emitOf, nowOf, type CoordinatorEnv } from './env';
import { maybeCompleteJoin, prepareRebalance } from './rebalance';
import { defineTask } from '../../core/tasks';

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
