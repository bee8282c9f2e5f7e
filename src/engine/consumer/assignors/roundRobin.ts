/**
 * RoundRobinAssignor (clients/.../consumer/RoundRobinAssignor.java): every partition of every
 * subscribed topic, sorted by topic then partition, dealt one at a time around the circle of
 * members in member order. The dealer moves past members not subscribed to the partition's topic,
 * so with unequal subscriptions the result can be unbalanced (that is what StickyAssignor fixes).
 */
import { emptyAssignment, subscribedPartitionNames, subscribes, type Group } from './group';
import { parsePartitionName } from './partitions';

export function roundRobinAssign(group: Group): Map<string, string[]> {
  const assignment = emptyAssignment(group);
  const members = group.members;
  let next = 0;
  for (const partition of subscribedPartitionNames(group)) {
    const topic = parsePartitionName(partition)!.topic;
    // Someone subscribes to the topic (subscribedPartitionNames lists no other), so this ends.
    while (!subscribes(group, members[next]!.memberId, topic)) next = (next + 1) % members.length;
    assignment.get(members[next]!.memberId)!.push(partition);
    next = (next + 1) % members.length;
  }
  return assignment;
}
