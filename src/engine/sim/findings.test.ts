/**
 * Liveness findings of the fault hunt in the network and replication (src/hunt/findings): records
 * sent well after the cluster healed, in a configuration Kafka promises is safe, must be
 * acknowledged. Each test runs the hunt's shrunk reproducer.
 */
import { describe, expect, it } from 'vitest';
import type { Traced, TraceEventOf } from '../core/trace';
import { runScenario } from '../scenario/run';
import restartingBroker from './fixtures/new-2-request-to-restarting-broker-vanishes.json';

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
