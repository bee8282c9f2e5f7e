import { registerClass } from '../core/graphRegistry';
import { freezeArray, freezeTyped } from '../core/graphShare';
/**
 * Typed-array columns indexed by a dense id (record ids are 1, 2, 3 …): a million records cost a
 * few hundred small typed arrays instead of a million objects.
 *
 * Stored in chunks of CHUNK cells, shared copy-on-write with checkpoints: a checkpoint takes the
 * chunks as they are (no copy) and marks them shared; the next write to a shared chunk copies that
 * chunk first. A restore starts from the checkpoint's chunks, all shared. So a checkpoint and a
 * restore cost O(chunks), not O(bytes), and each checkpoint holds only the chunks written since
 * the one before (records are written near the end of the column: their ids grow).
 *
 * Plain data: a column holds its chunks, their owner flags and its kind (no factory function), so
 * a checkpoint can encode it.
 */
type Typed = Int32Array | Float64Array | Uint8Array;
type Kind = 'Int32Array' | 'Float64Array' | 'Uint8Array';

const SHIFT = 10;
/** Cells per chunk: 4 KB of Int32 (8 KB of Float64), about two seconds of the 10-minute workload's records. */
export const CHUNK = 1 << SHIFT;
const MASK = CHUNK - 1;

function make(kind: Kind): Typed {
  return kind === 'Int32Array' ? new Int32Array(CHUNK) : kind === 'Float64Array' ? new Float64Array(CHUNK) : new Uint8Array(CHUNK);
}

export class Column<A extends Typed> {
  /** Chunk k holds cells k·CHUNK …; a missing chunk reads as zeros. */
  readonly chunks: (A | undefined)[] = [];
  /**
   * Per chunk, 1 when this column alone holds it (written in place); 0 (or past the end) once a
   * checkpoint shares it. A checkpoint leaves the shared empty array here (`freeze`), which every
   * checkpoint holds by reference: the flags cost a checkpoint nothing (as a number[] they were a
   * fresh copy per column and checkpoint, about 80 KB each on the 10-minute workload).
   */
  owned: Uint8Array = NONE_OWNED;

  constructor(readonly kind: Kind) {}

  get(index: number): number {
    const c = this.chunks[index >> SHIFT];
    return c === undefined ? 0 : c[index & MASK]!;
  }

  set(index: number, value: number): void {
    const k = index >> SHIFT;
    const c = this.chunks[k];
    if (c !== undefined && this.owned[k] === 1) c[index & MASK] = value;
    else if (c !== undefined || value !== 0) writable(this, k)[index & MASK] = value;
  }

  /** Number of cells the chunks cover (every cell at or past it reads 0). */
  get capacity(): number {
    return this.chunks.length * CHUNK;
  }

  /** For the checkpoint codec: from now on the chunks are shared, and a write copies its chunk first. */
  freeze(): void {
    freezeOwned(this, freezeTyped);
  }
}

/** Chunk k, made this column's own (a copy when it is shared, zeros when missing). */
function writable<A extends Typed>(column: Column<A>, k: number): A {
  // A negative index (the ids of internal records, e.g. __consumer_offsets') is not stored: it reads 0.
  if (k < 0) return make(column.kind) as A;
  const c = column.chunks[k];
  return install(column, k, (c === undefined ? make(column.kind) : c.slice()) as A);
}

/** What the typed and text columns share: their chunks, and which of those they alone hold. */
interface ChunkHolder<C> {
  readonly chunks: (C | undefined)[];
  owned: Uint8Array;
}

/** Puts a chunk the holder alone holds at k (a copy of a shared one, or a new one). */
function install<C>(holder: ChunkHolder<C>, k: number, chunk: C): C {
  while (holder.chunks.length < k) holder.chunks.push(undefined);
  holder.chunks[k] = chunk;
  if (k >= holder.owned.length) holder.owned = grown(holder.owned, k);
  holder.owned[k] = 1;
  return chunk;
}

/** Hands the chunks the holder alone held to checkpoints (`freeze` each), so the next write copies first. */
function freezeOwned<C>(holder: ChunkHolder<C>, freeze: (chunk: C) => void): void {
  const { chunks, owned } = holder;
  for (let k = 0; k < chunks.length; k++) {
    const c = chunks[k];
    if (c !== undefined && owned[k] === 1) freeze(c);
  }
  holder.owned = NONE_OWNED;
}

/** No chunk owned: shared by every column just checkpointed (frozen, so checkpoints hold it by reference; never written). */
const NONE_OWNED = new Uint8Array(0);
freezeTyped(NONE_OWNED);

/** The flags with room for chunk k (doubling, so a growing column reallocates them rarely). */
function grown(owned: Uint8Array, k: number): Uint8Array {
  const out = new Uint8Array(Math.max(16, 2 * owned.length, k + 1));
  out.set(owned);
  return out;
}

export const int32Column = (): Column<Int32Array> => new Column<Int32Array>('Int32Array');
export const uint8Column = (): Column<Uint8Array> => new Column<Uint8Array>('Uint8Array');
export const float64Column = (): Column<Float64Array> => new Column<Float64Array>('Float64Array');

// Monomorphic accessors for the per-record hot paths: `Column.get`/`set` are shared by three
// array types, so their element loads and stores are polymorphic; these stay on one type each.
// A 0 is not written into a missing chunk (it reads 0 anyway).

export function putInt(column: Column<Int32Array>, index: number, value: number): void {
  const k = index >> SHIFT;
  const c = column.chunks[k];
  if (c !== undefined && column.owned[k] === 1) c[index & MASK] = value;
  else if (c !== undefined || value !== 0) writable(column, k)[index & MASK] = value;
}

export function putFloat(column: Column<Float64Array>, index: number, value: number): void {
  const k = index >> SHIFT;
  const c = column.chunks[k];
  if (c !== undefined && column.owned[k] === 1) c[index & MASK] = value;
  else if (c !== undefined || value !== 0) writable(column, k)[index & MASK] = value;
}

export function putByte(column: Column<Uint8Array>, index: number, value: number): void {
  const k = index >> SHIFT;
  const c = column.chunks[k];
  if (c !== undefined && column.owned[k] === 1) c[index & MASK] = value;
  else if (c !== undefined || value !== 0) writable(column, k)[index & MASK] = value;
}

export function getInt(column: Column<Int32Array>, index: number): number {
  const c = column.chunks[index >> SHIFT];
  return c === undefined ? 0 : c[index & MASK]!;
}

export function getFloat(column: Column<Float64Array>, index: number): number {
  const c = column.chunks[index >> SHIFT];
  return c === undefined ? 0 : c[index & MASK]!;
}

export function getByte(column: Column<Uint8Array>, index: number): number {
  const c = column.chunks[index >> SHIFT];
  return c === undefined ? 0 : c[index & MASK]!;
}

/**
 * A column of strings (or null) indexed by id, stored like the typed columns: in chunks of CHUNK
 * cells shared copy-on-write with checkpoints (a checkpoint holds a chunk by reference, a restore
 * hands it back, the column copies a shared chunk before writing to it). A plain array of every
 * value was copied whole by every restore (a record's key: 300,000 on the 10-minute workload).
 */
export class TextColumn {
  readonly chunks: ((string | null)[] | undefined)[] = [];
  /** Per chunk, 1 when this column alone holds it (see Column.owned). */
  owned: Uint8Array = NONE_OWNED;

  get(index: number): string | null {
    const c = this.chunks[index >> SHIFT];
    return c === undefined ? null : (c[index & MASK] ?? null);
  }

  set(index: number, value: string | null): void {
    const k = index >> SHIFT;
    if (k < 0) return;
    const c = this.chunks[k];
    if (c !== undefined && this.owned[k] === 1) {
      c[index & MASK] = value;
      return;
    }
    if (c === undefined && value === null) return;
    install(this, k, c === undefined ? new Array<string | null>(CHUNK).fill(null) : c.slice())[index & MASK] = value;
  }

  /** For the checkpoint codec: from now on the chunks are shared, and a write copies its chunk first. */
  freeze(): void {
    freezeOwned(this, freezeArray);
  }
}

registerClass('TextColumn', TextColumn, { beforeEncode: (o) => (o as TextColumn).freeze(), blank: () => new TextColumn() });

registerClass('Column', Column, { beforeEncode: (o) => (o as Column<Typed>).freeze(), blank: () => new Column('Int32Array') });
