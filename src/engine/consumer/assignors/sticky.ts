/**
 * The assignment shared by StickyAssignor and CooperativeStickyAssignor
 * (clients/.../consumer/internals/AbstractStickyAssignor.java): as balanced as the subscriptions
 * allow, then keeping as many previously owned partitions as possible. How the two goals are
 * traded off is in ./balance.ts.
 */
import { balancedAssignment, type FlowPartition } from './balance';
import { emptyAssignment, subscribedPartitionNames, subscribes, type Group } from './group';
import { claimsByPartition, resolveOwners } from './ownership';
import { parsePartitionName } from './partitions';

export function stickyAssign(group: Group): Map<string, string[]> {
  const owners = resolveOwners(group, claimsByPartition(group));
  const names = subscribedPartitionNames(group);
  const memberIndex = new Map(group.members.map((m, i) => [m.memberId, i]));
  const parts: FlowPartition[] = names.map((name, rank) => {
    const topic = parsePartitionName(name)!.topic;
    const eligible = group.members.flatMap((m, i) => (subscribes(group, m.memberId, topic) ? [i] : []));
    const owner = owners.get(name);
    return {
      eligible,
      owner: owner === undefined ? undefined : memberIndex.get(owner),
      keepPriority: names.length - rank,
    };
  });
  // Kafka's general algorithm handles partitions with the fewest potential consumers first
  // (sortPartitions / PartitionComparator); here the order only settles ties.
  const order = parts.map((_, i) => i).sort((a, b) => parts[a]!.eligible.length - parts[b]!.eligible.length || a - b);
  const holders = balancedAssignment(
    order.map((i) => parts[i]!),
    group.members.length,
  );
  const assignment = emptyAssignment(group);
  holders.forEach((m, k) => {
    if (m >= 0) assignment.get(group.members[m]!.memberId)!.push(names[order[k]!]!);
  });
  return assignment;
}
