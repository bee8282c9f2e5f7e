import { describe, expect, it } from 'vitest';
import { CHUNK, float64Column, getInt, int32Column, putInt, TextColumn, uint8Column } from './columns';
import { decodeGraph, encodeGraph } from '../core/graphCodec';
import type { Column } from './columns';

describe('Column', () => {
  it('holds values of its own type at any index, and reads 0 where nothing was written', () => {
    const c = int32Column();
    c.set(3, 7);
    c.set(5000, -2);
    expect([c.get(3), c.get(5000), c.get(4999), c.get(1e6)]).toEqual([7, -2, 0, 0]);
    const f = float64Column();
    f.set(3000, 1.5);
    expect(f.get(3000)).toBe(1.5);
    const b = uint8Column();
    b.set(2048, 9);
    b.set(2049, 300);
    expect([b.get(2048), b.get(2049)]).toEqual([9, 300 & 255]);
  });

  it('does not grow to store a 0', () => {
    const c = int32Column();
    putInt(c, 100_000, 0);
    expect(c.capacity).toBe(0);
    putInt(c, 100_000, 1);
    expect(getInt(c, 100_000)).toBe(1);
  });

  it('is plain data: no function in its fields, it survives structuredClone', () => {
    const c = int32Column();
    c.set(2000, 42);
    expect(Object.values(c).some((v) => typeof v === 'function')).toBe(false);
    const copy = structuredClone(c);
    expect(copy.chunks[Math.floor(2000 / CHUNK)]![2000 % CHUNK]).toBe(42);
  });

  it('shares its chunks with a checkpoint, copy-on-write: later writes change neither the checkpoint nor another restore', () => {
    const c = int32Column();
    for (let i = 0; i < 3 * CHUNK; i++) putInt(c, i, i);
    const graph = encodeGraph(c, { immutable: () => false });
    putInt(c, 5, -5); // a write after the checkpoint
    putInt(c, 3 * CHUNK + 1, 9);
    const a = decodeGraph(graph) as Column<Int32Array>;
    const b = decodeGraph(graph) as Column<Int32Array>;
    putInt(a, 6, -6);
    expect([a.get(5), a.get(6), a.get(3 * CHUNK + 1)]).toEqual([5, -6, 0]);
    expect([b.get(5), b.get(6)]).toEqual([5, 6]);
    expect([c.get(5), c.get(6), c.get(3 * CHUNK + 1)]).toEqual([-5, 6, 9]);
    // Unchanged chunks are the same arrays in the live column, the checkpoint and its restores.
    expect(a.chunks[2]).toBe(c.chunks[2]);
    expect(b.chunks[2]).toBe(c.chunks[2]);
    const again = decodeGraph(JSON.parse(JSON.stringify(graph)) as typeof graph) as Column<Int32Array>;
    expect([again.get(5), again.get(6), again.get(3 * CHUNK - 1)]).toEqual([5, 6, 3 * CHUNK - 1]);
  });

  it('costs a checkpoint no copy of which chunks it owns: every checkpointed column refers to one shared, empty list', () => {
    const columns = [int32Column(), float64Column(), uint8Column()];
    for (const c of columns) for (let i = 0; i < 5 * CHUNK; i += 7) c.set(i, 1);
    const graph = encodeGraph({ columns }, { immutable: () => false });
    const flags = graph.nodes.filter((n) => n !== null && 'c' in n && n.c === 'Column').map((n) => {
      const node = n as { o: unknown[]; k: string[] };
      return JSON.stringify(node.o[node.k.indexOf('owned')]);
    });
    expect(flags).toHaveLength(3);
    expect(new Set(flags).size).toBe(1);
    // Writing after the checkpoint still copies a chunk first, in every column.
    for (const c of columns) c.set(7, 2);
    const restored = (decodeGraph(graph) as { columns: Column<Int32Array>[] }).columns;
    expect(restored.map((c) => c.get(7))).toEqual([1, 1, 1]);
    expect(columns.map((c) => c.get(7))).toEqual([2, 2, 2]);
  });
});

describe('Column with a negative index (the ids of internal records)', () => {
  it('stores nothing and reads 0, so the checkpoint holds all there is', () => {
    const c = int32Column();
    putInt(c, -18, 7);
    expect(getInt(c, -18)).toBe(0);
    expect(Object.keys(c.chunks)).toEqual([]);
  });
});

describe('TextColumn', () => {
  it('holds a string or null per index, and reads null where nothing was written', () => {
    const c = new TextColumn();
    c.set(3, 'user-3');
    c.set(5000, 'user-5000');
    c.set(7000, null);
    expect([c.get(3), c.get(5000), c.get(4), c.get(7000), c.get(1e6)]).toEqual(['user-3', 'user-5000', null, null, null]);
    expect(c.chunks[Math.floor(7000 / CHUNK)]).toBeUndefined(); // a null is not stored in a missing chunk
  });

  it('shares its chunks with a checkpoint by reference, copy-on-write, in memory and through JSON', () => {
    const c = new TextColumn();
    for (let i = 0; i < 2 * CHUNK; i++) c.set(i, `k${i}`);
    const graph = encodeGraph(c, { immutable: () => false });
    const restored = decodeGraph(graph) as TextColumn;
    expect(restored.chunks[0]).toBe(c.chunks[0]); // held, not copied
    c.set(1, 'changed');
    restored.set(2, 'other');
    const again = decodeGraph(graph) as TextColumn;
    const viaJson = decodeGraph(JSON.parse(JSON.stringify(graph))) as TextColumn;
    for (const r of [again, viaJson]) expect([r.get(1), r.get(2), r.get(CHUNK + 5)]).toEqual(['k1', 'k2', `k${CHUNK + 5}`]);
    expect([c.get(1), c.get(2), restored.get(1), restored.get(2)]).toEqual(['changed', 'k2', 'k1', 'other']);
  });
});
