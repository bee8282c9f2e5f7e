/** The `topics` of a scenario: structure, replica assignment, overrides and Kafka's name rules. */
import type { TopicConfig, TopicSpec } from './types';
import { TOPIC_SETTINGS } from './schema/settings';
import { topicInput } from './schema/scenario';
import type { PathSegment } from './schema/issues';
import { addZodIssues, type Issues } from './parseIssues';
import { pick } from './parseSettings';

function brokersWord(n: number): string {
  return n === 1 ? '1 broker' : `${n} brokers`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** topics[i], or null when its structure is wrong (those problems are added to `issues`). */
export function buildTopic(raw: unknown, i: number, brokers: number, issues: Issues, root: unknown): TopicSpec | null {
  const path = ['topics', i] as const;
  const parsed = topicInput.safeParse(raw);
  if (!parsed.success) {
    addZodIssues(issues, parsed.error.issues, root, path);
    return null;
  }
  const t = parsed.data;
  const assignment = t['replica.assignment'];
  // Like kafka-topics --replica-assignment, the assignment alone determines partitions and RF.
  const partitions = t.partitions ?? assignment?.length ?? 1;
  const rfGiven = t['replication.factor'];
  const rf = rfGiven ?? assignment?.[0]?.length ?? 1;
  if (rf > brokers) {
    issues.add([...path, 'replication.factor'], `${rf} is larger than the ${brokersWord(brokers)} (INVALID_REPLICATION_FACTOR)`);
  }
  if (assignment !== undefined) checkAssignment(assignment, partitions, rf, rfGiven !== undefined, brokers, [...path, 'replica.assignment'], issues);

  const direct = pick(TOPIC_SETTINGS, t as Record<string, unknown>);
  const nested = pick(TOPIC_SETTINGS, t.config ?? {});
  for (const k of Object.keys(nested)) {
    if (k in direct) issues.add([...path, 'config', k], 'also given directly on the topic; give it once');
  }
  // min.insync.replicas > replication.factor is legal in Kafka: since 3.7 (KAFKA-15583) it acts
  // as min(min.insync.replicas, replicas). Accepted on purpose (a lesson can show it).
  const config = pick(TOPIC_SETTINGS, { ...direct, ...nested }) as TopicConfig;

  const spec: TopicSpec = { name: t.name, partitions, 'replication.factor': rf, config };
  if (assignment !== undefined) {
    spec['replica.assignment'] = assignment.map((row) => [...row]);
    // Keep the key order of TopicSpec (config last) so that output and re-parse look alike.
    delete (spec as Partial<TopicSpec>).config;
    spec.config = config;
  }
  return spec;
}

function checkAssignment(
  assignment: number[][],
  partitions: number,
  rf: number,
  rfGiven: boolean,
  brokers: number,
  path: PathSegment[],
  issues: Issues,
): void {
  if (assignment.length !== partitions) {
    issues.add(path, `has ${plural(assignment.length, 'row')}, but the topic has ${plural(partitions, 'partition')} (one row per partition)`);
  }
  assignment.forEach((row, p) => {
    if (row.length !== rf) {
      const why = rfGiven ? `replication.factor is ${rf}` : `row 0 has ${rf}`;
      issues.add([...path, p], `has ${plural(row.length, 'replica')}, but ${why}`);
    }
    row.forEach((b, j) => {
      if (b < 1 || b > brokers) issues.add([...path, p, j], `no broker ${b} in a ${brokers}-broker cluster`);
      else if (row.indexOf(b) !== j) issues.add([...path, p, j], `broker ${b} appears twice in partition ${p}'s replicas`);
    });
  });
}

/** Kafka's name rules across topics: no duplicates, no collisions, no internal names. */
export function checkTopicNames(topics: readonly (TopicSpec | null)[], issues: Issues): void {
  const seen = new Map<string, number>();
  const collides = new Map<string, number>();
  topics.forEach((t, i) => {
    if (t === null) return;
    const path = ['topics', i, 'name'];
    if (t.name === '.' || t.name === '..') return issues.add(path, `"${t.name}" is not a legal topic name`);
    if (t.name === '__consumer_offsets') {
      return issues.add(path, `"__consumer_offsets" is Kafka's internal topic for committed offsets; pick another name`);
    }
    const prev = seen.get(t.name);
    if (prev !== undefined) return issues.add(path, `duplicate topic ${JSON.stringify(t.name)} (also topics[${prev}])`);
    seen.set(t.name, i);
    // Kafka rejects names that differ only by '.' vs '_' (they collide in metric names).
    const folded = t.name.replace(/\./g, '_');
    const other = collides.get(folded);
    if (other !== undefined) {
      return issues.add(path, `${JSON.stringify(t.name)} collides with ${JSON.stringify(topics[other]!.name)} (topics[${other}]): Kafka treats "." and "_" alike in topic names`);
    }
    collides.set(folded, i);
  });
}
