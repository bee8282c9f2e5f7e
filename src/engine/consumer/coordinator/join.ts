/**
 * JoinGroup on the coordinator (`GroupMetadataManager.classicGroupJoin`): new members get a member
 * id and trigger a rebalance; known members rejoin the running round; a static member
 * (group.instance.id) restarting with an unknown member id takes its old place — in a Stable group
 * without a rebalance (KIP-345).
 *
 * Simplified: a new dynamic member gets its id in the first answer, without Kafka's extra
 * MEMBER_ID_REQUIRED round trip (KIP-394).
 */
import type { JoinGroupRequest } from '../../sim/groupMessages';
import { emitOf, newMemberId, nowOf, type CoordinatorEnv } from './env';
import { sameList, sameSubscription, type ClassicGroup, type GroupMember, type Responder } from './group';
import { maybeCompleteJoin, prepareRebalance, rescheduleHeartbeat, sendJoinError, sendJoinResponse } from './rebalance';

export function handleJoin(env: CoordinatorEnv, group: ClassicGroup, req: JoinGroupRequest, to: Responder): void {
  if (!group.supportsProtocols(req.protocols)) return sendJoinError(env, to, 'INCONSISTENT_GROUP_PROTOCOL', req.memberId);
  if (req.memberId === '') {
    const existing = req.groupInstanceId !== null ? group.staticMembers.get(req.groupInstanceId) : undefined;
    if (existing !== undefined) return replaceStaticMember(env, group, group.members.get(existing)!, req, to);
    return addMember(env, group, req, to);
  }
  const m = group.members.get(req.memberId);
  if (!m) return sendJoinError(env, to, 'UNKNOWN_MEMBER_ID', req.memberId);
  if (req.groupInstanceId !== null && group.staticMembers.get(req.groupInstanceId) !== req.memberId) {
    return sendJoinError(env, to, 'FENCED_INSTANCE_ID', req.memberId);
  }
  rejoin(env, group, m, req, to);
}

function addMember(env: CoordinatorEnv, group: ClassicGroup, req: JoinGroupRequest, to: Responder): void {
  const m: GroupMember = {
    memberId: newMemberId(env, req.clientName),
    groupInstanceId: req.groupInstanceId,
    clientName: req.clientName,
    sessionTimeoutMs: req.sessionTimeoutMs,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    protocols: [...req.protocols],
    subscription: req.subscription,
    assignment: [],
    awaitingJoin: to,
    awaitingSync: null,
    heartbeat: null,
  };
  group.add(m);
  emitOf(env, { t: nowOf(env), type: 'MemberJoined', group: group.id, member: m.clientName, memberId: m.memberId, broker: env.host.id, groupInstanceId: m.groupInstanceId });
  rescheduleHeartbeat(env, group, m);
  if (group.is('PreparingRebalance')) {
    group.newMemberAdded = true;
    maybeCompleteJoin(env, group);
  } else {
    prepareRebalance(env, group, `member ${m.clientName} joined`);
  }
}

/** A known member's JoinGroup: part of the running round, or a reason for a new one. */
function rejoin(env: CoordinatorEnv, group: ClassicGroup, m: GroupMember, req: JoinGroupRequest, to: Responder): void {
  const changed = !sameList(m.protocols, req.protocols) || !sameSubscription(m.subscription, req.subscription);
  m.protocols = [...req.protocols];
  m.subscription = req.subscription;
  m.sessionTimeoutMs = req.sessionTimeoutMs;
  m.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
  rescheduleHeartbeat(env, group, m);
  if (group.is('PreparingRebalance')) {
    m.awaitingJoin = to;
    maybeCompleteJoin(env, group);
    return;
  }
  // CompletingRebalance or Stable: an unchanged follower only missed its answer; it gets it again.
  const leaderRejoins = group.is('Stable') && group.leader === m.memberId;
  if (!changed && !leaderRejoins) return sendJoinResponse(env, group, m, to, false);
  m.awaitingJoin = to;
  prepareRebalance(env, group, `member ${m.clientName} rejoined with new metadata`);
}

function replaceStaticMember(env: CoordinatorEnv, group: ClassicGroup, old: GroupMember, req: JoinGroupRequest, to: Responder): void {
  const oldResponder = old.awaitingJoin;
  group.remove(old.memberId);
  if (oldResponder) sendJoinError(env, oldResponder, 'FENCED_INSTANCE_ID', old.memberId);
  const m: GroupMember = { ...old, memberId: newMemberId(env, req.clientName), clientName: req.clientName, awaitingJoin: null, awaitingSync: null, heartbeat: null };
  m.protocols = [...req.protocols];
  m.subscription = { ...req.subscription, owned: old.subscription.owned, generation: old.subscription.generation };
  group.add(m);
  // The old id was the leader's (remove() cleared it): the new one leads in its place.
  if (group.leader === null) group.leader = m.memberId;
  emitOf(env, { t: nowOf(env), type: 'MemberJoined', group: group.id, member: m.clientName, memberId: m.memberId, broker: env.host.id, groupInstanceId: m.groupInstanceId });
  rescheduleHeartbeat(env, group, m);
  if (group.is('Stable') && group.selectProtocol() === group.protocol) {
    // No rebalance: the member gets the current generation and syncs to its old assignment.
    env.store.write(env.partitionOf(group.id), [{ kind: 'group', group: group.id, value: group.toStored() }], { kind: 'none' });
    return sendJoinResponse(env, group, m, to, true);
  }
  m.awaitingJoin = to;
  if (group.is('PreparingRebalance')) maybeCompleteJoin(env, group);
  else prepareRebalance(env, group, `static member ${m.groupInstanceId} restarted`);
}
