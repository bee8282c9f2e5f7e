/**
 * Checks an assignment against its input, in the spirit of Kafka's
 * `AbstractStickyAssignorTest.verifyValidityAndBalance`. Returns the problems found (empty when
 * valid), so a simulation checker can report them rather than throw.
 */
import { partitionExists, prepareGroup, subscribedPartitionNames, subscribes, type Group } from './group';
import { parsePartitionName, sortPartitionNames } from './partitions';
import type { Assignment, AssignmentInput } from './types';

export interface ValidateOptions {
  /** Every partition of a subscribed topic must be assigned (false for a cooperative first round). */
  complete: boolean;
  /** No partition may be movable to another member subscribed to its topic that has 2+ fewer. */
  balanced: boolean;
}

export function assignmentProblems(input: AssignmentInput, assignment: Assignment, options: ValidateOptions): string[] {
  const group = prepareGroup(input);
  const problems = shapeProblems(group, assignment);
  if (problems.length > 0) return problems;
  const assigned = new Set(Object.values(assignment).flat());
  if (options.complete) {
    for (const p of subscribedPartitionNames(group)) if (!assigned.has(p)) problems.push(`${p} is not assigned`);
  }
  if (options.balanced) problems.push(...balanceProblems(group, assignment));
  return problems;
}

/** Every member listed once, lists sorted, each partition real, subscribed to and assigned once. */
function shapeProblems(group: Group, assignment: Assignment): string[] {
  const problems: string[] = [];
  const ids = new Set(group.members.map((m) => m.memberId));
  for (const id of ids) if (!Object.hasOwn(assignment, id)) problems.push(`member ${id} is missing`);
  const owner = new Map<string, string>();
  for (const [id, partitions] of Object.entries(assignment)) {
    if (!ids.has(id)) problems.push(`${id} is not a member`);
    if (partitions.some((p) => parsePartitionName(p) === null)) {
      problems.push(`${id} has a malformed partition name`);
      continue;
    }
    if (sortPartitionNames(partitions).join() !== partitions.join()) problems.push(`${id}'s list is not sorted`);
    for (const p of partitions) {
      if (!partitionExists(group, p)) problems.push(`${id} has ${p}, which does not exist`);
      else if (!subscribes(group, id, parsePartitionName(p)!.topic)) problems.push(`${id} has ${p} unsubscribed`);
      if (owner.has(p)) problems.push(`${p} is assigned to ${owner.get(p)} and ${id}`);
      owner.set(p, id);
    }
  }
  return problems;
}

function balanceProblems(group: Group, assignment: Assignment): string[] {
  const problems: string[] = [];
  for (const [from, partitions] of Object.entries(assignment)) {
    for (const p of partitions) {
      const topic = parsePartitionName(p)!.topic;
      for (const to of group.members) {
        if (!subscribes(group, to.memberId, topic)) continue;
        if (assignment[to.memberId]!.length + 2 <= partitions.length) {
          problems.push(`${p} could move from ${from} (${partitions.length}) to ${to.memberId} (${assignment[to.memberId]!.length})`);
        }
      }
    }
  }
  return problems;
}
