import { registerClass } from '../core/graphRegistry';
/**
 * Growable typed-array columns indexed by a dense id (record ids are 1, 2, 3 …): a million
 * records cost a few typed arrays instead of a million objects.
 *
 * Plain data: a column holds its array and nothing else (no factory function), so a checkpoint
 * can encode it; it grows into a bigger array of the same type, made from the array's own
 * constructor.
 */
type Typed = Int32Array | Float64Array | Uint8Array;
type TypedConstructor<A extends Typed> = new (length: number) => A;

/** The next power-of-two length (at least double) that holds `index`. */
function grownLength(length: number, index: number): number {
  let n = Math.max(1, length) * 2;
  while (n <= index) n *= 2;
  return n;
}

function grown<A extends Typed>(data: A, length: number): A {
  const bigger = new (data.constructor as TypedConstructor<A>)(length);
  bigger.set(data);
  return bigger;
}

export class Column<A extends Typed> {
  constructor(public data: A) {}

  ensure(index: number): void {
    if (index < this.data.length) return;
    this.data = grown(this.data, grownLength(this.data.length, index));
  }

  get(index: number): number {
    return index < this.data.length ? this.data[index]! : 0;
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) this.ensure(index);
    this.data[index] = value;
  }
}

export const int32Column = (): Column<Int32Array> => new Column(new Int32Array(1024));
export const uint8Column = (): Column<Uint8Array> => new Column(new Uint8Array(1024));
export const float64Column = (): Column<Float64Array> => new Column(new Float64Array(1024));

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
