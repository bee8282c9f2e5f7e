/**
 * One broker's replica of a partition: the rules a leader applies to its followers (Kafka's
 * ReplicaState and Partition: caught-up tracking, ISR shrink and expand, the high watermark) and
 * the leader-epoch truncation a follower does (KIP-101, KIP-279, KIP-595's diverging epoch).
 */
import { describe, expect, it } from 'vitest';
import { makeBatch, type RecordData } from '../model/batch';
import type { LogConfig } from '../model/log';
import type { PartitionState } from './messages';
import { Replica } from './replica';

const LAG_MAX_MS = 30000;
/** Leaders here are elected long after the start of the run (virtual time). */
const T0 = 1_000_000;
const CONFIG: LogConfig = { segmentBytes: 1 << 30, segmentMs: Number.MAX_SAFE_INTEGER, flushMessages: null, retentionMs: -1, retentionBytes: -1 };

let nextId = 1;
const record = (): RecordData => ({ id: nextId++, producer: 'p1', key: null, value: 'v', timestamp: 0, sendSeq: nextId });

/** Appends `count` one-record batches written in `epoch`. */
function write(r: Replica, count: number, epoch: number): void {
  for (let i = 0; i < count; i++) r.log.append(makeBatch([record()], r.log.logEndOffset, epoch), CONFIG);
}

function state(overrides: Partial<PartitionState> = {}): PartitionState {
  return { topic: 't', partition: 0, replicas: [1, 2, 3], leader: 1, leaderEpoch: 5, isr: [1, 2, 3], partitionEpoch: 9, ...overrides };
}

/** Broker 1 leading, with `records` records written in epochs before the current one. */
function leader(opts: { records?: number; isr?: number[]; at?: number; epoch?: number } = {}): Replica {
  const r = new Replica('t', 0, 1);
  write(r, opts.records ?? 10, 0);
  r.becomeLeader(state({ isr: opts.isr ?? [1, 2, 3], leaderEpoch: opts.epoch ?? 5 }), opts.at ?? T0);
  return r;
}

const everyoneEligible = { isEligibleForIsr: (): boolean => true };
const noneEligible = { isEligibleForIsr: (): boolean => false };

describe('Replica.becomeLeader', () => {
  it('starts the new leader epoch at the log end offset and knows nothing yet of its followers', () => {
    const r = leader({ records: 10, epoch: 5 });
    expect(r.isLeader).toBe(true);
    expect(r.log.epochs.endOffsetFor(5, r.log.logEndOffset)).toEqual({ epoch: 5, endOffset: 10 });
    expect(r.log.epochs.startOffsetOf(5)).toBe(10);
    expect([...r.followers.keys()].sort()).toEqual([2, 3]);
    for (const f of r.followers.values()) expect(f.logEndOffset).toBe(-1);
  });

  it('treats the ISR members as caught up at election time (they have until replica.lag.time.max.ms)', () => {
    const r = leader({ isr: [1, 2] });
    expect(r.isCaughtUp(2, T0 + LAG_MAX_MS, LAG_MAX_MS)).toBe(true);
    expect(r.isCaughtUp(2, T0 + LAG_MAX_MS + 1, LAG_MAX_MS)).toBe(false);
    // A replica out of the ISR, never heard from, is not caught up.
    expect(r.isCaughtUp(3, T0, LAG_MAX_MS)).toBe(false);
  });

  it('becomeFollower forgets the follower states it kept as leader', () => {
    const r = leader();
    r.becomeFollower(state({ leader: 2, leaderEpoch: 6 }));
    expect(r.isLeader).toBe(false);
    expect(r.followers.size).toBe(0);
    expect(r.leaderEpoch).toBe(6);
  });
});

describe("Replica: follower fetch state (Kafka's ReplicaState)", () => {
  it('a fetch at the leader’s log end offset makes the follower caught up now', () => {
    const r = leader({ records: 10 });
    r.updateFollowerFetchState(2, 10, T0 + 100);
    expect(r.followers.get(2)).toMatchObject({ logEndOffset: 10, lastCaughtUpTimeMs: T0 + 100, lastFetchTimeMs: T0 + 100, lastFetchLeaderLogEndOffset: 10 });
  });

  it('a fetch that reaches the leader’s LEO as of the previous fetch makes it caught up as of that previous fetch', () => {
    const r = leader({ records: 10 });
    r.updateFollowerFetchState(2, 10, T0 + 100); // caught up at T0+100, leader LEO 10
    write(r, 5, 5); // leader LEO 15
    r.updateFollowerFetchState(2, 10, T0 + 200); // behind now, but has all the leader had at T0+100
    expect(r.followers.get(2)!.lastCaughtUpTimeMs).toBe(T0 + 100);
    write(r, 5, 5); // leader LEO 20
    r.updateFollowerFetchState(2, 15, T0 + 300); // has all the leader had at T0+200
    expect(r.followers.get(2)!.lastCaughtUpTimeMs).toBe(T0 + 200);
  });

  it('a fetch below the leader’s LEO as of the previous fetch does not move lastCaughtUpTimeMs', () => {
    const r = leader({ records: 10, isr: [1, 2, 3] });
    r.updateFollowerFetchState(2, 10, T0 + 100);
    write(r, 10, 5); // LEO 20
    r.updateFollowerFetchState(2, 12, T0 + 200);
    write(r, 10, 5); // LEO 30
    r.updateFollowerFetchState(2, 14, T0 + 300); // 14 < 20, the LEO at the previous fetch
    expect(r.followers.get(2)!.lastCaughtUpTimeMs).toBe(T0 + 100);
    expect(r.followers.get(2)!.logEndOffset).toBe(14);
  });

  it('a follower at the leader’s LEO is caught up however long ago it last fetched', () => {
    const r = leader({ records: 10 });
    r.updateFollowerFetchState(2, 10, T0 + 100);
    expect(r.isCaughtUp(2, T0 + 10 * LAG_MAX_MS, LAG_MAX_MS)).toBe(true);
  });

  it('a lagging follower stays in sync for replica.lag.time.max.ms after it was last caught up, then falls out', () => {
    const r = leader({ records: 10 });
    r.updateFollowerFetchState(2, 10, T0 + 100);
    write(r, 1, 5);
    expect(r.isCaughtUp(2, T0 + 100 + LAG_MAX_MS, LAG_MAX_MS)).toBe(true);
    expect(r.isCaughtUp(2, T0 + 101 + LAG_MAX_MS, LAG_MAX_MS)).toBe(false);
  });

  it('ignores fetches from a broker that is not a follower of this partition', () => {
    const r = leader();
    r.updateFollowerFetchState(9, 10, T0);
    expect(r.followers.has(9)).toBe(false);
    expect(r.isCaughtUp(9, T0, LAG_MAX_MS)).toBe(false);
  });
});

describe('Replica.outOfSyncReplicas (ISR shrink)', () => {
  it('names the ISR members not caught up for replica.lag.time.max.ms, never the leader itself', () => {
    const r = leader({ records: 10, isr: [1, 2, 3] });
    const later = T0 + 2 * LAG_MAX_MS;
    write(r, 1, 5); // LEO 11
    r.updateFollowerFetchState(2, 11, later - 10); // 2 keeps up; 3 never fetched since the election
    expect(r.outOfSyncReplicas(T0 + LAG_MAX_MS, LAG_MAX_MS)).toEqual([]);
    expect(r.outOfSyncReplicas(later, LAG_MAX_MS)).toEqual([3]);
  });

  it('only looks at ISR members', () => {
    const r = leader({ isr: [1, 2] });
    expect(r.outOfSyncReplicas(T0 + 10 * LAG_MAX_MS, LAG_MAX_MS)).toEqual([2]);
  });
});

describe('Replica.nextHighWatermark', () => {
  const now = T0 + 1000;

  it('is the smallest log end offset in the ISR', () => {
    const r = leader({ records: 10 });
    r.updateFollowerFetchState(2, 10, now);
    r.updateFollowerFetchState(3, 7, now);
    expect(r.nextHighWatermark(now, LAG_MAX_MS, 1, everyoneEligible)).toBe(7);
  });

  it('does not rise while an ISR member has not fetched since the election', () => {
    const r = leader({ records: 10 });
    r.updateFollowerFetchState(2, 10, now);
    expect(r.nextHighWatermark(now, LAG_MAX_MS, 1, everyoneEligible)).toBeNull();
  });

  it('never moves backwards: no answer unless above the current high watermark', () => {
    const r = leader({ records: 10 });
    r.log.highWatermark = 8;
    r.updateFollowerFetchState(2, 10, now);
    r.updateFollowerFetchState(3, 8, now);
    expect(r.nextHighWatermark(now, LAG_MAX_MS, 1, everyoneEligible)).toBeNull();
    r.updateFollowerFetchState(3, 6, now);
    expect(r.nextHighWatermark(now, LAG_MAX_MS, 1, everyoneEligible)).toBeNull();
    r.updateFollowerFetchState(3, 9, now);
    expect(r.nextHighWatermark(now, LAG_MAX_MS, 1, everyoneEligible)).toBe(9);
  });

  it('a leader alone in the ISR moves the HW to its own log end offset when min.insync.replicas is 1', () => {
    const r = leader({ records: 10, isr: [1] });
    expect(r.nextHighWatermark(T0 + 10 * LAG_MAX_MS, LAG_MAX_MS, 1, everyoneEligible)).toBe(10);
  });

  it('does not rise while the ISR is smaller than min.insync.replicas (Kafka 3.7+)', () => {
    const r = leader({ records: 10, isr: [1] });
    expect(r.nextHighWatermark(T0 + 10 * LAG_MAX_MS, LAG_MAX_MS, 2, everyoneEligible)).toBeNull();
    const full = leader({ records: 10, isr: [1, 2] });
    full.updateFollowerFetchState(2, 10, now);
    expect(full.nextHighWatermark(now, LAG_MAX_MS, 2, everyoneEligible)).toBe(10);
  });

  it('ignores a replica out of the ISR that is not caught up', () => {
    const r = leader({ records: 10, isr: [1, 2] });
    const later = T0 + 10 * LAG_MAX_MS;
    r.updateFollowerFetchState(2, 10, later);
    r.updateFollowerFetchState(3, 2, later);
    expect(r.nextHighWatermark(later, LAG_MAX_MS, 1, everyoneEligible)).toBe(10);
  });

  it('waits for a replica out of the ISR that is caught up and eligible to join it (KIP-841), not for a fenced one', () => {
    const r = leader({ records: 10, isr: [1, 2] });
    const later = T0 + 10 * LAG_MAX_MS;
    r.updateFollowerFetchState(2, 10, later);
    r.updateFollowerFetchState(3, 10, later); // caught up now...
    write(r, 2, 5); // ...and the leader appends: LEO 12
    r.updateFollowerFetchState(2, 12, later + 1);
    expect(r.isCaughtUp(3, later + 1, LAG_MAX_MS)).toBe(true);
    expect(r.nextHighWatermark(later + 1, LAG_MAX_MS, 1, everyoneEligible)).toBe(10);
    expect(r.nextHighWatermark(later + 1, LAG_MAX_MS, 1, { isEligibleForIsr: (b: number) => b !== 3 })).toBe(12);
  });

  it('counts a pending ISR expansion (the maximal ISR, KIP-497)', () => {
    const r = leader({ records: 10, isr: [1, 2] });
    const later = T0 + 10 * LAG_MAX_MS;
    r.updateFollowerFetchState(2, 10, later);
    r.updateFollowerFetchState(3, 8, later);
    expect(r.nextHighWatermark(later, LAG_MAX_MS, 1, noneEligible)).toBe(10);
    r.pendingIsr = { proposed: [1, 2, 3], sentAtMs: later };
    expect(r.maximalIsr().sort()).toEqual([1, 2, 3]);
    expect(r.nextHighWatermark(later, LAG_MAX_MS, 1, noneEligible)).toBe(8);
  });

  it('still counts a member whose removal is pending', () => {
    const r = leader({ records: 10, isr: [1, 2, 3] });
    const later = T0 + 10 * LAG_MAX_MS;
    r.updateFollowerFetchState(2, 10, later);
    r.updateFollowerFetchState(3, 6, later);
    r.pendingIsr = { proposed: [1, 2], sentAtMs: later };
    expect(r.maximalIsr().sort()).toEqual([1, 2, 3]);
    expect(r.nextHighWatermark(later, LAG_MAX_MS, 1, noneEligible)).toBe(6);
  });

  it('early in a run, a replica outside the ISR that lags or never fetches does not hold the HW back', () => {
    // Virtual time starts at 0: "never caught up" must not look like "caught up at 0".
    const r = leader({ records: 10, isr: [1, 2], at: 5000 });
    r.updateFollowerFetchState(2, 10, 5001);
    expect(r.nextHighWatermark(5002, LAG_MAX_MS, 1, everyoneEligible)).toBe(10);
    r.updateFollowerFetchState(3, 2, 5001);
    expect(r.nextHighWatermark(5002, LAG_MAX_MS, 1, everyoneEligible)).toBe(10);
  });
});

describe('Replica.canJoinIsr (ISR expansion)', () => {
  /** Leader with 10 records from epoch 0, leading epoch 5 from offset 10, 2 more records; HW 10. */
  function leaderWithNewEpoch(): Replica {
    const r = leader({ records: 10, isr: [1, 2], epoch: 5 });
    write(r, 2, 5);
    r.log.highWatermark = 10;
    return r;
  }

  it('a follower whose LEO reached the HW and the start of the current leader epoch may join', () => {
    const r = leaderWithNewEpoch();
    r.updateFollowerFetchState(3, 10, T0 + 1);
    expect(r.canJoinIsr(3)).toBe(true);
  });

  it('a follower below the high watermark may not', () => {
    const r = leaderWithNewEpoch();
    r.updateFollowerFetchState(3, 9, T0 + 1);
    expect(r.canJoinIsr(3)).toBe(false);
  });

  it('a follower at the HW but below the start of the current leader epoch may not', () => {
    const r = leaderWithNewEpoch();
    r.log.highWatermark = 8; // the new leader's HW has not caught up with its epoch start yet
    r.updateFollowerFetchState(3, 9, T0 + 1);
    expect(r.canJoinIsr(3)).toBe(false);
    r.updateFollowerFetchState(3, 10, T0 + 2);
    expect(r.canJoinIsr(3)).toBe(true);
  });

  it('members of the ISR, unknown brokers and followers never heard from cannot join', () => {
    const r = leaderWithNewEpoch();
    r.updateFollowerFetchState(2, 12, T0 + 1);
    expect(r.canJoinIsr(2)).toBe(false);
    expect(r.canJoinIsr(9)).toBe(false);
    expect(r.canJoinIsr(3)).toBe(false);
  });
});

describe('Replica: leader-epoch truncation (checkFetchPosition on the leader, divergenceOffset on the follower)', () => {
  function replicaOf(brokerId: number, epochs: [epoch: number, count: number][], s: Partial<PartitionState> = {}): Replica {
    const r = new Replica('t', 0, brokerId);
    for (const [epoch, count] of epochs) write(r, count, epoch);
    r.becomeFollower(state({ leader: 1, ...s }));
    return r;
  }

  /** What a follower would send and how far it truncates on the leader's answer (null = no truncation). */
  function fetchFrom(leaderReplica: Replica, follower: Replica): number | null {
    const position = leaderReplica.checkFetchPosition(follower.log.lastBatchEpoch(), follower.log.logEndOffset);
    if (position === 'out-of-range') throw new Error('unexpected OFFSET_OUT_OF_RANGE');
    return position === null ? null : follower.divergenceOffset(position);
  }

  it('a follower in step with the leader does not truncate', () => {
    const l = leader({ records: 10, epoch: 5 });
    const f = replicaOf(2, [[0, 10]]);
    expect(fetchFrom(l, f)).toBeNull();
    write(l, 3, 5);
    write(f, 3, 5);
    expect(fetchFrom(l, f)).toBeNull();
  });

  it('an empty follower has nothing to check (lastFetchedEpoch -1)', () => {
    const l = leader({ records: 10 });
    expect(l.checkFetchPosition(-1, 0)).toBeNull();
  });

  it('KIP-101 scenario 1: a restarted follower whose HW is stale keeps the records the leader has (no truncation to the HW)', () => {
    // A leads epoch 0 and wrote offsets 0 and 1; B copied both but learned only HW 1.
    const a = leader({ records: 2, epoch: 1 });
    const b = replicaOf(2, [[0, 2]]);
    b.log.highWatermark = 1;
    expect(fetchFrom(a, b)).toBeNull();
    expect(b.log.logEndOffset).toBe(2);
  });

  it('KIP-101 scenario 2: a follower with a record the new leader never had cuts it, at the end of their common epoch', () => {
    // A (leader in epoch 0) wrote offsets 0 and 1; B copied only offset 0. B then led epoch 1 and
    // wrote its own offset 1. A comes back as B's follower.
    const b = new Replica('t', 0, 2);
    write(b, 1, 0);
    b.becomeLeader(state({ leader: 2, leaderEpoch: 1, isr: [2] }), T0);
    write(b, 1, 1);
    const a = replicaOf(1, [[0, 2]], { leader: 2, leaderEpoch: 1 });
    expect(b.checkFetchPosition(0, 2)).toEqual({ epoch: 0, endOffset: 1 });
    expect(fetchFrom(b, a)).toBe(1);
    a.log.truncateTo(1);
    // Now the two logs agree: A fetches B's offset 1.
    expect(fetchFrom(b, a)).toBeNull();
  });

  it('a follower with records from an epoch the leader never had truncates to where the leader’s epoch before it ended', () => {
    // F led epoch 3 briefly and wrote offsets 5-7 that nobody copied. L, elected in epoch 4 at
    // offset 5, wrote 5-6 in epoch 4.
    const l = new Replica('t', 0, 1);
    write(l, 5, 0);
    l.becomeLeader(state({ leaderEpoch: 4, isr: [1] }), T0);
    write(l, 2, 4);
    const f = replicaOf(2, [
      [0, 5],
      [3, 3],
    ]);
    expect(l.checkFetchPosition(3, 8)).toEqual({ epoch: 0, endOffset: 5 });
    expect(fetchFrom(l, f)).toBe(5);
    f.log.truncateTo(5);
    expect(f.log.epochs.latestEpoch()).toBe(0);
    expect(fetchFrom(l, f)).toBeNull();
  });

  it('after an unclean election, a follower with more records of the same epoch cuts what the new leader never had', () => {
    // L, out of sync, had only offsets 0-2 of epoch 0 when it was elected (unclean) in epoch 1.
    const l = new Replica('t', 0, 1);
    write(l, 3, 0);
    l.becomeLeader(state({ leaderEpoch: 1, isr: [1] }), T0);
    const f = replicaOf(2, [[0, 6]]);
    expect(l.checkFetchPosition(0, 6)).toEqual({ epoch: 0, endOffset: 3 });
    expect(fetchFrom(l, f)).toBe(3);
  });

  it('a follower whose last epoch the leader has deleted, but which ends where the leader starts, keeps its log', () => {
    // L restarted its log at 5 (its older records deleted) and then led epoch 2. F holds epoch-1
    // records 0-4: asking about epoch 1 at offset 5 is in range, not a divergence.
    const l = new Replica('t', 0, 1);
    l.log.truncateFullyAndStartAt(5);
    l.becomeLeader(state({ leaderEpoch: 2, isr: [1] }), T0);
    write(l, 2, 2);
    const f = replicaOf(2, [[1, 5]]);
    expect(l.checkFetchPosition(1, 5)).toBeNull();
    expect(fetchFrom(l, f)).toBeNull();
  });

  it('a fetch below the leader’s log start offset is out of range, before any divergence check', () => {
    const l = leader({ records: 10, epoch: 5 });
    l.log.advanceLogStartOffset(6);
    expect(l.checkFetchPosition(0, 3)).toBe('out-of-range');
    expect(l.checkFetchPosition(-1, 3)).toBe('out-of-range');
  });

  it('the truncation offset never goes below the log start offset nor above the follower’s log end offset', () => {
    const f = replicaOf(2, [[0, 6]]);
    expect(f.divergenceOffset({ epoch: 0, endOffset: 100 })).toBe(6);
    f.log.advanceLogStartOffset(4);
    expect(f.divergenceOffset({ epoch: 0, endOffset: 2 })).toBe(4);
  });
});
