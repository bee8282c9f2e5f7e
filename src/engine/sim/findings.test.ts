/**
 * Liveness findings of the fault hunt in the network and replication (src/hunt/findings): records
 * sent well after the cluster healed, in a configuration Kafka promises is safe, must be
 * acknowledged. Each test runs the hunt's shrunk reproducer.
 */
import { describe, expect, it } from 'vitest';
import type { Traced, TraceEventOf } from '../core/trace';
import { runScenario } from '../run/run';
import restartingBroker from './fixtures/new-2-request-to-restarting-broker-vanishes.json';
import cutLosesFetch from './fixtures/new-3-cut-loses-follower-fetch.json';

function runWithEvents(input: unknown): { events: Traced[]; report: ReturnType<typeof runScenario> } {
  const events: Traced[] = [];
  const report = runScenario(input, { onEvent: (e) => events.push(e as Traced) });
  return { events, report };
}

const of = <T extends Traced['type']>(events: Traced[], type: T): TraceEventOf<T>[] =>
  events.filter((e): e is Traced & TraceEventOf<T> => e.type === type);

describe('hunt findings: the network tells senders their connection broke', () => {
  it('new-2: a request in flight to a crashed broker that restarts before it arrives resets the connection, and the record sent after the restart is acknowledged', () => {
    const { events, report } = runWithEvents(restartingBroker);
    // A request sent to b1 while it was down arrives after its restart (20615 ms).
    const late = of(events, 'MessageDropped').filter((e) => e.reason === 'node-down' && e.from === 'p1' && e.to === 'b1' && e.t > 20615);
    expect(late.length).toBeGreaterThan(0);
    // p1 learns at once that the connection is gone (a reset) and never waits request.timeout.ms
    // for an answer that cannot come; before the fix record 1 waited 30 s for REQUEST_TIMED_OUT.
    expect(of(events, 'ProduceErrored').filter((e) => e.error === 'REQUEST_TIMED_OUT')).toEqual([]);
    // Both records are acknowledged; none fails.
    expect(of(events, 'SendFailed')).toEqual([]);
    expect(of(events, 'Acked').flatMap((e) => e.recordIds).sort()).toEqual([1, 2]);
    expect(report.records).toMatchObject({ duplicated: 0, lostAcknowledged: 0 });
  });
});

describe('hunt findings: a short cut does not stall replication after the heal', () => {
  it('new-3: a follower whose fetch answer was lost in a 4 s cut fetches again after the heal, and the acks=all record sent 15 s later is acknowledged', () => {
    const { events, report } = runWithEvents(cutLosesFetch);
    // b4 is isolated 5324–9593 ms and loses fetch answers in flight.
    expect(of(events, 'MessageDropped').some((e) => e.reason === 'link-cut' && e.to === 'b4')).toBe(true);
    // Before the fix b4 sent no fetch until replica.socket.timeout.ms (36022 ms), and the record
    // sent at 24593 ms failed with REQUEST_TIMED_OUT then DELIVERY_TIMEOUT.
    const b4FetchAfterHeal = of(events, 'MessageSent').find((e) => e.from === 'b4' && e.kind === 'Fetch' && e.t >= 9593);
    expect(b4FetchAfterHeal!.t).toBeLessThan(24593);
    expect(of(events, 'SendFailed')).toEqual([]);
    expect(of(events, 'Acked').flatMap((e) => e.recordIds)).toEqual([1]);
    expect(report.records).toMatchObject({ duplicated: 0, lostAcknowledged: 0 });
  });
});
