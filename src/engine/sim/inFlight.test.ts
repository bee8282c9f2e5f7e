/**
 * Messages in flight, end to end: every request and answer of a real run is traced with Kafka's
 * API name, ends exactly once (delivered or dropped), and `inFlight()` shows what is on the wire
 * at any moment — what the view draws as tokens moving between nodes.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent, TraceEventOf } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { KAFKA_API_NAMES } from './messages';
import { createSimulation } from './simulation';

const scenarioOf = (id: string): unknown => builtInScenarios.find((s) => s.id === id)!.scenario;

describe('messages in flight in a running cluster', () => {
  it('a leader crash with a consumer group: every message sent is delivered or dropped once, or still on the wire', () => {
    const sim = createSimulation(scenarioOf('coordinator-failover'));
    const kinds = new Set<string>();
    const live = new Map<number, TraceEventOf<'MessageSent'>>();
    let endedTwice = 0;
    let nodeDown = 0;
    sim.subscribe((e) => {
      if (e.type === 'MessageSent') {
        kinds.add(e.kind);
        live.set(e.messageId, e);
      } else if (e.type === 'MessageDelivered' || e.type === 'MessageDropped') {
        if (!live.delete(e.messageId)) endedTwice++;
        if (e.type === 'MessageDropped' && e.reason === 'node-down') nodeDown++;
      }
    });
    const names = new Set<string>(Object.values(KAFKA_API_NAMES));
    for (let t = 997; t <= 25_000; t += 3000) {
      sim.runUntil(t);
      // On the wire now = sent and not yet ended, oldest first, as sent.
      expect(sim.inFlight()).toEqual([...live.values()].map(({ t: _t, type: _type, ...m }) => m));
      for (const m of sim.inFlight()) expect(m.deliverAt).toBeGreaterThan(t);
    }
    expect(endedTwice).toBe(0);
    for (const k of kinds) expect(names.has(k)).toBe(true);
    for (const k of ['Produce', 'ProduceResponse', 'Fetch', 'FetchResponse', 'BrokerHeartbeat', 'JoinGroup', 'SyncGroup', 'Heartbeat', 'OffsetCommit', 'FindCoordinator']) {
      expect(kinds).toContain(k);
    }
    // The crash loses messages to the dead broker.
    expect(nodeDown).toBeGreaterThan(0);
  }, 30_000);

  it('a Produce message carries the records of its batches, and its answer comes back on the same correlation id', () => {
    const sim = createSimulation(scenarioOf('acks1-leader-crash'));
    const events: TraceEvent[] = [];
    sim.subscribe((e) => events.push(e));
    sim.runUntil(2000);
    const produce = events.filter((e): e is TraceEventOf<'MessageSent'> => e.type === 'MessageSent' && e.kind === 'Produce');
    expect(produce.length).toBeGreaterThan(0);
    for (const m of produce) {
      const batches = events.filter((e): e is TraceEventOf<'ProduceRequested'> => e.type === 'ProduceRequested' && e.t === m.t && e.correlationId === m.correlationId && e.producer === m.from);
      expect(m.recordIds).toEqual(batches.flatMap((b) => b.recordIds));
      const answer = events.find((e) => e.type === 'MessageSent' && e.kind === 'ProduceResponse' && e.correlationId === m.correlationId && e.to === m.from);
      if (m.deliverAt < 1500) expect(answer).toBeDefined();
    }
  });
});
