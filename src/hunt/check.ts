/**
 * The checker: compares the rebuilt accounting (./rebuild) with the report's counters, and asserts
 * what Kafka promises in a safe configuration (RF 3, acks=all, min.insync.replicas 2, unclean
 * election off, idempotence on, no power loss): no acknowledged loss, no duplicate, no reordering
 * per producer and partition, no offset gap, no partition left without a leader once healed, and
 * for groups that commit after processing into an idempotent sink no skipped record and no
 * duplicate effect. Liveness after the final heal: brokers back and unfenced, every send answered,
 * records sent after the heal acknowledged, every group caught up.
 */
import type { RecordCounts, Report, Scenario, TraceEvent } from '../engine';
import { QUIET_MS, QUIET_WITH_GROUPS_MS } from './generate';
import { rebuild, type Fate, type Rebuilt } from './rebuild';

export type FailureKind =
  | 'lost'
  | 'duplicate'
  | 'reorder'
  | 'gap'
  | 'unavailable'
  | 'skipped'
  | 'effect'
  | 'callback'
  | 'offset'
  | 'nondeterminism'
  | 'accounting'
  | 'liveness'
  | 'hang'
  | 'crash'
  | 'invalid'
  | 'nan';

export interface Failure {
  kind: FailureKind;
  /** Narrows the kind (the counter of an accounting failure, what did not recover): the shrinker keeps it. */
  tag?: string;
  detail: string;
}

export interface CheckOptions {
  /** Virtual time of the final heal (null: the scenario does not recover; no liveness checks). */
  recoveredAt: number | null;
  /** Virtual time the run stopped at. */
  stoppedAt: number;
  /** How long after the heal records must get through again. */
  settleMs?: number;
}

const COUNTERS: (keyof RecordCounts)[] = [
  'sent', 'acknowledged', 'failed', 'failedUnnoticed', 'pending', 'lostAcknowledged', 'unavailable',
  'duplicated', 'reordered', 'consumed', 'processedTwice', 'effectsDuplicated', 'skipped',
];

export function checkRun(scenario: Scenario, trace: readonly TraceEvent[], report: Report, options: CheckOptions): Failure[] {
  const facts = rebuild(scenario, trace, report);
  const mine = countsOf(scenario, facts);
  const failures: Failure[] = [];
  const fail = (kind: FailureKind, detail: string, tag?: string): void => void failures.push({ kind, detail, ...(tag ? { tag } : {}) });

  for (const c of COUNTERS) {
    if (report.records[c] !== mine.counts[c]) fail('accounting', `records.${c}: report ${report.records[c]}, rebuilt from trace and logs ${mine.counts[c]}`, c);
  }
  for (const p of facts.partitions) {
    const reported = report.partitions.find((r) => `${r.topic}-${r.partition}` === p.key)!;
    if (reported.leader !== p.leader) fail('accounting', `${p.key}: report says leader ${reported.leader}, the trace ${p.leader}`, 'leader');
    if (p.strangers.length > 0) fail('accounting', `${p.key}: ${p.strangers.length} logged records no producer sent (first at offset ${p.strangers[0]!.offset})`, 'stranger');
    const gap = offsetGap(p.log ?? [], p.logStartOffset);
    if (gap) fail('gap', `${p.key}: ${gap}`);
  }
  const misplaced: string[] = [];
  for (const f of facts.fates.values()) {
    if (f.completions > 1) fail('callback', `record ${f.key} of ${f.producer} completed ${f.completions} times`);
    // (A record written twice is a duplicate failure already: which copy was acknowledged is moot.)
    const p = facts.partitions.find((x) => x.key === `${f.topic}-${f.partition}`);
    const at = p?.offsets.get(f.id);
    if (f.status === 'acknowledged' && at !== undefined && f.ackOffset >= 0 && at !== f.ackOffset && p!.copies.get(f.id) === 1) misplaced.push(`${f.key} told ${f.ackOffset}, at ${at}`);
  }
  if (misplaced.length > 0) fail('offset', `${misplaced.length} acknowledged records sit at another offset than the producer was told: ${misplaced.slice(0, 5).join('; ')}`);
  for (const g of facts.groups) {
    for (const [key, committed] of g.committed) {
      const p = facts.partitions.find((x) => x.key === key);
      if (p && p.leader >= 0 && committed > p.highWatermark) fail('skipped', `group ${g.id} committed ${key} at ${committed}, past the high watermark ${p.highWatermark}`, 'beyond-hw');
    }
  }
  const some = (ids: number[]): string => ids.slice(0, 5).map((id) => facts.fates.get(id)?.key).join(', ') + (ids.length > 5 ? ', …' : '');
  if (mine.lost.length > 0) fail('lost', `${mine.lost.length} acknowledged records missing from their leader's log: ${some(mine.lost)}`);
  if (mine.duplicated.length > 0) {
    const bumped = new Set(trace.filter((e) => e.type === 'ProducerIdAssigned' && e.producerEpoch > 0).map((e) => (e as { producer: string }).producer));
    const who = [...new Set(mine.duplicated.map((id) => facts.fates.get(id)!.producer))].map((p) => `${p}${bumped.has(p) ? ' bumped its epoch' : ' never bumped its epoch'}`);
    fail('duplicate', `${mine.duplicated.length} records written more than once: ${some(mine.duplicated)} (${who.join('; ')})`);
  }
  if (mine.reordered.length > 0) fail('reorder', `${mine.reordered.length} records after a later send of the same producer: ${some(mine.reordered)}`);
  for (const g of scenario.groups ?? []) {
    if (!g['idempotent.sink'] || !g.commit.endsWith('after-processing')) continue;
    const skipped = mine.skippedBy.get(g['group.id']) ?? [];
    if (skipped.length > 0) fail('skipped', `group ${g['group.id']} committed past ${skipped.length} records it never processed: ${some(skipped)}`);
  }
  if (report.records.effectsDuplicated > 0 && (scenario.groups ?? []).every((g) => g['idempotent.sink'])) {
    fail('effect', `effectsDuplicated = ${report.records.effectsDuplicated} with idempotent sinks`);
  }
  // Liveness needs a long enough quiet period after the heal (the shrinker must not cut it short).
  const quiet = (scenario.groups ?? []).length > 0 ? QUIET_WITH_GROUPS_MS : QUIET_MS;
  if (options.recoveredAt !== null && options.stoppedAt - options.recoveredAt >= quiet) {
    // Scripted drops outlive the heal; records sent after the heal are judged once they are used up.
    const dropsGoneAt = dropsUsedUpAt(scenario, trace, options.recoveredAt);
    failures.push(...liveness(scenario, facts, report, { ...options, recoveredAt: options.recoveredAt }, dropsGoneAt));
  }
  return failures;
}

interface MyCounts {
  counts: RecordCounts;
  lost: number[];
  duplicated: number[];
  reordered: number[];
  skippedBy: Map<string, number[]>;
}

function countsOf(scenario: Scenario, facts: Rebuilt): MyCounts {
  const fireAndForget = new Set(scenario.producers.filter((p) => p.send === 'fire-and-forget').map((p) => p.id));
  const c: RecordCounts = Object.fromEntries(COUNTERS.map((k) => [k, 0])) as unknown as RecordCounts;
  const lost: number[] = [];
  const duplicated: number[] = [];
  const reordered: number[] = [];
  const byPartition = new Map<string, number[]>();
  for (const f of facts.fates.values()) {
    c.sent++;
    c[f.status]++;
    if (f.status === 'failed' && fireAndForget.has(f.producer)) c.failedUnnoticed++;
    const key = `${f.topic}-${f.partition}`;
    let ids = byPartition.get(key);
    if (!ids) byPartition.set(key, (ids = []));
    ids.push(f.id);
  }
  for (const p of facts.partitions) {
    const acked = (byPartition.get(p.key) ?? []).filter((id) => facts.fates.get(id)!.status === 'acknowledged');
    if (p.leader < 0 || p.log === null) {
      c.unavailable += acked.length;
      continue;
    }
    for (const id of acked) if (!p.copies.has(id)) lost.push(id);
    for (const [id, n] of p.copies) {
      c.duplicated += n - 1;
      if (n > 1) duplicated.push(id);
    }
    // Order: per producer, each record must come after every record that producer sent earlier.
    const latest = new Map<string, number>();
    const seen = new Set<number>();
    for (const r of p.log) {
      if (r.offset >= p.highWatermark) break;
      const f = fateOf(facts, r.producer, r.key);
      if (!f || seen.has(f.id)) continue;
      seen.add(f.id);
      if (f.sendIndex < (latest.get(f.producer) ?? -1)) reordered.push(f.id);
      else latest.set(f.producer, f.sendIndex);
    }
  }
  c.lostAcknowledged = lost.length;
  c.reordered = reordered.length;

  const skippedBy = new Map<string, number[]>();
  for (const g of facts.groups) {
    const spec = scenario.groups!.find((s) => s['group.id'] === g.id)!;
    let twice = 0;
    for (const n of g.processed.values()) twice += n - 1;
    c.consumed += g.processed.size;
    c.processedTwice += twice;
    if (!spec['idempotent.sink']) c.effectsDuplicated += twice;
    const skipped = new Set<number>();
    for (const p of facts.partitions) {
      const committed = g.committed.get(p.key);
      if (committed === undefined || p.log === null) continue;
      for (const r of p.log) {
        if (r.offset >= committed) break;
        const f = fateOf(facts, r.producer, r.key);
        if (f && !g.processed.has(f.id)) skipped.add(f.id);
      }
    }
    skippedBy.set(g.id, [...skipped]);
    c.skipped += skipped.size;
  }
  return { counts: c, lost, duplicated, reordered, skippedBy };
}

const keyIndex = new WeakMap<Rebuilt, Map<string, number>>();
function fateOf(facts: Rebuilt, producer: string, key: string | null): Fate | undefined {
  let index = keyIndex.get(facts);
  if (!index) {
    index = new Map();
    for (const f of facts.fates.values()) if (f.key !== null) index.set(`${f.producer}\u0000${f.key}`, f.id);
    keyIndex.set(facts, index);
  }
  const id = key === null ? undefined : index.get(`${producer}\u0000${key}`);
  return id === undefined ? undefined : facts.fates.get(id);
}

/**
 * dropRequests / dropResponses stay armed until that many produce requests or responses went by,
 * heal or not: the cluster has recovered only once every scripted drop is used up (null: never).
 */
function dropsUsedUpAt(scenario: Scenario, trace: readonly TraceEvent[], healedAt: number): number | null {
  const armed = new Map<string, number>();
  for (const a of scenario.script) {
    if (a.do === 'dropRequests' || a.do === 'dropResponses') armed.set(`${a.do} b${a.broker}`, (armed.get(`${a.do} b${a.broker}`) ?? 0) + a.count);
  }
  let at = healedAt;
  for (const e of trace) {
    if (e.type !== 'MessageDropped' || (e.reason !== 'dropRequests' && e.reason !== 'dropResponses')) continue;
    const key = `${e.reason} ${e.reason === 'dropRequests' ? e.to : e.from}`;
    armed.set(key, (armed.get(key) ?? 0) - 1);
    at = Math.max(at, e.t);
  }
  return [...armed.values()].some((n) => n > 0) ? null : at;
}

/** The log's offsets must run from its start offset with no hole and no repeat. */
function offsetGap(log: readonly { offset: number }[], logStartOffset: number): string | null {
  let expected = logStartOffset;
  for (const r of log) {
    if (r.offset !== expected) return `offset ${r.offset} where ${expected} was expected`;
    expected++;
  }
  return null;
}

function liveness(scenario: Scenario, facts: Rebuilt, report: Report, o: CheckOptions & { recoveredAt: number }, dropsGoneAt: number | null): Failure[] {
  const out: Failure[] = [];
  const settle = o.settleMs ?? 10_000;
  for (const [id, b] of facts.brokers) {
    if (!b.up || b.fenced) out.push({ kind: 'liveness', tag: 'broker', detail: `broker ${id} ${b.up ? 'still fenced' : 'down'} at ${o.stoppedAt} ms, healed at ${o.recoveredAt} ms` });
  }
  for (const p of facts.partitions) {
    if (p.leader < 0) out.push({ kind: 'unavailable', detail: `${p.key} has no leader at ${o.stoppedAt} ms, healed at ${o.recoveredAt} ms` });
  }
  // Every broker is back and the cluster idle: every replica in sync, everything written committed.
  for (const p of report.partitions) {
    const key = `${p.topic}-${p.partition}`;
    if (p.leader < 0) continue;
    const ends = Object.values(p.logEndOffsets);
    if (p.isr.length < p.replicas.length) out.push({ kind: 'liveness', tag: 'isr', detail: `${key}: ISR ${JSON.stringify(p.isr)} of replicas ${JSON.stringify(p.replicas)} at ${o.stoppedAt} ms, healed at ${o.recoveredAt} ms` });
    // (Only for a partition nobody wrote to lately: a slow producer may still be at work.)
    const idle = (facts.partitions.find((x) => x.key === key)?.lastAppendAt ?? -1) < o.stoppedAt - 10_000;
    if (p.isr.length === p.replicas.length && idle && ends.some((e) => e !== p.highWatermark)) out.push({ kind: 'liveness', tag: 'hw', detail: `${key}: high watermark ${p.highWatermark}, log ends ${JSON.stringify(p.logEndOffsets)} at ${o.stoppedAt} ms` });
  }
  const timeouts = new Map(scenario.producers.map((p) => [p.id, p['delivery.timeout.ms']]));
  const stuck = [...facts.fates.values()].filter((f) => f.status === 'pending' && f.sentAt + timeouts.get(f.producer)! + 5_000 < o.stoppedAt);
  if (stuck.length > 0) out.push({ kind: 'liveness', tag: 'pending', detail: `${stuck.length} records still pending long after delivery.timeout.ms: ${stuck.slice(0, 5).map((f) => `${f.key}@${f.sentAt}`).join(', ')}` });
  // Only producers that keep retrying: with a few retries a record may fail before metadata catches up.
  const persistent = new Set(scenario.producers.filter((p) => p.retries >= 10).map((p) => p.id));
  // A record that joined a batch begun before then ages with it; one behind Kafka's own sequence
  // gap (see Fate.behindSequenceGap) fails in Kafka too.
  const late = dropsGoneAt === null ? [] : [...facts.fates.values()].filter((f) => persistent.has(f.producer) && f.batchSentAt >= dropsGoneAt + settle && f.status === 'failed' && !f.behindSequenceGap);
  if (late.length > 0) out.push({ kind: 'liveness', tag: 'after-heal', detail: `${late.length} records sent after the cluster healed failed: ${late.slice(0, 5).map((f) => f.key).join(', ')}` });
  for (const g of scenario.groups ?? []) {
    if (!g.commit.endsWith('after-processing')) continue;
    const processed = facts.groups.find((x) => x.id === g['group.id'])!.processed;
    const behind: string[] = [];
    for (const p of facts.partitions) {
      if (!g.topics.includes(p.key.slice(0, p.key.lastIndexOf('-')))) continue;
      for (const id of p.copies.keys()) if (facts.fates.get(id)!.status === 'acknowledged' && !processed.has(id)) behind.push(facts.fates.get(id)!.key ?? String(id));
    }
    if (behind.length > 0) out.push({ kind: 'liveness', tag: 'group', detail: `group ${g['group.id']} never processed ${behind.length} acknowledged records: ${behind.slice(0, 5).join(', ')}` });
  }
  return out;
}
