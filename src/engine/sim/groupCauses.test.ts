/**
 * A consumer group's events say what brought them about, so a record processed twice or skipped
 * tells its story from the member's crash (or poll timeout, or restart) through the rebalance to
 * the offset reset that placed a member before it.
 */
import { describe, expect, it } from 'vitest';
import type { Traced, TraceEventOf } from '../core/trace';
import { builtInScenarios } from '../scenario/library';
import { createSimulation, type Simulation } from './simulation';

function run(id: string): { sim: Simulation; events: Map<number, Traced> } {
  const sim = createSimulation(builtInScenarios.find((s) => s.id === id)!.scenario, { recordTrace: true });
  sim.runUntil(sim.scenario.until);
  return { sim, events: new Map([...sim.trace()].map((e) => [e.id, e])) };
}

/** The chain of causes from `e` back to an event without one, newest first. */
function causes(events: Map<number, Traced>, e: Traced): Traced[] {
  const chain = [e];
  for (let at = e; at.cause !== undefined; ) chain.push((at = events.get(at.cause)!));
  return chain;
}

function firstVerdict<T extends 'RecordProcessedTwice' | 'RecordSkipped'>(sim: Simulation, type: T): Traced<TraceEventOf<T>> {
  return [...sim.trace()].find((e): e is Traced<TraceEventOf<T>> => e.type === type)!;
}

describe('consumer group causes', () => {
  it('auto commit: processed twice ← reset ← the new owner’s assignment ← the rebalance ← c1 leaving ← c1’s crash', () => {
    const { sim, events } = run('auto-commit-crash-duplicates');
    const twice = firstVerdict(sim, 'RecordProcessedTwice');
    const chain = causes(events, twice);
    expect(chain.map((e) => e.type)).toEqual(['RecordProcessedTwice', 'OffsetReset', 'MemberAssigned', 'GroupStateChanged', 'MemberLeft', 'ConsumerStopped']);
    expect(chain[1]).toMatchObject({ member: twice.member, reason: 'no-committed-offset' });
    expect(chain[2]).toMatchObject({ member: twice.member });
    expect(chain[3]).toMatchObject({ to: 'PreparingRebalance' });
    expect(chain[4]).toMatchObject({ member: 'c1', reason: 'session-timeout' });
    expect(chain[5]).toMatchObject({ member: 'c1', how: 'crashed' });
    // The story tells all of it, ending in the verdict.
    const story = sim.story(twice.recordId);
    for (const e of chain) expect(story.map((s) => s.id)).toContain(e.id);
    expect(story.at(-1)?.type).toBe('RecordProcessedTwice');
  });

  it('static membership: c1 back within its session gets its partition without a rebalance: assigned ← joined ← started ← crashed', () => {
    const { sim, events } = run('static-membership-restart');
    const twice = firstVerdict(sim, 'RecordProcessedTwice');
    const chain = causes(events, twice);
    expect(chain.map((e) => e.type)).toEqual(['RecordProcessedTwice', 'OffsetReset', 'MemberAssigned', 'MemberJoined', 'ConsumerStarted', 'ConsumerStopped']);
    expect(chain[5]).toMatchObject({ member: 'c1', how: 'crashed' });
  });

  it('a poll timeout: the member leaves because of it, and its rejoin names that leaving', () => {
    const { sim, events } = run('slow-processing-leaves-group');
    const twice = firstVerdict(sim, 'RecordProcessedTwice');
    const chain = causes(events, twice);
    expect(chain.map((e) => e.type)).toEqual(['RecordProcessedTwice', 'OffsetReset', 'MemberAssigned', 'GroupStateChanged', 'MemberJoined', 'MemberLeft', 'RebalanceNeeded']);
    expect(chain[5]).toMatchObject({ reason: 'leave-group' });
    expect(chain[6]).toMatchObject({ reason: 'poll-timeout' });
  });

  it('a group that starts late with auto.offset.reset=latest: the skipped record’s story begins with the consumer starting', () => {
    const { sim, events } = run('latest-offset-reset-skips');
    const skipped = firstVerdict(sim, 'RecordSkipped');
    const chain = causes(events, skipped);
    expect(chain.map((e) => e.type)).toEqual(['RecordSkipped', 'OffsetReset', 'MemberAssigned', 'GroupStateChanged', 'MemberJoined', 'ConsumerStarted']);
    expect(chain[1]).toMatchObject({ policy: 'latest' });
  });

  it('commit before processing: a skipped record names the member’s crash and the commit that had already passed it', () => {
    const { sim, events } = run('commit-before-processing-loses');
    const skipped = firstVerdict(sim, 'RecordSkipped');
    expect(events.get(skipped.cause!)).toMatchObject({ type: 'ConsumerStopped', how: 'crashed' });
    const commit = events.get(skipped.commit!) as Traced<TraceEventOf<'OffsetsCommitted'>>;
    expect(commit).toMatchObject({ type: 'OffsetsCommitted', group: skipped.group });
    expect(commit.offsets[`${skipped.topic}-${skipped.partition}`]).toBeGreaterThan(skipped.offset);
    expect(commit.t).toBeLessThan(skipped.t);
    expect(sim.story(skipped.recordId).map((e) => e.id)).toEqual(expect.arrayContaining([commit.id, skipped.cause, skipped.id]));
  });
});

