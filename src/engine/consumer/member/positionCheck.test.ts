/**
 * KIP-320: after an unclean election cut the log under a consumer's position, the consumer finds
 * out from the new leader (OffsetForLeaderEpoch) and goes back to where the logs diverge, instead
 * of falling off the log end and starting over by auto.offset.reset.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace';
import { run } from '../../run/builtInRuns';
import { runScenario } from '../../run/run';
import { uncleanCutUnderGroup } from '../fixtures/uncleanCut';

/** Jepsen's unclean election, with a group reading the partition from the start. */
function uncleanWithGroup() {
  return run('jepsen-unclean-election', (s) => {
    s.groups = [{ 'group.id': 'billing', topics: ['orders'], members: 1, 'auto.offset.reset': 'earliest' }];
  });
}

const of = <T extends TraceEvent['type']>(events: TraceEvent[], type: T) => events.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type);

describe('a consumer checks its position against a new leader (KIP-320)', () => {
  it('moves back to where the new leader\'s log diverges and processes nothing twice', () => {
    const { report, events } = uncleanWithGroup();
    const unclean = of(events, 'LeaderElected').find((e) => e.unclean)!;
    // The new leader's log ends where the epoch the consumer read in ends there: its LEO when elected.
    const divergence = unclean.candidates!.find((c) => c.broker === unclean.leader)!.logEndOffset;
    const check = of(events, 'MessageSent').find((e) => e.kind === 'OffsetForLeaderEpoch');
    expect(check).toMatchObject({ from: 'billing/c1', to: `b${unclean.leader}` });
    const resets = of(events, 'OffsetReset').filter((e) => e.reason === 'truncation');
    expect(resets).toEqual([expect.objectContaining({ member: 'c1', topic: 'orders', partition: 0, offset: divergence })]);
    expect(resets[0]!.t).toBeGreaterThan(unclean.t);
    // Without the check the consumer fell off the shorter log and auto.offset.reset=earliest read
    // the surviving records again.
    expect(of(events, 'OffsetReset').some((e) => e.reason === 'out-of-range')).toBe(false);
    expect(report.records).toMatchObject({ consumed: report.records.sent, processedTwice: 0, skipped: 0 });
  });

  it('a clean leader change checks the position and finds it good: no reset', () => {
    const { events } = run('coordinator-failover');
    const checks = of(events, 'MessageSent').filter((e) => e.kind === 'OffsetForLeaderEpoch');
    expect(checks.length).toBeGreaterThan(0);
    expect(of(events, 'OffsetReset').filter((e) => e.reason === 'truncation')).toEqual([]);
  });

  it('a member starting from a commit of positions checks the commit\'s leader epoch too', () => {
    // orders-0 on [b1, b2]: b2 falls out of the ISR holding offsets 0–9, the group commits up to 70
    // on b1 alone, b1 crashes, its member leaves, b2 is elected uncleanly at 19 s and writes new
    // records from offset 10; a new member starts from the group's commit (70, epoch 0) at 23 s.
    const events: TraceEvent[] = [];
    const report = runScenario(
      uncleanCutUnderGroup('a commit above an unclean cut', { commit: 'sync-after-processing' }, 'removeMember'),
      { onEvent: (e) => events.push(e) },
    );
    const unclean = of(events, 'LeaderElected').find((e) => e.topic === 'orders' && e.unclean)!;
    expect(unclean.candidates!.find((c) => c.broker === 2)!.logEndOffset).toBe(10);
    expect(of(events, 'MemberAssigned').find((e) => e.member === 'c2')!.t).toBeGreaterThan(unclean.t);
    expect(of(events, 'OffsetReset').filter((e) => e.member === 'c2')).toEqual([expect.objectContaining({ reason: 'truncation', offset: 10 })]);
    // The records b2 wrote at offsets 10–69 are read, none skipped (accountingUnclean.test.ts has the
    // same cut under a commit without an epoch, which skips them).
    // Every record was consumed: the 60 lost ones by c1 before the cut, their successors by c2.
    expect(report.records).toMatchObject({ skipped: 0, consumed: report.records.sent });
  });
});
