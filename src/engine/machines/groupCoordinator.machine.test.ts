/**
 * The classic group's states as Kafka's coordinator moves through them (ClassicGroupState's valid
 * previous states), driven by sending events to a bare actor.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { groupCoordinatorMachine, loadedGroupSnapshot, type GroupEvent, type GroupState } from './groupCoordinator.machine';

function groupAfter(...events: GroupEvent[]) {
  const actor = createActor(groupCoordinatorMachine, { input: { generation: 0 } }).start();
  const states: GroupState[] = [actor.getSnapshot().value as GroupState];
  for (const e of events) {
    actor.send(e);
    states.push(actor.getSnapshot().value as GroupState);
  }
  return { states, generation: actor.getSnapshot().context.generation, status: actor.getSnapshot().status };
}

const prepare: GroupEvent = { type: 'PREPARE_REBALANCE' };
/** The join phase over: every member rejoined. */
const joined = (members: number): GroupEvent => ({ type: 'JOIN_COMPLETE', members, notJoined: 0, initialDelay: false, timerFired: false });
/** The assignment of the generation the group is at after `n` completed join phases (from 0). */
const syncedAt = (generation: number): GroupEvent => ({ type: 'SYNC_COMPLETE', generation });
const synced = syncedAt(1);

describe('groupCoordinatorMachine', () => {
  it('a first member: Empty → PreparingRebalance → CompletingRebalance → Stable, generation 1', () => {
    const g = groupAfter(prepare, joined(1), synced);
    expect(g.states).toEqual(['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable']);
    expect(g.generation).toBe(1);
  });

  it('every completed join phase starts a new generation', () => {
    expect(groupAfter(prepare, joined(1), synced, prepare, joined(2), syncedAt(2)).generation).toBe(2);
  });

  it('the join phase does not complete while a known member has not rejoined, until a timer ends it', () => {
    const waiting: GroupEvent = { type: 'JOIN_COMPLETE', members: 1, notJoined: 1, initialDelay: false, timerFired: false };
    expect(groupAfter(prepare, waiting).states.at(-1)).toBe('PreparingRebalance');
    // The rebalance timeout fired: the phase ends with those who joined (the others are dropped).
    const timedOut: GroupEvent = { type: 'JOIN_COMPLETE', members: 1, notJoined: 1, initialDelay: false, timerFired: true };
    const g = groupAfter(prepare, waiting, timedOut);
    expect(g.states.at(-1)).toBe('CompletingRebalance');
    expect(g.generation).toBe(1);
  });

  it('the initial rebalance delay holds the join phase even when everyone has joined', () => {
    const early: GroupEvent = { type: 'JOIN_COMPLETE', members: 2, notJoined: 0, initialDelay: true, timerFired: false };
    expect(groupAfter(prepare, early).states.at(-1)).toBe('PreparingRebalance');
    const delayOver: GroupEvent = { type: 'JOIN_COMPLETE', members: 2, notJoined: 0, initialDelay: false, timerFired: true };
    expect(groupAfter(prepare, early, delayOver).states.at(-1)).toBe('CompletingRebalance');
  });

  it('an assignment for an older generation does not make the group Stable', () => {
    const g = groupAfter(prepare, joined(2), prepare, joined(2), syncedAt(1));
    expect(g.states.at(-1)).toBe('CompletingRebalance');
    expect(groupAfter(prepare, joined(2), prepare, joined(2), syncedAt(2)).states.at(-1)).toBe('Stable');
  });

  it('when every member is gone the join completes into Empty, still with a new generation', () => {
    const g = groupAfter(prepare, joined(1), synced, prepare, joined(0));
    expect(g.states.at(-1)).toBe('Empty');
    expect(g.generation).toBe(2);
  });

  it('a join or leave while the leader computes the assignment starts over', () => {
    expect(groupAfter(prepare, joined(2), prepare).states.at(-1)).toBe('PreparingRebalance');
  });

  it('ignores transitions Kafka does not allow', () => {
    expect(groupAfter(synced).states).toEqual(['Empty', 'Empty']);
    expect(groupAfter(joined(1)).states).toEqual(['Empty', 'Empty']);
    expect(groupAfter(prepare, synced).states.at(-1)).toBe('PreparingRebalance');
    expect(groupAfter(prepare, prepare).states.at(-1)).toBe('PreparingRebalance');
    expect(groupAfter(prepare, joined(1), synced, synced, joined(1)).states.at(-1)).toBe('Stable');
  });

  it('any state can be unloaded to Dead, which is final', () => {
    for (const path of [[], [prepare], [prepare, joined(1)], [prepare, joined(1), synced]]) {
      const g = groupAfter(...path, { type: 'UNLOAD' });
      expect(g.states.at(-1)).toBe('Dead');
      expect(g.status).toBe('done');
    }
  });

  it('a group loaded from __consumer_offsets resumes Stable (or Empty) at its stored generation', () => {
    const actor = createActor(groupCoordinatorMachine, { snapshot: loadedGroupSnapshot(7, 'Stable'), input: { generation: 7 } }).start();
    expect(actor.getSnapshot().value).toBe('Stable');
    actor.send(prepare);
    actor.send(joined(1));
    expect(actor.getSnapshot().context.generation).toBe(8);
  });
});
