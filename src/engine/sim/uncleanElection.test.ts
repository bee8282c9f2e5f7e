/**
 * Unclean leader election in KRaft: an offline partition gets an unclean leader when a broker is
 * unfenced, or from the controller's periodic check every unclean.leader.election.interval.ms
 * (KAFKA-12670); turning unclean.leader.election.enable on at run time elects nothing by itself.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../core/trace';
import { runScenario } from '../run/run';

/**
 * t-0 on [1, 2]: b2 crashes (the ISR shrinks to [1]), then b1; the partition goes offline with
 * ISR [1]. b2 comes back, out of sync: with unclean election off it may not lead. At 40 s the
 * learner turns unclean election on.
 */
function offlineThenAllowed(broker: Record<string, unknown> = {}, set: Record<string, unknown> = { do: 'set', config: { 'unclean.leader.election.enable': true } }) {
  return {
    name: 'unclean election turned on while offline',
    seed: 1,
    until: 100000,
    brokers: 3,
    topics: [{ name: 't', partitions: 1, 'replication.factor': 2, 'replica.assignment': [[1, 2]] }],
    broker: { 'unclean.leader.election.enable': false, ...broker },
    producers: [{ id: 'p1', acks: '1', 'enable.idempotence': false }],
    script: [
      { at: 0, do: 'produce', producer: 'p1', topic: 't', count: 10, every: 100, key: 'k{i}' },
      { at: 1000, do: 'crash', broker: 2 },
      { at: 15000, do: 'crash', broker: 1 },
      { at: 30000, do: 'restart', broker: 2 },
      { at: 40000, ...set },
    ],
  };
}

function run(input: unknown) {
  const events: TraceEvent[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e) });
  return { report, events };
}

describe('unclean.leader.election.enable turned on at run time', () => {
  it('elects nothing at once: with the default 5-minute check, the partition is still offline a minute later', () => {
    const { report, events } = run(offlineThenAllowed());
    const offline = events.find((e) => e.type === 'PartitionOffline');
    expect(offline).toMatchObject({ isr: [1] });
    expect(events.find((e) => e.type === 'BrokerUnfenced' && e.broker === 2)).toBeDefined();
    expect(events.filter((e) => e.type === 'LeaderElected' && e.t > offline!.t)).toEqual([]);
    expect(report.partitions[0]).toMatchObject({ leader: -1 });
  });

  it('the controller\'s next periodic check elects the out-of-sync replica', () => {
    const interval = 20000;
    const { report, events } = run(offlineThenAllowed({ 'unclean.leader.election.interval.ms': interval }));
    const offline = events.find((e) => e.type === 'PartitionOffline')!;
    const elected = events.find((e) => e.type === 'LeaderElected' && e.t > offline.t);
    // The check was scheduled when the partition went offline; it runs after the setting changed.
    expect(offline.t + interval).toBeGreaterThan(40000);
    expect(elected).toMatchObject({ t: offline.t + interval, leader: 2, unclean: true, isr: [2] });
    expect(report.partitions[0]).toMatchObject({ leader: 2 });
  });

  it('a check that finds unclean election still off looks again one interval later', () => {
    const interval = 15000;
    const { events } = run(offlineThenAllowed({ 'unclean.leader.election.interval.ms': interval }));
    const offline = events.find((e) => e.type === 'PartitionOffline')!;
    // offline + 15 s is before the setting (40 s); the check after that elects.
    expect(offline.t + interval).toBeLessThan(40000);
    const elected = events.find((e) => e.type === 'LeaderElected' && e.t > offline.t);
    expect(elected).toMatchObject({ t: offline.t + 2 * interval, leader: 2, unclean: true });
  });

  it('a topic-level override is honoured by the check too', () => {
    const { events } = run(
      offlineThenAllowed({ 'unclean.leader.election.interval.ms': 20000 }, { do: 'set', topic: 't', config: { 'unclean.leader.election.enable': true } }),
    );
    expect(events.find((e) => e.type === 'LeaderElected' && e.t > 40000)).toMatchObject({ leader: 2, unclean: true });
  });

  it('when unclean election is already on, unfencing a broker elects it at once (handleBrokerUnfenced)', () => {
    const input = offlineThenAllowed({ 'unclean.leader.election.enable': true });
    input.script = input.script.filter((a) => a.do !== 'set');
    const { events } = run(input);
    const offline = events.find((e) => e.type === 'PartitionOffline')!;
    const unfenced = events.find((e) => e.type === 'BrokerUnfenced' && e.broker === 2 && e.t > offline.t)!;
    const elected = events.find((e) => e.type === 'LeaderElected' && e.t > offline.t);
    expect(elected).toMatchObject({ t: unfenced.t, leader: 2, unclean: true });
  });
});
