/**
 * Who owned what before this rebalance, as the sticky assignors read it from the members'
 * subscriptions (ownedPartitions + generationId, ConsumerProtocolSubscription v2+).
 */
import { partitionExists, subscribes, type Group } from './group';
import { parsePartitionName } from './partitions';

/** `AbstractStickyAssignor.DEFAULT_GENERATION`: what a member without a generation counts as. */
export const DEFAULT_GENERATION = -1;

export interface Claim {
  readonly memberId: string;
  readonly generation: number;
}

/** Every member's claim on every partition that still exists, in member order. */
export function claimsByPartition(group: Group): Map<string, Claim[]> {
  const claims = new Map<string, Claim[]>();
  for (const member of group.members) {
    const generation = member.generation ?? DEFAULT_GENERATION;
    for (const partition of new Set(member.owned ?? [])) {
      if (!partitionExists(group, partition)) continue;
      const list = claims.get(partition) ?? [];
      list.push({ memberId: member.memberId, generation });
      claims.set(partition, list);
    }
  }
  return claims;
}

/**
 * The previous owner of each partition whose claim the sticky assignor honours. As in
 * `AbstractStickyAssignor.allSubscriptionsEqual`, the claim from the highest generation wins, and
 * a partition claimed by two members of that same generation is owned by neither (Kafka logs an
 * error and invalidates it). Kafka settles the claims in HashMap order; taking the maximum over
 * all claims gives the same answer in every case without depending on order. A claim by a member
 * that no longer subscribes to the topic is dropped too: that member must give the partition up.
 */
export function resolveOwners(group: Group, claims: ReadonlyMap<string, readonly Claim[]>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [partition, list] of claims) {
    const top = Math.max(...list.map((c) => c.generation));
    const winners = list.filter((c) => c.generation === top);
    if (winners.length !== 1) continue;
    const owner = winners[0]!.memberId;
    if (subscribes(group, owner, parsePartitionName(partition)!.topic)) owners.set(partition, owner);
  }
  return owners;
}
