/**
 * RangeAssignor (clients/.../consumer/RangeAssignor.java), without its rack-aware variant
 * (KIP-881): topic by topic, the subscribed members in member order each take a contiguous range
 * of partitions; the first `partitions % members` of them take one extra.
 */
import { emptyAssignment, subscribes, topicPartitionNames, type Group } from './group';

export function rangeAssign(group: Group): Map<string, string[]> {
  const assignment = emptyAssignment(group);
  for (const topic of group.topics) {
    const consumers = group.members.filter((m) => subscribes(group, m.memberId, topic));
    if (consumers.length === 0) continue;
    const partitions = topicPartitionNames(group, topic);
    const perConsumer = Math.floor(partitions.length / consumers.length);
    const withExtra = partitions.length % consumers.length;
    consumers.forEach((member, i) => {
      const start = perConsumer * i + Math.min(i, withExtra);
      const length = perConsumer + (i < withExtra ? 1 : 0);
      assignment.get(member.memberId)!.push(...partitions.slice(start, start + length));
    });
  }
  return assignment;
}
