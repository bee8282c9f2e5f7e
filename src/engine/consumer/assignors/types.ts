/** Input and output shapes shared by every assignor. */

export interface AssignorMember {
  memberId: string;
  /** Static membership (KIP-345): `group.instance.id`. */
  groupInstanceId?: string;
  /** Subscribed topics. */
  topics: string[];
  /** Partitions owned before this rebalance, as "topic-N". */
  owned?: string[];
  /** Generation in which `owned` was assigned; the sticky assignors use it to settle conflicting claims. */
  generation?: number;
}

export interface AssignmentInput {
  members: AssignorMember[];
  partitionsPerTopic: Record<string, number>;
}

/** memberId → partitions as "topic-N"; every member present, lists sorted by topic then partition. */
export type Assignment = Record<string, string[]>;
