/**
 * Auto commit as KAFKA.md times it: inside poll(), before fetching, the positions of records
 * returned by earlier polls — so with processing in the poll loop every committed record was
 * processed, and with processing handed to another thread it may not have been; also a commit
 * before every rebalance and on a graceful close.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../../core/trace';
import { runScenario } from '../../run/run';

function run(group: Record<string, unknown>, script: unknown[] = []) {
  const events: TraceEvent[] = [];
  const report = runScenario(
    {
      name: 'auto commit',
      brokers: 3,
      until: 40000,
      broker: { 'offsets.topic.num.partitions': 3 },
      topics: [{ name: 'orders', partitions: 2, 'replication.factor': 3 }],
      producers: [{ id: 'p1', acks: 'all', 'enable.idempotence': false }],
      groups: [{ 'group.id': 'g', topics: ['orders'], members: 1, 'auto.offset.reset': 'earliest', 'processing.ms': 20, ...group }],
      script: [{ at: 1000, do: 'produce', producer: 'p1', topic: 'orders', count: 600, every: 10, key: 'k{i}' }, ...script],
    },
    { onEvent: (e) => events.push(e) },
  );
  return { report, events };
}

const ofType = <T extends TraceEvent['type']>(events: TraceEvent[], type: T): TraceEventOf<T>[] => events.filter((e): e is TraceEventOf<T> => e.type === type);

/** For each OffsetsCommitted: how many records below the committed offsets were not yet processed. */
function unprocessedAtCommits(events: TraceEvent[]): number[] {
  const idsAt = new Map<string, number[]>();
  const processed = new Set<number>();
  const out: number[] = [];
  for (const e of events) {
    if (e.type === 'Appended' && e.role === 'leader' && e.topic === 'orders') {
      const ids = idsAt.get(`orders-${e.partition}`) ?? [];
      e.recordIds.forEach((id, i) => (ids[e.baseOffset + i] = id));
      idsAt.set(`orders-${e.partition}`, ids);
    } else if (e.type === 'RecordsProcessed') {
      for (const id of e.recordIds) processed.add(id);
    } else if (e.type === 'OffsetsCommitted') {
      let missing = 0;
      for (const [p, upTo] of Object.entries(e.offsets)) {
        const ids = idsAt.get(p) ?? [];
        for (let o = 0; o < upTo; o++) if (!processed.has(ids[o]!)) missing++;
      }
      out.push(missing);
    }
  }
  return out;
}

describe('auto commit', () => {
  it('with processing in the poll loop commits only records already processed', () => {
    const { events } = run({});
    const missing = unprocessedAtCommits(events);
    expect(missing.length).toBeGreaterThan(3);
    expect(missing.every((n) => n === 0)).toBe(true);
  });

  it('with async processing commits records the worker has not processed yet', () => {
    const { events } = run({ processing: 'async' });
    expect(Math.max(...unprocessedAtCommits(events))).toBeGreaterThan(0);
  });

  it('commits about every auto.commit.interval.ms, and never with enable.auto.commit=false', () => {
    const times = ofType(run({ 'auto.commit.interval.ms': 2000 }).events, 'OffsetsCommitted').map((e) => e.t);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1990);
    expect(ofType(run({ 'enable.auto.commit': false }).events, 'OffsetsCommitted')).toHaveLength(0);
  });

  it('reschedules the auto commit to one interval after each assignment (onJoinComplete)', () => {
    const { events } = run({}, [{ at: 12500, do: 'addMember', group: 'g' }]);
    const assigned = ofType(events, 'MemberAssigned').filter((e) => e.member === 'c1');
    expect(assigned.length).toBeGreaterThanOrEqual(2);
    const commits = ofType(events, 'OffsetsCommitted').filter((e) => e.member === 'c1');
    for (const a of assigned) {
      const next = commits.find((c) => c.t >= a.t);
      if (next) expect(next.t - a.t).toBeGreaterThanOrEqual(5000);
    }
  });

  it('commits before rejoining a rebalance, and on close before LeaveGroup', () => {
    const { events } = run({}, [
      { at: 12500, do: 'addMember', group: 'g' },
      { at: 30500, do: 'removeMember', group: 'g', member: 'c1' },
    ]);
    const prepare = ofType(events, 'GroupStateChanged').find((e) => e.to === 'PreparingRebalance' && e.t >= 12500)!;
    const complete = ofType(events, 'GroupStateChanged').find((e) => e.to === 'CompletingRebalance' && e.t > prepare.t)!;
    const c1Commits = ofType(events, 'OffsetsCommitted').filter((e) => e.member === 'c1');
    expect(c1Commits.some((e) => e.t > prepare.t && e.t < complete.t)).toBe(true);
    const left = ofType(events, 'MemberLeft').find((e) => e.member === 'c1')!;
    expect(left.reason).toBe('leave-group');
    expect(c1Commits.at(-1)!.t).toBeLessThanOrEqual(left.t);
    expect(c1Commits.at(-1)!.t).toBeGreaterThanOrEqual(30500);
  });
});
