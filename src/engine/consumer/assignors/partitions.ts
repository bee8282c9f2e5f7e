/**
 * Partition names ("topic-N") and their order. Topic names may contain dashes, so the partition
 * number is whatever follows the last one.
 */

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export function partitionName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** null for anything that is not "topic-N" with a non-empty topic and a decimal N. */
export function parsePartitionName(name: string): TopicPartition | null {
  const dash = name.lastIndexOf('-');
  if (dash <= 0) return null;
  const digits = name.slice(dash + 1);
  if (!/^(0|[1-9][0-9]*)$/.test(digits)) return null;
  return { topic: name.slice(0, dash), partition: Number(digits) };
}

/** Java's `String.compareTo` (UTF-16 code units), which JavaScript's `<` on strings matches. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Topic, then partition number: the order Kafka's sorted partition sets use. */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return compareStrings(a.topic, b.topic) || a.partition - b.partition;
}

/** Sorts names by topic, then partition number (not as strings: "t-10" comes after "t-9"). */
export function sortPartitionNames(names: readonly string[]): string[] {
  const parsed = names.map((name) => {
    const tp = parsePartitionName(name);
    if (tp === null) throw new Error(`not a partition name: "${name}"`);
    return tp;
  });
  return parsed.sort(compareTopicPartitions).map((tp) => partitionName(tp.topic, tp.partition));
}
