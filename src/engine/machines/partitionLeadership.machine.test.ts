/**
 * The controller's record of one partition (KRaft's PartitionRegistration): who leads, the ISR,
 * and the two epochs. leaderEpoch rises on every leader change — going offline included — so a
 * deposed leader's requests are fenced; partitionEpoch rises on every change, so a stale
 * AlterPartition is refused.
 */
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { alterPartitionError, isrWithout, NO_LEADER, partitionLeadershipMachine, type LeadershipEvent } from './partitionLeadership.machine';

function partition(leader = 1, isr = [1, 2, 3]) {
  return createActor(partitionLeadershipMachine, { input: { leader, isr } }).start();
}

function view(actor: ReturnType<typeof partition>) {
  const s = actor.getSnapshot();
  return { state: s.value, ...s.context };
}

describe('partitionLeadershipMachine', () => {
  it('starts online with the given leader and ISR, at epoch 0', () => {
    expect(view(partition(2, [2, 3]))).toEqual({ state: 'online', leader: 2, isr: [2, 3], leaderEpoch: 0, partitionEpoch: 0 });
  });

  it('an ISR change bumps the partition epoch only: the leader keeps its epoch', () => {
    const p = partition();
    p.send({ type: 'CHANGE_ISR', isr: [1, 2] });
    expect(view(p)).toEqual({ state: 'online', leader: 1, isr: [1, 2], leaderEpoch: 0, partitionEpoch: 1 });
    p.send({ type: 'CHANGE_ISR', isr: [1, 2, 3] });
    expect(view(p)).toMatchObject({ isr: [1, 2, 3], leaderEpoch: 0, partitionEpoch: 2 });
  });

  it('electing a new leader bumps both epochs and sets the ISR', () => {
    const p = partition();
    p.send({ type: 'ELECT', leader: 2, isr: [2, 3] });
    expect(view(p)).toEqual({ state: 'online', leader: 2, isr: [2, 3], leaderEpoch: 1, partitionEpoch: 1 });
  });

  it('losing the last leader takes the partition offline with no leader, and still bumps the leader epoch', () => {
    const p = partition(1, [1]);
    p.send({ type: 'GO_OFFLINE', isr: [1] });
    expect(view(p)).toEqual({ state: 'offline', leader: NO_LEADER, isr: [1], leaderEpoch: 1, partitionEpoch: 1 });
  });

  it('an offline partition comes back online when a leader is elected, with a higher epoch again', () => {
    const p = partition(1, [1]);
    p.send({ type: 'GO_OFFLINE', isr: [1] });
    p.send({ type: 'ELECT', leader: 1, isr: [1] });
    expect(view(p)).toEqual({ state: 'online', leader: 1, isr: [1], leaderEpoch: 2, partitionEpoch: 2 });
  });

  it('an unclean election: the out-of-sync leader becomes the whole ISR', () => {
    const p = partition(1, [1]);
    p.send({ type: 'GO_OFFLINE', isr: [1] });
    p.send({ type: 'ELECT', leader: 3, isr: [1], unclean: true });
    expect(view(p)).toMatchObject({ state: 'online', leader: 3, isr: [3], leaderEpoch: 2 });
  });

  it('a fenced broker leaves the ISR, but never its last member (the ISR is never empty)', () => {
    const p = partition(1, [1, 2]);
    p.send({ type: 'REMOVE_FROM_ISR', broker: 2 });
    expect(view(p)).toMatchObject({ isr: [1], partitionEpoch: 1 });
    expect(p.getSnapshot().can({ type: 'REMOVE_FROM_ISR', broker: 1 })).toBe(false);
    p.send({ type: 'REMOVE_FROM_ISR', broker: 1 });
    expect(view(p)).toMatchObject({ isr: [1], partitionEpoch: 1 });
    expect(p.getSnapshot().can({ type: 'REMOVE_FROM_ISR', broker: 3 })).toBe(false);
    expect(isrWithout([1, 2], 1)).toEqual([2]);
    expect(isrWithout([1], 1)).toEqual([1]);
  });

  it('an AlterPartition is taken only from the current leader, at the current epochs, adding only eligible replicas', () => {
    const p = partition(1, [1, 2]);
    const req = { broker: 1, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1, 2, 3], eligible: [1, 2, 3] };
    const { context } = p.getSnapshot();
    expect(alterPartitionError(context, { ...req, broker: 2 })).toBe('FENCED_LEADER_EPOCH');
    expect(alterPartitionError(context, { ...req, leaderEpoch: 1 })).toBe('FENCED_LEADER_EPOCH');
    expect(alterPartitionError(context, { ...req, partitionEpoch: 3 })).toBe('INVALID_UPDATE_VERSION');
    expect(alterPartitionError(context, { ...req, newIsr: [2, 3] })).toBe('INELIGIBLE_REPLICA');
    expect(alterPartitionError(context, { ...req, eligible: [1, 2] })).toBe('INELIGIBLE_REPLICA');
    // A fenced member may stay while a shrink is asked for; only joiners must be eligible.
    expect(alterPartitionError(context, { ...req, newIsr: [1, 2], eligible: [1] })).toBeNull();
    p.send({ type: 'ALTER_PARTITION', ...req, partitionEpoch: 3 });
    expect(view(p)).toMatchObject({ isr: [1, 2], partitionEpoch: 0 });
    p.send({ type: 'ALTER_PARTITION', ...req });
    expect(view(p)).toMatchObject({ isr: [1, 2, 3], partitionEpoch: 1, leaderEpoch: 0 });
  });

  it('an offline partition ignores GO_OFFLINE (nothing changes, no epoch is spent) but records ISR changes', () => {
    const p = partition(1, [1, 2]);
    p.send({ type: 'GO_OFFLINE', isr: [1] });
    p.send({ type: 'GO_OFFLINE', isr: [1] });
    expect(view(p)).toMatchObject({ state: 'offline', leaderEpoch: 1, partitionEpoch: 1 });
    p.send({ type: 'CHANGE_ISR', isr: [2] });
    expect(view(p)).toEqual({ state: 'offline', leader: NO_LEADER, isr: [2], leaderEpoch: 1, partitionEpoch: 2 });
  });

  it('epochs never go backwards whatever the sequence of changes', () => {
    const p = partition();
    const events: LeadershipEvent[] = [
      { type: 'CHANGE_ISR', isr: [1, 2] },
      { type: 'ELECT', leader: 2, isr: [2] },
      { type: 'CHANGE_ISR', isr: [2, 3] },
      { type: 'GO_OFFLINE', isr: [2] },
      { type: 'CHANGE_ISR', isr: [2] },
      { type: 'ELECT', leader: 2, isr: [2] },
      { type: 'ELECT', leader: 3, isr: [3] },
    ];
    let { leaderEpoch, partitionEpoch } = view(p);
    let leader = view(p).leader;
    for (const e of events) {
      p.send(e);
      const after = view(p);
      expect(after.partitionEpoch).toBe(partitionEpoch + 1);
      if (after.leader !== leader) expect(after.leaderEpoch).toBe(leaderEpoch + 1);
      else expect(after.leaderEpoch).toBe(leaderEpoch);
      ({ leaderEpoch, partitionEpoch, leader } = after);
    }
    expect(view(p)).toMatchObject({ leader: 3, leaderEpoch: 4, partitionEpoch: 7 });
  });

  it('a preferred election moves leadership back to the first replica only if it is in the ISR and unfenced', () => {
    const p = partition(2, [2, 3]);
    // Not in the ISR: refused.
    expect(p.getSnapshot().can({ type: 'ELECT_PREFERRED', leader: 1, eligible: true })).toBe(false);
    p.send({ type: 'CHANGE_ISR', isr: [2, 3, 1] });
    // In the ISR but fenced: refused.
    expect(p.getSnapshot().can({ type: 'ELECT_PREFERRED', leader: 1, eligible: false })).toBe(false);
    p.send({ type: 'ELECT_PREFERRED', leader: 1, eligible: true });
    expect(view(p)).toEqual({ state: 'online', leader: 1, isr: [2, 3, 1], leaderEpoch: 1, partitionEpoch: 2 });
    // Already leading: nothing to do.
    expect(p.getSnapshot().can({ type: 'ELECT_PREFERRED', leader: 1, eligible: true })).toBe(false);
  });

  it('going offline is taken only while online; a partition already offline stays as it is', () => {
    const p = partition(1, [1]);
    expect(p.getSnapshot().can({ type: 'GO_OFFLINE', isr: [1] })).toBe(true);
    p.send({ type: 'GO_OFFLINE', isr: [1] });
    expect(p.getSnapshot().can({ type: 'GO_OFFLINE', isr: [1] })).toBe(false);
    expect(p.getSnapshot().can({ type: 'ELECT', leader: 1, isr: [1] })).toBe(true);
  });

  it('an AlterPartition the controller must refuse is refused by the machine, which names why', () => {
    const p = partition(1, [1, 2]);
    const req = { broker: 1, leaderEpoch: 0, partitionEpoch: 0, newIsr: [1, 2, 3], eligible: [1, 2] };
    expect(p.getSnapshot().can({ type: 'ALTER_PARTITION', ...req })).toBe(false);
    expect(alterPartitionError(p.getSnapshot().context, req)).toBe('INELIGIBLE_REPLICA');
    expect(p.getSnapshot().can({ type: 'ALTER_PARTITION', ...req, eligible: [1, 2, 3] })).toBe(true);
    // Offline, nobody leads: every AlterPartition is fenced.
    p.send({ type: 'GO_OFFLINE', isr: [1, 2] });
    expect(p.getSnapshot().can({ type: 'ALTER_PARTITION', ...req, leaderEpoch: 1, partitionEpoch: 1, eligible: [1, 2, 3] })).toBe(false);
  });
});
