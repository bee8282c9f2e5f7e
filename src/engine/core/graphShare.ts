/**
 * What checkpoints share instead of copying (core/graphCodec.ts writes them):
 * - typed arrays frozen by their owner (a column's chunks once a checkpoint took them: the column
 *   copies a chunk before writing to it again), held by reference;
 * - large typed arrays in chunks, each chunk unchanged since the last checkpoint shared with it;
 * - long arrays of immutable objects (log batches, record ids), in chunks shared the same way.
 */

export type TypedArray = Int32Array | Uint8Array | Float64Array | Uint32Array | Int8Array | Int16Array | Uint16Array | Float32Array;
export type TypedName = 'Int32Array' | 'Uint8Array' | 'Float64Array' | 'Uint32Array' | 'Int8Array' | 'Int16Array' | 'Uint16Array' | 'Float32Array';

/** The typed arrays a checkpoint holds, by name. */
export const TYPED: Record<TypedName, new (source: ArrayLike<number> | ArrayBufferLike | number) => TypedArray> = {
  Int32Array,
  Uint8Array,
  Float64Array,
  Uint32Array,
  Int8Array,
  Int16Array,
  Uint16Array,
  Float32Array,
};

/** A typed array held by a checkpoint (a copy, or a frozen array); JSON writes it as base64. */
export class Bytes {
  constructor(readonly array: TypedArray) {}
  toJSON(): string {
    return toBase64(new Uint8Array(this.array.buffer, this.array.byteOffset, this.array.byteLength));
  }
}

/**
 * The chunks of a large typed array, of a long immutable array and of a list of frozen arrays, as
 * last checkpointed (or restored), by array. A Map, not a WeakMap: the encoder forgets the arrays
 * a checkpoint no longer reaches (graphCodec.ts). As a WeakMap its values (chunks of batches and
 * trace events: much of what checkpoints hold) were ephemerons, which V8 marks in the final pause
 * of a major GC: on the 10-minute workload ~300 ms of a 360 ms pause at 5 minutes.
 */
export type ChunkCache = Map<object, Bytes[] | ImmutableChunks | FrozenListChunks>;

/** A long immutable array as last written: its chunks, and (a long one) its groups of chunks. */
export interface ImmutableChunks {
  readonly chunks: unknown[][];
  readonly groups: unknown[][][] | undefined;
}

export type ChunkedNode = { t: TypedName; n: number; chunks: (Bytes | { array: TypedArray } | string)[] };
/** `ig`: a long one's chunks in groups of IM_GROUP, so that a checkpoint shares the unchanged groups too. */
export type ImmutableNode = { im: unknown[][] } | { ig: unknown[][][] };
/** A frozen typed array as a checkpoint holds it: by reference (JSON writes it as base64). */
export type FrozenNode = { t: TypedName; d: Bytes | { array: TypedArray } | string; f: 1 };
/** A list of frozen typed arrays (a column's chunks; null for a missing one), in shared chunks. */
export type FrozenListNode = { ft: (FrozenNode | null)[][] };

const frozen = new WeakSet<object>();

/**
 * Marks a typed array as never written again by its owner: checkpoints hold it by reference, and
 * a restore hands it back as it is (the owner copies it before writing).
 */
export function freezeTyped(array: TypedArray): void {
  frozen.add(array);
}

export function isFrozen(array: object): boolean {
  return frozen.has(array);
}

/** A plain array of JSON scalars that its owner never writes again (a value column's chunk): like a frozen typed array. */
export type FrozenArray = readonly (string | number | boolean | null)[];
/** A frozen plain array as a checkpoint holds it: by reference (JSON writes it as it is). */
export type FrozenArrayNode = { fa: FrozenArray };

export function freezeArray(array: FrozenArray): void {
  frozen.add(array);
}

const sparse = new WeakSet<unknown[]>();
/** Marks an array made for one checkpoint and mostly empty: written as its present elements only (not in shared chunks). */
export function markSparse(array: unknown[]): unknown[] {
  sparse.add(array);
  return array;
}

export function isSparse(array: unknown[]): boolean {
  return sparse.has(array);
}

/**
 * A long array of immutable objects and plain JSON scalars only (a log's batches, the event ring,
 * a column of record ids) is held as it is, in chunks of up to IM_CHUNK elements: a chunk equal, element
 * for element, to the last checkpoint's is shared with it, so a growing array costs each
 * checkpoint only its new end. Identity between two such arrays survives in memory; through JSON
 * each gets its own copies, equal in value (undefined comes back as null, -0 as 0).
 */
const IM_CHUNK = 256;
/**
 * A last chunk the array has grown past is kept when it holds at least this many elements, and
 * the new end gets chunks of its own: a growing log then costs a checkpoint what was appended,
 * not also a copy of the old part of its last chunk. Every chunk but the last holds at least
 * this many, so an array of n elements has at most n / MIN_KEPT + 1 chunks.
 */
const MIN_KEPT = IM_CHUNK / 4;

/**
 * Arrays whose owner promises they change only by `push`, but for the times it reports with
 * `rewrote` (a log's batches: only a truncation pops them). For such an array the last
 * checkpoint's chunks are shared without comparing them element by element (each checkpoint
 * compared the logs' every batch: a million on the 10-minute workload at 10 minutes).
 */
const growing = new WeakSet<unknown[]>();
const rewritten = new WeakSet<unknown[]>();

/** The owner's promise, renewed before each checkpoint (a restored array is a new one). */
export function growsOnly(array: unknown[]): void {
  growing.add(array);
}

/** The owner changed the array other than by `push` (removed or replaced elements). */
export function rewrote(array: unknown[]): void {
  rewritten.add(array);
}

export function allImmutable(a: unknown[], immutable: (o: object) => boolean, cache: ChunkCache | undefined): ImmutableNode | null {
  if (a.length < 16) return null;
  const cached = cache?.get(a);
  const previous = cached !== undefined && 'chunks' in cached ? cached.chunks : undefined;
  // Only pushed to since the last checkpoint: every old chunk still holds what it held.
  const grown = previous !== undefined && growing.has(a) && !rewritten.has(a);
  if (cache !== undefined) rewritten.delete(a);
  const chunks: unknown[][] = [];
  let from = 0;
  // The last checkpoint's chunks, each over its own span: an unchanged one is shared (its elements
  // were checked when it was first written), a changed one is copied over the same span.
  for (let c = 0; previous !== undefined && c < previous.length; c++) {
    const old = previous[c]!;
    const to = from + old.length;
    const last = c === previous.length - 1;
    if (to > a.length || (last && to < a.length && old.length < MIN_KEPT && old.length < IM_CHUNK)) break;
    if ((grown && to <= a.length) || sameElements(a, from, old)) chunks.push(old);
    else if (!last) {
      if (!checked(a, from, to, immutable)) return null;
      chunks.push(a.slice(from, to));
    } else break;
    from = to;
  }
  for (; from < a.length; from += IM_CHUNK) {
    const to = Math.min(a.length, from + IM_CHUNK);
    if (!checked(a, from, to, immutable)) return null;
    chunks.push(a.slice(from, to));
  }
  if (chunks.length <= IM_GROUP) {
    cache?.set(a, { chunks, groups: undefined });
    return { im: chunks };
  }
  const groups = chunksReusing(chunks, IM_GROUP, cached !== undefined && 'chunks' in cached ? cached.groups : undefined);
  cache?.set(a, { chunks, groups });
  return { ig: groups };
}

/**
 * Chunks per group of a long immutable array. A log or a column of record ids of 300,000
 * elements has about 1,200 chunks: listed whole, the list of chunks was new in every checkpoint
 * (each array grows at its end), about 60 KB a checkpoint at 10 minutes of the 10-minute workload.
 */
const IM_GROUP = 64;

/** `list` cut in chunks of `size`, each the previous chunk at its place (the same object) when it holds the same elements. */
function chunksReusing<T>(list: T[], size: number, previous: readonly T[][] | undefined): T[][] {
  const out: T[][] = [];
  for (let from = 0, c = 0; from < list.length; from += size, c++) {
    const to = Math.min(list.length, from + size);
    const old = previous?.[c];
    out.push(old !== undefined && old.length === to - from && sameElements(list, from, old) ? old : list.slice(from, to));
  }
  return out;
}

function checked(a: unknown[], from: number, to: number, immutable: (o: object) => boolean): boolean {
  for (let i = from; i < to; i++) if (!scalarOrImmutable(a[i], immutable)) return false;
  return true;
}

function sameElements(a: unknown[], from: number, chunk: unknown[]): boolean {
  for (let i = 0; i < chunk.length; i++) if (a[from + i] !== chunk[i]) return false;
  return true;
}

function scalarOrImmutable(v: unknown, immutable: (o: object) => boolean): boolean {
  switch (typeof v) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return true;
    case 'number':
      return v - v === 0; // finite
    case 'object':
      return v === null || immutable(v);
    default:
      return false;
  }
}

/**
 * A list of typed arrays all frozen (or missing) is held as chunks of FT_CHUNK entries: a column
 * of 300,000 cells has about 300 chunks and only its last ones change between two checkpoints, so
 * a checkpoint shares the rest of the list instead of walking each chunk as a node of its own (on
 * the 10-minute workload, 67 columns' 10,000 chunks were over half of a checkpoint's nodes).
 */
const FT_CHUNK = 32;
/**
 * A frozen array's node. Checkpoints holding the array share one node through the encoder's own
 * memory of what it wrote last (a list's unchanged chunk and the same array at the same place in a
 * changed one, here; a lone frozen array through graphIntern.ts `reuse`), not through a WeakMap
 * from array to node: with an entry per column chunk, that was ~80 ms of ephemeron marking in a
 * major GC's final pause at 5 minutes of the 10-minute workload.
 */
export function frozenNode(array: TypedArray, name: TypedName): FrozenNode {
  return { t: name, d: new Bytes(array), f: 1 };
}

function frozenNodeOf(v: unknown, i: number, oldRaw: unknown[] | undefined, oldEncoded: (FrozenNode | null)[] | undefined): FrozenNode | null {
  if (v === undefined) return null;
  if (oldRaw !== undefined && oldRaw[i] === v && oldEncoded?.[i]) return oldEncoded[i];
  return frozenNode(v as TypedArray, (v as TypedArray).constructor.name as TypedName);
}

/** What a list of frozen arrays was last written as: its elements per chunk, and the chunks' nodes. */
export interface FrozenListChunks {
  readonly raw: unknown[][];
  readonly encoded: (FrozenNode | null)[][];
}

/** The list as shared chunks, or null when an element is neither a frozen typed array nor undefined. */
export function frozenList(a: unknown[], cache: ChunkCache | undefined): FrozenListNode | null {
  if (a.length < FT_CHUNK) return null;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (v !== undefined && !(ArrayBuffer.isView(v) && frozen.has(v))) return null;
  }
  const cached = cache?.get(a);
  const previous = cached !== undefined && 'raw' in cached ? cached : undefined;
  const raw = chunksReusing(a, FT_CHUNK, previous?.raw);
  // A chunk kept from the last checkpoint keeps its nodes too.
  const encoded = raw.map((part, c) =>
    previous !== undefined && part === previous.raw[c] ? previous.encoded[c]! : part.map((v, i) => frozenNodeOf(v, i, previous?.raw[c], previous?.encoded[c])),
  );
  cache?.set(a, { raw, encoded });
  return { ft: encoded };
}

export const CHUNK_BYTES = 64 * 1024;

/** A large typed array as chunks, reusing the previous checkpoint's copy of every unchanged chunk. */
export function encodeChunked(array: TypedArray, cache: ChunkCache): ChunkedNode {
  const name = array.constructor.name as TypedName;
  const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
  const previous = cache.get(array) as Bytes[] | undefined;
  const out: Bytes[] = [];
  for (let at = 0, i = 0; at < bytes.length; at += CHUNK_BYTES, i++) {
    const live = bytes.subarray(at, Math.min(bytes.length, at + CHUNK_BYTES));
    const old = previous?.[i];
    out.push(old && sameBytes(old.array as Uint8Array, live) ? old : new Bytes(live.slice()));
  }
  cache.set(array, out);
  return { t: name, n: array.length, chunks: out };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  if (a.length % 4 === 0 && a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const x = new Uint32Array(a.buffer, a.byteOffset, a.length / 4);
    const y = new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

