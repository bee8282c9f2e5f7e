/** Truncated cells are remembered as ghosts for a while, and forgotten on a seek back. */
import { describe, expect, it } from 'vitest';
import type { LogCell } from '../engine';
import { lostCells } from './ghosts';

const cell = (offset: number, recordId: number): LogCell => ({ offset, recordId, key: null, producer: 'p1', leaderEpoch: 0, flushed: true, belowHighWatermark: true });

describe('lostCells', () => {
  it('finds the cells cut off above the new log end', () => {
    const before = [cell(10, 1), cell(11, 2), cell(12, 3)];
    const after = [cell(10, 1)];
    expect(lostCells(before, after, 11).map((c) => c.offset)).toEqual([11, 12]);
  });

  it('finds cells replaced at the same offset by another record (truncated, then refilled)', () => {
    expect(lostCells([cell(10, 1), cell(11, 2)], [cell(10, 1), cell(11, 9)], 12).map((c) => c.recordId)).toEqual([2]);
  });

  it('does not count cells that merely scrolled out of the window', () => {
    expect(lostCells([cell(10, 1), cell(11, 2)], [cell(11, 2), cell(12, 3)], 13)).toEqual([]);
  });
});
