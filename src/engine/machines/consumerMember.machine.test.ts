/** A consumer's membership as the client sees it, driven by sending events to a bare actor. */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { consumerMemberMachine, NO_GENERATION, UNKNOWN_MEMBER_ID, type MemberEvent } from './consumerMember.machine';

function memberAfter(...events: MemberEvent[]) {
  const actor = createActor(consumerMemberMachine).start();
  for (const e of events) actor.send(e);
  const s = actor.getSnapshot();
  return { state: s.value, ...s.context };
}

const join: MemberEvent = { type: 'JOIN' };
const joined: MemberEvent = { type: 'JOINED', memberId: 'c1-0001', generation: 3 };
const synced: MemberEvent = { type: 'SYNCED' };

describe('consumerMemberMachine', () => {
  it('starts unjoined with no member id and no generation', () => {
    expect(memberAfter()).toEqual({ state: 'unjoined', memberId: UNKNOWN_MEMBER_ID, generation: NO_GENERATION });
  });

  it('joins, syncs and is stable with the id and generation of its JoinGroup response', () => {
    expect(memberAfter(join, joined, synced)).toEqual({ state: 'stable', memberId: 'c1-0001', generation: 3 });
  });

  it('rejoins from stable, and from syncing when SyncGroup says REBALANCE_IN_PROGRESS', () => {
    expect(memberAfter(join, joined, synced, join).state).toBe('joining');
    expect(memberAfter(join, joined, join).state).toBe('joining');
  });

  it('ILLEGAL_GENERATION keeps the member id; UNKNOWN_MEMBER_ID forgets it', () => {
    expect(memberAfter(join, joined, synced, { type: 'RESET', forgetMemberId: false })).toEqual({ state: 'unjoined', memberId: 'c1-0001', generation: NO_GENERATION });
    expect(memberAfter(join, joined, synced, { type: 'RESET', forgetMemberId: true })).toEqual({ state: 'unjoined', memberId: UNKNOWN_MEMBER_ID, generation: NO_GENERATION });
  });

  it('ignores a JoinGroup answer when it is not joining, and SYNCED before JOINED', () => {
    expect(memberAfter(joined).state).toBe('unjoined');
    expect(memberAfter(join, synced).state).toBe('joining');
  });

  it('closing or crashing ends it from any state', () => {
    for (const end of [{ type: 'CLOSE' }, { type: 'CRASH' }] as const) {
      expect(memberAfter(end).state).toBe('dead');
      expect(memberAfter(join, joined, synced, end).state).toBe('dead');
      expect(memberAfter(join, joined, end).state).toBe('dead');
    }
  });

  it('says what each state allows: heartbeats with a generation, commits only when stable', () => {
    const tags = (...events: MemberEvent[]) => {
      const actor = createActor(consumerMemberMachine).start();
      for (const e of events) actor.send(e);
      const snapshot = actor.getSnapshot();
      return (['inGeneration', 'committing', 'rebalancing'] as const).filter((t) => snapshot.hasTag(t));
    };
    expect(tags()).toEqual([]);
    expect(tags(join)).toEqual(['rebalancing']);
    expect(tags(join, joined)).toEqual(['inGeneration', 'rebalancing']);
    expect(tags(join, joined, synced)).toEqual(['inGeneration', 'committing']);
    expect(tags(join, joined, synced, { type: 'RESET', forgetMemberId: true })).toEqual([]);
    expect(tags(join, joined, synced, { type: 'CLOSE' })).toEqual([]);
  });

  it('takes no second JOIN while joining, and no RESET when it has nothing to reset', () => {
    const actor = createActor(consumerMemberMachine).start();
    expect(actor.getSnapshot().can({ type: 'RESET', forgetMemberId: true })).toBe(false);
    actor.send(join);
    expect(actor.getSnapshot().can(join)).toBe(false);
    expect(actor.getSnapshot().can({ type: 'RESET', forgetMemberId: true })).toBe(true);
  });
});
