import { describe, expect, it } from 'vitest';
import { Column, float64Column, getInt, int32Column, putInt, uint8Column } from './columns';

describe('Column', () => {
  it('grows into an array of its own type and keeps what it held', () => {
    const c = int32Column();
    c.set(3, 7);
    c.set(5000, -2);
    expect(c.data).toBeInstanceOf(Int32Array);
    expect(c.data.length).toBeGreaterThan(5000);
    expect([c.get(3), c.get(5000), c.get(4999)]).toEqual([7, -2, 0]);
    const f = float64Column();
    f.set(3000, 1.5);
    expect(f.data).toBeInstanceOf(Float64Array);
    expect(f.get(3000)).toBe(1.5);
    const b = uint8Column();
    b.set(2048, 9);
    expect(b.data).toBeInstanceOf(Uint8Array);
    expect(b.get(2048)).toBe(9);
  });

  it('reads 0 past its end and does not grow to store a 0', () => {
    const c = new Column(new Int32Array(4));
    expect(getInt(c, 100)).toBe(0);
    putInt(c, 100, 0);
    expect(c.data.length).toBe(4);
    putInt(c, 100, 1);
    expect(getInt(c, 100)).toBe(1);
  });

  it('is plain data: no function in its fields, it survives structuredClone', () => {
    const c = int32Column();
    c.set(2000, 42);
    expect(Object.values(c).some((v) => typeof v === 'function')).toBe(false);
    const copy = structuredClone(c);
    expect(copy.data[2000]).toBe(42);
  });
});
