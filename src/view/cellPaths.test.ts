import { describe, expect, it } from 'vitest';
import type { LogCell } from '../engine';
import { cellLabel, cellShapes, offsetAt, type CellGeometry } from './cellPaths';

const s = { x: 100, y: 50, width: 80, height: 20, cells: 4, cellWidth: 20 };
const geometry: CellGeometry = { s, glyphs: false, fontSize: 12, glyphRadius: 3, producerIndex: new Map([['p1', 0], ['p2', 1]]) };
const colours: Record<string, string> = { p1: '#0072B2', p2: '#E69F00' };
const cell = (offset: number, more: Partial<LogCell> = {}): LogCell => ({ offset, recordId: 1000 + offset, key: null, producer: 'p1', leaderEpoch: 0, flushed: true, belowHighWatermark: true, ...more });
/** The boxes a path draws, as [x, y] of each subpath's start. */
const starts = (d: string) => [...d.matchAll(/M([\d.-]+),([\d.-]+)h/g)].map((m) => [Number(m[1]), Number(m[2])]);

describe("a strip's cells as shapes", () => {
  it('draws one box per cell in the window, in the fill of its producer and tone', () => {
    const cells = [cell(9), cell(10), cell(11, { producer: 'p2' }), cell(12, { belowHighWatermark: false })];
    const shapes = cellShapes(cells, 10, geometry, (p) => colours[p]!, null);
    // Offset 9 is left of the window: not drawn. A cell sits at s.x + offset × cellWidth (the group slides).
    expect([...shapes.fills.values()].map((f) => [f.colour, f.committed, starts(f.d)])).toEqual([
      ['#0072B2', true, [[300.5, 50]]],
      ['#E69F00', true, [[320.5, 50]]],
      ['#0072B2', false, [[340.5, 50]]],
    ]);
  });

  it('hatches only the cells still in the page cache and rings only the highlighted record', () => {
    const cells = [cell(10), cell(11, { flushed: false }), cell(12, { flushed: false })];
    const shapes = cellShapes(cells, 10, geometry, (p) => colours[p]!, 1011);
    expect(starts(shapes.hatch)).toEqual([[320.5, 50], [340.5, 50]]);
    expect(shapes.ring).toEqual({ x: 319, y: 48, width: 22, height: 24 });
    expect(cellShapes(cells, 10, geometry, (p) => colours[p]!, 5).ring).toBeNull();
  });

  it('writes round offsets that fit, in ink that reads on the cell', () => {
    const shapes = cellShapes([cell(10), cell(11), cell(15, { belowHighWatermark: false })], 10, geometry, (p) => colours[p]!, null);
    expect(shapes.labels.map((l) => [l.text, l.fill])).toEqual([['10', '#ffffff'], ['15', 'var(--kv-fg)']]);
    expect(cellLabel(10, 8, 20, 12)).toBeNull(); // too narrow for two digits at 9 px
    expect(cellLabel(10, 20, 10, 12)).toBeNull(); // too low
  });

  it('draws a glyph per cell when producers are told apart by shape', () => {
    const shapes = cellShapes([cell(10), cell(11, { producer: 'p2' })], 10, { ...geometry, glyphs: true }, (p) => colours[p]!, null);
    expect(shapes.glyphs.match(/M/g)).toHaveLength(2);
  });

  it('finds the offset under a point, so a click picks the record drawn there', () => {
    expect(offsetAt(300.5, s)).toBe(10);
    expect(offsetAt(319.9, s)).toBe(10);
    expect(offsetAt(320, s)).toBe(11);
  });
});
