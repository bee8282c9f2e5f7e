/**
 * Writes an object graph as plain data and reads it back: the engine's checkpoints.
 *
 * What it keeps: shared references and cycles (every object is a node, referenced by index),
 * class instances (by their registered name: the prototype comes back), arrays (sparse ones
 * compactly), Map and Set (in order), typed arrays (copied; base64 in JSON), numbers JSON cannot
 * hold (NaN, ±Infinity, -0), undefined, registered module-level functions, and xstate actors (as
 * their persisted snapshot, restarted from their registered machine). What it refuses, naming the
 * path: closures and unregistered classes, which hold state a checkpoint could not bring back.
 *
 * The encoded graph contains only arrays, plain objects, strings, numbers, booleans, null and
 * `Bytes` boxes, so it survives both `structuredClone` and `JSON.stringify`.
 */
import { Actor, createActor, type AnyStateMachine } from 'xstate';
import { classNameOf, classNamed, functionNameOf, functionNamed } from './graphRegistry';

/** A value in the encoded graph: JSON's own scalars, or a tagged array. */
export type Encoded = string | number | boolean | null | EncodedTag;
type EncodedTag = ['r', number] | ['u'] | ['n', string] | ['f', string] | ['x', string] | ['s', number];

type Node =
  | { o: Encoded[]; k: string[]; c?: string } // plain object or class instance
  | { a: Encoded[] } // dense array
  | { s: number; i: number[]; a: Encoded[] } // sparse array: length, indices, values
  | { m: Encoded[] } // Map: key, value, key, value …
  | { e: Encoded[] } // Set
  | { t: TypedName; d: Bytes | { array: TypedArray } | string } // typed array (Bytes after structuredClone loses its prototype; a string after JSON)
  | { t: TypedName; n: number; chunks: (Bytes | { array: TypedArray } | string)[] } // a large typed array in chunks (shared with earlier checkpoints where unchanged)
  | { machine: string; snapshot: Encoded } // xstate actor
  | { im: unknown[][] }; // an array of immutable objects and JSON scalars (log batches, trace events, record ids), in shared chunks

export interface EncodedGraph {
  readonly format: 'kafka-playground/graph@1';
  readonly nodes: Node[];
  readonly root: Encoded;
  /**
   * Objects that never change once made (trace events), held as they are: checkpoints in memory
   * share them instead of copying, and JSON writes them as plain JSON.
   */
  readonly shared?: object[];
}

type TypedArray = Int32Array | Uint8Array | Float64Array | Uint32Array | Int8Array | Int16Array | Uint16Array | Float32Array;
type TypedName = 'Int32Array' | 'Uint8Array' | 'Float64Array' | 'Uint32Array' | 'Int8Array' | 'Int16Array' | 'Uint16Array' | 'Float32Array';
const TYPED: Record<TypedName, new (source: ArrayLike<number> | ArrayBufferLike | number) => TypedArray> = {
  Int32Array,
  Uint8Array,
  Float64Array,
  Uint32Array,
  Int8Array,
  Int16Array,
  Uint16Array,
  Float32Array,
};

/** A typed array's copy; JSON writes it as base64. */
export class Bytes {
  constructor(readonly array: TypedArray) {}
  toJSON(): string {
    return toBase64(new Uint8Array(this.array.buffer, this.array.byteOffset, this.array.byteLength));
  }
}

export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

const machines = new Map<string, AnyStateMachine>();

/** Lets actors of this machine be checkpointed (by the machine's id). */
export function registerMachine(machine: AnyStateMachine): void {
  machines.set(machine.id, machine);
}

export interface EncodeOptions {
  /** Objects written as a name, to be supplied again on decode (e.g. listeners outside the engine). */
  readonly externals?: ReadonlyMap<object, string>;
  /** Collect every refusal here (the value becomes null) instead of stopping at the first: a census for development. */
  readonly problems?: string[];
  /** Objects that never change once made (plain JSON data): held by reference, not copied. */
  readonly immutable?: (o: object) => boolean;
  /**
   * What the last checkpoint wrote for each large typed array (its chunks: one that has not
   * changed since is shared instead of copied; a ledger column changes near its end) and each long
   * array of immutable objects (the elements already checked).
   */
  readonly chunks?: WeakMap<object, Bytes[] | unknown[][]>;
}

export function encodeGraph(root: unknown, options: EncodeOptions = {}): EncodedGraph {
  const ids = new Map<object, number>();
  const pending: object[] = [];
  const parents: number[] = [];
  const parentKeys: string[] = [];
  const nodes: Node[] = [];
  const externals = options.externals;
  const problems = options.problems;
  const immutable = options.immutable;
  const shared: object[] = [];
  const sharedIds = new Map<object, number>();
  const refuse = (message: string): null => {
    if (!problems) throw new CheckpointError(message);
    problems.push(message);
    return null;
  };

  const path = (id: number, key: string): string => {
    const parts = [key];
    for (let at = id; at >= 0; at = parents[at]!) parts.unshift(parentKeys[at]!);
    return parts.join('');
  };

  const value = (v: unknown, from: number, key: string): Encoded => {
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return v;
      case 'number':
        return Number.isFinite(v) && !Object.is(v, -0) ? v : ['n', Object.is(v, -0) ? '-0' : String(v)];
      case 'undefined':
        return ['u'];
      case 'function': {
        const name = functionNameOf(v);
        if (name === undefined) return refuse(`a closure cannot be checkpointed: ${path(from, key)} (${v.name || String(v).replace(/\s+/g, ' ').slice(0, 90)})`);
        return ['f', name];
      }
      case 'object': {
        if (v === null) return null;
        const external = externals?.get(v);
        if (external !== undefined) return ['x', external];
        if (immutable?.(v)) {
          let at = sharedIds.get(v);
          if (at === undefined) {
            at = shared.length;
            shared.push(v);
            sharedIds.set(v, at);
          }
          return ['s', at];
        }
        let id = ids.get(v);
        if (id === undefined) {
          id = pending.length;
          ids.set(v, id);
          pending.push(v);
          parents.push(from);
          parentKeys.push(key);
        }
        return ['r', id];
      }
      default:
        return refuse(`a ${typeof v} cannot be checkpointed: ${path(from, key)}`);
    }
  };

  const encodedRoot = value(root, -1, 'root');
  const chunks = options.chunks;
  for (let id = 0; id < pending.length; id++) {
    const o = pending[id]!;
    nodes.push(chunks && ArrayBuffer.isView(o) && o.byteLength >= 2 * CHUNK_BYTES ? encodeChunked(o as TypedArray, chunks) : encodeNode(o, id, value, path, refuse, immutable, chunks));
  }
  return shared.length > 0 ? { format: 'kafka-playground/graph@1', nodes, root: encodedRoot, shared } : { format: 'kafka-playground/graph@1', nodes, root: encodedRoot };
}

function encodeNode(
  o: object,
  id: number,
  value: (v: unknown, from: number, key: string) => Encoded,
  path: (id: number, key: string) => string,
  refuse: (message: string) => null,
  immutable: ((o: object) => boolean) | undefined,
  cache: WeakMap<object, Bytes[] | unknown[][]> | undefined,
): Node {
  if (Array.isArray(o)) return (immutable && allImmutable(o, immutable, cache)) || encodeArray(o, id, value);
  if (o instanceof Map) {
    const m: Encoded[] = [];
    let i = 0;
    for (const [k, v] of o) {
      m.push(value(k, id, `.<key ${i}>`), value(v, id, `.get(${String(k)})`));
      i++;
    }
    return { m };
  }
  if (o instanceof Set) {
    const e: Encoded[] = [];
    for (const v of o) e.push(value(v, id, '.<element>'));
    return { e };
  }
  if (ArrayBuffer.isView(o)) {
    const name = o.constructor.name as TypedName;
    if (!(name in TYPED)) return (refuse(`a ${name} cannot be checkpointed: ${path(id, '')}`), { a: [] });
    return { t: name, d: new Bytes((o as TypedArray).slice()) };
  }
  if (o instanceof Actor) {
    const machine = (o as Actor<AnyStateMachine>).logic;
    if (machines.get(machine.id) !== machine) return (refuse(`machine "${machine.id}" is not registered for checkpoints: ${path(id, '')}`), { a: [] });
    return { machine: machine.id, snapshot: value(o.getPersistedSnapshot(), id, '.<snapshot>') };
  }
  const proto = Object.getPrototypeOf(o) as object | null;
  let c: string | undefined;
  if (proto !== Object.prototype && proto !== null) {
    c = classNameOf(proto);
    if (c === undefined) refuse(`class ${proto.constructor.name} is not registered for checkpoints: ${path(id, '')}`);
  }
  const k = Object.keys(o);
  const values: Encoded[] = new Array<Encoded>(k.length);
  for (let i = 0; i < k.length; i++) values[i] = value((o as Record<string, unknown>)[k[i]!], id, `.${k[i]}`);
  return c === undefined ? { o: values, k } : { o: values, k, c };
}

/**
 * A long array of immutable objects and plain JSON scalars only (a log's batches, the event ring,
 * a column of record ids) is held as it is, in chunks of IM_CHUNK elements: a chunk equal, element
 * for element, to the last checkpoint's is shared with it, so a growing array costs each
 * checkpoint only its new end. Identity between two such arrays survives in memory; through JSON
 * each gets its own copies, equal in value (undefined comes back as null, -0 as 0).
 */
const IM_CHUNK = 4096;

function allImmutable(a: unknown[], immutable: (o: object) => boolean, cache: WeakMap<object, Bytes[] | unknown[][]> | undefined): Node | null {
  if (a.length < 16) return null;
  const previous = cache?.get(a) as unknown[][] | undefined;
  const chunks: unknown[][] = [];
  for (let from = 0, c = 0; from < a.length; from += IM_CHUNK, c++) {
    const to = Math.min(a.length, from + IM_CHUNK);
    const old = previous?.[c];
    if (old && old.length === to - from && sameElements(a, from, old)) {
      chunks.push(old); // checked when it was first written
      continue;
    }
    for (let i = from; i < to; i++) if (!scalarOrImmutable(a[i], immutable)) return null;
    chunks.push(a.slice(from, to));
  }
  cache?.set(a, chunks);
  return { im: chunks };
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

const CHUNK_BYTES = 64 * 1024;

/** A large typed array as chunks, reusing the previous checkpoint's copy of every unchanged chunk. */
function encodeChunked(array: TypedArray, cache: WeakMap<object, Bytes[] | unknown[][]>): Node {
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

function encodeArray(a: unknown[], id: number, value: (v: unknown, from: number, key: string) => Encoded): Node {
  let present = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== undefined) present++;
  if (a.length > 64 && present * 2 < a.length) {
    const indices: number[] = [];
    const values: Encoded[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] === undefined) continue;
      indices.push(i);
      values.push(value(a[i], id, `[${i}]`));
    }
    return { s: a.length, i: indices, a: values };
  }
  const values: Encoded[] = new Array<Encoded>(a.length);
  for (let i = 0; i < a.length; i++) values[i] = value(a[i], id, `[${i}]`);
  return { a: values };
}

export interface DecodeOptions {
  readonly externals?: ReadonlyMap<string, unknown>;
}

export function decodeGraph(graph: EncodedGraph, options: DecodeOptions = {}): unknown {
  if (graph?.format !== 'kafka-playground/graph@1' || !Array.isArray(graph.nodes)) throw new CheckpointError('not a checkpoint graph (format kafka-playground/graph@1)');
  const nodes = graph.nodes;
  const objects: unknown[] = new Array<unknown>(nodes.length);
  const state = new Uint8Array(nodes.length); // 0 shell, 1 filling, 2 filled

  // Pass 1: a shell for every node, so references and cycles resolve.
  for (let id = 0; id < nodes.length; id++) objects[id] = shellOf(nodes[id]!);

  const value = (v: Encoded): unknown => {
    if (v === null || typeof v !== 'object') return v;
    switch (v[0]) {
      case 'r':
        if (nodes[v[1]]! && 'machine' in nodes[v[1]]!) fill(v[1]);
        return objects[v[1]];
      case 'u':
        return undefined;
      case 'n':
        return v[1] === '-0' ? -0 : Number(v[1]);
      case 'f': {
        const fn = functionNamed(v[1]);
        if (fn === undefined) throw new CheckpointError(`function "${v[1]}" is not registered in this build`);
        return fn;
      }
      case 'x':
        if (!options.externals?.has(v[1])) throw new CheckpointError(`external "${v[1]}" was not supplied`);
        return options.externals.get(v[1]);
      case 's':
        return graph.shared![v[1]];
    }
  };

  const fill = (id: number): void => {
    if (state[id] !== 0) return;
    state[id] = 1;
    const node = nodes[id]!;
    const target = objects[id];
    if ('k' in node) {
      const o = target as Record<string, unknown>;
      for (let i = 0; i < node.k.length; i++) o[node.k[i]!] = value(node.o[i]!);
    } else if ('s' in node) {
      const a = target as unknown[];
      for (let i = 0; i < node.i.length; i++) a[node.i[i]!] = value(node.a[i]!);
    } else if ('a' in node) {
      const a = target as unknown[];
      for (let i = 0; i < node.a.length; i++) a[i] = value(node.a[i]!);
    } else if ('m' in node) {
      const m = target as Map<unknown, unknown>;
      for (let i = 0; i < node.m.length; i += 2) m.set(value(node.m[i]!), value(node.m[i + 1]!));
    } else if ('e' in node) {
      const s = target as Set<unknown>;
      for (const v of node.e) s.add(value(v));
    } else if ('machine' in node) {
      // The snapshot is a plain tree: fill it whole before the actor reads it.
      const snapshot = deepFill(node.snapshot);
      const machine = machines.get(node.machine);
      if (!machine) throw new CheckpointError(`machine "${node.machine}" is not registered in this build`);
      objects[id] = createActor(machine, { snapshot: snapshot as never }).start();
    }
    state[id] = 2;
  };

  const deepFill = (v: Encoded): unknown => {
    if (Array.isArray(v) && v[0] === 'r') {
      const stack = [v[1]];
      while (stack.length > 0) {
        const id = stack.pop()!;
        if (state[id] !== 0) continue;
        fill(id);
        for (const child of childrenOf(nodes[id]!)) stack.push(child);
      }
    }
    return value(v);
  };

  for (let id = 0; id < nodes.length; id++) fill(id);
  return value(graph.root);
}

function shellOf(node: Node): unknown {
  if ('k' in node) {
    if (node.c === undefined) return {};
    const cls = classNamed(node.c);
    if (!cls) throw new CheckpointError(`class "${node.c}" is not registered in this build`);
    return Object.create(cls.prototype as object) as object;
  }
  if ('s' in node) return new Array<unknown>(node.s);
  if ('a' in node) return new Array<unknown>(node.a.length);
  if ('m' in node) return new Map();
  if ('e' in node) return new Set();
  if ('im' in node) return ([] as unknown[]).concat(...node.im);
  if ('chunks' in node) return typedFromChunks(node.t, node.n, node.chunks);
  if ('t' in node) return typedFrom(node.t, node.d);
  return null; // an actor: made when filled
}

function childrenOf(node: Node): number[] {
  const list = 'k' in node || 's' in node || 'a' in node ? ('o' in node ? node.o : node.a) : 'm' in node ? node.m : 'e' in node ? node.e : [];
  const out: number[] = [];
  for (const v of list) if (Array.isArray(v) && v[0] === 'r') out.push(v[1]);
  return out;
}

function typedFrom(name: TypedName, data: Bytes | { array: TypedArray } | string): TypedArray {
  const Ctor = TYPED[name];
  if (!Ctor) throw new CheckpointError(`unknown typed array "${String(name)}"`);
  if (typeof data === 'string') {
    const bytes = fromBase64(data);
    return new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  return new Ctor(data.array); // a copy: a checkpoint can be restored many times
}

function typedFromChunks(name: TypedName, length: number, chunks: (Bytes | { array: TypedArray } | string)[]): TypedArray {
  const Ctor = TYPED[name];
  if (!Ctor) throw new CheckpointError(`unknown typed array "${String(name)}"`);
  const out = new Ctor(length);
  const bytes = new Uint8Array(out.buffer);
  let at = 0;
  for (const chunk of chunks) {
    const part = typeof chunk === 'string' ? fromBase64(chunk) : (chunk.array as Uint8Array);
    bytes.set(part, at);
    at += part.length;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
