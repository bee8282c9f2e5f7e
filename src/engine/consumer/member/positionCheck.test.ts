/**
 * KIP-320: after an unclean election cut the log under a consumer's position, the consumer finds
 * out from the new leader (OffsetForLeaderEpoch) and goes back to where the logs diverge, instead
 * of falling off the log end and starting over by auto.offset.reset.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core/trace';
import { run } from '../../run/builtInRuns';

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
});
