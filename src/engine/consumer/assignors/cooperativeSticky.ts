/**
 * CooperativeStickyAssignor (clients/.../consumer/CooperativeStickyAssignor.java): the sticky
 * assignment, minus every partition that would pass from one member to another in this rebalance
 * (`adjustAssignment`). Under the cooperative protocol (KIP-429) the old owner revokes such a
 * partition after this round and rejoins, and the follow-up rebalance hands it to the new owner;
 * no partition is ever owned by two members at once.
 */
import type { Group } from './group';
import { claimsByPartition } from './ownership';
import { stickyAssign } from './sticky';

/**
 * A partition is withheld from the member the sticky assignment gives it to if any other member
 * claims it, whatever that claim's generation. Kafka's general path withholds only partitions the
 * new owner did not claim itself; its constrained path (equal subscriptions) also withholds a
 * partition claimed by several members of one generation from all of them. We always take the
 * stricter rule: two claimants means the others must revoke before anyone gets it.
 */
export function cooperativeStickyAssign(group: Group): Map<string, string[]> {
  const claims = claimsByPartition(group);
  const assignment = stickyAssign(group);
  for (const [memberId, partitions] of assignment) {
    const kept = partitions.filter((p) => (claims.get(p) ?? []).every((c) => c.memberId === memberId));
    assignment.set(memberId, kept);
  }
  return assignment;
}
