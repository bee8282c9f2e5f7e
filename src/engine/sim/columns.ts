import { registerClass, registerFunction } from '../core/graphRegistry';
/**
 * Growable typed-array columns indexed by a dense id (record ids are 1, 2, 3 …): a million
 * records cost a few typed arrays instead of a million objects.
 */
type Typed = Int32Array | Float64Array | Uint8Array;

export class Column<A extends Typed> {
  constructor(
    public data: A,
    private readonly make: (n: number) => A,
  ) {}

  ensure(index: number): void {
    if (index < this.data.length) return;
    let n = this.data.length * 2;
    while (n <= index) n *= 2;
    const bigger = this.make(n);
    bigger.set(this.data);
    this.data = bigger;
  }

  get(index: number): number {
    return index < this.data.length ? this.data[index]! : 0;
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) this.ensure(index);
    this.data[index] = value;
  }
}

export const int32 = (n: number): Int32Array => new Int32Array(n);
export const float64 = (n: number): Float64Array => new Float64Array(n);
export const uint8 = (n: number): Uint8Array => new Uint8Array(n);
// A column's allocator sits in a field: module-level and named, so a checkpoint can name it.
registerFunction('column.int32', int32);
registerFunction('column.float64', float64);
registerFunction('column.uint8', uint8);

export const int32Column = (): Column<Int32Array> => new Column(int32(1024), int32);
export const uint8Column = (): Column<Uint8Array> => new Column(uint8(1024), uint8);
export const float64Column = (): Column<Float64Array> => new Column(float64(1024), float64);

// Monomorphic accessors for the per-record hot paths: `Column.get`/`set` are shared by three
// array types, so their element loads and stores are polymorphic; these stay on one type each.
// A 0 is not written past a column's end (`get` reads 0 there anyway).

export function putInt(column: Column<Int32Array>, index: number, value: number): void {
  const data = column.data;
  if (index < data.length) data[index] = value;
  else if (value !== 0) column.set(index, value);
}

export function putFloat(column: Column<Float64Array>, index: number, value: number): void {
  const data = column.data;
  if (index < data.length) data[index] = value;
  else if (value !== 0) column.set(index, value);
}

export function putByte(column: Column<Uint8Array>, index: number, value: number): void {
  const data = column.data;
  if (index < data.length) data[index] = value;
  else if (value !== 0) column.set(index, value);
}

export function getInt(column: Column<Int32Array>, index: number): number {
  const data = column.data;
  return index < data.length ? data[index]! : 0;
}

export function getByte(column: Column<Uint8Array>, index: number): number {
  const data = column.data;
  return index < data.length ? data[index]! : 0;
}

registerClass('Column', Column);
