/**
 * Trace events are numbered in emit order and say what caused them: an acknowledgement points at
 * the HW advance (acks=all) or the append (acks=1), a truncation at the election, a lost record
 * at the truncation, power loss or election that removed it; truncations and power losses name
 * the records they removed; an election lists what each candidate had.
 */
import { describe, expect, it } from 'vitest';
import type { Traced, TraceEventOf } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { createSimulation } from './simulation';

function run(id: string): Traced[] {
  const sim = createSimulation(builtInScenarios.find((s) => s.id === id)!.scenario, { recordTrace: true });
  sim.runUntil(sim.scenario.until);
  return [...sim.trace()];
}

const byId = (trace: readonly Traced[]): Map<number, Traced> => new Map(trace.map((e) => [e.id, e]));
const of = <T extends Traced['type']>(trace: readonly Traced[], type: T): Traced<TraceEventOf<T>>[] =>
  trace.filter((e): e is Traced<TraceEventOf<T>> => e.type === type);

describe('event ids and causes', () => {
  it('numbers events 1, 2, 3 … in emit order; every cause is an earlier event', () => {
    const trace = run('acks1-leader-crash');
    expect(trace.map((e) => e.id)).toEqual(trace.map((_, i) => i + 1));
    for (const e of trace) if (e.cause !== undefined) expect(e.cause).toBeLessThan(e.id);
  });

  it('acks=1: an acknowledgement is caused by the leader append; acks=all: by the HW advance past it', () => {
    const acks1 = run('acks1-leader-crash');
    const events1 = byId(acks1);
    for (const ack of of(acks1, 'Acked').slice(0, 20)) {
      expect(events1.get(ack.cause!)).toMatchObject({ type: 'Appended', role: 'leader', recordIds: ack.recordIds });
    }
    const all = run('acksall-min-isr-2');
    const events = byId(all);
    for (const ack of of(all, 'Acked').slice(0, 20)) {
      const hw = events.get(ack.cause!);
      expect(hw?.type).toBe('HighWatermarkAdvanced');
      expect((hw as TraceEventOf<'HighWatermarkAdvanced'>).highWatermark).toBeGreaterThan(ack.offset + ack.recordIds.length - 1);
    }
  });

  it('a crashed leader: fenced ← crash, election ← fencing (with each candidate’s LEO and epoch), truncation ← election, naming the records it removed', () => {
    const trace = run('acks1-leader-crash');
    const events = byId(trace);
    const election = of(trace, 'LeaderElected')[0]!;
    const fenced = events.get(election.cause!)!;
    expect(fenced).toMatchObject({ type: 'BrokerFenced', broker: 1, reason: 'session-timeout' });
    expect(events.get(fenced.cause!)).toMatchObject({ type: 'BrokerCrashed', broker: 1 });
    expect(election.candidates!.map((c) => c.broker)).toEqual([1, 2, 3]);
    const old = election.candidates!.find((c) => c.broker === 1)!;
    const chosen = election.candidates!.find((c) => c.broker === election.leader)!;
    expect(old).toMatchObject({ up: false, leaderEpoch: 0 });
    expect(old.logEndOffset).toBeGreaterThan(chosen.logEndOffset);

    const truncation = of(trace, 'Truncated').find((e) => e.broker === 1)!;
    expect(events.get(truncation.cause!)?.type).toBe('LeaderElected');
    expect(truncation.recordIds).toHaveLength(truncation.fromOffset - truncation.toOffset);
    // What it removed is what was lost (acknowledged) or never acknowledged at all.
    const lost = new Set(of(trace, 'RecordLost').map((e) => e.recordId));
    const acked = new Set(of(trace, 'Acked').flatMap((e) => e.recordIds));
    for (const id of truncation.recordIds) expect(!acked.has(id) || lost.has(id)).toBe(true);
  });

  it("a request cut off by the broker's crash: its NETWORK_EXCEPTION is caused by the crash, and a reordered record's story shows it", () => {
    const id = 'acks1-leader-crash';
    const trace = run(id);
    const events = byId(trace);
    const crash = of(trace, 'BrokerCrashed').find((e) => e.broker === 1)!;
    const errors = of(trace, 'ProduceErrored').filter((e) => e.broker === 1 && e.error === 'NETWORK_EXCEPTION');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(events.get(e.cause!)).toEqual(crash);
    const sim = createSimulation(builtInScenarios.find((s) => s.id === id)!.scenario);
    sim.runUntil(sim.scenario.until);
    const reordered = of(trace, 'RecordReordered')[0]!;
    expect(sim.story(reordered.recordId).map((e) => e.type)).toContain('BrokerCrashed');
  });

  it('power loss: the records lost are named, and the loss of the new leader’s copy is the cause of each RecordLost', () => {
    const trace = run('power-loss-default-flush');
    const events = byId(trace);
    const lost = of(trace, 'RecordLost');
    expect(lost.length).toBeGreaterThan(0);
    for (const v of lost) {
      const removal = events.get(v.cause!) as Traced<TraceEventOf<'UnflushedDataLost'>>;
      expect(removal.type).toBe('UnflushedDataLost');
      expect(removal.recordIds).toContain(v.recordId);
      const election = events.get(v.election!) as Traced<TraceEventOf<'LeaderElected'>>;
      expect(election.type).toBe('LeaderElected');
      expect(removal.broker).toBe(election.leader);
      expect(events.get(removal.cause!)).toMatchObject({ type: 'BrokerCrashed', broker: removal.broker, powerLoss: true });
    }
  });

  it('a new leader that lagged behind slowed links: each record it never had names the slowing, and the story tells it', () => {
    for (const id of ['acks1-leader-crash', 'acks0-leader-crash']) {
      const trace = run(id);
      const events = byId(trace);
      const lost = of(trace, 'RecordLost');
      expect(lost.length, id).toBeGreaterThan(0);
      for (const v of lost) {
        const election = events.get(v.election ?? v.cause!) as Traced<TraceEventOf<'LeaderElected'>>;
        expect(events.get(v.heldBackBy!), id).toMatchObject({ type: 'LinkSlowed', broker: election.leader });
      }
      const sim = createSimulation(builtInScenarios.find((s) => s.id === id)!.scenario);
      sim.runUntil(sim.scenario.until);
      const story = sim.story(lost[0]!.recordId);
      expect(story.map((e) => e.type)).toEqual(expect.arrayContaining(['LinkSlowed', 'BrokerCrashed', 'LeaderElected']));
      expect(story.at(-1)?.type).toBe('RecordLost');
    }
  });

  it('a slowing taken back (latency 0) before the election is not named as the reason', () => {
    const base = builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario as { script: { at: number }[] };
    const script = [...base.script, { at: 1400, do: 'slow', broker: 2, 'latency.ms': 0 }].sort((a, b) => a.at - b.at);
    const sim = createSimulation({ ...base, script }, { recordTrace: true });
    sim.runUntil(sim.scenario.until);
    const lost = of([...sim.trace()], 'RecordLost');
    // Slowed messages still on the wire at the crash are lost all the same, without that reason.
    expect(lost.length).toBeGreaterThan(0);
    for (const v of lost) expect(v.heldBackBy).toBeUndefined();
  });

  it('an unclean election: a record the stale leader never had names the ISR shrink that left it behind, caused by the cut', () => {
    const trace = run('jepsen-unclean-election');
    const events = byId(trace);
    const lost = of(trace, 'RecordLost');
    expect(lost.length).toBeGreaterThan(0);
    for (const v of lost) {
      const election = events.get(v.election ?? v.cause!) as Traced<TraceEventOf<'LeaderElected'>>;
      expect(election).toMatchObject({ type: 'LeaderElected', unclean: true });
      const shrink = events.get(v.heldBackBy!) as Traced<TraceEventOf<'IsrShrunk'>>;
      expect(shrink.type).toBe('IsrShrunk');
      expect(shrink.removed).toContain(election.leader);
      expect(events.get(shrink.cause!)).toMatchObject({ type: 'LinkCut', between: ['b1', `b${election.leader}`] });
    }
  });
});

