import { describe, expect, it } from 'vitest';
import type { GroupSnapshot, MemberSnapshot } from '../engine';
import { assignmentKey } from './owners';

const member = (node: string, partitions: [string, number, number][], alive = true): MemberSnapshot =>
  ({ version: 1, name: node.split('/')[1], node, state: 'stable', alive, paused: false, partitions: partitions.map(([topic, partition, position]) => ({ topic, partition, position, committed: position - 1, lag: 3 })) }) as unknown as MemberSnapshot;
const group = (members: MemberSnapshot[], version = 1): GroupSnapshot =>
  ({ version, id: 'billing', coordinator: 1, state: 'Stable', generation: 2, protocol: 'range', members, committed: {} }) as unknown as GroupSnapshot;

describe('the owner lines are drawn again only when the assignment changed', () => {
  const before = [group([member('billing/c1', [['orders', 0, 10]]), member('billing/c2', [['orders', 1, 4]])])];

  it('members fetching and committing (positions, lags, versions moving) leave the key as it was', () => {
    const later = [group([member('billing/c1', [['orders', 0, 250]]), member('billing/c2', [['orders', 1, 99]])], 7)];
    expect(assignmentKey(later)).toBe(assignmentKey(before));
  });

  it('a partition changing hands, a member dying or the members reordering (their colours follow the order) change it', () => {
    const moved = [group([member('billing/c1', [['orders', 0, 10], ['orders', 1, 4]]), member('billing/c2', [])])];
    const dead = [group([member('billing/c1', [['orders', 0, 10]]), member('billing/c2', [['orders', 1, 4]], false)])];
    const reordered = [group([member('billing/c2', [['orders', 1, 4]]), member('billing/c1', [['orders', 0, 10]])])];
    for (const next of [moved, dead, reordered]) expect(assignmentKey(next)).not.toBe(assignmentKey(before));
  });
});
