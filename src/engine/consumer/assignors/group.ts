/**
 * The group as every assignor sees it: members in Kafka's order, subscriptions as sets, and the
 * topics that exist with their partitions.
 */
import { compareStrings, partitionName, parsePartitionName } from './partitions';
import type { AssignmentInput, AssignorMember } from './types';

export interface Group {
  /** Kafka's member order (see `compareMembers`). */
  readonly members: readonly AssignorMember[];
  /** Subscribed topics per member id, only those that exist. */
  readonly subscriptions: ReadonlyMap<string, ReadonlySet<string>>;
  /** Topics that exist (at least one partition), sorted. */
  readonly topics: readonly string[];
  readonly partitionCounts: ReadonlyMap<string, number>;
}

/**
 * `AbstractPartitionAssignor.MemberInfo.compareTo`: members with a `group.instance.id` (static,
 * KIP-345) come first, ordered by instance id; the others follow by member id. Kafka calls two
 * static members with the same instance id equal; we fall back to the member id so the order is
 * total and the result never depends on input order.
 */
export function compareMembers(a: AssignorMember, b: AssignorMember): number {
  const aStatic = a.groupInstanceId !== undefined;
  const bStatic = b.groupInstanceId !== undefined;
  if (aStatic && bStatic) {
    return compareStrings(a.groupInstanceId!, b.groupInstanceId!) || compareStrings(a.memberId, b.memberId);
  }
  if (aStatic !== bStatic) return aStatic ? -1 : 1;
  return compareStrings(a.memberId, b.memberId);
}

/** Validates the input and sorts it into a `Group`. Throws on duplicate member ids or bad counts. */
export function prepareGroup(input: AssignmentInput): Group {
  const partitionCounts = new Map<string, number>();
  for (const [topic, count] of Object.entries(input.partitionsPerTopic)) {
    if (!Number.isInteger(count) || count < 0) throw new Error(`topic "${topic}" has ${count} partitions`);
    if (count > 0) partitionCounts.set(topic, count);
  }
  const members = [...input.members].sort(compareMembers);
  const subscriptions = new Map<string, ReadonlySet<string>>();
  for (const member of members) {
    if (subscriptions.has(member.memberId)) throw new Error(`duplicate member id "${member.memberId}"`);
    subscriptions.set(member.memberId, new Set(member.topics.filter((t) => partitionCounts.has(t))));
  }
  const topics = [...partitionCounts.keys()].sort(compareStrings);
  return { members, subscriptions, topics, partitionCounts };
}

export function subscribes(group: Group, memberId: string, topic: string): boolean {
  return group.subscriptions.get(memberId)?.has(topic) ?? false;
}

/** Every partition of the given topic, in partition order. */
export function topicPartitionNames(group: Group, topic: string): string[] {
  const count = group.partitionCounts.get(topic) ?? 0;
  return Array.from({ length: count }, (_, p) => partitionName(topic, p));
}

/** Every partition of every topic some member subscribes to, sorted by topic then partition. */
export function subscribedPartitionNames(group: Group): string[] {
  const wanted = group.topics.filter((t) => group.members.some((m) => subscribes(group, m.memberId, t)));
  return wanted.flatMap((t) => topicPartitionNames(group, t));
}

/** True if `name` is "topic-N" for a topic that exists and N below its partition count. */
export function partitionExists(group: Group, name: string): boolean {
  const tp = parsePartitionName(name);
  return tp !== null && tp.partition < (group.partitionCounts.get(tp.topic) ?? 0);
}

/** An empty list per member, in member order. */
export function emptyAssignment(group: Group): Map<string, string[]> {
  return new Map(group.members.map((m) => [m.memberId, []]));
}
