import { describe, expect, it } from 'vitest';
import { assignmentDiff, isCooperative, type OwnerLine } from './assignment';

const l = (member: string, row: string): OwnerLine => ({ member, row });
// c1 owned orders-0 and orders-1, c0 orders-2; c2 joins and takes orders-1.
const before = [l('g/c0', 'orders-2'), l('g/c1', 'orders-0'), l('g/c1', 'orders-1')];
const after = [l('g/c0', 'orders-2'), l('g/c1', 'orders-0'), l('g/c2', 'orders-1')];

describe('a rebalance as owner lines', () => {
  it('eager: a member that lost a partition gives up all it owned and gets its new set, its unchanged partition too', () => {
    const d = assignmentDiff(before, after, false);
    expect(d.revoked).toEqual([l('g/c1', 'orders-0'), l('g/c1', 'orders-1')]);
    expect(d.added).toEqual([l('g/c1', 'orders-0'), l('g/c2', 'orders-1')]);
    expect(d.kept).toEqual([l('g/c0', 'orders-2')]);
  });

  it('eager: everything revoked first (the members now own nothing), then everything assigned', () => {
    const revoke = assignmentDiff(before, [], false);
    expect(revoke).toEqual({ kept: [], revoked: before, added: [] });
    expect(assignmentDiff([], after, false)).toEqual({ kept: [], revoked: [], added: after });
  });

  it('cooperative: only the moved partition leaves one member and lands on the other', () => {
    const d = assignmentDiff(before, after, true);
    expect(d.kept).toEqual([l('g/c0', 'orders-2'), l('g/c1', 'orders-0')]);
    expect(d.revoked).toEqual([l('g/c1', 'orders-1')]);
    expect(d.added).toEqual([l('g/c2', 'orders-1')]);
  });

  it('nothing moves when the assignment is the same, whatever the protocol', () => {
    for (const cooperative of [false, true]) expect(assignmentDiff(before, [...before].reverse(), cooperative)).toEqual({ kept: [...before].reverse(), revoked: [], added: [] });
  });

  it('tells the cooperative protocol by its name or its class', () => {
    expect(isCooperative('cooperative-sticky')).toBe(true);
    expect(isCooperative('org.apache.kafka.clients.consumer.CooperativeStickyAssignor')).toBe(true);
    expect(isCooperative('range')).toBe(false);
    expect(isCooperative(null)).toBe(false);
  });
});
