/**
 * Assignor names as a consumer's `partition.assignment.strategy` spells them: Kafka's class names
 * and the short names each assignor reports from `ConsumerPartitionAssignor.name()` (the name the
 * group coordinator sees as the protocol name in JoinGroup). Part of a scenario's vocabulary (the
 * parser checks them), so they sit with the scenario types, below the consumer that uses them.
 */

export type AssignorName = 'range' | 'roundrobin' | 'sticky' | 'cooperative-sticky';

const CONSUMER_PACKAGE = 'org.apache.kafka.clients.consumer';

export const ASSIGNOR_CLASS_NAMES: Record<AssignorName, string> = {
  range: `${CONSUMER_PACKAGE}.RangeAssignor`,
  roundrobin: `${CONSUMER_PACKAGE}.RoundRobinAssignor`,
  sticky: `${CONSUMER_PACKAGE}.StickyAssignor`,
  'cooperative-sticky': `${CONSUMER_PACKAGE}.CooperativeStickyAssignor`,
};

const ASSIGNOR_NAMES = Object.keys(ASSIGNOR_CLASS_NAMES) as AssignorName[];

/**
 * The assignor a configured name refers to, or null if unknown. Surrounding whitespace is ignored,
 * as Kafka's config parser trims each element of a list; case is not (Java class names are
 * case-sensitive).
 */
export function normalizeAssignor(name: string): AssignorName | null {
  const trimmed = name.trim();
  for (const short of ASSIGNOR_NAMES) {
    if (trimmed === short || trimmed === ASSIGNOR_CLASS_NAMES[short]) return short;
  }
  return null;
}

/**
 * True for cooperative-sticky: only `CooperativeStickyAssignor.supportedProtocols()` includes
 * RebalanceProtocol.COOPERATIVE; the others inherit the default, EAGER only
 * (clients/.../consumer/ConsumerPartitionAssignor.java).
 */
export function isCooperative(name: AssignorName): boolean {
  return name === 'cooperative-sticky';
}
