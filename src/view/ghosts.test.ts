/** Truncated cells are remembered as ghosts for a while, and forgotten on a seek back. */
import { describe, expect, it } from 'vitest';
import { builtInScenarios, createSimulation, type LogCell } from '../engine';
import { TruncationGhosts, lostCells } from './ghosts';

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

describe('TruncationGhosts on a real run', () => {
  it('remembers the records a replica truncated after acks=1 lost them, and forgets them on a seek back', () => {
    const sim = createSimulation(builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario);
    const ghosts = new TruncationGhosts();
    let seen: { key: string; count: number } | null = null;
    for (let t = 0; t <= 40000 && !seen; t += 100) {
      sim.runUntil(t);
      ghosts.update(sim.snapshot());
      for (const b of [1, 2, 3]) {
        const list = ghosts.of(`orders-0:${b}`);
        if (list.length > 0) seen = { key: `orders-0:${b}`, count: list.length };
      }
    }
    expect(seen).not.toBeNull();
    // A snapshot from an earlier time (a seek back) clears what was remembered.
    const early = createSimulation(builtInScenarios.find((s) => s.id === 'acks1-leader-crash')!.scenario);
    early.runUntil(100);
    ghosts.update(early.snapshot());
    expect(ghosts.of(seen!.key)).toEqual([]);
  });
});
