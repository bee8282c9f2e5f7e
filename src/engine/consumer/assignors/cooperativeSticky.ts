/**
 * CooperativeStickyAssignor (clients/.../consumer/CooperativeStickyAssignor.java): the sticky
 * assignment, minus every partition that would pass from one member to another in this rebalance
 * (`adjustAssignment`). Under the cooperative protocol (KIP-429) the old owner revokes such a
 * partition after this round and rejoins, and the follow-up rebalance hands it to the new owner;
 * no partition is ever owned by two members at once.
 */
import type { Group } from './group';
import { claimsByPartition, resolveOwners } from './ownership';
import { stickyAssign } from './sticky';

/**
 * A partition stays with the member the sticky assignment gives it to if that member is its
 * rightful previous owner (highest generation) or nobody else claims it; otherwise it is withheld
 * this round. This is Kafka's constrained path (equal subscriptions: `partitionsTransferringOwnership`
 * holds partitions revoked from their owner and partitions claimed twice in one generation). Kafka's
 * general path (`computePartitionsTransferringOwnership`) would let a member that merely holds a
 * stale or contested claim take the partition at once; we withhold it there too, so two members
 * never fetch it at the same time.
 */
export function cooperativeStickyAssign(group: Group): Map<string, string[]> {
  const claims = claimsByPartition(group);
  const owners = resolveOwners(group, claims);
  const assignment = stickyAssign(group);
  for (const [memberId, partitions] of assignment) {
    const kept = partitions.filter(
      (p) => owners.get(p) === memberId || (claims.get(p) ?? []).every((c) => c.memberId === memberId),
    );
    assignment.set(memberId, kept);
  }
  return assignment;
}
