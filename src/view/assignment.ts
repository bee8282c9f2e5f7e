/**
 * A rebalance as lines leaving and landing: the pure part. Each owner line is one member owning
 * one partition (a row). Between two frames a group's lines differ when a rebalance moved
 * partitions; how they move depends on the rebalance protocol (KIP-429):
 * - eager (range, roundrobin, sticky): every member gives up everything it owns at the start of a
 *   rebalance (ConsumerCoordinator.onJoinPrepare revokes all), then receives its new assignment —
 *   so all of a member's lines leave, then its new ones land, an unchanged partition included (a
 *   member seen with the same set before and after, its revocation between two frames, keeps it);
 * - cooperative (cooperative-sticky): a member keeps what it keeps and revokes only what moves
 *   (onJoinPrepare revokes nothing; the moved partitions are revoked after the assignment and
 *   handed over in a second rebalance) — so only the moved lines leave and land.
 */

export interface OwnerLine {
  /** The member's node name (`billing/c1`). */
  member: string;
  /** The row's key (`orders-0`). */
  row: string;
}

export interface AssignmentDiff {
  kept: OwnerLine[];
  revoked: OwnerLine[];
  added: OwnerLine[];
}

const keyOf = (l: OwnerLine): string => `${l.member}|${l.row}`;

/** True for a cooperative protocol (`cooperative-sticky`, or Kafka's CooperativeStickyAssignor class). */
export function isCooperative(protocol: string | null | undefined): boolean {
  return !!protocol && /cooperative/i.test(protocol);
}

/** What leaves and what lands between two frames' lines of one group. */
export function assignmentDiff(prev: readonly OwnerLine[], next: readonly OwnerLine[], cooperative: boolean): AssignmentDiff {
  const before = new Set(prev.map(keyOf));
  const after = new Set(next.map(keyOf));
  const revokedNow = prev.filter((l) => !after.has(keyOf(l)));
  const addedNow = next.filter((l) => !before.has(keyOf(l)));
  if (cooperative) return { kept: next.filter((l) => before.has(keyOf(l))), revoked: revokedNow, added: addedNow };
  // Eager: a member whose assignment changed gave up everything it owned, then got its new set.
  const moved = new Set([...revokedNow, ...addedNow].map((l) => l.member));
  return {
    kept: next.filter((l) => !moved.has(l.member)),
    revoked: prev.filter((l) => moved.has(l.member)),
    added: next.filter((l) => moved.has(l.member)),
  };
}
