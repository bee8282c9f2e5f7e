/**
 * Consumer partition assignors, as pure functions: the group leader's `assign` step of the classic
 * rebalance protocol. Range and round-robin follow Kafka's client code closely; sticky and
 * cooperative-sticky reach Kafka's stated goals (balance first, then stickiness) by an exact
 * optimisation instead of Kafka's heuristics, so on ties they may pick a different, equally good
 * assignment. Rack-aware assignment (KIP-881) is not modelled.
 */
import { cooperativeStickyAssign } from './cooperativeSticky';
import { prepareGroup, type Group } from './group';
import { ASSIGNOR_CLASS_NAMES, normalizeAssignor, type AssignorName } from '../../scenario/assignorNames';
import { sortPartitionNames } from './partitions';
import { rangeAssign } from './range';
import { roundRobinAssign } from './roundRobin';
import { stickyAssign } from './sticky';
import type { Assignment, AssignmentInput } from './types';

export { ASSIGNOR_CLASS_NAMES, isCooperative, normalizeAssignor, type AssignorName } from '../../scenario/assignorNames';
export type { Assignment, AssignmentInput, AssignorMember } from './types';
/** A checker for simulation invariants: what is wrong with an assignment, [] if nothing. */
export { assignmentProblems, type ValidateOptions } from './validate';

const ASSIGNORS: Record<AssignorName, (group: Group) => Map<string, string[]>> = {
  range: rangeAssign,
  roundrobin: roundRobinAssign,
  sticky: stickyAssign,
  'cooperative-sticky': cooperativeStickyAssign,
};

/**
 * `{ memberId: ["topic-0", ...] }` with every member present (idle members get []), each list
 * sorted by topic then partition number. Throws an Error naming the strategy if it is unknown.
 * For cooperative-sticky this is the first round: partitions moving from one owner to another are
 * assigned to nobody until their old owner has revoked them and a follow-up rebalance runs.
 */
export function assignPartitions(strategy: string, input: AssignmentInput): Assignment {
  const name = normalizeAssignor(strategy);
  if (name === null) {
    const known = Object.values(ASSIGNOR_CLASS_NAMES).join(', ');
    throw new Error(`unknown partition assignment strategy "${strategy}" (known: ${known})`);
  }
  const byMember = ASSIGNORS[name](prepareGroup(input));
  return Object.fromEntries([...byMember].map(([memberId, partitions]) => [memberId, sortPartitionNames(partitions)]));
}
